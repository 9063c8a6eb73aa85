"""`vbqppl-check fix`: a corrected copy of a DOCX draft, every change a Word tracked change.

Drafts are built by tests/docbuilder.py with the real Điều/khoản/điểm text of administrative
decisions from ../shared/corpus (tests/real_drafts.py, evaluation half), one seeded mechanical
defect per draft (≥ 30 kinds). The copy is checked again by the public checker; its text is compared
with the text of the same draft built without the defect; its tracked changes are accepted and
rejected by an XML transformation written here (independent of the fixer's own code).
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docbuilder import build_docx_bytes
from real_drafts import real_bodies
import vbqppl_check
from vbqppl_check.cli import main as cli_main
from vbqppl_check.fix import NotFixableError, fix_bytes
from vbqppl_check.nlp.legacy import to_tcvn3, to_vni
from vbqppl_check.readers import read

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
ND30_DOCX = "nd30-2020-original-word/original/30_2020_ND_CP.docx"
DE_NGHI = ("Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 25/TTr-SNV ngày 10 tháng 01 "
           "năm 2025.")


def _ov(component, **kw):
    return {"override": {"component": component, **kw}}


SIG_KT = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]
NOI_NHAN = ["Nơi nhận:", "- Như Điều 3;", "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;", "- Lưu: VT, NC (02)."]

# (kind, spec of the clean draft (besides the real body), spec of the seeded draft, rule, options)
DEFECTS = [
    ("margin-left-25", {}, {"margins_mm": {"left": 25}}, "KT003", {}),
    ("margin-top-15", {}, {"margins_mm": {"top": 15}}, "KT003", {}),
    ("margin-right-25", {}, {"margins_mm": {"right": 25}}, "KT003", {}),
    ("paper-a5", {}, {"paper": "A5"}, "KT001", {}),
    ("paper-letter", {}, {"paper": "Letter"}, "KT001", {}),
    ("landscape", {}, {"orientation": "landscape"}, "KT002", {}),
    ("font-arial", {}, {"font": "Arial"}, "KT005", {}),
    ("legacy-font-on-unicode", {}, {"font": ".VnTime"}, "KT007", {}),
    ("red-text", {}, _ov("khoan", color="FF0000"), "KT008", {}),
    ("quoc-hieu-text", {}, {"quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆTNAM"}, "TT001", {}),
    ("tieu-ngu-no-spaces", {}, {"tieu_ngu": "Độc lập-Tự do-Hạnh phúc"}, "TT002", {}),
    ("tieu-ngu-en-dash", {}, {"tieu_ngu": "Độc lập – Tự do – Hạnh phúc"}, "TT002", {}),
    ("quoc-hieu-14pt", {}, _ov("quoc_hieu", size=14), "KT010", {}),
    ("tieu-ngu-not-bold", {}, _ov("tieu_ngu", bold=False), "KT011", {}),
    ("issuer-not-bold", {}, _ov("co_quan", bold=False), "KT012", {}),
    ("so-no-colon", {}, {"so_ky_hieu": "Số 15/QĐ-UBND"}, "TT004", {}),
    ("so-no-leading-zero", {"so_ky_hieu": "Số: 05/QĐ-UBND"}, {"so_ky_hieu": "Số: 5/QĐ-UBND"}, "TT005", {}),
    ("so-stray-space", {}, {"so_ky_hieu": "Số: 15 /QĐ-UBND"}, "TT006", {}),
    ("so-14pt", {}, _ov("so_ky_hieu", size=14), "KT014", {}),
    ("date-day-zero", {"dia_danh_ngay": "Ninh Bình, ngày 05 tháng 01 năm 2025"},
     {"dia_danh_ngay": "Ninh Bình, ngày 5 tháng 01 năm 2025"}, "TT010", {}),
    ("date-month-zero", {}, {"dia_danh_ngay": "Ninh Bình, ngày 15 tháng 1 năm 2025"}, "TT010", {}),
    ("date-no-comma", {}, {"dia_danh_ngay": "Ninh Bình ngày 15 tháng 01 năm 2025"}, "TT012", {}),
    ("date-upright", {}, _ov("dia_danh_ngay", italic=False), "KT015", {}),
    ("ten-loai-not-bold", {}, _ov("ten_loai", bold=False), "KT016", {}),
    ("trich-yeu-italic", {}, _ov("trich_yeu", italic=True), "KT017", {}),
    ("can-cu-upright", {}, _ov("can_cu", italic=False), "KT018", {}),
    ("can-cu-comma", {}, {"replace": {"tháng 02 năm 2025;": "tháng 02 năm 2025,"}}, "TT017", {}),
    ("preamble-last-semicolon", {}, {"replace": {"10 tháng 01 năm 2025.": "10 tháng 01 năm 2025;"}}, "TT017", {}),
    ("body-12pt", {}, {"body": {"size": 12}}, "KT019", {}),
    ("body-mixed-size", {}, {"mixed_body_size": 13}, "KT020", {}),
    ("body-left", {}, {"body": {"alignment": "left"}}, "KT021", {}),
    ("indent-0.5cm", {}, {"body": {"first_line_indent_cm": 0.5}}, "KT022", {}),
    ("no-paragraph-spacing", {}, {"body": {"space_after_pt": 0}}, "KT023", {}),
    ("double-spacing", {}, {"body": {"line_spacing": 2.0}}, "KT024", {}),
    ("exact-12pt-spacing", {}, {"body": {"line_spacing": "exact:12"}}, "KT024", {}),
    ("page-number-on-page-1", {}, {"title_page": False}, "KT030", {}),
    ("page-number-right", {}, {"page_numbers": "header_right"}, "KT030", {}),
    ("page-number-footer", {}, {"page_numbers": "footer_center"}, "KT030", {}),
    ("dieu-not-bold", {}, _ov("dieu", bold=False), "KT025", {}),
    ("dieu-colon", {}, {"replace": {"Điều 2.": "Điều 2:"}}, "KT046", {}),
    ("kt-without-dot", {"signature": SIG_KT}, {"signature": ["KT CHỦ TỊCH"] + SIG_KT[1:]}, "TT019", {}),
    ("name-not-bold", {}, _ov("ho_ten", bold=False), "KT027", {}),
    ("noi-nhan-no-colon", {"noi_nhan": NOI_NHAN}, {"noi_nhan": ["Nơi nhận"] + NOI_NHAN[1:]}, "TT024", {}),
    ("noi-nhan-no-semicolon", {"noi_nhan": NOI_NHAN},
     {"noi_nhan": NOI_NHAN[:1] + ["- Như Điều 3"] + NOI_NHAN[2:]}, "TT025", {}),
    ("luu-no-colon", {"noi_nhan": NOI_NHAN}, {"noi_nhan": NOI_NHAN[:-1] + ["- Lưu VT, NC (02)."]}, "TT026", {}),
    ("noi-nhan-13pt", {}, _ov("noi_nhan", size=13), "KT028", {}),
    ("no-end-mark", {}, {"replace": {"./.": "."}}, "TT018", {}),
    ("cyrillic-in-number", {}, {"replace": {"30/2020/NĐ-CP": "30/2020/NĐ-СР"}}, "NN005", {}),
    ("eth-in-number", {}, {"replace": {"15/QĐ-UBND": "15/QÐ-UBND"}}, "NN005", {}),
    ("nfd-text", {}, {"replace": {"Sở Nội vụ": unicodedata.normalize("NFD", "Sở Nội vụ")}}, "NN006", {}),
    ("zero-width", {}, {"replace": {"Sở Nội vụ": "Sở Nội\u200b vụ"}}, "NN007", {}),
    ("space-in-number", {}, {"replace": {"30/2020/NĐ-CP": "30 /2020/NĐ-CP"}}, "NN016", {}),
    ("tcvn3-text", {"de_nghi": DE_NGHI},
     {"de_nghi": to_tcvn3(DE_NGHI), "override": {"component": "de_nghi", "font": ".VnTime"}}, "NN008", {}),
    ("vni-text", {"de_nghi": DE_NGHI},
     {"de_nghi": to_vni(DE_NGHI), "override": {"component": "de_nghi", "font": "VNI-Times"}}, "NN008", {}),
    ("spelling", {"trich_yeu": "Về việc thành lập Tổ công tác rà soát văn bản năm 2025"},
     {"trich_yeu": "Về việc thành lập Tổ công tác ra soát văn bản năm 2025"}, "NN002", {"spelling": True}),
]


def _spec(body, extra: dict) -> dict:
    spec = {"body_lines": body}
    spec.update(extra)
    return spec


def _texts(data: bytes) -> list[str]:
    return [b.text for b in read(data).blocks]


def _keys(data: bytes) -> set:
    r = vbqppl_check.check(data)
    return {(f.rule, f.location.block, f.location.section, f.location.component) for f in r.findings}


def _rules(data: bytes) -> set:
    return {f.rule for f in vbqppl_check.check(data).findings}


@pytest.fixture(scope="module")
def bodies(corpus):
    out = real_bodies(corpus)
    assert len(out) >= 2, "the evaluation half must offer real bodies"
    return out[:2]


@pytest.fixture(scope="module")
def cases(bodies):
    """[(kind, source, clean, seeded, FixResult, rule)] for every defect kind on every real body."""
    out = []
    for src, body in bodies:
        for kind, clean_extra, seed_extra, rule, options in DEFECTS:
            clean_spec = _spec(body, clean_extra)
            seed_spec = dict(clean_spec)
            seed_spec.update(seed_extra)
            clean = build_docx_bytes(clean_spec)
            seeded = build_docx_bytes(seed_spec)
            result = fix_bytes(seeded, name=f"{kind}.docx", **options)
            out.append((kind, src, clean, seeded, result, rule))
    return out


def test_at_least_30_kinds_seeded_and_found(cases):
    found = {kind for kind, _, clean, seeded, result, rule in cases
             if rule in {f.rule for f in result.before} and rule not in _rules(clean)}
    assert len(found) >= 30, sorted({k for k, *_ in cases} - found)
    # each seed is a real defect the checker reports, absent from the clean draft
    missing = sorted({k for k, *_ in cases} - found)
    assert not missing, missing


def test_fixable_defects_gone(cases):
    total = gone = 0
    left = []
    for kind, src, clean, seeded, result, rule in cases:
        if rule not in {f.rule for f in result.before}:
            continue
        total += 1
        if rule not in _rules(result.data):
            gone += 1
        else:
            left.append((kind, src))
    assert total >= 60
    assert gone / total >= 0.95, left


def test_no_new_finding(cases):
    for kind, src, clean, seeded, result, rule in cases:
        new = _keys(result.data) - _keys(seeded)
        assert not new, (kind, src, new)
        assert not result.new_findings, (kind, [f.rule for f in result.new_findings])


def test_words_unchanged_apart_from_fixed_characters(cases):
    """The copy's text is the clean draft's text: only the seeded characters changed."""
    for kind, src, clean, seeded, result, rule in cases:
        fixed_t, clean_t, seeded_t = _texts(result.data), _texts(clean), _texts(seeded)
        assert len(fixed_t) == len(seeded_t), kind
        if rule not in _rules(result.data):
            assert fixed_t == clean_t, (kind, [(a, b) for a, b in zip(fixed_t, clean_t) if a != b][:3])
        else:
            assert fixed_t == seeded_t, kind


def test_changes_are_reported(cases):
    for kind, src, clean, seeded, result, rule in cases:
        if rule not in {f.rule for f in result.before} or rule in _rules(result.data):
            continue
        rules = {c.rule for c in result.changes} | {r for c in result.changes for r in c.also}
        assert result.changes, kind
        for c in result.changes:
            assert c.path and c.after is not None and c.before is not None
        j = result.to_json()
        assert j["changes"] and all({"rule", "path", "before", "after"} <= set(c) for c in j["changes"])
        # the seeded rule is repaired by a change of its own, or by one that names it
        assert rule in rules or rule in ("KT007",), (kind, rules)


# -- tracked changes: accept all / reject all by XML transformation ---------------------------------

def _transform(data: bytes, mode: str) -> bytes:
    """Accept ("accept") or reject ("reject") every w:ins / w:del / w:*PrChange in every XML part."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                root = etree.fromstring(blob)
                _revise(root, mode)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.writestr(info, blob)
    return buf.getvalue()


