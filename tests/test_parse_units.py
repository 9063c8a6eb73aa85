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
