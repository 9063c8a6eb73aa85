"""Regressions for the classes of false findings of issue #12, each on the real corpus file it was met on.

1. Quốc hội / UBTVQH texts and the Constitution judged by NĐ 30's capitalisation table (NN011);
2. a văn bản hợp nhất read as an ordinary document (footnotes as body, lead-in as trích yếu, no issuer);
3. sample forms ("Mẫu số …") in appendices checked as the document's own provisions (HL002);
4. the registry matched by number only (55/2010/QH12 is a Luật and a Nghị quyết: CC008);
5. CC007 "not in the registry" once per citation (noise) → once per document;
6. OCR output (MinerU Markdown) judged character by character → at most info, with the reason;
7. image-only pages left unread and unreported → TT400, and a column in the summary and XLSX;
8. "Trên cơ sở …;" after the căn cứ (TT017), an item "1." in a table row (KT042), the UBTVQH closing
   formula "… thông qua ngày …" read as a place-and-date line (TT012/TT112).
Each test also checks that the true defect next to the false one is still reported where there is one.
"""
from __future__ import annotations

import gzip
import io
import json

import pytest

from vbqppl_check import check
from vbqppl_check.config import Config
from vbqppl_check.parse import parse
from vbqppl_check.readers import read

CONSTITUTION = "vbpl-attachments-central-laws/pdf/(32801)-VanBanGoc_Hien_phap_2013.pdf"
VBHN_VPQH = "vbpl-attachments-central-laws/pdf/(147294)-2020_1093_+_1094_23-VBHN-VPQH..pdf"
VBHN_BCT = "congbao-pdf-8topics/pdf/van-ban-hop-nhat-so-40-vbhn-bct-469651.pdf"
VBHN_LDTBXH = "congbao-pdf-8topics/pdf/van-ban-hop-nhat-so-835-vbhn-bldtbxh-41446.pdf"
FORM_PERMIT = "congbao-pdf-8topics/pdf/nghi-dinh-so-372-2025-nd-cp-468594.pdf"
FORM_DECISION = "congbao-pdf-8topics/pdf/thong-tu-so-22-2026-tt-bnnmt-469587.pdf"
NQ_55_2010 = "tvpl-2025-md/docs/478446b53ded4c18.md"
MINERU_CANTHO = "real-pdf-local-2025/ocr_output_by_source_repo/cantho_KH70.mineru.md"
MINERU_LAICHAU = "real-pdf-local-2025/ocr_output_by_source_repo/laichau_draft.mineru.md"
SCAN_SONLA = "real-pdf-local-2025/sonla_QD-2307-QD-UBND_2025-09-11_scan.pdf"
CUSTOMS_TB = "tvpl-2025-md/docs/39a27d44cc6e362b.md"          # thông báo: "Trên cơ sở …;", item "1." in a table
CUSTOMS_TB2 = "tvpl-2025-md/docs/93cafb7b0f4df375.md"
UBTVQH_RECORD = "doc_000023.html"                              # Nghị quyết 115/2025/UBTVQH15 (vbpl.vn text)


def _path(corpus, rel):
    p = corpus / rel
    if not p.is_file():
        pytest.skip(f"{rel} is not in this corpus copy")
    return str(p)


def _strong(res):
    return [f for f in res.findings if f.severity in ("error", "warning")]


# -- 1. Quốc hội texts, the Constitution, historical official names ------------------------------

def test_constitution_official_names_not_flagged(corpus):
    res = check(_path(corpus, CONSTITUTION), Config(select=("NN011",)))
    assert res.status == "ok"
    assert [f.found for f in res.findings] == []     # was 50 × "Ủy ban thường vụ Quốc hội", "Hội đồng dân tộc"


def test_parliament_consolidated_text_names_not_flagged(corpus):
    res = check(_path(corpus, VBHN_VPQH), Config(select=("NN011",)))
    assert res.findings == ()