def _unwrap(el):
    for ch in list(el):
        el.addprevious(ch)
    el.getparent().remove(el)


def _revise(root, mode: str) -> None:
    for el in list(root.iter(_W + "ins")):
        if el.getparent() is None:
            continue
        if mode == "accept":
            _unwrap(el)
        else:
            el.getparent().remove(el)
    for el in list(root.iter(_W + "del")):
        if el.getparent() is None:
            continue
        if mode == "accept":
            el.getparent().remove(el)
        else:
            for dt in list(el.iter(_W + "delText")):
                dt.tag = _W + "t"
            for di in list(el.iter(_W + "delInstrText")):
                di.tag = _W + "instrText"
            _unwrap(el)
    for tag, inner in (("rPrChange", "rPr"), ("pPrChange", "pPr"), ("sectPrChange", "sectPr")):
        for ch in list(root.iter(_W + tag)):
            owner = ch.getparent()
            if owner is None:
                continue
            if mode == "accept":
                owner.remove(ch)
                continue
            old = ch.find(_W + inner)
            keep = {"rPr": (), "pPr": ("rPr", "sectPr"), "sectPr": ("headerReference", "footerReference")}[inner]
            for c in list(owner):
                if etree.QName(c).localname not in keep:
                    owner.remove(c)
            if old is not None:
                pos = 0 if inner != "sectPr" else len([c for c in owner])
                for c in list(old):
                    if inner == "pPr":
                        owner.insert(pos, c)
                        pos += 1
                    else:
                        owner.append(c)


