"""Where the tests find real documents.

Two places:
- ``tests/fixtures/``: a few small real documents committed with the project (their origin is in
  tests/fixtures/SOURCES.md), laid out under the same relative paths as in the corpus. Unit tests that
  need one or two real documents use these, so they run in any clone.
- the shared corpus, ``../shared/corpus`` or ``$VBQPPL_CORPUS``: the sweeps over many documents.
  Without it those tests are SKIPPED (reason: ``SKIP_REASON``); with ``VBQPPL_REQUIRE_CORPUS=1`` (CI)
  its absence FAILS them instead.
"""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(os.environ.get("VBQPPL_CORPUS") or ROOT.parent / "shared" / "corpus")
REQUIRE_CORPUS = os.environ.get("VBQPPL_REQUIRE_CORPUS", "").strip().lower() not in ("", "0", "false", "no")
SKIP_REASON = "corpus absent"
HOW_TO_RUN = ("put the corpus at ../shared/corpus or set VBQPPL_CORPUS=/path/to/corpus; "
              "VBQPPL_REQUIRE_CORPUS=1 turns its absence into a failure")


def corpus_available() -> bool:
    return CORPUS.is_dir()


def require_corpus() -> Path:
    """The corpus directory; skips the calling test without it (fails it if VBQPPL_REQUIRE_CORPUS=1)."""
    if not CORPUS.is_dir():
        if REQUIRE_CORPUS:
            pytest.fail(f"the shared corpus is missing at {CORPUS} and VBQPPL_REQUIRE_CORPUS is set", pytrace=False)
        pytest.skip(f"{SKIP_REASON}: no {CORPUS} ({HOW_TO_RUN})")
    return CORPUS


def real_file(rel: str) -> Path:
    """A real document by its corpus-relative path: the committed copy in tests/fixtures/ if there is one,
    else the corpus file (skipping or failing like ``require_corpus`` when the corpus is absent)."""
    local = FIXTURES / rel
    if local.is_file():
        return local
    return require_corpus() / rel


def vbpl_text(corpus: Path, source_file: str) -> str:
    """The text of one vbpl.vn record of the corpus (skips the test when this copy lacks it)."""
    with gzip.open(corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["source_file"] == source_file:
                return rec["text"]
    pytest.skip(f"{source_file} not in this corpus copy")
