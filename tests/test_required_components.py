"""Issue 11: the required-components model (rules/components.yaml) on every shape of real document,
the TM. body against the issuer (TQ100) and citations dated after the citing document (CC100).

Every case takes a real document of ../shared/corpus, checks that the unmutated document does not have
the finding, removes or changes one thing and checks that the finding appears at that place."""
from __future__ import annotations

import re

import pytest

from realdocs import vbpl_text

from vbqppl_check import check
from vbqppl_check.config import Config
from vbqppl_check.law.components import requirements


_vbpl = vbpl_text


def _tvpl(corpus, name: str) -> str:
    p = corpus / "tvpl-2025-md" / "docs" / name
    if not p.exists():
        pytest.skip(f"{name} not in this corpus copy")
    return p.read_text(encoding="utf-8")


def _findings(text: str, rules: tuple[str, ...], name: str):
    res = check(text.encode("utf-8"), Config(select=rules), name=name)
    assert res.status == "ok"
    return res.findings


def _missing(text, rules, name):
    return {(f.rule, f.location.component) for f in _findings(text, rules, name)}


PRESENCE = ("TT001", "TT002", "TT003", "TT014", "TT015", "TT018", "TT023", "TT024", "TT124", "TT300", "TT301",
            "TT302")


# -- the model itself --------------------------------------------------------------------------------

def test_model_by_type_and_regime():
    cv = {r.component for r in requirements("nd30", "Công văn", "hanh_chinh")}
    assert {"kinh_gui", "vv", "noi_nhan", "chuc_vu"} <= cv and "ten_loai" not in cv
    qd = {r.component: r for r in requirements("nd30", "Quyết định", "hanh_chinh")}
    assert "ban_hanh" in qd and qd["noi_nhan"].severity == "error"
    assert "ban_hanh" not in {r.component for r in requirements("nd78_187", "Quyết định", "vbqppl")}
    nd34 = {r.component: r for r in requirements("nd34", "Thông tư", "vbqppl")}
    assert nd34["noi_nhan"].severity == "info" and nd34["quoc_hieu"].severity == "warning"
    # NĐ 78 Điều 71 k2: "Nơi nhận (nếu có)" — practice only
    assert {r.component: r for r in requirements("nd78", "Nghị định", "vbqppl")}["noi_nhan"].severity == "info"
    for reg in ("tt01", "nd30", "nd34", "nd78", "nd78_187"):
        for r in requirements(reg, "Quyết định", "hanh_chinh" if reg in ("tt01", "nd30") else "vbqppl"):
            assert r.reference["instrument"] and r.verification in ("verified", "secondary", "practice", "memory")


# -- công văn (no Điều): Kính gửi, end mark, nơi nhận, position line --------------------------------

CV = "005d8820eb95c1cb.md"   # Công văn 5348/CT-CS of the Cục Thuế, 20/11/2025 (signed TL./KT., no Điều)


def test_cong_van_unmutated_has_no_missing_component(corpus):
    assert _missing(_tvpl(corpus, CV), PRESENCE, CV) == set()


def test_cong_van_without_kinh_gui(corpus):
    text = _tvpl(corpus, CV)
    cut = re.sub(r"(?m)^\**Kính gửi:.*\n", "", text, count=1)
    assert cut != text
    got = _findings(cut, PRESENCE, CV)
    assert [(f.rule, f.location.component, f.severity) for f in got] == [("TT300", "kinh_gui", "error")]
    assert "mục II.9" in got[0].reference


def test_cong_van_without_end_mark(corpus):
    text = _tvpl(corpus, CV)
    cut = text.replace("./.", ".", 1)
    assert ("TT018", "noi_dung") in _missing(cut, PRESENCE, CV)


def test_cong_van_without_recipients(corpus):
    text = _tvpl(corpus, CV)
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith("Nơi nhận"))
    j = next(k for k in range(i, len(lines)) if "Lưu" in lines[k])
    cut = "\n".join(lines[:i] + lines[j + 1:])
    assert ("TT024", "noi_nhan") in _missing(cut, PRESENCE, CV)


