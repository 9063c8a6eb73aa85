"""DOCX reader over the real NĐ 30/2020 Word files and over documents built here with python-docx."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from realdocs import real_file

from vbqppl_check.readers import read
from vbqppl_check.readers.docx import read_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIP_MM = 25.4 / 1440
ND30 = "nd30-2020-original-word/original/30_2020_ND_CP.docx"
CONVERTED = "nd30-2020-original-word/converted_by_repo_author"


@pytest.fixture(scope="module")
def nd30():
    path = real_file(ND30)
    return path, read(path)


def _block(doc, text):
    return next(b for b in doc.blocks if b.text.strip() == text)


def _xml_paragraph(path, text):
    """The w:p element of document.xml whose text is `text` (to look at its direct formatting)."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    for p in root.iter(W + "p"):
        if "".join(t.text or "" for t in p.iter(W + "t")).strip() == text:
            return p
    raise AssertionError(text)


# --- the real NĐ 30/2020 file -------------------------------------------------------------------

def test_nd30_page_setup(nd30):
    _, doc = nd30
    assert doc.format == "docx" and doc.has_formatting and doc.has_page_setup
    s = doc.sections[0]
    assert s.width_mm == pytest.approx(11907 * TWIP_MM, abs=0.01)   # 210.03 mm
    assert s.height_mm == pytest.approx(16840 * TWIP_MM, abs=0.01)  # 297.04 mm
    assert s.margin_top_mm == pytest.approx(1418 * TWIP_MM, abs=0.01)   # 25.01 mm
    assert s.margin_left_mm == pytest.approx(1985 * TWIP_MM, abs=0.01)  # 35.01 mm
    assert s.margin_right_mm == pytest.approx(20.0, abs=0.01)
    assert s.orientation == "portrait"
    # titlePg with only a default header holding PAGE: numbered from page 2, centred, 14 pt
    assert s.different_first_page is True
    assert s.page_number_in == "header"
    assert s.page_number_alignment == "center"
    assert s.page_number_size == 14.0
    assert s.page_number_on_first_page is False


def test_nd30_ten_loai_bold_only_through_character_style(nd30):
    path, doc = nd30
    b = _block(doc, "NGHỊ ĐỊNH")
    assert all(r.format.bold for r in b.runs)
    assert {r.format.size for r in b.runs} == {14.0}
    # the file's runs carry rStyle=Strong and no w:b of their own
    p = _xml_paragraph(path, "NGHỊ ĐỊNH")
    runs = [r for r in p.iter(W + "r") if r.find(W + "t") is not None]
    assert runs
    for r in runs:
        rpr = r.find(W + "rPr")
        assert rpr is not None and rpr.find(W + "b") is None
        assert rpr.find(W + "rStyle").get(W + "val") == "Strong"


@pytest.mark.parametrize("text,style,size", [
    ("CHÍNH PHỦ", "Heading 2", 13.0),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Heading 4", 13.0),
    ("Độc lập - Tự do - Hạnh phúc", "Heading 5", 14.0),
])
def test_nd30_header_bold_through_paragraph_style(nd30, text, style, size):
    path, doc = nd30
    b = _block(doc, text)
    assert b.paragraph.style == style
    assert all(r.format.bold for r in b.runs)
    assert b.runs[0].format.size == size
    assert b.runs[0].format.font == "Times New Roman"
    p = _xml_paragraph(path, text)
    for r in p.iter(W + "r"):
        rpr = r.find(W + "rPr")
        assert rpr is None or (rpr.find(W + "b") is None and rpr.find(W + "rStyle") is None)