def test_historical_name_inside_a_citation_is_the_cited_texts_wording():
    head = ("BỘ NỘI VỤ\nSố: 12/2025/TT-BNV\nHà Nội, ngày 10 tháng 3 năm 2025\nTHÔNG TƯ\nHướng dẫn một việc\n"
            "Căn cứ Nghị quyết số 1211/2016/UBTVQH13 ngày 25 tháng 5 năm 2016 của Ủy ban thường vụ Quốc hội "
            "về tiêu chuẩn của đơn vị hành chính;\nĐiều 1. Phạm vi\n")
    res = check((head + "Giao Bộ Tài chính chủ trì.\n").encode(), Config(select=("NN011",)), name="x.txt")
    assert res.findings == ()
    # the drafter's own wording is still judged, and a misspelling inside a citation too
    res = check((head + "Báo cáo Ủy ban thường vụ Quốc hội kết quả.\n").encode(), Config(select=("NN011",)),
                name="x.txt")
    assert [f.found for f in res.findings] == ["Ủy ban thường vụ Quốc hội"]
    bad = head.replace("của Ủy ban thường vụ Quốc hội", "của Chính Phủ")
    res = check(bad.encode(), Config(select=("NN011",)), name="x.txt")
    assert [f.found for f in res.findings] == ["Chính Phủ"]


# -- 2. văn bản hợp nhất ------------------------------------------------------------------------

def test_consolidated_text_in_a_gazette_excerpt(corpus):
    path = _path(corpus, VBHN_VPQH)
    doc = parse(read(path))
    assert doc.metadata.type == "Văn bản hợp nhất"
    assert doc.metadata.issuer == "Văn phòng Quốc hội"        # the running head "VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI"
    assert doc.metadata.kind is None                         # not judged as a 2026 Luật
    # the lead-in ("Luật … số 80/2015/QH13 ngày …") is no trích yếu
    assert "80/2015/QH13" not in (doc.metadata.title or "")
    # footnotes ("Khoản này được sửa đổi, bổ sung theo …") are notes, not body text
    notes = [b for b in doc.source.blocks if b.header_kind == "note"]
    assert any(b.text.startswith("Khoản này được sửa đổi, bổ sung") for b in notes)
    assert not any(b.text.startswith("Khoản này được sửa đổi") for b in doc.source.body_blocks())
    # was TT003 error, KT117, KT119 ×18, NN011 ×50 (the language model's rules, NN1xx, are judged elsewhere)
    res = check(path, Config(select=("TT", "KT", "TQ", "CC", "VD", "HL", "NN0")))
    assert _strong(res) == []


def test_consolidated_text_with_its_authentication(corpus):
    doc = parse(read(_path(corpus, VBHN_BCT)))
    md = doc.metadata
    assert (md.type, md.number, md.issuer, md.date) == ("Văn bản hợp nhất", "40/VBHN-BCT", "Bộ Công Thương",
                                                         "2026-05-26")
    assert not (md.title or "").startswith("Thông tư số 15/2026")
    assert sum(b.header_kind == "note" for b in doc.source.blocks) >= 10
    res = check(_path(corpus, VBHN_BCT), Config(select=("TT401",)))
    assert res.findings == ()                                # it has its XÁC THỰC block


def test_consolidated_text_names_reproduced_verbatim(corpus):
    res = check(_path(corpus, VBHN_LDTBXH), Config(select=("NN011",)))
    assert res.findings == ()


def test_reference_case_still_judged_on_an_ordinary_text():
    text = "Việc xử lý thực hiện theo quy định tại khoản 2 điều 5 của Nghị định này."
    res = check(text.encode("utf-8"), Config(select=("NN009",)))
    assert [f.rule for f in res.findings] == ["NN009"]


def test_footnotes_need_a_note_mark():
    """Small print at a page foot without a superscript mark (a table in 12 pt) stays body text."""
    from pdfbuilder import build_pdf_bytes
    src = read(build_pdf_bytes({"text_pages": [["Dieu 1. Pham vi", "1. Noi dung thu nhat", "2. Noi dung"]]}),
               name="x.pdf")
    assert not any(b.header_kind == "note" for b in src.blocks)


# -- 3. sample forms ----------------------------------------------------------------------------

@pytest.mark.parametrize("rel", [FORM_PERMIT, FORM_DECISION])
def test_form_effect_clause_is_not_the_documents(corpus, rel):
    res = check(_path(corpus, rel), Config(select=("HL",)))
    assert not [f for f in res.findings if f.rule == "HL002"]   # "Giấy phép/Quyết định này có hiệu lực kể từ ngày ký"
    doc = parse(read(_path(corpus, rel)))
    forms = [n for n in doc.body if n.kind == "mau"]
    assert forms and all(n.children == () for n in forms)


def test_document_effect_clause_still_found_next_to_forms(corpus):
    from vbqppl_check.checks.effect import effect_clause
    doc = parse(read(_path(corpus, FORM_PERMIT)))
    c = effect_clause(doc)
    assert c is not None and c.date is not None and c.date.isoformat() == "2026-01-01"


