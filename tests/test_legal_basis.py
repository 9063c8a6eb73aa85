"""CC checks on real documents: the Lai Châu draft and the Công báo preambles."""
from __future__ import annotations

import datetime as dt

from corpus_lines import congbao_items, lai_chau_items

from vbqppl_check.config import Config
from vbqppl_check.engine import run_checks
from vbqppl_check.parse import parse
from vbqppl_check.parse.citation_grammar import parse_basis
from vbqppl_check.readers import read


def _check(text: str, select: tuple[str, ...], as_of=dt.date(2025, 10, 1), kind="vbqppl"):
    doc = parse(read(text.encode("utf-8"), name="x.txt"))
    return run_checks(doc, Config(select=select, as_of=as_of, kind=kind), strict=True)


def test_lai_chau_draft_impossible_date_is_reported():
    # real draft (real-pdf-local-2025): "Nghị định số 63/2010/NĐ-CP ngày 08/6/20210"
    text = "\n".join(t for _, _, t in lai_chau_items()) + "\nĐiều 1. Công bố\n"
    found = [f for f in _check(text, ("CC002",)) if f.rule == "CC002"]
    assert [f.found for f in found] == ["ngày 08/6/20210"]


def test_lai_chau_draft_cites_a_bo_tai_chinh_qd_as_basis():
    # true finding, kept: "Căn cứ Quyết định số 3083/QĐ-BTC … về việc công bố thủ tục hành chính" is an
    # administrative decision of a ministry, not a VBQPPL of higher force (legal-framework.md §5b).
    text = "\n".join(t for _, _, t in lai_chau_items()) + "\nĐiều 1. Công bố\n"
    cites = [c for _, _, t in lai_chau_items() for c in parse_basis(t)]
    assert any(c.mention.number == "3083/QĐ-BTC" for c in cites)
    assert text  # the document is a QĐ công bố TTHC (hành chính): CC001 does not apply to it


def test_every_cong_bao_can_cu_naming_a_document_is_parsed(corpus):
    items = list(congbao_items())
    assert len(items) > 300
    missed = []
    for src, line, text in items:
        body = text[6:].lstrip()
        starts_with_doc = body[:1].isupper() and not body.startswith(("Điều", "Quyết", "Tờ", "ý", "Ý"))
        if starts_with_doc and not parse_basis(text):
            missed.append((src, line, text[:80]))
    assert missed == []


def test_outdated_local_government_law_in_a_2026_draft():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: 15/2026/QĐ-UBND\nLai Châu, ngày 10 tháng 3 năm 2026\nQUYẾT ĐỊNH\n"
            "Về phí\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nĐiều 1. Phạm vi\n")
    found = _check(text, ("CC012", "CC006"), as_of=dt.date(2026, 3, 10))
    assert {f.rule for f in found} >= {"CC012"}


def test_cong_bao_findings_are_the_reviewed_ones(corpus):
    """Every CC/VD finding on the Công báo texts was read and judged (tests/data/…_reviewed.json, with the
    reason for each). Here: the documents that have findings; benchmarks/congbao_citations.py sweeps all 88."""
    import json
    from pathlib import Path

    from vbqppl_check.parse import parse_file

    reviewed = json.loads((Path(__file__).parent / "data" / "congbao_findings_reviewed.json").read_text("utf-8"))
    expected = {(f["file"], f["rule"], f["found"]) for f in reviewed["findings"]}
    got = set()
    for name in sorted({f[0] for f in expected}):
        doc = parse_file(corpus / "congbao-pdf-8topics" / "txt" / name)
        got |= {(name, f.rule, f.found) for f in run_checks(doc, Config(select=("CC", "VD")), strict=True)}
    assert got == expected