def _formats(data: bytes):
    src = read(data)
    return ([(b.text, tuple((r.text, r.format) for r in b.runs), b.paragraph) for b in src.blocks],
            src.sections)


def _multi_defect_spec(body) -> tuple[dict, dict]:
    clean = _spec(body, {"signature": SIG_KT, "noi_nhan": NOI_NHAN, "de_nghi": DE_NGHI})
    seeded = dict(clean)
    seeded.update({
        "margins_mm": {"left": 25}, "font": "Arial", "quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆTNAM",
        "tieu_ngu": "Độc lập-Tự do-Hạnh phúc", "so_ky_hieu": "Số: 15 /QĐ-UBND",
        "dia_danh_ngay": "Ninh Bình ngày 15 tháng 1 năm 2025", "body": {"alignment": "left", "size": 12},
        "title_page": False, "signature": ["KT CHỦ TỊCH"] + SIG_KT[1:],
        "noi_nhan": ["Nơi nhận"] + NOI_NHAN[1:-1] + ["- Lưu VT, NC (02)."],
        "replace": {"./.": ".", "30/2020/NĐ-CP": "30/2020/NĐ-СР", "tháng 02 năm 2025;": "tháng 02 năm 2025,"},
        "override": [{"component": "quoc_hieu", "size": 14}, {"component": "ho_ten", "bold": False}],
    })
    return clean, seeded