def test_kt_followed_directly_by_name(corpus):
    text = _tvpl(corpus, CV)
    cut = re.sub(r"(?m)^\**PHÓ TRƯỞNG BAN\**\s*\n", "", text, count=1)
    assert cut != text
    assert _missing(cut, PRESENCE, CV) == {("TT300", "chuc_vu")}


# -- VBQPPL of the NĐ 34 period without nơi nhận ---------------------------------------------------

ND34 = "doc_000428.html"    # a Thông tư of the Bộ Văn hóa, Thể thao và Du lịch (2017–2023)


def test_nd34_vbqppl_without_recipients(corpus):
    text = _vbpl(corpus, ND34)
    assert _missing(text, PRESENCE, "x.txt") == set()
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.strip().startswith("Nơi nhận"))
    j = next(k for k in range(i, len(lines)) if re.search(r"Lưu\s*:", lines[k]))
    cut = "\n".join(lines[:i] + lines[j + 1:])
    got = [f for f in _findings(cut, PRESENCE, "x.txt") if f.location.component == "noi_nhan"]
    assert [(f.rule, f.severity) for f in got] == [("TT301", "info")]
    assert "34/2016" in got[0].reference


# -- header: removed quốc hiệu (plain text), and a copy without any header -------------------------

ND = "doc_000001.html"      # Nghị định 249/2025/NĐ-CP


def test_plain_text_without_quoc_hieu_line_has_a_header(corpus):
    text = _vbpl(corpus, ND)
    cut = text.replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "", 1)
    assert cut != text
    assert ("TT001", "quoc_hieu") in _missing(cut, PRESENCE, "x.txt")
    assert not any(r == "TT302" for r, _ in _missing(cut, PRESENCE, "x.txt"))


def test_copy_without_header_is_said_once(corpus):
    text = _vbpl(corpus, ND)
    start = text.index("NGHỊ ĐỊNH")
    got = _findings(text[start:], PRESENCE, "x.txt")
    assert [(f.rule, f.severity) for f in got] == [("TT302", "info")]


# -- TQ100: the body after TM. is the issuer -------------------------------------------------------

def test_tm_body_must_be_the_issuer(corpus):
    text = _vbpl(corpus, ND)
    assert "TM. CHÍNH PHỦ" in text
    assert _findings(text, ("TQ100",), "x.txt") == ()
    got = _findings(text.replace("TM. CHÍNH PHỦ", "TM. ỦY BAN NHÂN DÂN"), ("TQ100",), "x.txt")
    assert [(f.rule, f.expected) for f in got] == [("TQ100", "TM. CHÍNH PHỦ")]


def test_tm_hdnd_resolution_signed_for_the_committee(corpus):
    name = "40de74e605854414.md"   # Nghị quyết 21/2025/NQ-HĐND tỉnh Vĩnh Long
    text = _tvpl(corpus, name)
    assert _findings(text, ("TQ100",), name) == ()
    signed = re.sub(r"(?m)^\*\*CHỦ TỊCH\*\*", "**TM. ỦY BAN NHÂN DÂN**\n**CHỦ TỊCH**", text, count=1)
    assert [f.rule for f in _findings(signed, ("TQ100",), name)] == ["TQ100"]


# -- CC100: a căn cứ issued after the citing document ----------------------------------------------

def test_basis_issued_after_the_document(corpus):
    text = _vbpl(corpus, ND)
    assert _findings(text, ("CC100",), "x.txt") == ()
    m = re.search(r"Căn cứ Luật Tổ chức Chính phủ số (\d+)/(\d{4})/QH15", text)
    assert m
    later = text[:m.start(2)] + "2027" + text[m.end(2):]
    got = _findings(later, ("CC100",), "x.txt")
    assert [(f.rule, f.location.component) for f in got] == [("CC100", "can_cu")]


