"""Build small, complete .docx documents with python-docx for tests and catalogue examples.

`build_docx_bytes(spec)` returns the bytes of a document that is correct under Nghị định
30/2020/NĐ-CP (Phụ lục I) by default: a Quyết định (cá biệt) of the Chủ tịch UBND tỉnh Ninh Bình,
dated 15/01/2025 — A4 portrait, margins 25/20/35/20 mm (top/bottom/left/right), Times New Roman,
black; a borderless 2-column header table (issuer | Quốc hiệu + Tiêu ngữ; số ký hiệu | địa danh,
ngày); tên loại, trích yếu, the authority line (mẫu 1.2), căn cứ (italic, ";" then "."), "QUYẾT ĐỊNH:", a body
of Điều / khoản / điểm (14 pt, justified, first-line indent 1 cm, 6 pt after, single spacing)
ending with "./.", a borderless signature table (nơi nhận | quyền hạn ký, chức vụ, name), and the
page number as a PAGE field centred in the header, hidden on page 1 (titlePg).

Every key of `spec` is optional and changes one thing:

- ``kind``: "hanh_chinh" (default) or "vbqppl" — the VBQPPL variant is a Quyết định QPPL of the UBND
  tỉnh dated 15/08/2025 ("Số: 15/2025/QĐ-UBND"), with Chương I/II and titled Điều, the preamble
  ending "Ủy ban nhân dân ban hành Quyết định …." and "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
- ``paper``: "A4" (default), "A5", "Letter"; ``orientation``: "portrait" | "landscape".
- ``margins_mm``: {"top", "bottom", "left", "right"} (only the given sides change).
- ``font``: font name for every run (default "Times New Roman"); ``color``: hex colour for every run.
- ``page_numbers``: "header_center" (default) | "header_right" | "footer_center" | "none";
  ``title_page``: False shows the number on page 1 too (default True).
- ``body``: {"alignment": "justify"|"left"|…, "first_line_indent_cm": 1.0, "space_before_pt": 0,
  "space_after_pt": 6, "line_spacing": 1.0 (a multiple) or "exact:15" (points), "size": 14}
  for the body paragraphs (Điều, khoản, điểm lines).
- Texts (each replaces the default line(s)): ``quoc_hieu``, ``tieu_ngu``, ``chu_quan`` (a line above
  the issuer, default none), ``co_quan`` (list of lines), ``so_ky_hieu`` (the whole "Số: …" line),
  ``dia_danh_ngay``, ``ten_loai``, ``trich_yeu``, ``authority_line``, ``can_cu`` (list of lines),
  ``de_nghi`` (the last preamble line), ``ban_hanh`` (the "QUYẾT ĐỊNH:" line), ``body_lines`` (list of
  (component, text) pairs; component one of "chuong", "chuong_title", "dieu", "khoan", "diem",
  "text"), ``signature`` (list of lines: quyền hạn ký and chức vụ lines, then the name last),
  ``noi_nhan`` (list: label first, then items, "- Lưu: …" last).
- ``replace``: {"old": "new", …}: plain text replacement applied to every line after the
  defaults were chosen (e.g. {"Điều 2.": "Điều 4."}).
- ``extra_lines``: list of (component, text, after_component) to insert a line after the last line
  of a component (e.g. ("text", "- ý thứ nhất;", "diem") to split a điểm with a bullet).
- ``override``: {"component": NAME, "bold": …, "italic": …, "size": …, "font": …, "color": …,
  "alignment": …, "caps": …} or a list of them: formatting of one component's runs/paragraphs.
  Component names: quoc_hieu, tieu_ngu, chu_quan, co_quan, so_ky_hieu, dia_danh_ngay, ten_loai,
  trich_yeu, authority_line, can_cu, de_nghi, ban_hanh, chuong, chuong_title, dieu, khoan, diem,
  text, quyen_han_ky, chuc_vu, ho_ten, noi_nhan_label, noi_nhan, luu.
- ``mixed_body_size``: a size (pt) for the first khoản line only (the body then mixes two sizes).
"""
from __future__ import annotations

import re

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
PAPER = {"A4": (210, 297), "A5": (148, 210), "Letter": (215.9, 279.4)}


@dataclass
class Line:
    component: str
    text: str
    size: float = 14
    bold: bool = False
    italic: bool = False
    alignment: str = "center"
    body: bool = False          # takes the body paragraph format