def test_nd30_header_table_reading_order(nd30):
    _, doc = nd30
    head = [(b.kind, b.table.row, b.table.col, b.text) for b in doc.blocks[:7]]
    assert head == [
        ("cell", 0, 0, "CHÍNH PHỦ"),
        ("cell", 0, 0, "_______"),
        ("cell", 0, 0, "Số: 30/2020/NĐ-CP"),
        ("cell", 0, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("cell", 0, 1, "Độc lập - Tự do - Hạnh phúc"),
        ("cell", 0, 1, "________________________________________"),
        ("cell", 0, 1, "Hà Nội, ngày 05 tháng 3 năm 2020"),
    ]
    assert all(b.table.table == 0 and b.table.depth == 1 for b in doc.blocks[:7])
    assert doc.blocks[7].kind == "paragraph" and doc.blocks[7].text == "NGHỊ ĐỊNH"
    date = doc.blocks[6]
    assert date.runs[0].format.italic and not date.runs[0].format.bold


def test_nd30_body_paragraph_format(nd30):
    _, doc = nd30
    b = next(b for b in doc.blocks if b.text.startswith("Căn cứ Luật Tổ chức Chính phủ"))
    assert b.paragraph.alignment == "justify"
    assert b.paragraph.first_line_indent_mm == pytest.approx(10.0, abs=0.1)
    assert b.paragraph.space_before_pt == 12.0
    assert b.runs[0].format.italic and b.runs[0].format.size == 14.0
    dieu = next(b for b in doc.blocks if b.text.startswith("Điều 1."))
    assert dieu.runs[0].format.bold
    # signature table and nơi nhận come at the end of the body, then the header
    body = doc.body_blocks()
    assert body[-1].text.strip() == "Nguyễn Xuân Phúc" and body[-1].table.table == 1
    headers = [b for b in doc.blocks if b.kind == "header"]
    assert [b.header_kind for b in headers] == ["default"]
    assert headers[0].runs[0].field == "PAGE"


def test_nd30_text_is_nfc(nd30):
    _, doc = nd30
    assert all(unicodedata.is_normalized("NFC", b.text) for b in doc.blocks)
    for b in doc.blocks:
        assert "".join(r.text for r in b.runs) == b.text
        assert all(b.text[r.start:r.end] == r.text for r in b.runs)


@pytest.mark.parametrize("name,first", [
    ("Phuluc1.docx", "Phụ lục I"), ("Phuluc2.docx", "Phụ lục II"), ("Phuluc3.docx", "Phụ lục III"),
    ("Phuluc4.docx", "Phụ lục IV"), ("Phuluc5.docx", "Phụ lục V"), ("Phuluc6.docx", "Phụ lục VI"),
])
def test_converted_appendices(name, first):
    doc = read(real_file(f"{CONVERTED}/{name}"))
    assert doc.blocks[0].text.strip() == first
    assert doc.blocks[0].runs[0].format.bold and doc.blocks[0].runs[0].format.size == 14.0
    s0 = doc.sections[0]
    assert s0.width_mm == pytest.approx(210.0, abs=0.1) and s0.height_mm == pytest.approx(297.0, abs=0.1)
    assert s0.margin_top_mm == pytest.approx(25.0, abs=0.1) and s0.margin_left_mm == pytest.approx(35.0, abs=0.1)
    assert s0.page_number_in == "header" and s0.page_number_on_first_page is False
    assert len(doc.body_blocks()) > 20


def test_appendix_one_has_a_landscape_section_and_tables():
    doc = read(real_file(f"{CONVERTED}/Phuluc1.docx"))
    assert [s.orientation for s in doc.sections] == ["portrait", "landscape", "portrait"]
    land = doc.sections[1]
    assert land.width_mm == pytest.approx(297.0, abs=0.1)
    assert {b.section for b in doc.body_blocks()} == {0, 1, 2}
    cells = [b for b in doc.blocks if b.kind == "cell"]
    assert len({b.table.table for b in cells}) >= 3


def test_appendix_three_table_cells_in_row_order():
    doc = read(real_file(f"{CONVERTED}/Phuluc3.docx"))
    cells = [b for b in doc.blocks if b.kind == "cell" and b.table.table == 0]
    assert cells[0].text == "STT"
    order = [(b.table.row, b.table.col) for b in cells]
    assert order == sorted(order)  # row by row, left to right


# --- documents built with python-docx ------------------------------------------------------------

def _bytes(d: docx.Document) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _theme_latin(data: bytes, kind: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/theme/theme1.xml"))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    return root.find(f".//{a}{kind}Font/{a}latin").get("typeface")


def _formats_by_word(doc) -> dict:
    """word → effective format of the run holding it (adjacent runs of equal format are merged)."""
    return {word: r.format for b in doc.blocks for r in b.runs for word in r.text.split()}


def _page_field(paragraph, half_points: int = 24) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " PAGE ")
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(half_points))
    rpr.append(sz)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def test_style_chain_toggles_and_theme_fonts():
    d = docx.Document()
    para = d.styles.add_style("BoldPara", WD_STYLE_TYPE.PARAGRAPH)
    para.base_style = d.styles["Normal"]
    para.font.bold = True
    strong = d.styles.add_style("MyStrong", WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True
    base_char = d.styles.add_style("Slanted", WD_STYLE_TYPE.CHARACTER)
    base_char.font.italic = True
    derived = d.styles.add_style("SlantedBig", WD_STYLE_TYPE.CHARACTER)
    derived.base_style = base_char
    derived.font.size = Pt(16)

    p = d.add_paragraph(style="BoldPara")
    p.add_run("toggled-off ", style="MyStrong")        # bold in paragraph style XOR bold in char style
    p.add_run("direct ", style="MyStrong").bold = True  # direct formatting is absolute
    p.add_run("plain")
    q = d.add_paragraph()
    q.add_run("derived", style="SlantedBig")
    h = d.add_paragraph("Heading", style="Heading 1")
    data = _bytes(d)
    doc = read_docx(data)
    runs = _formats_by_word(doc)
    assert runs["toggled-off"].bold is False
    assert runs["direct"].bold is True
    assert runs["plain"].bold is True
    assert runs["derived"].italic is True and runs["derived"].size == 16.0
    assert runs["derived"].font == _theme_latin(data, "minor")      # docDefaults asciiTheme=minorHAnsi
    assert runs["Heading"].font == _theme_latin(data, "major")      # Heading 1 uses majorHAnsi
    assert runs["plain"].size == 11.0                                # docDefaults w:sz=22
    assert h.style.name == doc.blocks[-1].paragraph.style == "Heading 1"


def test_direct_run_properties():
    d = docx.Document()
    p = d.add_paragraph()
    r = p.add_run("HOA")
    r.font.all_caps = True
    r.font.size = Pt(13)
    r.font.underline = True
    r.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    r.font.name = "Times New Roman"
    r2 = p.add_run(" thường")
    r2.font.strike = True
    doc = read_docx(_bytes(d))
    f1, f2 = doc.blocks[0].runs[0].format, doc.blocks[0].runs[1].format
    assert (f1.caps, f1.size, f1.underline, f1.color, f1.font) == (True, 13.0, True, "C00000", "Times New Roman")
    assert f2.strike is True and f2.caps is False and f2.underline is False


def test_paragraph_format_units():
    d = docx.Document()
    p = d.add_paragraph("Khoản một")
    pf = p.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Mm(12.7)
    pf.left_indent = Mm(5)
    pf.space_before = Pt(6)
    pf.space_after = Pt(3)
    pf.line_spacing = 1.5
    q = d.add_paragraph("Hanging")
    q.paragraph_format.first_line_indent = Mm(-6)
    q.paragraph_format.line_spacing = Pt(18)
    r = d.add_paragraph("At least")
    r.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    r.paragraph_format.line_spacing = Pt(15)
    doc = read_docx(_bytes(d))
    a, b, c = (x.paragraph for x in doc.blocks)
    assert a.alignment == "justify"
    assert a.first_line_indent_mm == pytest.approx(12.7, abs=0.05)
    assert a.left_indent_mm == pytest.approx(5.0, abs=0.05)
    assert (a.space_before_pt, a.space_after_pt) == (6.0, 3.0)
    assert (a.line_spacing, a.line_spacing_rule) == (1.5, "auto")
    assert b.first_line_indent_mm == pytest.approx(-6.0, abs=0.05)
    assert (b.line_spacing, b.line_spacing_rule) == (18.0, "exact")
    assert (c.line_spacing, c.line_spacing_rule) == (15.0, "atLeast")
    # docDefaults of the python-docx template: after=200 twips, line 276/240
    plain = read_docx(_bytes(_one("x"))).blocks[0].paragraph
    assert plain.space_after_pt == 10.0 and plain.line_spacing == pytest.approx(1.15)


def _one(text):
    d = docx.Document()
    d.add_paragraph(text)
    return d


def test_tables_nested_and_merged():
    d = docx.Document()
    d.add_paragraph("before")
    t = d.add_table(rows=3, cols=2)
    for i in range(3):
        for j in range(2):
            t.cell(i, j).text = f"r{i}c{j}"
    inner = t.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "in0"
    inner.cell(0, 1).text = "in1"
    t.cell(1, 0).merge(t.cell(2, 0))   # vertical merge: the lower cell must not be read twice
    t.cell(2, 1).text = "r2c1"
    d.add_paragraph("after")
    t2 = d.add_table(rows=1, cols=3)
    t2.cell(0, 0).merge(t2.cell(0, 1))  # horizontal merge: one cell spanning two grid columns
    t2.cell(0, 0).text = "wide"
    t2.cell(0, 2).text = "right"
    doc = read_docx(_bytes(d))
    seq = [(b.text, b.kind, b.table and (b.table.table, b.table.row, b.table.col, b.table.depth))
           for b in doc.blocks]
    assert seq == [
        ("before", "paragraph", None),
        ("r0c0", "cell", (0, 0, 0, 1)),
        ("r0c1", "cell", (0, 0, 1, 1)),
        ("in0", "cell", (0, 0, 0, 2)),
        ("in1", "cell", (0, 0, 1, 2)),
        ("r1c0", "cell", (0, 1, 0, 1)),
        ("r2c0", "cell", (0, 1, 0, 1)),   # merged content lives in the first cell
        ("r1c1", "cell", (0, 1, 1, 1)),
        ("r2c1", "cell", (0, 2, 1, 1)),
        ("after", "paragraph", None),
        ("wide", "cell", (1, 0, 0, 1)),
        ("right", "cell", (1, 0, 2, 1)),
    ]


def test_sections_headers_footers_and_page_numbers():
    d = docx.Document()
    s0 = d.sections[0]
    s0.page_width, s0.page_height = Mm(210), Mm(297)
    s0.top_margin, s0.bottom_margin, s0.left_margin, s0.right_margin = Mm(20), Mm(15), Mm(30), Mm(15)
    s0.different_first_page_header_footer = True
    s0.header.paragraphs[0].text = "đầu trang"
    s0.first_page_header.paragraphs[0].text = "trang đầu"
    fp = s0.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _page_field(fp)
    d.add_paragraph("thân văn bản")
    s1 = d.add_section(WD_SECTION.NEW_PAGE)
    s1.orientation = WD_ORIENT.LANDSCAPE
    s1.page_width, s1.page_height = Mm(297), Mm(210)
    d.add_paragraph("phụ lục ngang")
    doc = read_docx(_bytes(d))
    a, b = doc.sections
    mm = pytest.approx  # python-docx stores whole twips: 210 mm is 11906 tw = 210.01 mm
    assert (a.width_mm, a.height_mm, a.orientation) == (mm(210.0, abs=0.02), mm(297.0, abs=0.02), "portrait")
    assert (a.margin_top_mm, a.margin_bottom_mm, a.margin_left_mm, a.margin_right_mm) == (
        mm(20.0, abs=0.02), mm(15.0, abs=0.02), mm(30.0, abs=0.02), mm(15.0, abs=0.02))
    assert a.different_first_page is True
    assert (a.page_number_in, a.page_number_alignment, a.page_number_size) == ("footer", "right", 12.0)
    assert a.page_number_on_first_page is False       # the first-page footer has no PAGE field
    assert (b.width_mm, b.orientation) == (mm(297.0, abs=0.02), "landscape")
    assert b.page_number_in == "footer"                # footer inherited from section 0
    body = doc.body_blocks()
    assert [(x.text, x.section) for x in body] == [("thân văn bản", 0), ("phụ lục ngang", 1)]
    heads = {(x.kind, x.header_kind, x.text) for x in doc.blocks if x.kind in ("header", "footer")}
    assert ("header", "default", "đầu trang") in heads and ("header", "first", "trang đầu") in heads
    assert any(x.kind == "footer" and x.runs[0].field == "PAGE" for x in doc.blocks)

    _page_field(s0.first_page_footer.paragraphs[0])
    assert read_docx(_bytes(d)).sections[0].page_number_on_first_page is True


def test_numbering_from_style_with_labels():
    d = docx.Document()
    for text in ("một", "hai", "ba"):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("dấu", style="List Bullet")
    d.add_paragraph("thường")
    doc = read_docx(_bytes(d))
    nums = [(b.paragraph.numbering, b.paragraph.numbering_text) for b in doc.blocks]
    assert nums[:3] == [(True, "1."), (True, "2."), (True, "3.")]
    assert nums[3][0] is True and nums[3][1]
    assert nums[4] == (False, None)


def test_shared_numbering_definitions_keep_each_documents_counters():
    """The numbering definitions of a numbering.xml are shared between documents (docx._NUMBERINGS);
    the list counters are not: the second document numbers from 1 again."""
    from vbqppl_check.readers import docx as docx_reader
    d = docx.Document()
    for text in ("một", "hai"):
        d.add_paragraph(text, style="List Number")
    data = _bytes(d)
    docx_reader._NUMBERINGS.clear()
    first = [b.paragraph.numbering_text for b in read_docx(data).blocks]
    assert len(docx_reader._NUMBERINGS) == 1
    second = [b.paragraph.numbering_text for b in read_docx(data).blocks]
    assert len(docx_reader._NUMBERINGS) == 1      # the same definitions, not parsed again
    assert first == second == ["1.", "2."]


def test_nfd_text_is_normalised_and_raw_kept():
    nfd = unicodedata.normalize("NFD", "Việt Nam")
    doc = read_docx(_bytes(_one(nfd)))
    b = doc.blocks[0]
    assert b.text == "Việt Nam" and b.raw == nfd
    assert b.runs[0].end == len(b.text)


def test_fields_tracked_changes_and_hyperlinks_in_text():
    d = docx.Document()
    p = d.add_paragraph("Điều ")
    ins = OxmlElement("w:ins")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "5"
    r.append(t)
    ins.append(r)
    p._p.append(ins)
    dele = OxmlElement("w:del")
    r2 = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = "6"
    r2.append(dt)
    dele.append(r2)
    p._p.append(dele)
    doc = read_docx(_bytes(d))
    assert doc.blocks[0].text == "Điều 5"


def test_strict_ooxml_namespaces_and_universal_measures():
    d = docx.Document()
    r = d.add_paragraph().add_run("Nghị quyết")
    r.bold = True
    r.font.size = Pt(14)
    data = _bytes(d)
    strict = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in ("word/document.xml", "word/styles.xml"):
            xml = zf.read(name).replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                        b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            strict[name] = xml
    doc_xml = strict["word/document.xml"]
    doc_xml = re.sub(rb'w:w="\d+" w:h="\d+"', b'w:w="210mm" w:h="297mm"', doc_xml)
    doc_xml = doc_xml.replace(b'<w:sz w:val="28"/>', b'<w:sz w:val="14pt"/>')
    assert b'w:val="14pt"' in doc_xml and b'w:w="210mm"' in doc_xml
    strict["word/document.xml"] = doc_xml
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, strict.get(info.filename, src.read(info.filename)))
    doc = read_docx(out.getvalue())
    assert doc.blocks[0].text == "Nghị quyết"
    assert doc.blocks[0].runs[0].format.bold and doc.blocks[0].runs[0].format.size == 14.0
    assert doc.sections[0].width_mm == pytest.approx(210.0, abs=0.01)
    assert doc.sections[0].height_mm == pytest.approx(297.0, abs=0.01)