def test_basis_dated_after_the_document_true_cases_in_the_corpus(corpus):
    """The two CC100 errors met on the unmutated corpus, both true: the citation's date is later than
    the citing document's own date (a typo in the published text)."""
    # Thông tư 35/2025/TT-BNNMT of 02/7/2025 cites "Nghị định số 35/2025/NĐ-CP ngày 25 tháng 7 năm 2025"
    # (NĐ 35/2025 was signed on 25/02/2025)
    got = _findings(_vbpl(corpus, "doc_000320.html"), ("CC100",), "x.txt")
    assert [f.found for f in got] == ["Nghị định 35/2025/NĐ-CP — 25/07/2025"]
    # a tvpl decision cites "Nghị định số 214/2025/NĐ-CP ngày 04 tháng 8 năm 2028"
    name = "14d45619867d65a2.md"
    got = _findings(_tvpl(corpus, name), ("CC100",), name)
    assert [f.found for f in got] == ["Nghị định 214/2025/NĐ-CP — 04/08/2028"]


def test_normative_decision_numbered_without_year_real(corpus):
    """TT303 on the unmutated corpus: Quyết định 451/QĐ-UBND (Bắc Ninh, 19/11/2025) repeals a normative
    decision (445/2013/QĐ-UBND), cites the Law on promulgation of legal documents, takes effect on a
    calendar date and is sent to the Cục Kiểm tra văn bản — a VBQPPL, numbered without its year."""
    name = "e452177a27361c26.md"
    got = _findings(_tvpl(corpus, name), ("TT303",), name)
    assert [(f.found, f.severity) for f in got] == [("451/QĐ-UBND", "warning")]
    # with the year the number agrees with the evidence
    fixed = _tvpl(corpus, name).replace("451/QĐ-UBND", "451/2025/QĐ-UBND")
    assert _findings(fixed, ("TT303",), name) == ()


# -- header with an abbreviated parent body: the cơ quan chủ quản is not the issuer -----------------

