"""The corpus gate of tests/conftest.py: without the corpus its tests are skipped with one reason counted in
the summary; with VBQPPL_REQUIRE_CORPUS=1 its absence fails them; the `corpus` marker selects them."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = "tests/test_language_real.py"     # every test there reads the corpus


def _pytest(tmp_path, *args, **env):
    e = {k: v for k, v in os.environ.items() if k not in ("VBQPPL_CORPUS", "VBQPPL_REQUIRE_CORPUS")}
    e.update(VBQPPL_CORPUS=str(tmp_path / "no-corpus"), **env)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", TARGET, *args],
                          cwd=ROOT, env=e, capture_output=True, text=True, timeout=300)


def test_without_the_corpus_tests_skip_with_the_reason(tmp_path):
    proc = _pytest(tmp_path)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "passed" not in proc.stdout.splitlines()[-1] and "skipped" in proc.stdout.splitlines()[-1]
    assert "tests skipped: corpus absent" in proc.stdout
    assert "VBQPPL_CORPUS=/path/to/corpus" in proc.stdout


def test_required_corpus_missing_fails(tmp_path):
    proc = _pytest(tmp_path, VBQPPL_REQUIRE_CORPUS="1")
    assert proc.returncode != 0
    assert "VBQPPL_REQUIRE_CORPUS" in proc.stdout and "skipped" not in proc.stdout.splitlines()[-1]


def test_marker_deselects_corpus_tests(tmp_path):
    proc = _pytest(tmp_path, "-m", "not corpus")
    assert proc.returncode == 5          # no test collected: every test of the file carries the marker
    assert "deselected" in proc.stdout