@pytest.fixture(scope="module")
def multi(bodies):
    clean_spec, seed_spec = _multi_defect_spec(bodies[0][1])
    clean, seeded = build_docx_bytes(clean_spec), build_docx_bytes(seed_spec)
    return clean, seeded, fix_bytes(seeded, name="multi.docx"), fix_bytes(seeded, name="multi.docx", track=False)


def test_multi_defect_draft(multi):
    clean, seeded, tracked, _ = multi
    assert len(tracked.changes) >= 12
    assert not tracked.rolled_back and not tracked.new_findings
    assert _texts(tracked.data) == _texts(clean)
    assert not (_rules(tracked.data) - _rules(clean))


def test_accept_all_gives_fixed_text_reject_all_gives_original(multi):
    clean, seeded, tracked, untracked = multi
    accepted = _transform(tracked.data, "accept")
    rejected = _transform(tracked.data, "reject")
    assert _texts(accepted) == _texts(tracked.data) == _texts(clean)
    assert _texts(rejected) == _texts(seeded)
    # formatting too: rejecting restores every run, paragraph and page setting of the input
    assert _formats(rejected) == _formats(seeded)
    assert _formats(accepted) == _formats(tracked.data)
    # --no-track gives the accepted document without revision marks
    assert _formats(untracked.data) == _formats(accepted)
    xml = zipfile.ZipFile(io.BytesIO(untracked.data)).read("word/document.xml").decode()
    assert not re.search(r"<w:(ins|del|rPrChange|pPrChange|sectPrChange)\b", xml)


