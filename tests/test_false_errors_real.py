"""Regressions for false ERROR findings met on real web copies (tvpl Markdown, vbpl text).

Each case has a text built here in the shape the website copy has, and the real corpus file where the
finding was met; each also checks that the true defect next to it is still reported."""
from __future__ import annotations

import csv

import pytest

from vbqppl_check import check
from vbqppl_check.parse import parse
from vbqppl_check.readers import read
from vbqppl_check.config import Config

HEADER = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
{number}
Nghệ An, ngày 20 tháng 11 năm 2025
"""

QD_TAIL = """QUYẾT ĐỊNH
Về việc công bố thủ tục hành chính
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Theo đề nghị của Giám đốc Sở Tài chính.
QUYẾT ĐỊNH:
Điều 1. Công bố kèm theo Quyết định này thủ tục hành chính.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
"""


def _rules(text: str, *rules: str, name: str = "x.txt") -> list[str]:
    res = check(text.encode(), Config(select=rules), name=name)
    assert res.status == "ok"
    return [f.rule for f in res.findings]


def _tvpl(corpus, file: str) -> str:
    path = corpus / "tvpl-2025-md" / "docs" / file
    if not path.is_file():
        pytest.skip(f"{file} is not in this corpus copy")
    return str(path)


# -- a số, ký hiệu wrapped in its header cell ("3783/QĐ-" / "UBND") ------------------------------

def test_wrapped_symbol_is_not_a_label_or_space_error():
    wrapped = HEADER.format(number="Số: 3783/QĐ-\nUBND") + QD_TAIL
    assert _rules(wrapped, "TT004", "TT006") == []
    # the real defects are still seen
    assert _rules(HEADER.format(number="Số: 3783 /QĐ-UBND") + QD_TAIL, "TT006") == ["TT006"]
    assert _rules(HEADER.format(number="Số 3783/QĐ-\nUBND") + QD_TAIL, "TT004") == ["TT004"]


def test_wrapped_symbol_real(corpus):
    res = check(_tvpl(corpus, "128b34e0abc1c504.md"), Config(select=("TT004", "TT006")))
    assert [f.rule for f in res.findings] == []


# -- "**QUYẾT ĐỊNH:**" followed by "**Điều" / "1**." in Markdown -----------------------------------

def test_markdown_enacting_word_not_joined_to_wrapped_article():
    md = "**QUYẾT ĐỊNH:**\n**Điều\n1**. Công bố kèm theo Quyết định này danh mục thủ tục.\n"
    texts = [b.text for b in read(md.encode(), name="x.md").blocks]
    assert texts[:2] == ["QUYẾT ĐỊNH:", "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục."]


def test_enacting_word_then_article_real(corpus):
    res = check(_tvpl(corpus, "43ce594e2a648040.md"), Config(select=("TT017",)))
    assert [f.rule for f in res.findings] == []


# -- a letter: "Xét …" after "Kính gửi:" is its body, not a preamble ------------------------------

LETTER = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HỒ CHÍ MINH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 4085/UBND-ĐT
V/v rà soát dữ liệu số nhà
Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2025
Kính gửi:
- Sở Xây dựng;
- Ủy ban nhân dân các phường, xã, đặc khu.
Xét báo cáo, đề xuất của Sở Xây dựng tại Công văn số 15972/SXD-QLN ngày 14 tháng 11 năm 2025 về rà soát dữ liệu số nhà;
Chủ tịch Ủy ban nhân dân Thành phố có ý kiến chỉ đạo như sau:
1. Sở Xây dựng chủ trì rà soát dữ liệu số nhà./.
"""


def test_letter_body_is_not_a_preamble():
    assert _rules(LETTER, "TT017") == []
    # a decision's preamble is still checked
    bad = HEADER.format(number="Số: 3783/QĐ-UBND") + QD_TAIL.replace("2025;", "2025.")
    assert _rules(bad, "TT017") == ["TT017"]


# -- recipients: a purpose note after the closing ";" ----------------------------------------------

def _with_recipients(lines: str) -> str:
    return HEADER.format(number="Số: 3783/QĐ-UBND") + QD_TAIL + \
        "Nơi nhận:\n- Như Điều 2;\n" + lines + "- Lưu: VT, TH.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n"


def test_recipient_purpose_note_after_semicolon():
    assert _rules(_with_recipients("- Bộ Xây dựng; (để b/c)\n- Cục KSTTHC – VPCP; (để b/c)\n"), "TT025") == []
    assert _rules(_with_recipients("- Bộ Xây dựng (để b/c)\n"), "TT025") == ["TT025"]


# -- "KẾ HOẠCH": the tone-normalised line must still match the tên loại ---------------------------

