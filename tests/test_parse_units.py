"""Unit tests of the header recognisers on forms seen in the corpus (numbers, dates, issuers)."""
from __future__ import annotations

import datetime as dt

import pytest

from vbqppl_check.parse.dates import find_dates, parse_vn_date
from vbqppl_check.parse.issuer import recognise_issuer
from vbqppl_check.parse.number import fold_symbol, parse_number


@pytest.mark.parametrize("text, number, year, type_abbr, issuers, term, blank", [
    ("15/2026/QĐ-UBND", "15", 2026, "QĐ", ("UBND",), None, False),
    ("1732 /QĐ-UBND", "1732", None, "QĐ", ("UBND",), None, False),          # stray space (Bình Dương)
    ("68/NQ-HĐND8", "68", None, "NQ", ("HĐND",), "8", False),               # council term suffix
    ("51/2024/QH15", "51", 2024, None, ("QH",), "15", False),
    ("17/2022/UBTVQH15", "17", 2022, None, ("UBTVQH",), "15", False),
    ("     /QĐ-UBND", None, None, "QĐ", ("UBND",), None, True),             # draft, number left blank
    ("01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH", "01", 2022, "TTLT",
     ("VKSNDTC", "TANDTC", "BCA", "BQP", "BLĐTBXH"), None, False),
    ("12/UBND-VX", "12", None, None, ("UBND", "VX"), None, False),          # công văn: no type abbreviation
    ("66.17/2026/NQ-CP", "66.17", 2026, "NQ", ("CP",), None, False),
    ("11554/VPCP-V.I", "11554", None, None, ("VPCP", "V.I"), None, False),
    ("221-KL/TW", "221", None, "KL", ("TW",), None, False),                  # Party numbering
])
def test_number_parts(text, number, year, type_abbr, issuers, term, blank):
    n = parse_number(text)
    assert n is not None
    assert (n.number, n.year, n.type_abbr, n.issuer_abbrs, n.term_suffix, n.blank) == (
        number, year, type_abbr, issuers, term, blank)


def test_number_keeps_raw_as_printed():
    # Ð (U+00D0) and a Cyrillic С stay in raw; the parts are read through the folded copy.
    n = parse_number("3/QÐ-UBND")
    assert n.raw == "3/QÐ-UBND" and n.type_abbr == "QĐ"
    c = parse_number("06/2026/TT-BTС")
    assert c.raw == "06/2026/TT-BTС" and c.issuer_abbrs == ("BTC",)
    assert fold_symbol("06/2026/TT-BTС") == fold_symbol("06/2026/TT-BTC")
    # flattened header line: the number stops before the place
    assert parse_number("02/2026/TT-BTC Hà Nội, ngày 01 tháng 01 năm 2026").raw == "02/2026/TT-BTC"
    # a công văn's symbol does not start with a type even when the group looks like one
    assert parse_number("5348/CT-CS", has_type_name=False).type_abbr is None


def test_dates():
    d = parse_vn_date("Hà Nội, ngày 05 tháng 3 năm 2020")
    assert d.value == dt.date(2020, 3, 5) and d.valid and not d.blank
    b = parse_vn_date("ngày   tháng   năm 2025")
    assert b.blank and b.value is None and b.year == 2025 and b.valid
    bad = parse_vn_date("ngày 30 tháng 02 năm 2020")
    assert bad.value is None and not bad.valid
    typo = parse_vn_date("08/6/20210")          # the Lai Châu draft's typo
    assert typo.year == 20210 and not typo.valid
    assert parse_vn_date("05/3/2020").value == dt.date(2020, 3, 5)
    assert parse_vn_date("không có ngày") is None
    found = [d.value for _, _, d in find_dates("ngày 21/3/2016 và ngày 15 tháng 6 năm 2022")]
    assert sorted(found) == [dt.date(2016, 3, 21), dt.date(2022, 6, 15)]


