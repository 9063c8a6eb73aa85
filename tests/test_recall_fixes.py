"""Issue 11, misses of the defect-injection benchmark read on the tuning half, each on a real document
(../shared/corpus) or a DOCX built from a real text (tests/docbuilder.py):

- KT040: "Chương 1" in the text attached after the signature (a Quy định ban hành kèm theo, which the
  parser gives as a Phụ lục with its own Chương and Điều) — and not a tariff list's HS chapters;
- KT021: a Điều whose sentence follows its number on the same line is lời văn, judged for justification;
- the benchmark: NFD and zero-width damage seeded on the document's own lines only (not on the
  thuvienphapluat site's notices), its marker not cut inside a decomposed letter, red text seeded in a
  body line the document has and only where NĐ 30 requires black.
"""
from __future__ import annotations

import gzip
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))


def _check(text: str, name: str, *rules):
    from vbqppl_check.config import Config
    from vbqppl_check.engine import run_checks
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read
    doc = parse(read(text.encode("utf-8"), name=name))
    return doc, [f for f in run_checks(doc, Config(select=tuple(rules))) if f.rule in rules]


def test_arabic_chuong_in_attached_regulation_is_reported(corpus):
    # a Quyết định (VBQPPL, 2025) of a provincial People's Committee with its Quy định attached after the signature
    p = corpus / "tvpl-2025-md" / "docs" / "5a80798bbf985e87.md"
    text = p.read_text(encoding="utf-8")
    _, before = _check(text, p.name, "KT040")
    assert before == []
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.strip() == "**Chương I**")
    lines[i] = "**Chương 1**"
    doc, after = _check("\n".join(lines), p.name, "KT040")
    assert [f.found for f in after] == ["Chương 1"]
    assert doc.source.blocks[after[0].location.block].text.strip() == "Chương 1"