def test_hidden_text_is_not_read():
    d = docx.Document()
    p = d.add_paragraph("Điều 1. ")
    p.add_run("ghi chú ẩn ").font.hidden = True
    p.add_run("Phạm vi")
    assert read_docx(_bytes(d)).blocks[0].text == "Điều 1. Phạm vi"


def test_unterminated_field_does_not_hide_the_rest():
    d = docx.Document()
    p = d.add_paragraph()
    r = p.add_run()
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "begin")
    r._r.append(fc)
    p.add_run("Điều 1")
    d.add_paragraph("Điều 2")
    texts = [b.text for b in read_docx(_bytes(d)).blocks]
    assert texts == ["Điều 2"]  # the run inside the open instruction is not shown; the next paragraph is


def test_page_number_placed_by_tab_stops():
    """A left-aligned header paragraph "<tab>PAGE" shows the number at the Header style's centre stop."""
    d = docx.Document()
    s0 = d.sections[0]
    hp = s0.header.paragraphs[0]
    hp.style = d.styles["Header"]
    hp.add_run("\t")
    _page_field(hp)
    d.add_paragraph("thân")
    stops = [(t.position, t.alignment) for t in d.styles["Header"].paragraph_format.tab_stops]
    assert len(stops) >= 2  # python-docx's Header style: centre and right stops
    doc = read_docx(_bytes(d))
    assert doc.sections[0].page_number_in == "header"
    assert doc.sections[0].page_number_alignment == "center"
    d2 = docx.Document()  # two tabs: the right stop
    hp2 = d2.sections[0].header.paragraphs[0]
    hp2.style = d2.styles["Header"]
    hp2.add_run("\t\t")
    _page_field(hp2)
    d2.add_paragraph("thân")
    assert read_docx(_bytes(d2)).sections[0].page_number_alignment == "right"