@pytest.mark.parametrize("lines, name, body, level, province", [
    (["ỦY BAN NHÂN", "DÂN", "TỈNH HÀ TĨNH"], "Ủy ban nhân dân tỉnh Hà Tĩnh", "ubnd", "province", "Tỉnh Hà Tĩnh"),
    (["UỶ BAN NHÂN DÂN TỈNH NINH BÌNH"], "Ủy ban nhân dân tỉnh Ninh Bình", "ubnd", "province", "Tỉnh Ninh Bình"),
    (["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "Hội đồng nhân dân thành phố Hà Nội", "hdnd", "province",
     "Thành phố Hà Nội"),
    (["ỦY BAN NHÂN DÂN", "HUYỆN MƯỜNG TÈ"], "Ủy ban nhân dân huyện Mường Tè", "ubnd", "district", None),
    (["ỦY BAN NHÂN DÂN", "XÃ TÂN AN"], "Ủy ban nhân dân xã Tân An", "ubnd", "commune", None),
    (["CHỦ TỊCH ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"], "Chủ tịch ủy ban nhân dân tỉnh Lai Châu", "chu_tich_ubnd",
     "province", "Tỉnh Lai Châu"),
    (["BỘ TÀI CHÍNH"], "Bộ Tài chính", "bo", "central", None),
    (["BỘ LAO ĐỘNG – THƯƠNG BINH", "VÀ XÃ HỘI"], "Bộ Lao động - Thương binh và Xã hội", "bo", "central", None),
    (["THỦ TƯỚNG CHÍNH PHỦ"], "Thủ tướng Chính phủ", "thu_tuong", "central", None),
    (["VĂN PHÒNG", "CHÍNH PHỦ"], "Văn phòng Chính phủ", "co_quan_ngang_bo", "central", None),
    (["ỦY BAN THƯỜNG VỤ QUỐC HỘI"], "Ủy ban Thường vụ Quốc hội", "ubtvqh", "central", None),
    (["TÒA ÁN NHÂN DÂN TỐI CAO"], "Tòa án nhân dân tối cao", "tandtc", "central", None),
    (["KIỂM TOÁN NHÀ NƯỚC"], "Kiểm toán nhà nước", "kiem_toan", "central", None),
])
def test_issuer(lines, name, body, level, province):
    i = recognise_issuer(lines)
    assert (i.name, i.body, i.level, i.province) == (name, body, level, province)


def test_issuer_with_parent():
    i = recognise_issuer(["UBND TỈNH BÌNH DƯƠNG", "SỞ TƯ PHÁP"])
    assert i.name == "Sở Tư pháp" and i.body == "so" and i.level == "province"
    assert i.parent == "Ủy ban nhân dân tỉnh Bình Dương" and i.province == "Tỉnh Bình Dương"
    c = recognise_issuer(["BỘ TÀI CHÍNH", "CỤC THUẾ"])
    assert c.name == "Cục Thuế" and c.parent == "Bộ Tài chính" and c.level == "central"


def test_joint_issuer():
    i = recognise_issuer(["VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO -", "TÒA ÁN NHÂN DÂN TỐI CAO -", "BỘ CÔNG AN - BỘ QUỐC PHÒNG -",
                          "BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"])
    assert i.body == "lien_tich" and i.level == "central"
    assert i.name == ("Viện kiểm sát nhân dân tối cao - Tòa án nhân dân tối cao - Bộ Công an - Bộ Quốc phòng - "
                      "Bộ Lao động - Thương binh và Xã hội")


# Flattened headers as plain-text exports give them (both columns on one line), a draft and a công văn.
FLAT_DRAFT = """DỰ THẢO
ỦY BAN NHÂN DÂN TỈNH NINH BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
Số:      /QĐ-UBND Ninh Bình, ngày   tháng   năm 2026
QUYẾT ĐỊNH
Ban hành Quy định về quản lý chợ trên địa bàn tỉnh
ỦY BAN NHÂN DÂN TỈNH NINH BÌNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Theo đề nghị của Giám đốc Sở Công Thương.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý chợ.
Điều 2. Quyết định này có hiệu lực từ ngày ký./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT, KT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""

CONG_VAN = """BỘ TÀI CHÍNH
CỤC THUẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 5348/CT-CS
V/v chính sách thuế giá trị gia tăng
Hà Nội, ngày 20 tháng 11 năm 2025
Kính gửi:
- Thuế tỉnh Hà Tĩnh;
- Thuế thành phố Hà Nội.
Cục Thuế nhận được công văn số 123 của Thuế tỉnh Hà Tĩnh./.
Nơi nhận:
- Như trên;
- Lưu: VT, CS.
KT. CỤC TRƯỞNG
PHÓ CỤC TRƯỞNG
Phạm Thị Minh Hiền
"""


def _doc(text):
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read
    return parse(read(text.encode("utf-8"), name="x.txt"))


def test_flattened_draft_header():
    doc = _doc(FLAT_DRAFT)
    md = doc.metadata
    assert md.draft and doc.component("du_thao") is not None
    assert doc.number.blank and doc.number.raw == "/QĐ-UBND"
    assert doc.date.blank and doc.date.year == 2026 and doc.date.place == "Ninh Bình" and md.date is None
    assert md.issuer == "Ủy ban nhân dân tỉnh Ninh Bình" and md.type == "Quyết định"
    assert md.title == "Ban hành Quy định về quản lý chợ trên địa bàn tỉnh"
    assert doc.component("tieu_ngu").text == "Độc lập – Tự do – Hạnh phúc"
    assert doc.component("ban_hanh").text == "QUYẾT ĐỊNH:"
    assert doc.signature.authority == ("TM.", "KT.") and doc.signature.name == "Nguyễn Văn A"
    assert doc.recipients.luu == "Lưu: VT, KT."
    assert [n.label for n in doc.body] == ["1", "2"]


def test_cong_van_header():
    doc = _doc(CONG_VAN)
    md = doc.metadata
    assert (md.type, md.kind, md.number, md.issuer, md.date) == (
        "Công văn", "hanh_chinh", "5348/CT-CS", "Cục Thuế", "2025-11-20")
    assert doc.issuer.parent == "Bộ Tài chính"
    assert doc.number.type_abbr is None and doc.number.issuer_abbrs == ("CT", "CS")
    assert md.title == "chính sách thuế giá trị gia tăng"
    assert doc.component("kinh_gui").text.count("\n") == 2
    assert doc.signature.position == "PHÓ CỤC TRƯỞNG"
