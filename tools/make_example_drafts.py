"""Build the example .docx draft shipped in corpora/examples/ (run once; the output is committed).

It is an administrative công văn drafted in 2026 with typical layout mistakes that officers make
when starting from an old template: Arial on part of the body, a 25 mm left margin, the page number
in the footer, the tiêu ngữ with en dashes, and the quốc hiệu not bold.

    python tools/make_example_drafts.py corpora/examples/du-thao-cong-van-2026.docx
"""
from __future__ import annotations

import sys

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt


def _para(container, text, *, size=14, bold=False, italic=False, align=None, font="Times New Roman",
          first_line_mm=None, space_after=6):
    p = container.add_paragraph()
    run = p.add_run(text)
    run.font.name = font
    run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    if align is not None:
        p.alignment = align
    if first_line_mm is not None:
        p.paragraph_format.first_line_indent = Mm(first_line_mm)
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _page_number_footer(section):
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)


def build(path: str) -> None:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.left_margin, sec.right_margin = Mm(25), Mm(15)
    _page_number_footer(sec)

    table = doc.add_table(rows=2, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0].text = ""
    _para(left, "ỦY BAN NHÂN DÂN", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "XÃ HẢI HẬU", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "Độc lập – Tự do – Hạnh phúc", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(table.cell(1, 0), "Số: 45 /UBND-VP", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(table.cell(1, 0), "V/v triển khai tự kiểm tra văn bản quy phạm pháp luật năm 2026", size=12,
          align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(table.cell(1, 1), "Hải Hậu, ngày 5 tháng 2 năm 2026", size=14, italic=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)

    _para(doc, "Kính gửi: Các cơ quan, đơn vị thuộc Ủy ban nhân dân xã.", align=WD_ALIGN_PARAGRAPH.CENTER)
    body = [
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh Ninh Bình về "
        "kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật năm 2026, Ủy ban nhân dân xã đề nghị các "
        "cơ quan, đơn vị thực hiện một số nội dung sau:",
        "1. Tổ chức tự kiểm tra các văn bản do Ủy ban nhân dân xã ban hành từ ngày 01 tháng 7 năm 2025; "
        "lập danh mục văn bản có sai sót về căn cứ ban hành, thể thức và kỹ thuật trình bày.",
        "2. Gửi báo cáo kết quả tự kiểm tra về Văn phòng HĐND và UBND xã trước ngày 30 tháng 3 năm 2026 để "
        "tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
    ]
    for i, text in enumerate(body):
        _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_mm=12.7,
              font="Arial" if i == 2 else "Times New Roman")
    _para(doc, "Ủy ban nhân dân xã đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện./.",
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_mm=12.7)

    sign = doc.add_table(rows=1, cols=2)
    _para(sign.cell(0, 0), "Nơi nhận:", size=12, bold=True, italic=True)
    _para(sign.cell(0, 0), "- Như trên;", size=11)
    _para(sign.cell(0, 0), "- Lưu: VT.", size=11)
    _para(sign.cell(0, 1), "TL. CHỦ TỊCH", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(sign.cell(0, 1), "KT. CHÁNH VĂN PHÒNG", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(sign.cell(0, 1), "PHÓ CHÁNH VĂN PHÒNG", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(sign.cell(0, 1), "Trần Văn Minh", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.save(path)


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "corpora/examples/du-thao-cong-van-2026.docx")