def test_ke_hoach_is_a_type_name():
    text = HEADER.format(number="Số: 980/KH-UBND") + (
        "KẾ HOẠCH\nThực hiện công tác phòng thủ dân sự năm 2026\n"
        "Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ.\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Triển khai kịp thời./.\n")
    doc = parse(read(text.encode(), name="x.txt"))
    assert doc.metadata.type == "Kế hoạch"
    assert doc.component("ten_loai").text == "KẾ HOẠCH"
    assert _rules(text, "TT014") == []


# -- an Điều whose bold title the web copy put on its own line ------------------------------------

def test_bold_article_title_on_next_line_markdown():
    md = (HEADER.format(number="Số: 97/2025/QĐ-UBND") + "QUYẾT ĐỊNH\nSửa đổi quy định\n"
          "**Điều 1. Sửa đổi**\nNội dung sửa đổi.\n**Điều 2**.\n**Điều khoản thi hành.**\n"
          "Quyết định này có hiệu lực kể từ ngày 01 tháng 12 năm 2025.\n**Điều 3**.\n"
          "Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này.\n")
    res = check(md.encode(), Config(select=("KT044",)), name="x.md")
    # Điều 2 has its (bold) title on the next line; Điều 3 has none (its content is not bold)
    assert [f.found for f in res.findings] == ["Điều 3"]


def test_bold_article_title_on_next_line_real(corpus):
    res = check(_tvpl(corpus, "1cde9b907469c65b.md"), Config(select=("KT044",)))
    assert [f.rule for f in res.findings] == []


# -- a copy of the text alone (no header at all) is not asked for the header components -----------

BODY_ONLY = """NGHỊ ĐỊNH
Quy định chi tiết một số điều của Nghị quyết về phân loại đô thị
Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;
Theo đề nghị của Bộ trưởng Bộ Xây dựng;
Chính phủ ban hành Nghị định quy định chi tiết một số điều của Nghị quyết về phân loại đô thị.
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết một số điều của Nghị quyết về phân loại đô thị.
"""


def test_text_without_header_not_asked_for_header_components():
    assert _rules(BODY_ONLY, "TT001", "TT002", "TT003") == []
    # a header that has a number but lacks the quốc hiệu is still reported
    with_number = "BỘ XÂY DỰNG\nSố: 15/2026/TT-BXD\nHà Nội, ngày 12 tháng 02 năm 2026\n" + \
        BODY_ONLY.replace("NGHỊ ĐỊNH", "THÔNG TƯ")
    assert "TT001" in _rules(with_number, "TT001", "TT002", "TT003")


def test_local_tvpl_documents_have_type_names(corpus):
    """Every local tvpl document whose index gives a type we catalogue gets its tên loại."""
    root = corpus / "tvpl-2025-md"
    rows = [r for r in csv.DictReader(open(root / "index.csv", encoding="utf-8"))
            if r["noi_ban_hanh"].startswith(("Tỉnh", "Thành phố")) and r["loai_van_ban"] == "Kế hoạch"]
    if not rows:
        pytest.skip("no Kế hoạch in this corpus copy")
    for r in rows:
        doc = parse(read(root / "docs" / r["file"]))
        assert doc.metadata.type == "Kế hoạch", r["file"]


# -- VD001: the first items of a list whose document is named after (or before "gồm:") the list ---

NGHI_DINH = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/2026/NĐ-CP
Hà Nội, ngày 12 tháng 02 năm 2026
NGHỊ ĐỊNH
Quy định chi tiết một số điều của Nghị quyết số 222/2025/QH15
Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;
Chính phủ ban hành Nghị định quy định chi tiết.
Điều 1. Phạm vi điều chỉnh
{sentence}
Điều 2. Hiệu lực thi hành
Nghị định này có hiệu lực từ ngày ký.
"""


@pytest.mark.parametrize("sentence", [
    "Nghị định này quy định chi tiết khoản 4 Điều 10; điểm b, d, đ khoản 1 Điều 11; khoản 1 Điều 12; "
    "Điều 16 và Điều 31 của Nghị quyết số 222/2025/QH15 về Trung tâm tài chính quốc tế.",
    "Nghị định này quy định chi tiết một số điều của Luật Di sản văn hóa số 45/2024/QH15, bao gồm: "
    "khoản 4 Điều 13, khoản 7 Điều 25 (trừ nội dung tại khoản 6 Điều 25), khoản 11 Điều 27.",
])
def test_listed_provisions_of_another_document(sentence):
    assert _rules(NGHI_DINH.format(sentence=sentence), "VD001") == []


def test_dangling_self_reference_still_reported():
    bad = NGHI_DINH.format(sentence="Việc áp dụng thực hiện theo quy định tại khoản 3 Điều 5 Nghị định này.")
    assert _rules(bad, "VD001") == ["VD001"]