def test_parent_body_line_is_not_judged_as_the_issuer(corpus):
    """A Sở's letter (tvpl 3870cd0c35318a44.md: Sở Giáo dục và Đào tạo under the UBND of Hồ Chí Minh
    City) laid out in the NĐ 30 header table: the chủ quản line, abbreviated and not bold, is not the
    issuer's name and gives no "not bold" error; the issuer's line not bold still does."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent))
    from docbuilder import build_docx_bytes
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read
    name = "3870cd0c35318a44.md"
    real = parse(read(corpus / "tvpl-2025-md" / "docs" / name))
    lines = real.component("co_quan_ban_hanh").text.split("\n")
    assert len(lines) == 3 and real.component("co_quan_chu_quan") is not None
    spec = {"chu_quan": "UBND " + lines[1], "co_quan": lines[2:], "so_ky_hieu": real.component("so_ky_hieu").text,
            "dia_danh_ngay": real.component("dia_danh_ngay").text}
    ok = check(build_docx_bytes(spec), Config(select=("KT012", "KT013")), name="x.docx")
    assert [f.rule for f in ok.findings] == []
    bad = check(build_docx_bytes({**spec, "override": {"component": "co_quan", "bold": False}}),
                Config(select=("KT012", "KT013")), name="x.docx")
    assert [f.rule for f in bad.findings] == ["KT012"]


# -- VD100: internal references in every phrasing -------------------------------------------------

LUAT = "doc_000126.html"    # Luật Tương trợ tư pháp về hình sự (vbpl.vn)


@pytest.mark.parametrize("old,new,found", [
    ("quy định tại điểm a và điểm b khoản 1 Điều này chấm dứt", "quy định tại điểm a và điểm y khoản 1 Điều này chấm dứt",
     "điểm y khoản 1 Điều 11"),
    ("ra ngôn ngữ theo quy định tại khoản 1 và khoản 2 Điều này.", "ra ngôn ngữ theo quy định tại khoản 1 và khoản 9 Điều này.",
     None),
])
def test_relative_reference_to_a_missing_unit(corpus, old, new, found):
    text = _vbpl(corpus, LUAT)
    assert old in text
    assert [f for f in _findings(text, ("VD100",), "x.txt") if old[:30] in (f.excerpt or "")] == []
    got = [f.found for f in _findings(text.replace(old, new, 1), ("VD100",), "x.txt")]
    if found:
        assert found in got
    else:
        assert any(g.startswith("khoản 9 Điều") for g in got)


# -- TQ101: the symbol names another body -----------------------------------------------------------

def test_symbol_of_another_ministry(corpus):
    text = _vbpl(corpus, "doc_000294.html")     # Thông tư 60/2025/TT-BXD of the Bộ Xây dựng
    assert "Số: 60/2025/TT-BXD" in text
    assert _findings(text, ("TQ101",), "x.txt") == ()
    got = _findings(text.replace("Số: 60/2025/TT-BXD", "Số: 60/2025/TT-BTC", 1), ("TQ101",), "x.txt")
    assert [(f.found, f.expected) for f in got] == [("BTC", "BXD")]


# -- registry relations: a căn cứ to a decree replaced before the document's date ------------------

def test_basis_replaced_before_the_document_date(corpus):
    """corpora/registry/vbpl_relations_2025.jsonl (tools/build_registry_relations.py) knows from the
    effect article of Nghị định 180/2025/NĐ-CP (vbpl.vn) that it replaced Nghị định 35/2021/NĐ-CP
    from 01/7/2025: a decree of 19/9/2025 citing 35/2021 cites a replaced decree."""
    from vbqppl_check.law.registry import get_registry
    e = get_registry().get("35/2021/NĐ-CP")
    assert e is not None and "180/2025/NĐ-CP" in e.replaced_by and str(e.expiry) == "2025-07-01"
    text = _vbpl(corpus, ND)
    line = "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n"
    assert line in text
    cited = text.replace(line, line + "Căn cứ Nghị định số 35/2021/NĐ-CP ngày 29 tháng 3 năm 2021 của Chính phủ "
                               "quy định chi tiết và hướng dẫn thi hành Luật Đầu tư theo phương thức đối tác công tư;\n", 1)
    got = [f for f in _findings(cited, ("CC006",), "x.txt") if "35/2021" in (f.found or "")]
    assert len(got) == 1 and "180/2025/NĐ-CP" in (got[0].suggestion or "")


# -- kind from the evidence when the number cannot tell ---------------------------------------------

def test_decision_without_number_line_is_still_judged(corpus):
    """Quyết định 02144/QĐ-UBND (Đắk Lắk, tvpl 46cf026ac548f4bd.md) with its "Số:" line removed: the
    number no longer says whether it is a VBQPPL; the text (no căn cứ to the promulgation law) shows an
    administrative decision, so NĐ 30 applies and the missing số, ký hiệu is reported."""
    name = "46cf026ac548f4bd.md"
    text = _tvpl(corpus, name)
    cut = re.sub(r"(?m)^Số: 02144/QĐ-UBND\n", "", text, count=1)
    assert cut != text
    assert ("TT300", "so_ky_hieu") not in _missing(text, PRESENCE, name)
    assert ("TT300", "so_ky_hieu") in _missing(cut, PRESENCE, name)


def test_authority_without_dot_above_the_position_real(corpus):
    """Thông tư 95/2025/TT-BTC (Công báo text): "KT. BỘ TRƯỞNG" written "KT BỘ TRƯỞNG"; the text copy
    joins that line to the last khoản, yet the signature block is read from it."""
    p = corpus / "congbao-pdf-8topics" / "txt" / "thong-tu-so-95-2025-tt-btc-46745.txt"
    if not p.exists():
        pytest.skip("not in this corpus copy")
    text = p.read_text(encoding="utf-8")
    assert _findings(text, ("TT019", "TT119"), p.name) == ()
    cut = re.sub(r"(?m)^(\W*)KT\.\s+", r"\1KT ", text, count=1)
    assert [f.found for f in _findings(cut, ("TT019", "TT119"), p.name)] == ["KT BỘ TRƯỞNG"]
