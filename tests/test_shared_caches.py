"""Work shared between the documents of one process (issue #16: parsed paragraphs, style sheets) must
change no result: each document checked after the others, with the caches warm, gives exactly what
it gives alone in a fresh state."""
from __future__ import annotations

from pathlib import Path

from vbqppl_check.checker import check_path
from vbqppl_check.parse import citations as citations_module
from vbqppl_check.readers import docx as docx_reader

FIXTURES = Path(__file__).parent / "fixtures"


def _clear() -> None:
    citations_module._references.cache_clear()
    citations_module._basis.cache_clear()
    docx_reader._SHEETS.clear()
    docx_reader._NUMBERINGS.clear()


def _result(path: Path):
    r = check_path(path)
    return r.findings, r.citations, r.metadata


def test_shared_caches_change_no_finding_or_citation():
    paths = sorted((FIXTURES / "tvpl-2025-md" / "docs").glob("*.md")) + [
        FIXTURES / "nd30-2020-original-word" / "original" / "30_2020_ND_CP.docx",
        *sorted((FIXTURES / "nd30-2020-original-word" / "converted_by_repo_author").glob("*.docx"))[:2]]
    assert len(paths) == 7
    _clear()
    warm = [_result(p) for p in paths + paths[::-1]]          # each twice, the second time from warm caches
    assert citations_module._references.cache_info().hits > 0
    alone = []
    for p in paths + paths[::-1]:
        _clear()
        alone.append(_result(p))
    assert warm == alone
    assert any(c for _, c, _ in warm) and any(f for f, _, _ in warm)
