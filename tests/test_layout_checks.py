"""Kỹ thuật trình bày (KT) checks: behaviours beyond the catalogue examples — regime-dependent
values, tolerances, numbering with insertions, quotations and attachments, PDF print scaling."""
from __future__ import annotations

import dataclasses

from docbuilder import build_docx_bytes
from vbqppl_check.checks._layout_util import page_scales, true_size
from vbqppl_check.config import Config
from vbqppl_check.engine import run_checks
from vbqppl_check.model import Run, RunFormat
from vbqppl_check.parse import parse
from vbqppl_check.readers import read

VB = {"kind": "vbqppl"}


def _run(spec: dict, select, **cfg):
    doc = parse(read(build_docx_bytes(spec), name="t.docx"))
    return run_checks(doc, Config(select=select, **cfg), strict=True)


def _text_run(text: str, select, **cfg):
    doc = parse(read(text.encode(), name="t.txt"))
    return run_checks(doc, Config(select=select, **cfg), strict=True)


def test_margin_tolerance():
    assert _run({"margins_mm": {"top": 25.15, "left": 29.85}}, ("KT003",)) == []
    assert [f.rule for f in _run({"margins_mm": {"top": 25.5}}, ("KT003",))] == ["KT003"]


def test_indent_values_depend_on_the_regime():
    # NĐ 30: 1 cm or 1.27 cm; NĐ 34: anything from 1 to 1.27 cm
    assert _run({"body": {"first_line_indent_cm": 1.15}}, ("KT022",))
    assert _run({**VB, "body": {"first_line_indent_cm": 1.15}}, ("KT022",), regime="nd34") == []


def test_line_spacing_exact_points():
    assert _run({**VB, "body": {"line_spacing": "exact:15"}}, ("KT024",), regime="nd34") == []
    assert _run({**VB, "body": {"line_spacing": "exact:13"}}, ("KT024",), regime="nd34")
    assert _run({"body": {"line_spacing": "exact:17"}}, ("KT024",)) == []      # about single for 14 pt
    assert _run({"body": {"line_spacing": "exact:30"}}, ("KT024",))            # beyond 1.5 lines


def test_diem_letter_severity():
    bad = _run({"replace": {"c) Văn bản cần bãi": "f) Văn bản cần bãi"}}, ("KT043",))
    assert [(f.found, f.severity) for f in bad] == [("f)", "error")]
    gap = _run({"replace": {"c) Văn bản cần bãi": "d) Văn bản cần bãi"}}, ("KT043",))
    assert [(f.found, f.severity) for f in gap] == [("d)", "warning")]
    inserted = _run({"extra_lines": [("diem", "a1) Văn bản cần đính chính;", "khoan")],
                     "replace": {"a) Văn bản cần sửa đổi, bổ sung;": "a) Văn bản cần sửa đổi, bổ sung;"}},
                    ("KT043",))
    assert [f.found for f in inserted] == ["a1)"]   # "a1)" after "c)" is out of place


VB_TEXT = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/2025/QĐ-UBND
Ninh Bình, ngày 15 tháng 8 năm 2025
QUYẾT ĐỊNH
Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số 10/2024/QĐ-UBND
Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;
Theo đề nghị của Giám đốc Sở Nội vụ;
Ủy ban nhân dân ban hành Quyết định sửa đổi, bổ sung một số điều của Quy định.
Điều 1. Sửa đổi, bổ sung một số điều của Quy định
1. Sửa đổi khoản 3 Điều 5 như sau:
“3. Văn bản đi được đăng ký vào hệ thống.
Điều 9. Nội dung này nằm trong ngoặc kép”.
2. Bổ sung Điều 5a sau Điều 5 như sau:
“Điều 5a. Lưu văn bản điện tử
Văn bản điện tử được lưu trên hệ thống.”
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 9 năm 2025./.
Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""


def test_quoted_units_do_not_count_in_the_numbering():
    assert _text_run(VB_TEXT, ("KT040", "KT041", "KT042", "KT044")) == []


def test_an_attached_text_may_start_again_at_article_1():
    text = VB_TEXT.replace("Điều 2. Hiệu lực thi hành", "Điều 2. Hiệu lực thi hành\nĐiều 1. Phạm vi áp dụng\n"
                                                         "Điều 2. Đối tượng áp dụng", 1)
    assert [f.found for f in _text_run(text, ("KT042",))] == []
    gap = VB_TEXT.replace("Điều 2. Hiệu lực", "Điều 3. Hiệu lực")
    assert [f.found for f in _text_run(gap, ("KT042",))] == ["Điều 3"]


def test_print_scaling_is_divided_out():
    doc = parse(read(build_docx_bytes({}), name="t.docx"))
    # simulate a PDF printed at 94 %: every size of page 1 times 0.94
    blocks = []
    for b in doc.source.blocks:
        runs = tuple(dataclasses.replace(r, format=dataclasses.replace(r.format, size=round(r.format.size * 0.94, 1)))
                     if r.format.size else r for r in b.runs)
        blocks.append(dataclasses.replace(b, runs=runs, page=1))
    pdf = dataclasses.replace(doc, source=dataclasses.replace(doc.source, format="pdf", blocks=tuple(blocks),
                                                               has_page_setup=False, sections=()))
    k = page_scales(pdf)[1]
    assert 0.93 <= k <= 0.95
    assert true_size(pdf, pdf.source.blocks[0], 13.2) == 14.0
    f = run_checks(pdf, Config(select=("KT0",)), strict=True)
    assert [x.rule for x in f if x.severity == "error"] == []


def test_a_whole_point_pdf_is_not_rescaled():
    doc = parse(read(build_docx_bytes({}), name="t.docx"))
    pdf = dataclasses.replace(doc, source=dataclasses.replace(
        doc.source, format="pdf", blocks=tuple(dataclasses.replace(b, page=1) for b in doc.source.blocks)))
    assert page_scales(pdf) == {}
    assert Run(0, 1, "a", RunFormat(size=13.0)).format.size == 13.0
