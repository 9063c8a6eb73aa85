"""Start-up (issue #16): lazy loading and the user cache change no finding, and the cache is safe."""
from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vbqppl_check import cache

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "startup_findings.py"


def _run(args, env_extra, corpus):
    env = {k: v for k, v in os.environ.items() if not k.startswith("VBQPPL_CHECK_")}
    env.update(env_extra)
    out = subprocess.run([sys.executable, str(SCRIPT), "--corpus", str(corpus), "--per-set", "4", *args],
                         env=env, capture_output=True, text=True, timeout=900, check=True).stdout
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    return [d for d in lines if "path" in d], lines[-1]["modules"]


def test_lazy_loading_and_cache_give_the_same_findings_as_eager_loading(corpus, tmp_path):
    """A fixed sample of real documents (evaluation half: 3 DOCX, 4 Công báo PDF, 4 tvpl pages):
    eager (spaCy matcher, word model, lexicon, dictionary built up front, no cache), lazy with an
    empty cache (builds and writes it) and lazy again (reads it) give identical findings."""
    eager, _ = _run(["--eager"], {}, corpus)
    cache_env = {"VBQPPL_CHECK_CACHE_DIR": str(tmp_path / "cache")}
    cold, _ = _run([], cache_env, corpus)
    warm, modules = _run([], cache_env, corpus)
    assert len(eager) >= 10 and all(d["status"] == "ok" for d in eager)
    assert cold == eager
    assert warm == eager
    rules = {f[0] for d in eager for f in d["findings"]}
    assert rules & {"NN010", "NN011"}, "the sample must exercise the gazetteer's PhraseMatcher"
    assert {p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()} >= {
        "lexicon", "langmodel", "gazetteer", "viet74k_words", "catalogue", "registry"}
    assert modules["underthesea"] is False and modules["jsonschema"] is False


def test_package_import_and_cli_parser_stay_small():
    code = ("import sys, vbqppl_check; from vbqppl_check.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('spacy', 'underthesea', 'jsonschema', 'numpy', 'pdfplumber', 'pypdfium2') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_single_file_start_imports_no_pool_yaml_or_toml(tmp_path):
    """The command line's modules and the rule catalogue (from a written cache) need neither
    multiprocessing (a single file is checked in-process), PyYAML (the catalogue comes from the cache)
    nor tomllib (no config file names vbqppl-check here)."""
    env = {**os.environ, "VBQPPL_CHECK_CACHE_DIR": str(tmp_path / "cache")}
    code = ("import sys, vbqppl_check.cli, vbqppl_check.batch, vbqppl_check.config as c; "
            "from vbqppl_check.engine import load_catalogue; load_catalogue(); "
            "c.find_config_file(__import__('pathlib').Path(sys.argv[1])); "
            "print(sorted(m for m in ('multiprocessing', 'yaml', 'tomllib') if m in sys.modules))")
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], env=env, check=True, capture_output=True)  # writes the cache
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], env=env, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_cache_reads_back_what_it_wrote_and_rebuilds_when_data_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("VBQPPL_CHECK_CACHE_DIR", str(tmp_path / "c"))
    src = tmp_path / "data.txt"
    src.write_text("a b", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return {"words": tuple(src.read_text(encoding="utf-8").split()), "n": {1: frozenset({"x"})}}
    assert cache.cached("t", [src], build) == {"words": ("a", "b"), "n": {1: frozenset({"x"})}}
    assert cache.cached("t", [src], build) == {"words": ("a", "b"), "n": {1: frozenset({"x"})}}
    assert len(calls) == 1
    src.write_text("a b c", encoding="utf-8")
    assert cache.cached("t", [src], build)["words"] == ("a", "b", "c")
    assert len(calls) == 2
    assert len(list((tmp_path / "c").glob("t-*.marshal"))) == 1   # the stale table is removed


def test_cache_survives_corrupt_files_unwritable_dirs_and_unmarshallable_values(tmp_path, monkeypatch):
    src = tmp_path / "data.txt"
    src.write_text("x", encoding="utf-8")
    monkeypatch.setenv("VBQPPL_CHECK_CACHE_DIR", str(tmp_path / "c"))
    assert cache.cached("t", [src], lambda: [1, 2]) == [1, 2]
    (path,) = (tmp_path / "c").glob("t-*.marshal")
    path.write_bytes(marshal.dumps([1, 2])[:3])   # truncated
    assert cache.cached("t", [src], lambda: [3]) == [3]
    assert marshal.loads(path.read_bytes()) == [3]
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("VBQPPL_CHECK_CACHE_DIR", str(blocker / "sub"))   # a directory under a file
    assert cache.cached("t", [src], lambda: [4]) == [4]
    monkeypatch.setenv("VBQPPL_CHECK_CACHE_DIR", str(tmp_path / "d"))
    assert cache.cached("u", [src], lambda: {"d": object}) == {"d": object}   # not marshallable: kept in memory
    assert not list((tmp_path / "d").glob("u-*.marshal"))
    monkeypatch.setenv("VBQPPL_CHECK_NO_CACHE", "1")
    assert cache.cache_dir() is None


@pytest.mark.parametrize("var", ["XDG_CACHE_HOME"])
def test_cache_dir_follows_xdg(var, tmp_path, monkeypatch):
    monkeypatch.delenv("VBQPPL_CHECK_CACHE_DIR", raising=False)
    monkeypatch.delenv("VBQPPL_CHECK_NO_CACHE", raising=False)
    monkeypatch.setenv(var, str(tmp_path))
    assert cache.cache_dir() == tmp_path / "vbqppl-check"