def test_vietnamese_letters_use_the_hansi_font():
    d = docx.Document()
    p = d.add_paragraph()
    for text in ("Viet Nam", "Việt Nam"):
        r = p.add_run(text)
        fonts = r._r.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:ascii"), "Times New Roman")
        fonts.set(qn("w:hAnsi"), "Arial")
        p.add_run(" ")
    runs = read_docx(_bytes(d)).blocks[0].runs
    fonts = {r.text.strip(): r.format.font for r in runs if r.text.strip()}
    assert fonts == {"Viet Nam": "Times New Roman", "Việt Nam": "Arial"}


TEXTBOX_RUN = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing><wp:anchor><a:graphic><a:graphicData>
        <wps:wsp><wps:txbx><w:txbxContent>
          <w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p>
        </w:txbxContent></wps:txbx></wps:wsp>
      </a:graphicData></a:graphic></wp:anchor></w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict><v:shape><v:textbox><w:txbxContent>
        <w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p>
      </w:txbxContent></v:textbox></v:shape></w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>
"""


def test_text_box_read_once_after_its_anchor():
    d = docx.Document()
    p = d.add_paragraph("Kính gửi: Bộ Nội vụ")
    p._p.append(etree.fromstring(TEXTBOX_RUN))
    d.add_paragraph("Điều 1")
    texts = [(b.kind, b.text) for b in read_docx(_bytes(d)).blocks]
    assert texts == [("paragraph", "Kính gửi: Bộ Nội vụ"), ("paragraph", "DỰ THẢO"), ("paragraph", "Điều 1")]


def _complex_page_field(paragraph, code_half_points: int, result_half_points: int) -> None:
    """begin / instrText PAGE / separate / result "1" / end, the code and the result sized apart."""
    def run(child, half_points):
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(half_points))
        rpr.append(sz)
        r.append(rpr)
        r.append(child)
        paragraph._p.append(r)

    def fld(kind):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    instr = OxmlElement("w:instrText")
    instr.text = " PAGE   \\* MERGEFORMAT "
    result = OxmlElement("w:t")
    result.text = "1"
    run(fld("begin"), code_half_points)
    run(instr, code_half_points)
    run(fld("separate"), code_half_points)
    run(result, result_half_points)
    run(fld("end"), code_half_points)


def test_page_number_size_is_the_shown_result():
    d = docx.Document()
    hp = d.sections[0].header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _complex_page_field(hp, code_half_points=20, result_half_points=28)
    d.add_paragraph("thân")
    doc = read_docx(_bytes(d))
    s = doc.sections[0]
    assert (s.page_number_in, s.page_number_alignment, s.page_number_size) == ("header", "center", 14.0)
    page = next(b for b in doc.blocks if b.kind == "header")
    assert page.text == "1" and page.runs[0].field == "PAGE" and page.runs[0].format.size == 14.0


def test_shared_style_sheet_changes_no_block():
    """Style sheets and numbering definitions are shared between documents with the same parts
    (docx._SHEETS, docx._NUMBERINGS): reading real files in turn, with them shared or rebuilt for every
    file, gives the same blocks."""
    from vbqppl_check.readers import docx as docx_reader
    paths = [real_file(ND30)] + [real_file(f"{CONVERTED}/Phuluc{k}.docx") for k in (1, 2, 1, 3)] + [real_file(ND30)]

    def blocks(path):
        return [(b.text, b.kind, b.runs, b.paragraph, b.table) for b in read(path).blocks]

    docx_reader._SHEETS.clear()
    docx_reader._NUMBERINGS.clear()
    shared = [blocks(p) for p in paths]
    assert len(docx_reader._SHEETS) >= 2          # the appendices do not all share the decree's template
    assert docx_reader._NUMBERINGS                # numbering definitions are shared too (fresh counters)
    alone = []
    for p in paths:
        docx_reader._SHEETS.clear()
        docx_reader._NUMBERINGS.clear()
        alone.append(blocks(p))
    assert shared == alone
