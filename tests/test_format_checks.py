"""Thể thức (TT) checks: behaviours beyond the catalogue examples (severity of a finding inside a
rule, drafts, OCR, gazette prints, wrapped preamble lines)."""
from __future__ import annotations

import dataclasses

from docbuilder import build_docx_bytes
from vbqppl_check.config import Config
from vbqppl_check.engine import run_checks
from vbqppl_check.model import Block
from vbqppl_check.parse import parse
from vbqppl_check.readers import read
from vbqppl_check.checks._layout_util import fold_case, preamble_lines


def _run(spec: dict, select=("TT",), **cfg):
    doc = parse(read(build_docx_bytes(spec), name="t.docx"))
    return doc, run_checks(doc, Config(select=select, **cfg), strict=True)


def _rules(findings):
    return {(f.rule, f.severity) for f in findings}


def test_tone_placement_is_not_judged():
    assert fold_case("CỘNG HOÀ XÃ HỘI") == fold_case("Cộng hòa xã hội")
    _, f = _run({"quoc_hieu": "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"})
    assert "TT001" not in {x.rule for x in f}


def test_tieu_ngu_dash_is_a_warning_other_errors_are_errors():
    _, f = _run({"tieu_ngu": "Độc lập – Tự do – Hạnh phúc"}, select=("TT002",))
    assert _rules(f) == {("TT002", "warning")}
    _, f = _run({"tieu_ngu": "Độc Lập - Tự Do - Hạnh Phúc"}, select=("TT002",))
    assert _rules(f) == {("TT002", "error")}


def test_tieu_ngu_dash_in_a_text_copy_is_info():
    """Web copies print the Tiêu ngữ from the site's own header template (vbpl.vn: an en dash whatever the
    issuer; judged FALSE or DOUBTFUL on review set 3 of issue 12): in a text copy the dash is information."""
    text = ("BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n"
            "Số: 12/2025/TT-BTC\nHà Nội, ngày 05 tháng 5 năm 2025\nTHÔNG TƯ\nQuy định về phí\n"
            "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về phí.\n")
    doc = parse(read(text.encode("utf-8"), name="t.txt"))
    f = run_checks(doc, Config(select=("TT002",)), strict=True)
    assert _rules(f) == {("TT002", "info")}
    doc = parse(read(text.replace("Độc lập – Tự do", "Độc Lập - Tự Do").encode("utf-8"), name="t.txt"))
    assert _rules(run_checks(doc, Config(select=("TT002",)), strict=True)) == {("TT002", "error")}


def test_draft_with_blank_number_and_date():
    _, f = _run({"so_ky_hieu": "Số:        /QĐ-UBND", "dia_danh_ngay": "Ninh Bình, ngày      tháng      năm 2025"},
                as_of=__import__("datetime").date(2025, 6, 1))
    bad = [(x.rule, x.found) for x in f if x.severity in ("error", "warning")]
    assert bad == []


def test_number_found_in_a_can_cu_is_not_the_documents():
    # the header number is unreadable ("SỐ:"), the căn cứ carries "Nghị định số 30/2020/NĐ-CP"
    _, f = _run({"so_ky_hieu": "SỐ: 15/QĐ-UBND"}, select=("TT004",), kind="hanh_chinh")
    assert [x.found for x in f] == ["SỐ:"]


def test_cong_van_cv_abbreviation_is_a_warning():
    _, f = _run({"so_ky_hieu": "Số: 15/CV-UBND", "ten_loai": "", "trich_yeu": "V/v rà soát văn bản năm 2025"},
                select=("TT007",))
    assert _rules(f) <= {("TT007", "warning")}


def test_authority_forms():
    for sig, expected in ((["KT CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"], "KT. CHỦ TỊCH"),
                          (["T.M. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Bình"], "TM. ỦY BAN NHÂN DÂN")):
        _, f = _run({"signature": sig}, select=("TT019",))
        assert [x.expected for x in f] == [expected]
    _, f = _run({"signature": ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Trần Văn Bình"]},
                select=("TT019", "TT020"))
    assert f == []


def test_recipient_items_wrapped_over_two_lines_are_one_item():
    _, f = _run({"noi_nhan": ["Nơi nhận:", "- Văn phòng Ủy ban nhân dân tỉnh: Chánh Văn phòng, các Phó",
                              "Chánh Văn phòng, các phòng chuyên môn;", "- Lưu: VT, NC."]},
                select=("TT025", "TT026"))
    assert f == []


def test_preamble_line_wrapped_over_blocks_ends_in_its_last_block():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 15/QĐ-UBND\nNinh Bình, ngày 15 tháng 01 năm 2025\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n"
            "Theo đề nghị của Giám đốc Sở Nội vụ.\nTrên cơ sở kết quả biểu quyết của các thành viên.\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Thành lập Tổ công tác.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n"
            "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn An\n")
    doc = parse(read(text.encode(), name="t.txt"))
    lines = [doc.source.blocks[b].text for b in preamble_lines(doc)]
    assert lines[-1].startswith("Trên cơ sở")
    f = run_checks(doc, Config(select=("TT017",)), strict=True)
    assert [x.found for x in f] == ["."]          # "Theo đề nghị …." must end with ";" before the last line