# -- 4. registry: type + number, then date ------------------------------------------------------

def test_registry_matches_type_then_number(corpus):
    res = check(_path(corpus, NQ_55_2010), Config(select=("CC008", "CC006", "CC009")))
    assert res.findings == ()                    # 55/2010/QH12 the Nghị quyết is not 55/2010/QH12 the Luật
    # a wrong date on the same number with the right type is still reported
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 1/2025/QĐ-UBND\nHà Nội, ngày 10 tháng 3 năm 2025\nQUYẾT ĐỊNH\n"
            "Về giá\nCăn cứ Luật An toàn thực phẩm số 55/2010/QH12 ngày 24 tháng 11 năm 2010;\nĐiều 1. Phạm vi\n")
    res = check(text.encode(), Config(select=("CC008",)), name="x.txt")
    assert [f.rule for f in res.findings] == ["CC008"]


def test_registry_date_from_one_citation_is_information():
    """NĐ 17/2013/NĐ-CP is of 19/02/2013; the registry built from citations read "19/12/2013" from one document
    (blind review set 4 judged the warning FALSE): a date resting on one citation gives an info only."""
    text = ("BỘ NỘI VỤ\nSố: 5/2025/TT-BNV\nHà Nội, ngày 10 tháng 3 năm 2025\nTHÔNG TƯ\nHướng dẫn về tiền lương\n"
            "Căn cứ Nghị định số 17/2013/NĐ-CP ngày 19 tháng 02 năm 2013 của Chính phủ sửa đổi, bổ sung một số điều "
            "của Nghị định số 204/2004/NĐ-CP;\nĐiều 1. Phạm vi\n")
    res = check(text.encode(), Config(select=("CC008",)), name="x.txt")
    assert [(f.rule, f.severity) for f in res.findings] == [("CC008", "info")]
    # a date that six citations agree on still gives the warning
    res = check(text.replace("17/2013/NĐ-CP ngày 19 tháng 02 năm 2013", "204/2004/NĐ-CP ngày 14 tháng 10 năm 2004")
                .encode(), Config(select=("CC008",)), name="x.txt")
    assert [(f.rule, f.severity) for f in res.findings] == [("CC008", "warning")]


# -- 5. CC007 once per document -----------------------------------------------------------------

def test_unknown_citations_reported_once_per_document(corpus):
    res = check(_path(corpus, NQ_55_2010), Config(select=("CC007",)))
    assert len(res.findings) == 1                 # was one per citation
    f = res.findings[0]
    assert f.severity == "info" and "55/2010/QH12" in f.found and "59/2025/TT-BTC" in f.found
    assert f.message("vi").startswith("6 căn cứ")


# -- 6. OCR output ------------------------------------------------------------------------------

@pytest.mark.parametrize("rel", [MINERU_CANTHO, MINERU_LAICHAU])
def test_ocr_output_at_most_info_with_reason(corpus, rel):
    data = open(_path(corpus, rel), "rb").read()
    as_typed = check(data, name="typed.md")           # the same text, not marked as OCR output
    res = check(_path(corpus, rel))
    assert res.status == "ok" and _strong(as_typed)   # "chiphí", "- Bộ Nội v", headers dropped …
    assert _strong(res) == []                         # … are the OCR's: info only
    lowered = {(f.rule, f.location.block, f.found) for f in _strong(as_typed) if f.category != "authority"}
    here = {(f.rule, f.location.block, f.found): f for f in res.findings}
    kept = [here[k] for k in lowered if k in here]    # rules on a component's exact text stay silent on OCR
    assert kept
    for f in kept:
        assert f.severity == "info" and "OCR" in f.message("vi") and "OCR" in f.message("en")
    src = read(_path(corpus, rel))
    assert src.ocr and all(b.origin == "ocr" for b in src.blocks)


# -- 7. image-only pages ------------------------------------------------------------------------

