"""Authority checks (TQ…) and the authority matrix, at every period boundary, for each class of issuer.

Documents are plain text built here; they go through the real text reader and parser.
"""
from __future__ import annotations

import datetime as dt

import pytest

from realdocs import real_file

from vbqppl_check.config import Config
from vbqppl_check.engine import run_checks
from vbqppl_check.law.authority import (bodies_of_abbr, law_period, min_effect_days, split_number,
                                        vbqppl_verdict)
from vbqppl_check.parse import parse
from vbqppl_check.readers import read

D = dt.date
BOUNDARIES = [D(2016, 6, 30), D(2016, 7, 1), D(2025, 3, 31), D(2025, 4, 1), D(2025, 6, 30), D(2025, 7, 1)]

ISSUERS = {  # class → (header lines, symbol, type, enacting line, signature lines, place)
    "ubnd_tinh": (["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA"], "QĐ-UBND", "QUYẾT ĐỊNH",
                  ["ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "QUYẾT ĐỊNH:"], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Thanh Hóa"),
    "ubnd_tinh_chi_thi": (["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA"], "CT-UBND", "CHỈ THỊ", [],
                          ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Thanh Hóa"),
    "hdnd_tinh": (["HỘI ĐỒNG NHÂN DÂN", "TỈNH HÀ TĨNH"], "NQ-HĐND", "NGHỊ QUYẾT",
                  ["HỘI ĐỒNG NHÂN DÂN TỈNH HÀ TĨNH", "QUYẾT NGHỊ:"], ["CHỦ TỊCH"], "Hà Tĩnh"),
    "chu_tich_tinh": (["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"], "QĐ-CTUBND", "QUYẾT ĐỊNH",
                      ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI", "QUYẾT ĐỊNH:"], ["CHỦ TỊCH"], "Gia Lai"),
    "ubnd_huyen": (["UBND TỈNH THANH HÓA", "ỦY BAN NHÂN DÂN", "HUYỆN NGA SƠN"], "QĐ-UBND", "QUYẾT ĐỊNH",
                   ["ỦY BAN NHÂN DÂN HUYỆN NGA SƠN", "QUYẾT ĐỊNH:"], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nga Sơn"),
    "hdnd_huyen": (["HỘI ĐỒNG NHÂN DÂN", "HUYỆN NGA SƠN"], "NQ-HĐND", "NGHỊ QUYẾT",
                   ["HỘI ĐỒNG NHÂN DÂN HUYỆN NGA SƠN", "QUYẾT NGHỊ:"], ["CHỦ TỊCH"], "Nga Sơn"),
    "ubnd_xa": (["ỦY BAN NHÂN DÂN", "XÃ NGA SƠN"], "QĐ-UBND", "QUYẾT ĐỊNH",
                ["ỦY BAN NHÂN DÂN XÃ NGA SƠN", "QUYẾT ĐỊNH:"], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nga Sơn"),
    "hdnd_xa": (["HỘI ĐỒNG NHÂN DÂN", "XÃ NGA SƠN"], "NQ-HĐND", "NGHỊ QUYẾT",
                ["HỘI ĐỒNG NHÂN DÂN XÃ NGA SƠN", "QUYẾT NGHỊ:"], ["CHỦ TỊCH"], "Nga Sơn"),
    "bo": (["BỘ TÀI CHÍNH"], "TT-BTC", "THÔNG TƯ", [], ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], "Hà Nội"),
    "chinh_phu_nd": (["CHÍNH PHỦ"], "NĐ-CP", "NGHỊ ĐỊNH", [], ["TM. CHÍNH PHỦ", "THỦ TƯỚNG"], "Hà Nội"),
    "chinh_phu_nq": (["CHÍNH PHỦ"], "NQ-CP", "NGHỊ QUYẾT", [], ["TM. CHÍNH PHỦ", "THỦ TƯỚNG"], "Hà Nội"),
    "thu_tuong": (["THỦ TƯỚNG CHÍNH PHỦ"], "QĐ-TTg", "QUYẾT ĐỊNH", [], ["THỦ TƯỚNG"], "Hà Nội"),
    "ktnn_qd": (["KIỂM TOÁN NHÀ NƯỚC"], "QĐ-KTNN", "QUYẾT ĐỊNH", [], ["TỔNG KIỂM TOÁN NHÀ NƯỚC"], "Hà Nội"),
    "ktnn_tt": (["KIỂM TOÁN NHÀ NƯỚC"], "TT-KTNN", "THÔNG TƯ", [], ["TỔNG KIỂM TOÁN NHÀ NƯỚC"], "Hà Nội"),
}


def make_doc(cls: str, day: dt.date, *, effect: str | None = "auto", number: str | None = None,
             header: list[str] | None = None, place: str | None = None, signature: list[str] | None = None,
             extra_preamble: list[str] = ()) -> str:
    head, symbol, type_line, enact, sig, default_place = ISSUERS[cls]
    head = header or head
    if effect == "auto":
        eff = day + dt.timedelta(days=60)
        effect = f"ngày {eff.day:02d} tháng {eff.month} năm {eff.year}"
    subject = {"QUYẾT ĐỊNH": "Quyết định", "NGHỊ QUYẾT": "Nghị quyết", "THÔNG TƯ": "Thông tư",
               "NGHỊ ĐỊNH": "Nghị định", "CHỈ THỊ": "Chỉ thị"}[type_line]
    lines = head + ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    f"Số: {number or f'12/{day.year}/{symbol}'}",
                    f"{place or default_place}, ngày {day.day:02d} tháng {day.month} năm {day.year}",
                    type_line, "Quy định quản lý cụm công nghiệp"]
    # as printed: the actor line, the căn cứ, then "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:"
    lines += enact[:-1] + ["Căn cứ Luật Ban hành văn bản quy phạm pháp luật;"] + list(extra_preamble) + enact[-1:]
    lines += [f"Điều 1. {subject} này quy định quản lý cụm công nghiệp."]
    if effect is not None:
        lines += ["Điều 2. Hiệu lực thi hành", f"{subject} này có hiệu lực kể từ {effect}."]
    lines += (signature or sig) + ["Nguyễn Văn An"]
    return "\n".join(lines) + "\n"


def findings(text: str, select=("TQ", "HL")):
    doc = parse(read(text.encode("utf-8"), name="t.txt"))
    return [f for f in run_checks(doc, Config(select=tuple(select)), strict=True)]


def rules_of(text: str, select=("TQ", "HL")) -> dict[str, str]:
    return {f.rule: f.severity for f in findings(text, select)}


# expected TQ001/TQ010 outcome per class at each boundary: None = no finding, else (rule, severity)
_OK = None
EXPECTED = {
    "ubnd_tinh": [_OK] * 6,
    "hdnd_tinh": [_OK] * 6,
    "ubnd_tinh_chi_thi": [_OK, ("TQ001", "warning"), ("TQ001", "warning"), ("TQ001", "warning"),
                          ("TQ001", "warning"), ("TQ001", "warning")],
    "chu_tich_tinh": [("TQ001", "warning")] * 5 + [_OK],
    "ubnd_huyen": [_OK] * 5 + [("TQ010", "warning")],
    "hdnd_huyen": [_OK] * 5 + [("TQ010", "warning")],
    "ubnd_xa": [_OK, _OK, _OK, ("TQ001", "error"), ("TQ001", "error"), _OK],
    "hdnd_xa": [_OK, _OK, _OK, ("TQ001", "error"), ("TQ001", "error"), _OK],
    "bo": [_OK] * 6,
    "chinh_phu_nd": [_OK] * 6,
    "chinh_phu_nq": [("TQ001", "info")] * 3 + [_OK] * 3,
    "thu_tuong": [_OK] * 6,
    "ktnn_qd": [_OK, _OK, _OK, ("TQ001", "error"), ("TQ001", "error"), ("TQ001", "error")],
    "ktnn_tt": [("TQ001", "warning")] * 3 + [_OK] * 3,
}


@pytest.mark.parametrize("cls", sorted(EXPECTED))
def test_authority_at_period_boundaries(cls):
    for day, expected in zip(BOUNDARIES, EXPECTED[cls]):
        got = {r: s for r, s in rules_of(make_doc(cls, day), ("TQ001", "TQ010")).items()}
        if expected is None:
            assert got == {}, (cls, day, got)
        else:
            assert got == {expected[0]: expected[1]}, (cls, day, got)


def test_district_after_reorganisation_is_one_finding_with_the_unsettled_rule_said():
    fs = findings(make_doc("ubnd_huyen", D(2025, 7, 1)), ("TQ",))
    assert [f.rule for f in fs] == ["TQ010"]
    assert "chưa được xác định" in fs[0].message_vi and "not settled" in fs[0].message_en


def test_old_province_in_header_and_place_suggests_the_successor():
    text = make_doc("ubnd_tinh", D(2026, 2, 10), header=["ỦY BAN NHÂN DÂN", "TỈNH NAM ĐỊNH"], place="Nam Định")
    fs = {f.rule: f for f in findings(text, ("TQ010", "TQ011"))}
    assert fs["TQ010"].suggestion == "tỉnh Ninh Bình" and fs["TQ010"].severity == "warning"
    assert fs["TQ011"].expected == "Ninh Bình"
    # the same document before the reorganisation is fine
    text = make_doc("ubnd_tinh", D(2025, 6, 30), header=["ỦY BAN NHÂN DÂN", "TỈNH NAM ĐỊNH"], place="Nam Định")
    assert rules_of(text, ("TQ010", "TQ011")) == {}


@pytest.mark.parametrize("old,new", [("BÌNH DƯƠNG", "thành phố Hồ Chí Minh"), ("QUẢNG NAM", "thành phố Đà Nẵng"),
                                     ("HÀ GIANG", "tỉnh Tuyên Quang")])
def test_other_merged_provinces(old, new):
    text = make_doc("ubnd_tinh", D(2025, 7, 1), header=["ỦY BAN NHÂN DÂN", f"TỈNH {old}"], place="Hà Nội")
    f = [f for f in findings(text, ("TQ010",))]
    assert len(f) == 1 and f[0].suggestion == new


def test_commune_place_named_like_an_old_province_is_not_a_finding():
    text = make_doc("ubnd_xa", D(2026, 1, 5), header=["ỦY BAN NHÂN DÂN", "PHƯỜNG NAM ĐỊNH"], place="Nam Định")
    assert "TQ011" not in rules_of(text, ("TQ011",))
    text = make_doc("ubnd_xa", D(2026, 1, 5), header=["ỦY BAN NHÂN DÂN", "XÃ GIAO THỦY"], place="Nam Định")
    f = findings(text, ("TQ011",))
    assert [x.expected for x in f] == ["Giao Thủy"]


def test_thi_tran_after_reorganisation():
    text = make_doc("ubnd_xa", D(2025, 8, 1), header=["ỦY BAN NHÂN DÂN", "THỊ TRẤN NGA SƠN"])
    assert rules_of(text, ("TQ010",)) == {"TQ010": "warning"}
    assert rules_of(make_doc("ubnd_xa", D(2025, 6, 1), header=["ỦY BAN NHÂN DÂN", "THỊ TRẤN NGA SƠN"]),
                    ("TQ010",)) == {}


def test_symbol_checks():
    assert rules_of(make_doc("hdnd_tinh", D(2026, 3, 1), number="08/2026/NQ-UBND"), ("TQ003",)) == {"TQ003": "warning"}
    assert rules_of(make_doc("ubnd_tinh", D(2026, 3, 1), number="08/2026/NQ-UBND"), ("TQ002",)) == {"TQ002": "warning"}
    assert rules_of(make_doc("bo", D(2026, 3, 1), number="08/2026/TT-BTC"), ("TQ002", "TQ003")) == {}
    assert rules_of(make_doc("bo", D(2026, 3, 1), number="08/2026/TT-UBND"), ("TQ003",)) == {"TQ003": "warning"}
    # an administrative number (no year) is the format checks' business
    assert rules_of(make_doc("hdnd_tinh", D(2026, 3, 1), number="08/NQ-UBND"), ("TQ002", "TQ003")) == {}


def test_ttlt_between_ministers_by_period():
    hdr = ["BỘ TÀI CHÍNH - BỘ TƯ PHÁP"]
    for day, exp in [(D(2016, 6, 30), {}), (D(2016, 7, 1), {"TQ004": "info"}), (D(2025, 3, 31), {"TQ004": "info"}),
                     (D(2025, 4, 1), {"TQ004": "error"}), (D(2025, 7, 1), {"TQ004": "error"})]:
        text = make_doc("bo", day, header=hdr, number=f"02/{day.year}/TTLT-BTC-BTP")
        assert rules_of(text, ("TQ004",)) == exp, day
    text = make_doc("bo", D(2026, 1, 5), header=["BỘ CÔNG AN"], number="02/2026/TTLT-BCA-VKSNDTC-TANDTC")
    assert rules_of(text, ("TQ004",)) == {}


def test_signature_authority():
    d = D(2026, 3, 2)
    assert rules_of(make_doc("ubnd_tinh", d, signature=["CHỦ TỊCH"]), ("TQ020",)) == {"TQ020": "warning"}
    assert rules_of(make_doc("ubnd_tinh", d, signature=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
                    ("TQ02",)) == {}
    # a chair's decision signed TM. → info only
    assert rules_of(make_doc("chu_tich_tinh", d, signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
                    ("TQ020",)) == {"TQ020": "info"}
    # HĐND resolutions are signed CHỦ TỊCH without TM.
    assert rules_of(make_doc("hdnd_tinh", d), ("TQ02",)) == {}
    # KT. with a head's title (VBQPPL → warning)
    assert rules_of(make_doc("ubnd_tinh", d, signature=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH"]),
                    ("TQ021",)) == {"TQ021": "warning"}
    assert rules_of(make_doc("bo", d, signature=["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG"]), ("TQ022", "TQ023")) == {
        "TQ022": "info", "TQ023": "warning"}


def test_misspelt_kt_still_means_signed_for():
    """"K.T THỐNG ĐỐC" over "PHÓ THỐNG ĐỐC" (a vbpl.vn copy, blind review set 4 of issue 12): the spelling is
    TT019/TT119's finding; TQ021 (a deputy without KT.) must not say the KT. is missing."""
    d = D(2026, 3, 2)
    sig = ["TM. ỦY BAN NHÂN DÂN", "K.T CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert rules_of(make_doc("ubnd_tinh", d, signature=sig), ("TQ021",)) == {}
    assert set(rules_of(make_doc("ubnd_tinh", d, signature=sig), ("TT019", "TT119"))) & {"TT019", "TT119"}
    assert rules_of(make_doc("ubnd_tinh", d, signature=["TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"]),
                    ("TQ021",)) == {"TQ021": "warning"}


def test_enacting_line():
    d = D(2026, 3, 2)
    text = make_doc("ubnd_tinh", d).replace("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:")
    assert "TQ024" in rules_of(text, ("TQ024",))
    assert rules_of(make_doc("ubnd_tinh", d), ("TQ024",)) == {}
    assert rules_of(make_doc("hdnd_tinh", d), ("TQ024",)) == {}


# -- the matrix itself ----------------------------------------------------------------------------

def test_law_periods():
    assert [law_period(d)["id"] for d in BOUNDARIES] == ["pre2016", "l80", "l80", "l64", "l64", "l64_87"]


def test_verdicts_carry_their_marks():
    v = vbqppl_verdict("ubnd", "commune", "Quyết định", D(2025, 5, 1))
    assert v.allowed is False and v.severity == "error"
    v = vbqppl_verdict("ubnd", "district", "Quyết định", D(2025, 7, 1))
    assert v.allowed is False and v.severity == "warning"
    assert vbqppl_verdict("so", "province", "Quyết định", D(2026, 1, 1)).allowed is False
    assert vbqppl_verdict("other", None, "Quyết định", D(2026, 1, 1)).allowed is None


def test_symbol_parts():
    p = split_number("Số: 05/2016/NQ-HĐND8")
    assert (p.year, p.type_abbr, p.issuer_abbrs) == (2016, "NQ", ("HĐND8",))
    assert bodies_of_abbr("HĐND8") == ("hdnd",) and bodies_of_abbr("BNNMT") == ("bo",)
    assert split_number("64/2025/QH15").type_abbr is None
    assert split_number("12/UBND-VX").year is None


def test_min_effect_days_by_period():
    assert min_effect_days("ubnd", "district", D(2025, 3, 31)).days == 7
    assert min_effect_days("ubnd", "district", D(2025, 4, 1)).days == 10
    assert min_effect_days("ubnd", "commune", D(2025, 7, 1)).days == 10
    assert min_effect_days("bo", "central", D(2026, 1, 1)).days == 45
    assert min_effect_days("quoc_hoi", "central", D(2026, 1, 1)) is None
    assert min_effect_days("ubnd", "province", D(2016, 6, 30)) is None


# -- real documents (../shared/corpus), reviewed: see docs/authority.md ------------------------------

def _tvpl_local(corpus, every: int = 4):
    import csv
    with open(corpus / "tvpl-2025-md" / "index.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["noi_ban_hanh"].startswith(("Tỉnh", "Thành phố"))]
    return [corpus / "tvpl-2025-md" / "docs" / r["file"] for r in rows[::every]]


def test_no_authority_finding_on_real_local_documents(corpus):
    """A sample of the local documents of tvpl-2025-md (issued Nov–Dec 2025 by the new provinces):
    the sweep over all 137 found no TQ finding; neither may this sample."""
    from vbqppl_check.parse import parse_file
    paths = _tvpl_local(corpus)
    assert len(paths) >= 30
    # reviewed: HĐND Hà Nội resolutions whose "Xét Tờ trình … ban hành Nghị quyết" line was once taken
    # for the enacting line (TQ024)
    paths += [corpus / "tvpl-2025-md" / "docs" / n for n in ("8983091b5c6598d8.md", "f1e9ca38ca659c82.md")]
    for p in paths:
        fs = [f for f in run_checks(parse_file(p), Config(select=("TQ",))) if f.severity != "info"]
        assert fs == [], (p.name, [(f.rule, f.message_vi) for f in fs])


def test_lai_chau_draft_has_no_authority_or_effect_finding():
    from vbqppl_check.parse import parse_file
    doc = parse_file(real_file("real-pdf-local-2025/laichau_draft_QD-UBND_2025_congbo_TTHC_hotrodautu.pdf"))
    assert doc.issuer is not None and doc.issuer.level == "province"
    assert [f for f in run_checks(doc, Config(select=("TQ", "HL"))) if f.severity != "info"] == []


def test_reviewed_defect_in_a_vbpl_copy(corpus):
    """vbpl.vn's copy of QĐ 30/2025/QĐ-TTg is headed "CHÍNH PHỦ" instead of "THỦ TƯỚNG CHÍNH PHỦ":
    the header, the type and the symbol disagree, and the checks say so (warnings)."""
    import gzip
    import json
    with gzip.open(corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        rec = next(json.loads(x) for x in fh if '"doc_000217.html"' in x)
    got = rules_of(rec["text"], ("TQ",))
    assert got == {"TQ001": "warning", "TQ003": "warning"}


def test_vbqppl_number_from_an_issuer_without_power():
    """A Sở numbering its decision like a VBQPPL (with the year) — it cannot issue VBQPPL."""
    text = make_doc("ubnd_tinh", D(2026, 3, 2), header=["UBND TỈNH HÀ TĨNH", "SỞ TÀI CHÍNH"],
                    number="05/2026/QĐ-STC", signature=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
    assert rules_of(text, ("TQ001",)) == {"TQ001": "warning"}
    # the same decision in the administrative form is not judged
    text = text.replace("05/2026/QĐ-STC", "05/QĐ-STC")
    assert rules_of(text, ("TQ001",)) == {}


def test_old_province_in_scope():
    day = D(2026, 3, 2)
    text = make_doc("ubnd_tinh", day, header=["ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH"], place="Ninh Bình").replace(
        "Quy định quản lý cụm công nghiệp\n", "Quy định quản lý cụm công nghiệp trên địa bàn tỉnh Hà Nam\n", 1)
    fs = findings(text, ("TQ012",))
    assert [(f.severity, f.found, f.expected) for f in fs] == [("info", "tỉnh Hà Nam", "tỉnh Ninh Bình")]
    assert findings(text.replace("tỉnh Hà Nam", "tỉnh Hà Nam (cũ)"), ("TQ012",)) == []
    # before the reorganisation, and old names outside the title/scope (a repealed decision): nothing
    assert findings(make_doc("ubnd_tinh", D(2025, 6, 2)).replace(
        "Quy định quản lý cụm công nghiệp\n", "Quy định quản lý cụm công nghiệp trên địa bàn tỉnh Hà Nam\n", 1),
        ("TQ012",)) == []
    body = make_doc("ubnd_tinh", day).replace(
        "Điều 2. Hiệu lực thi hành", "Bãi bỏ Quyết định số 27/2009/QĐ-UBND của Ủy ban nhân dân tỉnh Hòa Bình.\n"
        "Điều 2. Hiệu lực thi hành")
    assert findings(body, ("TQ012",)) == []


def test_commune_header_still_naming_its_old_district():
    hdr = ["UBND HUYỆN Ý YÊN", "ỦY BAN NHÂN DÂN", "XÃ YÊN NINH"]
    fs = findings(make_doc("ubnd_xa", D(2025, 7, 1), header=hdr, place="Yên Ninh"), ("TQ010",))
    assert [(f.rule, f.severity, f.location.component) for f in fs] == [("TQ010", "warning", "co_quan_chu_quan")]
    assert findings(make_doc("ubnd_xa", D(2025, 6, 30), header=hdr, place="Yên Ninh"), ("TQ010",)) == []


def test_signature_finding_cites_the_law_of_the_documents_regime():
    """The same KT. mismatch cites NĐ 78 for a 2026 VBQPPL, NĐ 34 for a 2024 one (catalogue reference.by_regime)."""
    sig = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH"]
    refs = {}
    for day in (D(2026, 3, 2), D(2024, 3, 4)):
        fs = [f for f in findings(make_doc("ubnd_tinh", day, signature=sig), ("TQ021",))]
        assert len(fs) == 1
        refs[day.year] = fs[0].reference
    assert refs[2026].startswith("Nghị định 78/2025/NĐ-CP") and refs[2024].startswith("Nghị định 34/2016/NĐ-CP")
