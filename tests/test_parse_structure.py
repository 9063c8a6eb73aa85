"""Structure tests on real documents: the tree, the components and the closing, each checked against a count
taken independently of the parser (python-docx paragraphs, the Công báo index, a regex over the text)."""
from __future__ import annotations

import gzip
import json
import re

import pytest

from realdocs import real_file

from vbqppl_check.parse import parse
from vbqppl_check.readers import read


def _dieu(doc, top_only=True):
    return [n for n in doc.nodes() if n.kind == "dieu"]


def test_nd30_decree_docx():
    import docx
    path = real_file("nd30-2020-original-word/original/30_2020_ND_CP.docx")
    # Count the articles from the file itself, not from the parser.
    heads = [p.text.strip() for p in docx.Document(str(path)).paragraphs if re.match(r"^Điều \d+\.", p.text.strip())]
    doc = parse(read(path))
    arts = _dieu(doc)
    assert len(heads) == 38
    assert [n.label for n in arts] == [str(i) for i in range(1, len(heads) + 1)]
    chapters = [n for n in doc.body if n.kind == "chuong"]
    assert [c.label for c in chapters] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert chapters[0].title == "QUY ĐỊNH CHUNG"
    assert [m.label for m in chapters[1].children if m.kind == "muc"] == ["1", "2"]
    assert [m.label for m in chapters[2].children if m.kind == "muc"] == ["1", "2", "3"]
    a8 = next(n for n in arts if n.label == "8")
    assert [k.label for k in a8.children if k.kind == "khoan"][:3] == ["1", "2", "3"]
    md = doc.metadata
    assert (md.number, md.type, md.issuer, md.date, md.place, md.kind) == (
        "30/2020/NĐ-CP", "Nghị định", "Chính phủ", "2020-03-05", "Hà Nội", "vbqppl")
    assert md.title == "Về công tác văn thư"
    sig = doc.signature
    assert sig.authority == ("TM.",) and sig.position == "THỦ TƯỚNG" and sig.name == "Nguyễn Xuân Phúc"
    assert doc.recipients.luu.startswith("Lưu: VT") and len(doc.recipients.items) > 5
    names = [c.name for c in doc.components]
    for required in ("quoc_hieu", "tieu_ngu", "co_quan_ban_hanh", "so_ky_hieu", "dia_danh_ngay", "ten_loai",
                     "trich_yeu", "can_cu", "de_nghi", "ban_hanh", "dau_ket_thuc", "noi_nhan", "chu_ky"):
        assert required in names, required
    # locations: the block of Điều 8 khoản 2 gives that path
    k2 = next(k for k in a8.children if k.label == "2")
    assert doc.path_at(k2.block_start).startswith("Điều 8 khoản 2")


def test_congbao_thong_tu_preamble_and_closing():
    doc = parse(read(real_file("congbao-pdf-8topics/txt/thong-tu-so-02-2026-tt-btc-468745.txt")))
    md = doc.metadata
    assert (md.number, md.type, md.issuer, md.date, md.signer) == (
        "02/2026/TT-BTC", "Thông tư", "Bộ Tài chính", "2026-01-01", "Nguyễn Thị Bích Ngọc")
    assert len(doc.components_named("can_cu")) == 5
    assert doc.component("de_nghi").text.startswith("Theo đề nghị của Vụ trưởng")
    assert "ban hành Thông tư" in doc.component("ban_hanh").text
    assert [n.label for n in _dieu(doc)] == ["1", "2"]
    assert doc.signature.authority == ("KT.",) and doc.signature.position == "THỨ TRƯỞNG"
    # the gazette's running head is page furniture, never part of the tree
    running = [b.index for b in doc.source.blocks if b.text.startswith("CÔNG BÁO/")]
    assert running and all(i in doc.unclassified for i in running)
    assert not any(c.name != "noi_dung" and set(c.blocks) & set(running) for c in doc.components)


@pytest.mark.parametrize("slug", ["thong-tu-so-20-2026-tt-bxd-469697", "thong-tu-so-08-2026-tt-bnv-469695",
                                  "thong-tu-so-26-2026-tt-bnnmt-469701"])