def test_image_only_pages_are_a_finding_and_a_column(corpus):
    from vbqppl_check.report import summary, xlsx
    from dataclasses import replace

    from vbqppl_check.limits import DEFAULT_LIMITS
    res = check(_path(corpus, SCAN_SONLA), Config(limits=replace(DEFAULT_LIMITS, ocr=False)))   # as without Tesseract
    tt400 = [f for f in res.findings if f.rule == "TT400"]
    assert res.unread_pages and len(tt400) == 1 and tt400[0].severity == "warning"
    assert str(len(res.unread_pages)) in tt400[0].message("vi")
    s = summary.summarize([res])
    assert (s.with_unread_pages, s.unread_pages) == (1, len(res.unread_pages))
    assert "Số trang chưa kiểm tra: %d" % len(res.unread_pages) in summary.render_text(s)
    from openpyxl import load_workbook
    buf = io.BytesIO()
    xlsx.write([res], buf)
    ws = load_workbook(io.BytesIO(buf.getvalue()))["Văn bản"]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index("Trang chưa kiểm tra")
    assert rows[1][col] == ", ".join(map(str, res.unread_pages))


# -- 8. smaller ones ----------------------------------------------------------------------------

@pytest.mark.parametrize("rel", [CUSTOMS_TB, CUSTOMS_TB2])
def test_tren_co_so_lines_after_the_can_cu(corpus, rel):
    res = check(_path(corpus, rel), Config(select=("TT017", "TT117", "TT217")))
    assert res.findings == ()


def test_can_cu_end_still_judged():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 15/2025/QĐ-UBND\nNinh Bình, ngày 15 tháng 8 năm 2025\nQUYẾT ĐỊNH\n"
            "Về một việc\nCăn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n"
            "Theo đề nghị của Giám đốc Sở Nội vụ;\nQUYẾT ĐỊNH:\nĐiều 1. Phạm vi\n")
    res = check(text.encode(), Config(select=("TT017", "TT117")), name="x.txt")
    assert [f.found for f in res.findings] == [";"]


def test_list_item_in_a_table_row(corpus):
    res = check(_path(corpus, CUSTOMS_TB), Config(select=("KT042",)))
    assert "khoản 2" not in [f.found for f in res.findings]    # "1." heads the table, "2." follows as text


def test_parliament_closing_formula_is_no_place_date_line(corpus):
    path = corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rec = next((json.loads(ln) for ln in fh if f'"{UBTVQH_RECORD}"' in ln), None)
    assert rec is not None
    doc = parse(read(rec["text"].encode("utf-8"), name="x.txt"))
    assert "thông qua ngày" in (doc.date.raw or "")          # the date is still read from the formula
    res = check(rec["text"].encode("utf-8"), Config(select=("TT010", "TT110", "TT012", "TT112")), name="x.txt")
    assert res.findings == ()


# -- found on the review set before judging: a "Nơi nhận" heading inside the body -------------------

def test_recipients_heading_inside_an_article_is_not_the_closing():
    """"Điều 10. Nơi nhận, hình thức …" / "1. Nơi nhận Báo cáo tài chính:" / a table column "Nơi nhận báo
    cáo": the body goes on; only "Nơi nhận:" (or "Nơi nhận" alone) opens the closing. (Met on a Thông tư of
    the review set before it was judged; disclosed in docs/precision.md.)"""
    text = ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM\nSố: 10/2025/TT-NHNN\nHà Nội, ngày 10 tháng 6 năm 2025\nTHÔNG TƯ\n"
            "Quy định chế độ báo cáo tài chính\nCăn cứ Luật Ngân hàng Nhà nước Việt Nam số 46/2010/QH12;\n"
            "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định chế độ báo cáo tài chính.\n"
            "Điều 2. Nơi nhận, hình thức gửi báo cáo\n1. Nơi nhận Báo cáo tài chính của NHNN:\nTT\nLoại báo cáo\n"
            "Nơi nhận báo cáo\nBộ Tài chính\n2. Hình thức gửi báo cáo là văn bản điện tử.\n"
            "Điều 3. Hiệu lực thi hành\nThông tư này có hiệu lực thi hành kể từ ngày 01 tháng 8 năm 2025./.\n"
            "Nơi nhận:\n- Bộ Tài chính;\n- Bộ Tư pháp;\n- Lưu: VT, TCKT.\nKT. THỐNG ĐỐC\nPHÓ THỐNG ĐỐC\nNguyễn Văn An\n")
    doc = parse(read(text.encode(), name="x.txt"))
    assert doc.recipients is not None and doc.recipients.items == ("Bộ Tài chính;", "Bộ Tư pháp;")
    res = check(text.encode(), Config(select=("TT025", "TT125")), name="x.txt")
    assert res.findings == ()
    bad = text.replace("- Bộ Tài chính;", "- Bộ Tài chính")
    res = check(bad.encode(), Config(select=("TT025", "TT125")), name="x.txt")
    assert [f.rule for f in res.findings] == ["TT125"]