def _defaults(kind: str) -> dict:
    vb = kind == "vbqppl"
    d = {
        "quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "tieu_ngu": "Độc lập - Tự do - Hạnh phúc",
        "chu_quan": None,
        "co_quan": ["ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH"],
        "so_ky_hieu": "Số: 15/2025/QĐ-UBND" if vb else "Số: 15/QĐ-UBND",
        "dia_danh_ngay": ("Ninh Bình, ngày 15 tháng 8 năm 2025" if vb
                          else "Ninh Bình, ngày 15 tháng 01 năm 2025"),
        "ten_loai": "QUYẾT ĐỊNH",
        "trich_yeu": ("Quy định chi tiết một số nội dung về quản lý công tác văn thư trên địa bàn tỉnh"
                      if vb else "Về việc thành lập Tổ công tác rà soát văn bản năm 2025"),
        # ND30 mẫu 1.2: the authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") under the trích yếu
        "authority_line": None if vb else "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        "can_cu": (["Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
                    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, "
                    "bổ sung bởi Luật số 87/2025/QH15;",
                    "Theo đề nghị của Giám đốc Sở Nội vụ;"] if vb else
                   ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
                    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác "
                    "văn thư;"]),
        "de_nghi": ("Ủy ban nhân dân ban hành Quyết định quy định chi tiết một số nội dung về quản lý "
                    "công tác văn thư trên địa bàn tỉnh." if vb else
                    "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 25/TTr-SNV ngày 10 tháng 01 "
                    "năm 2025."),
        "ban_hanh": None if vb else "QUYẾT ĐỊNH:",
        "signature": (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"] if vb else
                      ["CHỦ TỊCH", "Nguyễn Văn An"]),
        "noi_nhan": (["Nơi nhận:", "- Bộ Nội vụ;", "- Cục Kiểm tra văn bản và Quản lý xử lý vi phạm "
                      "hành chính (Bộ Tư pháp);", "- Thường trực Tỉnh ủy;", "- Thường trực HĐND tỉnh;",
                      "- Cổng thông tin điện tử tỉnh;", "- Lưu: VT, NC."] if vb else
                     ["Nơi nhận:", "- Như Điều 3;", "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
                      "- Lưu: VT, NC (02)."]),
    }
    if vb:
        d["body_lines"] = [
            ("chuong", "Chương I"), ("chuong_title", "QUY ĐỊNH CHUNG"),
            ("dieu", "Điều 1. Phạm vi điều chỉnh"),
            ("text", "Quyết định này quy định chi tiết một số nội dung về quản lý công tác văn thư "
                     "tại các cơ quan, tổ chức trên địa bàn tỉnh."),
            ("dieu", "Điều 2. Đối tượng áp dụng"),
            ("text", "Quyết định này áp dụng đối với các sở, ban, ngành và Ủy ban nhân dân các xã, "
                     "phường trên địa bàn tỉnh."),
            ("chuong", "Chương II"), ("chuong_title", "QUY ĐỊNH CỤ THỂ"),
            ("dieu", "Điều 3. Quản lý văn bản đi"),
            ("khoan", "1. Văn bản đi được đăng ký vào hệ thống quản lý văn bản điện tử."),
            ("khoan", "2. Việc lưu văn bản đi thực hiện như sau:"),
            ("diem", "a) Bản gốc được lưu tại Văn thư cơ quan;"),
            ("diem", "b) Bản chính được lưu trong hồ sơ công việc;"),
            ("diem", "c) Bản điện tử được lưu trên hệ thống."),
            ("dieu", "Điều 4. Hiệu lực thi hành"),
            ("khoan", "1. Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 9 năm 2025."),
            ("khoan", "2. Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách "
                      "nhiệm thi hành Quyết định này./."),
        ]
    else:
        d["body_lines"] = [
            ("dieu", "Điều 1. Thành lập Tổ công tác rà soát văn bản năm 2025 gồm các thành viên do "
                     "Giám đốc Sở Nội vụ đề xuất."),
            ("dieu", "Điều 2. Nhiệm vụ của Tổ công tác"),
            ("khoan", "1. Rà soát các văn bản do Ủy ban nhân dân tỉnh ban hành."),
            ("khoan", "2. Đề xuất xử lý kết quả rà soát, cụ thể:"),
            ("diem", "a) Văn bản cần sửa đổi, bổ sung;"),
            ("diem", "b) Văn bản cần thay thế;"),
            ("diem", "c) Văn bản cần bãi bỏ."),
            ("dieu", "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân "
                     "tỉnh, Giám đốc Sở Nội vụ và các thành viên Tổ công tác chịu trách nhiệm thi hành "
                     "Quyết định này./."),
        ]
    return d


