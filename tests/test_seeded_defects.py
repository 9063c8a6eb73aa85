"""Seeded defects: one correct document built with python-docx (tests/docbuilder.py) and one-defect
variants of it. Each variant's defect must be found by the right rule, in the right category; the
correct documents (administrative under NĐ 30, VBQPPL under NĐ 78/187) must be clean of error and
warning findings of thể thức (TT) and kỹ thuật trình bày (KT)."""
from __future__ import annotations

import pytest

from docbuilder import build_docx_bytes
from vbqppl_check.config import Config
from vbqppl_check.engine import load_catalogue, make_context, run_checks
from vbqppl_check.parse import parse
from vbqppl_check.readers import read

CFG = Config(select=("TT", "KT"))
VB = {"kind": "vbqppl"}


def _ov(component, **kw):
    return {"override": {"component": component, **kw}}


# (name, spec, rule expected)
VARIANTS = [
    ("margin-left-25", {"margins_mm": {"left": 25}}, "KT003"),
    ("margin-top-15", {"margins_mm": {"top": 15}}, "KT003"),
    ("paper-a5", {"paper": "A5"}, "KT001"),
    ("landscape", {"orientation": "landscape"}, "KT002"),
    ("font-arial", {"font": "Arial"}, "KT005"),
    ("font-vntime", {"font": ".VnTime"}, "KT007"),
    ("red-text", _ov("khoan", color="FF0000"), "KT008"),
    ("quoc-hieu-text", {"quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆTNAM"}, "TT001"),
    ("tieu-ngu-no-spaces", {"tieu_ngu": "Độc lập-Tự do-Hạnh phúc"}, "TT002"),
    ("quoc-hieu-14pt", _ov("quoc_hieu", size=14), "KT010"),
    ("tieu-ngu-not-bold", _ov("tieu_ngu", bold=False), "KT011"),
    ("issuer-not-bold", _ov("co_quan", bold=False), "KT012"),
    ("so-no-colon", {"so_ky_hieu": "Số 15/QĐ-UBND"}, "TT004"),
    ("so-no-leading-zero", {"so_ky_hieu": "Số: 5/QĐ-UBND"}, "TT005"),
    ("so-stray-space", {"so_ky_hieu": "Số: 15 /QĐ-UBND"}, "TT006"),
    ("so-wrong-type", {"so_ky_hieu": "Số: 15/KH-UBND"}, "TT007"),
    ("so-14pt", _ov("so_ky_hieu", size=14), "KT014"),
    ("date-day-zero", {"dia_danh_ngay": "Ninh Bình, ngày 5 tháng 01 năm 2025"}, "TT010"),
    ("date-month-zero", {"dia_danh_ngay": "Ninh Bình, ngày 15 tháng 1 năm 2025"}, "TT010"),
    ("date-no-comma", {"dia_danh_ngay": "Ninh Bình ngày 15 tháng 01 năm 2025"}, "TT012"),
    ("date-impossible", {"dia_danh_ngay": "Ninh Bình, ngày 30 tháng 02 năm 2025"}, "TT013"),
    ("date-month-padded", {"dia_danh_ngay": "Ninh Bình, ngày 15 tháng 03 năm 2025"}, "TT011"),
    ("date-upright", _ov("dia_danh_ngay", italic=False), "KT015"),
    ("ten-loai-not-bold", _ov("ten_loai", bold=False), "KT016"),
    ("trich-yeu-italic", _ov("trich_yeu", italic=True), "KT017"),
    ("can-cu-upright", _ov("can_cu", italic=False), "KT018"),
    ("can-cu-comma", {"replace": {"tháng 02 năm 2025;": "tháng 02 năm 2025,"}}, "TT017"),
    ("can-cu-one-line", {"can_cu": ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025; "
                                    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ "
                                    "về công tác văn thư;"]}, "TT016"),
    ("body-12pt", {"body": {"size": 12}}, "KT019"),
    ("body-mixed-size", {"mixed_body_size": 13}, "KT020"),
    ("body-left", {"body": {"alignment": "left"}}, "KT021"),
    ("indent-0.5cm", {"body": {"first_line_indent_cm": 0.5}}, "KT022"),
    ("no-paragraph-spacing", {"body": {"space_after_pt": 0}}, "KT023"),
    ("double-spacing", {"body": {"line_spacing": 2.0}}, "KT024"),
    ("page-number-footer", {"page_numbers": "footer_center"}, "KT030"),
    ("page-number-on-page-1", {"title_page": False}, "KT030"),
    ("dieu-not-bold", _ov("dieu", bold=False), "KT025"),
    ("dieu-colon", {"replace": {"Điều 2.": "Điều 2:"}}, "KT046"),
    ("dieu-gap", {"replace": {"Điều 3.": "Điều 4."}}, "KT042"),
    ("diem-gap", {"replace": {"b) Văn bản": "c) Văn bản", "c) Văn bản cần bãi": "d) Văn bản cần bãi"}}, "KT043"),
    ("diem-letter-f", {"replace": {"c) Văn bản cần bãi": "f) Văn bản cần bãi"}}, "KT043"),
    ("kt-without-dot", {"signature": ["KT CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]}, "TT019"),
    ("tuq-then-kt", {"signature": ["TUQ. CHỦ TỊCH", "KT. GIÁM ĐỐC SỞ NỘI VỤ", "PHÓ GIÁM ĐỐC",
                                   "Trần Văn Bình"]}, "TT020"),
    ("signer-title", {"signature": ["CHỦ TỊCH", "TS. Nguyễn Văn An"]}, "TT022"),
    ("name-not-bold", _ov("ho_ten", bold=False), "KT027"),
    ("noi-nhan-no-colon", {"noi_nhan": ["Nơi nhận", "- Như Điều 3;", "- Lưu: VT, NC (02)."]}, "TT024"),
    ("noi-nhan-no-semicolon", {"noi_nhan": ["Nơi nhận:", "- Như Điều 3", "- Lưu: VT, NC (02)."]}, "TT025"),
    ("luu-no-colon", {"noi_nhan": ["Nơi nhận:", "- Như Điều 3;", "- Lưu VT, NC (02)."]}, "TT026"),
    ("noi-nhan-13pt", _ov("noi_nhan", size=13), "KT028"),
    ("no-end-mark", {"replace": {"Quyết định này./.": "Quyết định này."}}, "TT018"),
    # VBQPPL (Quyết định of the UBND tỉnh, 15/08/2025: NĐ 78/2025 as amended by NĐ 187/2025)
    ("vb-chuong-arabic", {**VB, "replace": {"Chương II": "Chương 2"}}, "KT040"),
    ("vb-bullets-in-diem", {**VB, "extra_lines": [("text", "- bản sao điện tử;", "diem")]}, "KT045"),
    ("vb-dieu-without-title", {**VB, "replace": {"Điều 2. Đối tượng áp dụng": "Điều 2."}}, "KT044"),
    ("vb-year-mismatch", {**VB, "so_ky_hieu": "Số: 15/2024/QĐ-UBND"}, "TT109"),
    ("vb-margin-left", {**VB, "margins_mm": {"left": 20}}, "KT103"),
    ("vb-font", {**VB, "font": "Arial"}, "KT105"),
    ("vb-can-cu-no-semicolon", {**VB, "replace": {"số 72/2025/QH15;": "số 72/2025/QH15"}}, "TT117"),
    ("vb-dieu-not-bold", {**VB, **_ov("dieu", bold=False)}, "KT125"),
    ("vb-signature-t/m", {**VB, "signature": ["T/M. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]}, "TT119"),
]


def _findings(spec: dict, config: Config = CFG):
    doc = parse(read(build_docx_bytes(spec), name="seeded.docx"))
    return doc, run_checks(doc, config, strict=True)


@pytest.mark.parametrize("spec", [{}, VB], ids=["hanh_chinh-nd30", "vbqppl-nd78_187"])
def test_correct_documents_are_clean(spec):
    doc, findings = _findings(spec)
    ctx = make_context(doc, CFG)
    assert ctx.regime is not None and ctx.regime.id == ("nd78_187" if spec else "nd30")
    bad = [(f.rule, f.severity, f.found, f.expected) for f in findings if f.severity in ("error", "warning")]
    assert bad == []


def test_there_are_enough_variants():
    assert len(VARIANTS) >= 30
    assert len({rid for _, _, rid in VARIANTS}) >= 30


@pytest.mark.parametrize("name,spec,rule_id", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_seeded_defect_is_found(name, spec, rule_id):
    rule = load_catalogue()[rule_id]
    _, findings = _findings(spec)
    hits = [f for f in findings if f.rule == rule_id]
    assert hits, f"{name}: {rule_id} not reported; got {[(f.rule, f.found) for f in findings]}"
    assert all(f.category == rule.category for f in hits)
    assert {"TT": "format", "KT": "layout"}[rule_id[:2]] == rule.category