def test_congbao_article_count_matches_index(corpus, slug):
    base = corpus / "congbao-pdf-8topics"
    entry = next(e for e in json.loads((base / "index_all_400.json").read_text(encoding="utf-8")) if e["slug"] == slug)
    doc = parse(read(base / "txt" / f"{slug}.txt"))
    assert len(_dieu(doc)) == entry["so_dieu"]


def _vbpl(corpus, source_file):
    with gzip.open(corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["source_file"] == source_file:
                return rec
    raise LookupError(source_file)


def test_vbpl_nghi_dinh_chuong_muc(corpus):
    rec = _vbpl(corpus, "doc_000001.html")
    doc = parse(read(rec["text"].encode("utf-8"), name="nd249.txt"))
    expected = len(re.findall(r"(?m)^Điều \d+[a-z]?\.", rec["text"]))
    arts = _dieu(doc)
    assert len(arts) == expected and expected > 10
    chapters = [n for n in doc.body if n.kind == "chuong"]
    assert [c.label for c in chapters][:2] == ["I", "II"]
    assert any(m.kind == "muc" for m in chapters[1].children)
    md = doc.metadata
    assert (md.number, md.type, md.issuer, md.date) == ("249/2025/NĐ-CP", "Nghị định", "Chính phủ", "2025-09-19")
    a3 = next(n for n in arts if n.label == "3")
    k2 = next(k for k in a3.children if k.label == "2")
    assert [d.label for d in k2.children][:3] == ["a", "b", "c"]
    assert doc.path_at(k2.children[1].block_start) == "Điều 3 khoản 2 điểm b"


def test_tvpl_local_resolution():
    doc = parse(read(real_file("tvpl-2025-md/docs/02b9be7711f88c70.md")))
    md = doc.metadata
    assert (md.number, md.type, md.kind, md.issuer_level, md.province) == (
        "55/2025/NQ-HĐND", "Nghị quyết", "vbqppl", "province", "Thành phố Hà Nội")
    assert md.issuer == "Hội đồng nhân dân thành phố Hà Nội"
    assert md.date == "2025-11-26" and md.signer == "Phùng Thị Hồng Hà"
    assert "ban hành Nghị quyết" in doc.component("ban_hanh").text   # the 2025 form of the enacting line
    arts = _dieu(doc)
    assert arts and arts[0].label == "1"
    # this page shows the signature without "TM. HỘI ĐỒNG NHÂN DÂN": position and name only
    assert (doc.signature.authority, doc.signature.position, doc.signature.name) == ((), "CHỦ TỊCH", "Phùng Thị Hồng Hà")
    assert doc.recipients.luu == "Lưu: VT."
    annexes = [n for n in doc.body if n.kind == "phu_luc"]
    assert annexes and annexes[0].label == "01"


def test_amendment_quotations_are_not_structure():
    doc = parse(read(real_file("congbao-pdf-8topics/txt/luat-so-51-2024-qh15-43559.txt")))
    assert doc.metadata.type == "Luật" and doc.metadata.number == "51/2024/QH15"
    assert doc.quotations
    arts = _dieu(doc)
    # the Luật's own articles are numbered 1, 2, ... in order; quoted "9." or "Điều 22." are not taken
    assert [n.label for n in arts] == [str(i) for i in range(1, len(arts) + 1)]
    first = arts[0]
    q_blocks = {b for a, b2 in doc.quotations for b in range(a, b2 + 1)}
    for node in first.walk():
        if node is not first:
            assert node.block_start not in q_blocks


def test_congbao_pdf_two_column_header(corpus):
    """PDF blocks come column by column; the joint symbol wraps onto a second line of its cell."""
    doc = parse(read(corpus / "congbao-pdf-8topics" / "pdf" /
                     "thong-tu-lien-tich-so-01-2022-ttlt-vksndtc-tandtc-bca-bqp-bldtbxh-36844.pdf"))
    md = doc.metadata
    assert md.number == "01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH"
    assert doc.number.issuer_abbrs == ("VKSNDTC", "TANDTC", "BCA", "BQP", "BLĐTBXH")
    assert md.type == "Thông tư liên tịch" and md.kind == "vbqppl"
    assert doc.issuer.body == "lien_tich" and doc.issuer.name.startswith("Viện kiểm sát nhân dân tối cao - ")
    assert md.date is not None and _dieu(doc)