def _lines(spec: dict) -> tuple[list[Line], ...]:
    """(issuer cell, national cell, number cell, date cell, main lines, signature cell, recipients)."""
    kind = spec.get("kind", "hanh_chinh")
    d = _defaults(kind)
    for key in d:
        if key in spec:
            d[key] = spec[key]
    rep = spec.get("replace", {})

    def t(text: str) -> str:
        for old, new in rep.items():
            text = text.replace(old, new)
        return text

    issuer = []
    if d["chu_quan"]:
        issuer.append(Line("chu_quan", t(d["chu_quan"]), 13))
    issuer += [Line("co_quan", t(x), 13, bold=True) for x in d["co_quan"]]
    issuer.append(Line("rule", "_______", 13))
    national = [Line("quoc_hieu", t(d["quoc_hieu"]), 13, bold=True),
                Line("tieu_ngu", t(d["tieu_ngu"]), 14, bold=True),
                Line("rule", "_______________________", 13)]
    number = [Line("so_ky_hieu", t(d["so_ky_hieu"]), 13)]
    date = [Line("dia_danh_ngay", t(d["dia_danh_ngay"]), 14, italic=True)]
    main = [Line("ten_loai", t(d["ten_loai"]), 14, bold=True),
            Line("trich_yeu", t(d["trich_yeu"]), 14, bold=True),
            Line("rule", "__________", 14)]
    if d["authority_line"]:
        main.append(Line("authority_line", t(d["authority_line"]), 14, bold=True))
    main += [Line("can_cu", t(x), 14, italic=True, alignment="justify", body=True) for x in d["can_cu"]]
    main.append(Line("de_nghi", t(d["de_nghi"]), 14, italic=True, alignment="justify", body=True))
    if d["ban_hanh"]:
        main.append(Line("ban_hanh", t(d["ban_hanh"]), 14, bold=True))
    for comp, text in d["body_lines"]:
        if comp == "chuong":
            main.append(Line(comp, t(text), 14, bold=True))
        elif comp == "chuong_title":
            main.append(Line(comp, t(text), 14, bold=True))
        else:
            main.append(Line(comp, t(text), 14, bold=(comp == "dieu" and kind == "vbqppl")
                             or (comp == "dieu" and _is_dieu_title(text)),
                             alignment="justify", body=True))
    for comp, text, after in spec.get("extra_lines", []):
        idx = max((i for i, ln in enumerate(main) if ln.component == after), default=len(main) - 1)
        main.insert(idx + 1, Line(comp, t(text), 14, alignment="justify", body=True))
    sig_lines = d["signature"]
    signature = []
    for i, text in enumerate(sig_lines):
        if i == len(sig_lines) - 1:
            signature.append(Line("ho_ten", t(text), 14, bold=True))
        else:
            comp = "quyen_han_ky" if text.split(" ")[0].rstrip(".").upper() in (
                "TM", "KT", "TL", "TUQ", "Q") else "chuc_vu"
            signature.append(Line(comp, t(text), 14, bold=True))
    # room for the signature, as in real documents
    signature[-1:-1] = [Line("blank", "", 14)] * 3
    recipients = []
    for i, text in enumerate(d["noi_nhan"]):
        if i == 0:
            recipients.append(Line("noi_nhan_label", t(text), 12, bold=True, italic=True, alignment="left"))
        elif text.lstrip("- ").startswith("Lưu"):
            recipients.append(Line("luu", t(text), 11, alignment="left"))
        else:
            recipients.append(Line("noi_nhan", t(text), 11, alignment="left"))
    return issuer, national, number, date, main, signature, recipients


def _is_dieu_title(text: str) -> bool:
    # an HC Điều whose line is a short title ("Điều 2. Nhiệm vụ của Tổ công tác") is bold
    head, _, rest = text.partition(". ")
    # (real titles run to 60–100 characters: "Trách nhiệm của Sở Tài chính; Ủy ban nhân dân các xã, phường")
    return bool(rest) and len(rest) < 100 and not rest.endswith((".", ":", ";"))


def _overrides(spec: dict) -> dict[str, dict]:
    ov = spec.get("override") or []
    if isinstance(ov, dict):
        ov = [ov]
    out: dict[str, dict] = {}
    for o in ov:
        out.setdefault(o["component"], {}).update({k: v for k, v in o.items() if k != "component"})
    return out


def _set_run_font(run, name: str) -> None:
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), name)