def test_tracked_changes_are_wellformed_wordprocessingml(multi):
    _, _, tracked, _ = multi
    z = zipfile.ZipFile(io.BytesIO(tracked.data))
    ids = []
    kinds = set()
    for name in z.namelist():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        root = etree.fromstring(z.read(name))
        for tag in ("ins", "del", "rPrChange", "pPrChange", "sectPrChange"):
            for el in root.iter(_W + tag):
                kinds.add(tag)
                assert el.get(_W + "author") == "vbqppl-check"
                assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", el.get(_W + "date") or "")
                ids.append(el.get(_W + "id"))
                parent = etree.QName(el.getparent()).localname
                if tag in ("ins", "del"):
                    assert parent in ("p", "hyperlink", "smartTag", "sdtContent", "fldSimple"), parent
                    assert all(etree.QName(c).localname == "r" for c in el)
                else:
                    assert parent == {"rPrChange": "rPr", "pPrChange": "pPr", "sectPrChange": "sectPr"}[tag]
                    assert el.getparent()[-1] is el, f"{tag} must be the last child of {parent}"
                    assert len(el) == 1 and etree.QName(el[0]).localname == parent
        for dt in root.iter(_W + "delText"):
            assert any(etree.QName(a).localname == "del" for a in dt.iterancestors())
        for t in root.iter(_W + "t"):
            assert not any(etree.QName(a).localname == "del" for a in t.iterancestors())
    assert {"ins", "del", "rPrChange", "pPrChange", "sectPrChange"} <= kinds
    assert len(ids) == len(set(ids)), "revision ids are unique"


