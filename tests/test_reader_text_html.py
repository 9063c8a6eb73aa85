"""Plain text, Markdown (thuvienphapluat pages) and HTML (vbpl.vn bodies) readers on real files."""
from __future__ import annotations

import gzip
import json
import re
import unicodedata

import pytest

from realdocs import real_file

from vbqppl_check.readers import read, sniff
from vbqppl_check.readers.text import decode_text

TVPL = "tvpl-2025-md/docs"
VBPL = "vbpl-central-2025"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@pytest.fixture(scope="module")
def vbpl_records(corpus):
    by_url = {}
    with gzip.open(corpus / VBPL / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text"):
                by_url[rec["url"]] = rec
            if len(by_url) >= 400:
                break
    return by_url


def test_vbpl_plain_text_one_block_per_line(corpus, vbpl_records):
    checked = 0
    for rec in list(vbpl_records.values())[:60]:
        doc = read(rec["text"].encode("utf-8"), name="vbpl.txt")
        lines = [unicodedata.normalize("NFC", ln.strip()) for ln in rec["text"].splitlines() if ln.strip()]
        assert doc.format == "text" and not doc.has_formatting
        assert [b.text for b in doc.blocks] == lines
        assert all(b.kind == "text" for b in doc.blocks)
        checked += 1
    assert checked == 60
    # NFD (decomposed) texts come out NFC, with the raw text kept
    nfd = next(r for r in vbpl_records.values() if not unicodedata.is_normalized("NFC", r["text"]))
    doc = read(nfd["text"].encode("utf-8"), name="nfd.txt")
    assert any(b.raw is not None and b.raw != b.text for b in doc.blocks)
    assert all(unicodedata.is_normalized("NFC", b.text) for b in doc.blocks)


def test_congbao_txt_and_encodings():
    path = real_file("congbao-pdf-8topics/txt/thong-tu-so-02-2026-tt-btc-468745.txt")
    doc = read(path)
    assert doc.format == "text"
    assert "Số: 02/2026/TT-BTC" in doc.text
    raw = path.read_text(encoding="utf-8")
    for data in (raw.encode("utf-8-sig"), raw.encode("utf-16"), raw.encode("utf-16-le")):
        assert [b.text for b in read(data, name="x.txt").blocks] == [b.text for b in doc.blocks]
    # a legacy single-byte file still decodes (cp1258 fallback), never raises
    legacy = "Hà Nô\u0323i".encode("cp1258")     # cp1258 writes the dot below as a combining mark
    assert decode_text(legacy) == "Hà Nô\u0323i"
    block = read(legacy, name="legacy.txt").blocks[0]
    assert block.text == "Hà Nội" and block.raw == "Hà Nô\u0323i"


def _md(name):
    return read(real_file(f"{TVPL}/{name}"))


def test_tvpl_markdown_header_table_and_boilerplate():
    doc = _md("020bddd030400bd2.md")
    assert doc.format == "markdown" and not doc.has_formatting
    texts = [b.text for b in doc.blocks]
    # site furniture gone: banner, property table, trailer
    assert not any("THƯ VIỆN PHÁP LUẬT" in t or "Đã biết" in t or "Số hiệu:" in t for t in texts)
    assert not any("Văn bản này chưa cập nhật" in t or "Văn bản liên quan" in t for t in texts)
    # the header table: cells with positions, emphasis markers stripped, bold/italic kept in runs
    cells = [(b.table.row, b.table.col, b.text) for b in doc.blocks[:6]]
    assert cells == [(0, 0, "ỦY BAN NHÂN DÂN"), (0, 0, "TỈNH HÀ TĨNH"),
                     (0, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (0, 1, "Độc lập - Tự do - Hạnh phúc"),
                     (1, 0, "Số: 84/2025/QĐ-UBND"), (1, 1, "Hà Tĩnh, ngày 02 tháng 12 năm 2025")]
    assert all(b.kind == "cell" for b in doc.blocks[:6])
    assert all(r.format.bold for r in doc.blocks[2].runs)
    assert all(r.format.italic for r in doc.blocks[5].runs)
    assert not any("*" in t or t.strip() == "|" or set(t) <= set("-") for t in texts)
    # wrapped lines joined; "Điều" headings bold and on their own
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;" in texts
    dieu1 = next(b for b in doc.blocks if b.text == "Điều 1. Bãi bỏ toàn bộ các quyết định")
    assert dieu1.kind == "text" and all(r.format.bold for r in dieu1.runs)
    after = doc.blocks[dieu1.index + 1].text
    assert after.startswith("Bãi bỏ toàn bộ Quyết định số 10/2016/QĐ-UBND ngày 21/3/2016")
    assert after.endswith("của Ủy ban nhân dân tỉnh.")
    # the closing table: Nơi nhận | signature
    noi = next(b for b in doc.blocks if b.text == "Nơi nhận:")
    sig = next(b for b in doc.blocks if b.text == "TM. ỦY BAN NHÂN DÂN")
    assert noi.kind == sig.kind == "cell" and noi.table.table == sig.table.table
    assert (noi.table.col, sig.table.col) == (0, 1)
    assert doc.blocks[-1].text == "Trần Báu Hà"


def test_tvpl_cong_van():
    doc = _md("005d8820eb95c1cb.md")
    texts = [b.text for b in doc.blocks]
    assert texts[:3] == ["BỘ TÀI CHÍNH", "CỤC THUẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert "Số: 5348/CT-CS" in texts and "V/v hướng dẫn góp vốn điều lệ" in texts
    assert "Kính gửi: Thuế tỉnh Quảng Trị." in texts
    assert ("Căn cứ tại Điều 34 Luật Doanh nghiệp số 59/2020/QH14 quy định về tài sản góp vốn;") in texts
    assert texts[-1] == "Phạm Thị Minh Hiền"


def test_tvpl_markdown_sweep(corpus):
    """Over all 282 pages: no site furniture or markdown markers leak into the blocks."""
    files = sorted((corpus / TVPL).glob("*.md"))
    assert len(files) > 250
    with_header = 0
    for path in files:
        doc = read(path)
        texts = [b.text for b in doc.blocks]
        assert texts, path.name
        assert not any("THƯ VIỆN PHÁP LUẬT" in t or "Số hiệu:" in t or "Đang tải văn bản" in t
                       for t in texts), path.name
        assert not any("**" in t for t in texts), path.name
        with_header += any(t.startswith("CỘNG H") and t.endswith("VIỆT NAM") for t in texts[:12])
    assert with_header >= 0.75 * len(files)


def test_sniffing_markdown_and_html():
    data = real_file(f"{TVPL}/020bddd030400bd2.md").read_bytes()
    assert sniff(data, "x.md") == "markdown"
    html = real_file(f"{VBPL}/samples_html/doc_000001.content.html").read_bytes()
    assert sniff(html, "page.txt") == "html"      # by content, not by name


def test_vbpl_html_matches_vbpl_text(corpus, vbpl_records):
    files = sorted((corpus / VBPL / "samples_html").glob("*.html"))
    assert len(files) >= 10
    for path in files:
        url = re.search(r"source: (\S+)", path.read_text(encoding="utf-8")[:400]).group(1)
        doc = read(path)
        assert doc.format == "html" and not doc.has_formatting
        rec = vbpl_records.get(url)
        if rec is None:
            continue
        lines = [_squash(ln) for ln in rec["text"].splitlines() if ln.strip()]
        ours = [_squash(b.text) for b in doc.blocks]
        assert ours == lines, path.name


def test_vbpl_html_structure_and_formatting():
    doc = read(real_file(f"{VBPL}/samples_html/doc_000001.content.html"))
    head = [(b.kind, b.table and (b.table.table, b.table.row, b.table.col), b.text) for b in doc.blocks[:5]]
    assert head == [("cell", (0, 0, 0), "CHÍNH PHỦ"),
                    ("cell", (0, 0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                    ("cell", (0, 0, 1), "Độc lập - Tự do - Hạnh phúc"),
                    ("cell", (0, 1, 0), "Số: 249/2025/NĐ-CP"),
                    ("cell", (0, 1, 1), "Hà Nội, ngày 19 tháng 09 năm 2025")]
    assert all(r.format.bold for r in doc.blocks[1].runs)
    assert all(r.format.italic for r in doc.blocks[4].runs)
    title = doc.blocks[5]
    assert title.text == "NGHỊ ĐỊNH" and title.kind == "paragraph"
    assert title.paragraph.alignment == "center" and title.paragraph.space_before_pt == 6.0
    assert title.runs[0].format.font == "Times New Roman"
    assert title.runs[0].format.size is None   # "14px" on vbpl is not the author's size
    can_cu = doc.blocks[7]
    assert can_cu.text.startswith("Căn cứ Luật") and can_cu.paragraph.alignment == "justify"
    assert all(r.format.italic for r in can_cu.runs)


def test_html_is_safe_and_tolerant():
    hostile = (b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body>'
               b'<p style="font-size:13pt;font-weight:bold">A &x; B</p><script>alert(1)</script>'
               b'<img src="http://example.invalid/x.png"><table><tr><td>1<table><tr><td>in</td></tr></table>'
               b'</td><td style="text-align:right">2</td></tr></table></body></html>')
    doc = read(hostile, name="x.html")
    texts = [b.text for b in doc.blocks]
    assert not any("root:" in t for t in texts) and "alert(1)" not in " ".join(texts)
    assert doc.blocks[0].runs[0].format.size == 13.0 and doc.blocks[0].runs[0].format.bold
    inner = next(b for b in doc.blocks if b.text == "in")
    assert inner.table.depth == 2 and inner.table.table == 0
    two = next(b for b in doc.blocks if b.text == "2")
    assert (two.table.row, two.table.col, two.paragraph.alignment) == (0, 1, "right")


def test_ocr_markdown_with_html_tables():
    """MinerU's Markdown of the Lai Châu draft: headings, paragraphs, tables written as HTML."""
    doc = read(real_file("real-pdf-local-2025/ocr_output_by_source_repo/laichau_draft.mineru.md"))
    assert doc.format == "markdown"
    assert "08/6/20210" in doc.text
    first = doc.blocks[0]
    assert first.paragraph.style == "Heading 1" and first.text.startswith("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    cells = [b for b in doc.blocks if b.kind == "cell"]
    assert {b.table.table for b in cells} == {0, 1}
    assert any(b.text == "Tên thủ tục hành chính" and b.table.col == 1 for b in cells)
    assert not any("<t" in b.text or b.text.startswith("!") for b in doc.blocks)


def test_markdown_stray_marker_does_not_swallow_the_document():
    md = ("**Điều 1. Phạm vi\n" + "\n".join(f"Câu số {i} của văn bản." for i in range(20))).encode()
    doc = read(md, name="x.md")
    assert len(doc.blocks) >= 15
    assert doc.blocks[0].text.startswith("Điều 1. Phạm vi")


def test_tvpl_site_summary_above_the_document_is_dropped(corpus):
    """thuvienphapluat writes its own summary ("## <headline>", "**Ngày 15/11/2025, Bộ trưởng … ban hành …**",
    "Căn cứ tại Mục A Danh mục …") between the property table and the document; a reviewer found a CC005
    warning raised on that site text (tests/data/precision2_verdicts.jsonl). The document starts at its
    header table."""
    doc = read(corpus / "tvpl-2025-md" / "docs" / "51f6b3d0d3d29a7f.md")
    texts = [b.text for b in doc.blocks]
    assert not any("Căn cứ tại Mục A Danh mục" in t for t in texts)
    assert not any(t.startswith("Danh mục nguyên liệu, vật liệu bán dẫn được khuyến khích") for t in texts[:3])
    assert any("Căn cứ Luật Công nghiệp công nghệ số 71/2025/QH15" in t for t in texts)
    assert "BỘ KHOA HỌC" in texts[0].upper()