def _write(par, line: Line, spec: dict, ov: dict[str, dict], body_fmt: dict, first_khoan: list) -> None:
    o = ov.get(line.component, {})
    size = o.get("size", line.size)
    if line.body and line.component not in ("can_cu", "de_nghi") and "size" in body_fmt:
        size = o.get("size", body_fmt["size"])
    if line.component == "khoan" and spec.get("mixed_body_size") and not first_khoan:
        size = spec["mixed_body_size"]
        first_khoan.append(True)
    align = o.get("alignment", body_fmt.get("alignment", line.alignment) if line.body else line.alignment)
    par.alignment = ALIGN[align]
    pf = par.paragraph_format
    if line.body:
        pf.first_line_indent = Cm(body_fmt.get("first_line_indent_cm", 1.0))
        pf.space_before = Pt(body_fmt.get("space_before_pt", 0))
        pf.space_after = Pt(body_fmt.get("space_after_pt", 6))
        ls = body_fmt.get("line_spacing", 1.0)
        if isinstance(ls, str) and ls.startswith("exact:"):
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(float(ls.split(":")[1]))
        else:
            pf.line_spacing = float(ls)
    else:
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0
    if not line.text:
        return
    pieces = [(line.text, line.bold)]
    if line.component == "dieu" and not line.bold and ". " in line.text:
        # "Điều 1." is bold even when the rest of the line is content, not a title
        head, rest = line.text.split(". ", 1)
        pieces = [(head + ".", True), (" " + rest, False)]
    elif line.component == "dieu" and not line.bold and re.fullmatch(r"Điều\s+\d+\w*\s*\.?", line.text.strip()):
        pieces = [(line.text, True)]   # "Điều 3." alone on its line (the content follows): the heading is bold
    for text, bold in pieces:
        run = par.add_run(text)
        _set_run_font(run, o.get("font", spec.get("font", "Times New Roman")))
        run.font.size = Pt(size)
        run.font.bold = o.get("bold", bold)
        run.font.italic = o.get("italic", line.italic)
        if o.get("caps") is not None:
            run.font.all_caps = o["caps"]
        color = o.get("color", spec.get("color"))
        if color:
            run.font.color.rgb = RGBColor.from_string(color)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _fill_cell(cell, lines: list[Line], spec, ov, body_fmt, first_khoan) -> None:
    first = True
    for line in lines:
        par = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _write(par, line, spec, ov, body_fmt, first_khoan)


def _page_number(section, where: str, spec: dict) -> None:
    if where == "none":
        return
    part = section.footer if where.startswith("footer") else section.header
    par = part.paragraphs[0]
    par.alignment = ALIGN["right" if where.endswith("right") else "center"]
    run = par.add_run()
    _set_run_font(run, spec.get("font", "Times New Roman"))
    run.font.size = Pt(14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._element.append(el)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._element.append(el)
        else:
            el = OxmlElement("w:t")
            el.text = text
            run._element.append(el)


def build_docx(spec: dict | None = None) -> Document:
    spec = dict(spec or {})
    issuer, national, number, date, main, signature, recipients = _lines(spec)
    ov = _overrides(spec)
    body_fmt = {"alignment": "justify", "first_line_indent_cm": 1.0, "space_before_pt": 0,
                "space_after_pt": 6, "line_spacing": 1.0}
    body_fmt.update(spec.get("body", {}))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = spec.get("font", "Times New Roman")
    normal.font.size = Pt(14)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), spec.get("font", "Times New Roman"))
    sec = doc.sections[0]
    w, h = PAPER[spec.get("paper", "A4")]
    if spec.get("orientation") == "landscape":
        sec.orientation = WD_ORIENT.LANDSCAPE
        w, h = h, w
    sec.page_width, sec.page_height = Mm(w), Mm(h)
    margins = {"top": 25, "bottom": 20, "left": 35, "right": 20}
    margins.update(spec.get("margins_mm", {}))
    sec.top_margin, sec.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    sec.left_margin, sec.right_margin = Mm(margins["left"]), Mm(margins["right"])
    sec.different_first_page_header_footer = spec.get("title_page", True)
    _page_number(sec, spec.get("page_numbers", "header_center"), spec)

    first_khoan: list = []
    # the python-docx template starts with no paragraph; the header table comes first
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    _fill_cell(table.cell(0, 0), issuer, spec, ov, body_fmt, first_khoan)
    _fill_cell(table.cell(0, 1), national, spec, ov, body_fmt, first_khoan)
    _fill_cell(table.cell(1, 0), number, spec, ov, body_fmt, first_khoan)
    _fill_cell(table.cell(1, 1), date, spec, ov, body_fmt, first_khoan)
    for line in main:
        _write(doc.add_paragraph(), line, spec, ov, body_fmt, first_khoan)
    sig = doc.add_table(rows=1, cols=2)
    _no_borders(sig)
    _fill_cell(sig.cell(0, 0), recipients, spec, ov, body_fmt, first_khoan)
    _fill_cell(sig.cell(0, 1), signature, spec, ov, body_fmt, first_khoan)
    return doc


def build_docx_bytes(spec: dict | None = None) -> bytes:
    buf = io.BytesIO()
    build_docx(spec).save(buf)
    return buf.getvalue()


if __name__ == "__main__":  # write a sample: python tests/docbuilder.py out.docx
    import sys
    with open(sys.argv[1] if len(sys.argv) > 1 else "sample.docx", "wb") as fh:
        fh.write(build_docx_bytes({}))