def test_copy_opens_in_python_docx(multi):
    import docx
    _, _, tracked, untracked = multi
    for data in (tracked.data, untracked.data):
        d = docx.Document(io.BytesIO(data))
        assert any("CỘNG HÒA" in c.text for t in d.tables for row in t.rows for c in row.cells)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_copy_converts_to_pdf_in_libreoffice(multi, tmp_path):
    import pypdfium2 as pdfium
    _, _, tracked, _ = multi
    src = tmp_path / "fixed.docx"
    src.write_bytes(tracked.data)
    env_home = tmp_path / "home"
    env_home.mkdir()
    proc = subprocess.run(["soffice", f"-env:UserInstallation=file://{env_home}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                          capture_output=True, timeout=180)
    pdf_path = tmp_path / "fixed.pdf"
    assert proc.returncode == 0 and pdf_path.exists(), proc.stderr.decode(errors="replace")
    pdf = pdfium.PdfDocument(str(pdf_path))
    n_pages = len(pdf)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(n_pages))
    pdf.close()
    # (pdfium may give a stacked Vietnamese mark out of order, depending on the fallback font: the
    # check is on plain-ASCII words of the fixed text)
    assert n_pages >= 1
    assert "15/QĐ" in text or "UBND" in text
    assert "NC (02)." in text


# -- the style-level change ----------------------------------------------------------------------

def test_formatting_needed_by_a_whole_style_is_made_on_the_style(bodies):
    """Body paragraphs in their own style, left-aligned by the style: the fix changes the style."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document(io.BytesIO(build_docx_bytes(_spec(bodies[0][1], {}))))
    st = d.styles.add_style("Noi dung", WD_STYLE_TYPE.PARAGRAPH)
    st.base_style = d.styles["Normal"]
    st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    n = 0
    for p in d.paragraphs:
        if re.match(r"^(\d+\. |[a-zđ]\) )", p.text):
            p.style = st
            p.paragraph_format.alignment = None
            n += 1
    assert n >= 2
    buf = io.BytesIO()
    d.save(buf)
    seeded = buf.getvalue()
    result = fix_bytes(seeded, name="style.docx")
    assert "KT021" in {f.rule for f in result.before}
    assert "KT021" not in _rules(result.data)
    assert any(c.rule == "KT021" and c.style_level for c in result.changes)
    styles = zipfile.ZipFile(io.BytesIO(result.data)).read("word/styles.xml").decode()
    assert "w:pPrChange" in styles
    doc_xml = zipfile.ZipFile(io.BytesIO(result.data)).read("word/document.xml").decode()
    assert "w:pPrChange" not in doc_xml
    assert _formats(_transform(result.data, "reject")) == _formats(seeded)


# -- rollback -----------------------------------------------------------------------------------------

def test_change_that_does_not_remove_its_finding_or_brings_a_new_one_is_rolled_back(bodies, monkeypatch):
    """Two faulty remedies stand in for a remedy bug; the re-check must catch both."""
    from vbqppl_check.fix import remedies
    spec = _spec(bodies[0][1], {"tieu_ngu": "Độc lập-Tự do-Hạnh phúc", "so_ky_hieu": "Số: 15 /QĐ-UBND",
                                "body": {"alignment": "left"}})
    seeded = build_docx_bytes(spec)

    def no_effect(fx, f, rule):   # "fixes" the tiêu ngữ into another wrong text
        b = f.location.block
        text = fx.blocks[b].text
        return remedies._replace(fx, f, b, 0, len(text), text.replace("-", " -"))

    def new_defect(fx, f, rule):  # removes the space, and puts a Cyrillic "С" into the symbol
        b = f.location.block
        k = fx.blocks[b].text.find(f.found)
        return remedies._replace(fx, f, b, k, k + len(f.found), f.suggestion.replace("QĐ", "QĐ\u0421"))

    monkeypatch.setitem(remedies.REMEDIES, "suggestion", lambda fx, f, rule: (
        no_effect(fx, f, rule) if f.rule == "TT002" else new_defect(fx, f, rule)))
    result = fix_bytes(seeded, name="rollback.docx")
    rolled = {c.rule for c in result.rolled_back}
    assert {"TT002", "TT006"} <= rolled, [(c.rule, c.reason) for c in result.rolled_back]
    assert any("vẫn còn" in c.reason for c in result.rolled_back if c.rule == "TT002")
    assert any("mới" in c.reason for c in result.rolled_back if c.rule == "TT006")
    kept = {c.rule for c in result.changes}
    assert "KT021" in kept and not rolled & kept
    # the copy holds only the kept changes: the tiêu ngữ and the number are as in the input
    assert _texts(result.data) == _texts(seeded)
    assert "KT021" not in _rules(result.data)


# -- the real NĐ 30/2020 -----------------------------------------------------------------------------

def test_real_nd30_docx_nothing_to_fix(corpus):
    """The Government's own Word file: no formatting or text change; the only thing the fixer may
    do is compose a decomposed (NFD) syllable, which leaves the text as read identical."""
    data = (corpus / ND30_DOCX).read_bytes()
    result = fix_bytes(data, name="30_2020_ND_CP.docx")
    assert {c.rule for c in result.changes} <= {"NN006"}
    assert not result.rolled_back and not result.new_findings
    assert _formats(result.data) == _formats(data)
    assert {f.rule for f in result.remaining} <= {f.rule for f in result.before}


# -- files, API and command line ----------------------------------------------------------------------

def test_input_never_written_default_output_and_api(tmp_path, bodies, monkeypatch):
    import builtins
    src = tmp_path / "du-thao.docx"
    src.write_bytes(build_docx_bytes(_spec(bodies[0][1], {"font": "Arial"})))
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    mtime = src.stat().st_mtime_ns
    opened = []
    real_open = builtins.open

    def spy(file, mode="r", *a, **kw):   # records how the input is opened
        if Path(str(file)).resolve() == src.resolve() if isinstance(file, (str, Path)) else False:
            opened.append(mode)
        return real_open(file, mode, *a, **kw)

    monkeypatch.setattr(builtins, "open", spy)
    result = vbqppl_check.fix(src)
    monkeypatch.setattr(builtins, "open", real_open)
    assert opened and all(set(m) <= set("rb") for m in opened), opened
    assert src.stat().st_mtime_ns == mtime
    assert result.output == str(tmp_path / "du-thao.fixed.docx")
    assert Path(result.output).exists()
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest
    assert [c.rule for c in result] == ["KT005"]
    with pytest.raises(ValueError):
        vbqppl_check.fix(src, src)
    assert "fix" in vbqppl_check.__all__ and callable(vbqppl_check.fix)


def test_pdf_input_gets_a_clear_message_and_the_findings(corpus, tmp_path, capsys):
    pdf = next((corpus / "real-pdf-local-2025").glob("laichau*.pdf"))
    with pytest.raises(NotFixableError) as exc:
        vbqppl_check.fix(pdf, tmp_path / "x.docx")
    assert exc.value.result is not None and exc.value.result.findings
    assert "Chỉ sửa được tệp Word" in exc.value.message("vi")
    assert not (tmp_path / "x.docx").exists()
    assert cli_main(["fix", str(pdf), "-o", str(tmp_path / "y.docx")]) == 2
    out = capsys.readouterr()
    assert "Chỉ sửa được tệp Word (.docx)" in out.err and out.out.strip()
    assert cli_main(["fix", str(pdf), "-o", str(tmp_path / "y.docx"), "--lang", "en"]) == 2
    assert "Only Word (.docx) files can be fixed" in capsys.readouterr().err


def test_cli_fix_text_json_no_track_and_comments(tmp_path, bodies, capsys):
    src = tmp_path / "d.docx"
    src.write_bytes(build_docx_bytes(_spec(bodies[0][1], {"font": "Arial", "so_ky_hieu": "Số: 5/QĐ-UBND",
                                                          "trich_yeu": "Về việc ra soát văn bản"})))
    cli_main(["fix", str(src)])
    out = capsys.readouterr().out
    assert "KT005" in out and "“5” → “05”" in out and (tmp_path / "d.fixed.docx").exists()
    cli_main(["fix", str(src), "-o", str(tmp_path / "j.docx"), "--format", "json", "--spelling", "--no-track"])
    j = json.loads(capsys.readouterr().out)
    import jsonschema
    schema = json.loads((Path(vbqppl_check.__file__).parent / "report" / "fix.schema.json").read_text())
    jsonschema.validate(j, schema)
    assert {c["rule"] for c in j["changes"]} >= {"KT005", "TT005", "NN002"}
    assert j["tracked"] is False
    xml = zipfile.ZipFile(tmp_path / "j.docx").read("word/document.xml").decode()
    assert "w:ins " not in xml and "w:del " not in xml
    # --comments: what is not fixable (a type abbreviation that does not match) becomes a Word comment
    src2 = tmp_path / "e.docx"
    src2.write_bytes(build_docx_bytes(_spec(bodies[0][1], {"font": "Arial", "so_ky_hieu": "Số: 15/KH-UBND"})))
    cli_main(["fix", str(src2), "-o", str(tmp_path / "c.docx"), "--comments", "--format", "json"])
    j = json.loads(capsys.readouterr().out)
    assert "TT007" in {f["rule"] for f in j["remaining"]} and j["comments"] >= 1
    z = zipfile.ZipFile(tmp_path / "c.docx")
    comments = z.read("word/comments.xml").decode()
    assert "vbqppl-check" in comments and "TT007" in comments
    assert "w:rPrChange" in z.read("word/document.xml").decode()   # the fix itself is still tracked
    # without --spelling the misspelling stays a finding, not a change
    cli_main(["fix", str(src), "-o", str(tmp_path / "k.docx"), "--format", "json"])
    j = json.loads(capsys.readouterr().out)
    assert "NN002" not in {c["rule"] for c in j["changes"]}
    assert "NN002" in {f["rule"] for f in j["remaining"]}


def test_fix_of_a_five_page_draft_takes_at_most_one_second(corpus):
    """benchmarks/fix_speed.py's draft (5 pages once fixed, real text, ~140 findings), after warm-up."""
    import time
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import fix_speed
    body, _ = fix_speed.long_body(10000, corpus)
    data = build_docx_bytes(fix_speed.seeded_spec(body))
    fix_bytes(data, name="draft.docx")   # warm-up
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        result = fix_bytes(data, name="draft.docx")
        times.append(time.perf_counter() - t0)
    assert len(result.changes) >= 100 and not result.rolled_back
    assert min(times) <= 1.0, times


def test_font_needed_by_every_paragraph_of_a_style_is_changed_on_the_style(bodies):
    """Arial coming from the Normal style (no font on the runs): one change on the style."""
    data = build_docx_bytes(_spec(bodies[0][1], {"font": "Arial"}))
    z = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            blob = z.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(blob)
                for rf in list(root.iter(_W + "rFonts")):
                    rf.getparent().remove(rf)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.writestr(info, blob)
    seeded = buf.getvalue()
    result = fix_bytes(seeded, name="style-font.docx")
    assert "KT005" in {f.rule for f in result.before} and "KT005" not in _rules(result.data)
    assert any(c.rule == "KT005" and c.style_level for c in result.changes)
    z = zipfile.ZipFile(io.BytesIO(result.data))
    assert "w:rPrChange" in z.read("word/styles.xml").decode()
    assert "w:rPrChange" not in z.read("word/document.xml").decode()
    assert _formats(_transform(result.data, "reject")) == _formats(seeded)
    assert _texts(result.data) == _texts(seeded)


def test_every_fix_in_the_catalogue_names_a_remedy_and_every_remedy_is_used():
    from vbqppl_check.engine import load_catalogue
    from vbqppl_check.fix.remedies import REMEDIES
    cat = load_catalogue()
    used = {r.fix["remedy"] for r in cat.values() if r.fix}
    assert used <= set(REMEDIES), used - set(REMEDIES)
    assert set(REMEDIES) <= used, set(REMEDIES) - used
    assert len([r for r in cat.values() if r.fix]) >= 60


def test_catalogue_fail_examples_of_fixable_rules_are_fixed():
    """Each fixable rule's own DOCX fail examples: the copy no longer has the finding (the few
    exceptions are repairs the fixer declines: retyping "ĐIỀU", moving a footer page number, a
    heading whose fix the re-check rolled back)."""
    import datetime as dt
    from vbqppl_check.config import Config, from_mapping
    from vbqppl_check.engine import load_catalogue
    total, fixed = 0, 0
    for rid, rule in sorted(load_catalogue().items()):
        if not rule.fix:
            continue
        for ex in rule.examples["fail"]:
            if "docx" not in ex:
                continue
            cfg = from_mapping(ex.get("config", {}), Config())
            if ex.get("as_of"):
                cfg = cfg.with_overrides(as_of=dt.date.fromisoformat(str(ex["as_of"])))
            result = fix_bytes(build_docx_bytes(ex["docx"]), name="example.docx", config=cfg, spelling=True)
            if rid not in {f.rule for f in result.before}:
                continue
            total += 1
            fixed += rid not in {f.rule for f in result.remaining}
            assert not result.new_findings, (rid, [f.rule for f in result.new_findings])
    assert total >= 50 and fixed / total >= 0.9, (fixed, total)


def test_rollback_without_any_faulty_remedy():
    """A chapter title typed in lower case is taken for body text (KT121: not justified); justifying
    it makes the first-line-indent rule apply to it (KT122, a new finding): the re-check rolls the
    change back and the copy keeps the line as it was."""
    seeded = build_docx_bytes({"kind": "vbqppl", "replace": {"QUY ĐỊNH CHUNG": "Quy định chung"}})
    result = fix_bytes(seeded, name="chuong.docx")
    assert [c.rule for c in result.rolled_back] == ["KT121"]
    assert "KT122" in result.rolled_back[0].reason
    assert not result.new_findings
    assert _formats(result.data) == _formats(seeded)
    assert "KT121" in {f.rule for f in result.remaining}


def test_page_number_moved_from_footer_to_header_as_tracked_change(bodies):
    seeded = build_docx_bytes(_spec(bodies[0][1], {"page_numbers": "footer_center"}))
    result = fix_bytes(seeded, name="footer.docx")
    assert "KT030" in {f.rule for f in result.before} and "KT030" not in _rules(result.data)
    src = read(result.data)
    assert src.sections[0].page_number_in == "header" and src.sections[0].page_number_alignment == "center"
    assert src.sections[0].page_number_on_first_page is False
    z = zipfile.ZipFile(io.BytesIO(result.data))
    header = next(n for n in z.namelist() if n.startswith("word/header"))
    hx, fx = z.read(header).decode(), z.read("word/footer1.xml").decode()
    assert re.search(r"<w:ins [^>]*w:author=\"vbqppl-check\"", hx) and "PAGE" in hx
    assert "<w:delInstrText" in fx and "<w:del " in fx
    assert _formats(_transform(result.data, "reject")) == _formats(seeded)
    untracked = fix_bytes(seeded, name="footer.docx", track=False)
    assert _formats(untracked.data) == _formats(_transform(result.data, "accept"))


def test_more_findings_than_a_check_reports_are_fixed_in_a_further_pass():
    """65 numbers written with the Icelandic Ð; the language check reports 50 per rule: the copy is
    fixed again for the rest, and every change is a tracked change of its own."""
    lines = [("dieu", "Điều 1. Bãi bỏ các quyết định sau đây:")]
    lines += [("text", f"- Quyết định số {i}/QÐ-UBND ngày 05 tháng 01 năm 2024;") for i in range(10, 75)]
    lines += [("dieu", "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")]
    seeded = build_docx_bytes({"body_lines": lines})
    assert sum(f.rule == "NN005" for f in vbqppl_check.check(seeded).findings) == 50
    result = fix_bytes(seeded, name="many.docx")
    assert [c.rule for c in result.changes].count("NN005") == 65
    assert not any(f.rule == "NN005" for f in vbqppl_check.check(result.data).findings)
    assert not result.new_findings and not result.rolled_back
    assert _texts(_transform(result.data, "reject")) == _texts(seeded)
    assert all("QĐ-UBND" in t for t in _texts(result.data) if "Quyết định số" in t)