def test_ocr_text_is_not_judged_letter_by_letter():
    doc = parse(read(build_docx_bytes({"quoc_hieu": "CỌNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}), name="t.docx"))
    assert "TT001" in {x.rule for x in run_checks(doc, Config(select=("TT001",)), strict=True)}
    ocr = dataclasses.replace(doc, source=dataclasses.replace(doc.source, ocr=True))
    assert run_checks(ocr, Config(select=("TT001",)), strict=True) == []


def test_gazette_print_is_not_asked_for_recipients_or_end_mark():
    doc = parse(read(build_docx_bytes({"noi_nhan": ["Nơi nhận:", "- Lưu: VT."],
                                       "replace": {"Quyết định này./.": "Quyết định này."}}), name="t.docx"))
    assert "TT018" in {x.rule for x in run_checks(doc, Config(select=("TT018",)), strict=True)}
    head = Block(index=len(doc.source.blocks), text="CÔNG BÁO/Số 283/Ngày 25-05-2026", kind="header")
    gazette = dataclasses.replace(doc, source=dataclasses.replace(doc.source, blocks=doc.source.blocks + (head,)))
    assert run_checks(gazette, Config(select=("TT018",)), strict=True) == []


def _vbqppl_number_text(number_line: str, date_line: str) -> bytes:
    return ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"{number_line}\n{date_line}\nTHÔNG TƯ\nBan hành Danh mục thuốc bảo vệ thực vật\n"
            "Điều 1. Phạm vi điều chỉnh\nThông tư này ban hành Danh mục.\n").encode("utf-8")


def test_number_with_spaces_keeps_its_label():
    """"Số: 75    /2025/TT-BNNMT" (a vbpl.vn copy, review set 3 of issue 12): the line starts with "Số:";
    only the spaces are a defect (TT106), not the label (TT104)."""
    doc = parse(read(_vbqppl_number_text("Số: 75    /2025/TT-BNNMT", "Hà Nội, ngày 26 tháng 12 năm 2025"),
                     name="t.txt"))
    rules = {f.rule for f in run_checks(doc, Config(select=("TT104", "TT106")), strict=True)}
    assert rules == {"TT106"}


def test_reference_follows_the_regime_of_the_documents_date():
    """The same number check cites NĐ 34/2016 for a 2024 VBQPPL and Luật 64/NĐ 78 for a 2025 one."""
    refs = {}
    for date_line in ("Hà Nội, ngày 16 tháng 12 năm 2024", "Hà Nội, ngày 26 tháng 12 năm 2025"):
        doc = parse(read(_vbqppl_number_text("Số: 75 /2024/TT-BNNMT", date_line), name="t.txt"))
        found = [f for f in run_checks(doc, Config(select=("TT106",)), strict=True)]
        assert len(found) == 1
        refs[date_line[-4:]] = found[0].reference
    assert "34/2016" in refs["2024"] and "78/2025" not in refs["2024"]
    assert "78/2025" in refs["2025"] and "34/2016" not in refs["2025"]


def _with_luu(luu_line: str) -> bytes:
    return ("CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 385/NQ-CP\n"
            "Hà Nội, ngày 05 tháng 12 năm 2025\nNGHỊ QUYẾT\nVề hợp tác quốc tế\nCHÍNH PHỦ\nQUYẾT NGHỊ:\n"
            "Điều 1. Phê duyệt nội dung hợp tác.\nĐiều 2. Nghị quyết này có hiệu lực từ ngày ký./.\n"
            f"Nơi nhận:\n- Các Bộ, cơ quan ngang Bộ;\n{luu_line}\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\nNguyễn Văn A\n").encode()


def test_luu_line_with_the_typists_mark_after_the_copies():
    """"- Lưu: VT, QHQT (2).VH" (NQ 385/NQ-CP, judged FALSE blind on the recall benchmark's unmutated
    documents): the period is there, after the number of copies; "VH" is the typist's mark (NĐ 30 PL I ô 12)."""
    for line, expected in (("- Lưu: VT, QHQT (2).VH", set()), ("- Lưu: VT, QHQT (2). VH", set()),
                           ("- Lưu: VT, P.TH", {"TT026"}), ("- Lưu: VT, QHQT", {"TT026"})):
        doc = parse(read(_with_luu(line), name="t.txt"))
        assert {f.rule for f in run_checks(doc, Config(select=("TT026",)), strict=True)} == expected, line