def test_hs_chapters_of_a_tariff_list_are_not_chuong_of_the_document(corpus):
    # an appendix listing goods by HS chapter ("Chương 25", "Chương 76 …"): no Điều follows them
    with gzip.open(corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        rec = next(r for r in map(json.loads, fh) if r["source_file"] == "doc_000204.html")
    assert "Chương 76" in rec["text"]
    _, found = _check(rec["text"], "doc_000204.txt", "KT040")
    assert found == []


def _decision_docx(corpus, **change):
    import defect_recall as D
    from docbuilder import build_docx_bytes
    from vbqppl_check.config import Config
    from vbqppl_check.engine import run_checks
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read
    # an administrative Quyết định (2025, NĐ 30) whose three Điều carry their text on the Điều line
    p = corpus / "tvpl-2025-md" / "docs" / "036bd85f1f56f768.md"
    base = parse(read(p.read_bytes(), name=p.name))
    spec = D.docx_spec(base)
    assert spec is not None and {k for k, _ in spec["body_lines"]} == {"dieu"}
    doc = parse(read(build_docx_bytes({**spec, **change}), name="real.docx"))
    return base, spec, run_checks(doc, Config())


def test_dieu_line_with_its_sentence_must_be_justified(corpus):
    _, _, ok = _decision_docx(corpus)
    assert not [f for f in ok if f.rule == "KT021"]
    _, _, left = _decision_docx(corpus, body={"alignment": "left"})
    hits = [f for f in left if f.rule == "KT021"]
    assert hits and all(f.found == "left" for f in hits)


def test_red_text_seeded_in_a_body_line_the_document_has(corpus):
    import defect_recall as D
    base, spec, _ = _decision_docx(corpus)
    ops = {name: change for name, _cat, change, _ in D._docx_ops_for(spec, base.date.value)}
    assert ops["docx_red_text"]["override"]["component"] == "dieu"   # the decision has no khoản
    _, _, red = _decision_docx(corpus, **ops["docx_red_text"])
    assert any(f.rule == "KT008" and f.found == "#FF0000" for f in red)


def test_red_text_not_seeded_where_the_law_names_no_colour():
    import datetime as dt
    import defect_recall as D
    spec = {"kind": "vbqppl", "signature": ["A", "B"], "body_lines": [("khoan", "1. x")]}
    assert "docx_red_text" not in {o[0] for o in D._docx_ops_for(spec, dt.date(2025, 11, 1))}
    spec["kind"] = "hanh_chinh"
    assert "docx_red_text" not in {o[0] for o in D._docx_ops_for(spec, dt.date(2019, 5, 1))}   # TT 01/2011
    assert "docx_red_text" in {o[0] for o in D._docx_ops_for(spec, dt.date(2020, 3, 5))}


def test_language_damage_is_seeded_on_the_document_not_on_the_site_notice(corpus):
    import defect_recall as D
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read
    p = corpus / "tvpl-2025-md" / "docs" / "29825a0f7313b49a.md"
    text = p.read_text(encoding="utf-8")
    lines = text.split("\n")
    d = D.Doc(p.relative_to(corpus).as_posix(), p.name, text, "tvpl")
    c = D.Ctx(d, parse(read(text.encode("utf-8"), name=p.name)), None)
    own = set(D._own_lines(lines, c))
    notice = next(k for k, ln in enumerate(lines) if ln.startswith("Thực hiện Nghị định 13/2023/NĐ-CP, chúng tôi"))
    assert notice not in own
    i = D._body_line(lines, c)
    assert i is not None and i in own and i < notice
    for name, rule in (("nfd_paragraph", "NN006"), ("zero_width", "NN007")):
        m = next(o for o in D.OPERATORS if o.name == name).fn(lines, c)
        doc, found = _check(m.text, p.name, rule)
        near = D._blocks_with(doc, m.marker)
        assert near, name
        assert any(f.location.block in near for f in found), name


def test_marker_of_a_decomposed_line_finds_its_block():
    import defect_recall as D
    line = "1. Hỗ trợ, viện trợ không thuộc nguồn thu ngân sách, đóng góp tự nguyện của các tổ chức"
    nfd = unicodedata.normalize("NFD", line)
    m = D._marker(nfd)
    assert not unicodedata.combining(nfd[len(m)])
    assert unicodedata.normalize("NFC", m) in line


def _vbpl_text(corpus, source_file):
    with gzip.open(corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        return next(r for r in map(json.loads, fh) if r["source_file"] == source_file)["text"]


def test_numbering_of_attached_regulation_is_checked(corpus):
    """A Quyết định with its Quy định attached after the signature: a skipped Điều number and a skipped
    điểm letter there are reported (KT042, KT043/KT143) as in the body; the unmutated text has none."""
    import defect_recall as D
    from vbqppl_check.checks.layout_structure import attached_ranges
    p = corpus / "tvpl-2025-md" / "docs" / "5a80798bbf985e87.md"
    text = p.read_text(encoding="utf-8")
    doc, before = _check(text, p.name, "KT042", "KT043", "KT143")
    ranges = attached_ranges(doc)
    assert ranges and not [f for f in before if any(a <= f.location.block <= e for a, e, _ in ranges)]
    lines = text.split("\n")
    # the attached Quy chế's own lines (after "**Điều 3. Tổ chức thực hiện**" of the decision)
    start = next(k for k, ln in enumerate(lines) if ln.startswith("**Điều 1. Phạm vi điều chỉnh"))
    dieu4 = next(k for k in range(start, len(lines)) if lines[k].startswith("**Điều 4."))
    diem_d = next(k for k in range(start, len(lines)) if lines[k].startswith("đ) Đơn đề nghị"))
    for k, new, rules in ((dieu4, lines[dieu4].replace("Điều 4.", "Điều 6.", 1), ("KT042",)),
                          (diem_d, "f)" + lines[diem_d][2:], ("KT043", "KT143"))):
        m = D._replace_line(lines, k, new, ())
        mdoc, after = _check(m.text, p.name, *rules)
        near = D._blocks_with(mdoc, m.marker)
        assert near and any(a <= near[0] <= e for a, e, _ in attached_ranges(mdoc)), rules
        assert any(f.location.block in near for f in after), rules


def test_attached_text_split_by_the_parser_is_one_sequence(corpus):
    """The parser cuts this Nghị định's attached text in two Phụ lục nodes (Chương I–IV, then Điều 18 …
    Chương V): Điều 18 and Chương V continue the sequence, they are no restart to report."""
    from vbqppl_check.checks.layout_structure import attached_ranges
    doc, found = _check(_vbpl_text(corpus, "doc_000600.html"), "doc_000600.txt", "KT042", "KT043", "KT143")
    ranges = attached_ranges(doc)
    assert len(ranges) >= 2
    assert [f for f in found if any(a <= f.location.block <= e for a, e, _ in ranges)] == []
