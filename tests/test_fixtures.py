"""The committed real documents (tests/fixtures/) are listed in SOURCES.md and stay byte copies of the corpus."""
from __future__ import annotations

import hashlib
import re

import pytest
from realdocs import FIXTURES, real_file

LISTED = dict(re.findall(r"^\| `([^`]+)` \| [\d,]+ \| `([0-9a-f]{64})` \|$",
                         (FIXTURES / "SOURCES.md").read_text(encoding="utf-8"), flags=re.M))
FILES = sorted(p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*") if p.is_file() and p.name != "SOURCES.md")


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_fixture_is_listed_with_its_hash():
    assert FILES and set(FILES) == set(LISTED)
    for rel in FILES:
        assert _sha256(FIXTURES / rel) == LISTED[rel], rel


def test_fixtures_stay_small():
    assert sum((FIXTURES / rel).stat().st_size for rel in FILES) < 4_000_000


def test_real_file_prefers_the_committed_copy():
    assert real_file(FILES[0]) == FIXTURES / FILES[0]


@pytest.mark.parametrize("rel", FILES)
def test_fixture_is_identical_to_its_corpus_source(corpus, rel):
    assert _sha256(corpus / rel) == LISTED[rel]
