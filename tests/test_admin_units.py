"""Administrative units by period (corpora/admin_units, law/admin_units.py)."""
from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from vbqppl_check.data import corpora_path
from vbqppl_check.law.admin_units import admin_units, district_exists, name_key

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)
Y2026 = dt.date(2026, 3, 15)
Y2018 = dt.date(2018, 5, 2)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def au():
    return admin_units()


def test_counts_by_period(au):
    assert len(au.provinces_on(BEFORE)) == 63
    assert len(au.provinces_on(Y2018)) == 63
    assert len(au.provinces_on(AFTER)) == 34
    assert len(au.communes_on(AFTER)) == 3321
    types = Counter(c.type for c in au.communes_on(Y2026))
    assert types == {"xã": 2621, "phường": 687, "đặc khu": 13}
    # 28 tỉnh and 6 thành phố trực thuộc trung ương after the reorganisation
    assert Counter(p.type for p in au.provinces_on(AFTER)) == {"tỉnh": 28, "thành phố": 6}
    # every new province's communes add up to what its UBTVQH resolution states (checked at build)
    assert sum(p.communes for p in au.provinces_after) == 3321
    assert all(p.resolution and p.resolution.endswith("/NQ-UBTVQH15") for p in au.provinces_after)


@pytest.mark.parametrize("old,new", [
    ("Nam Định", "Ninh Bình"), ("Hà Nam", "Ninh Bình"), ("tỉnh Bình Dương", "Hồ Chí Minh"),
    ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"), ("Quảng Nam", "Đà Nẵng"), ("Hải Dương", "Hải Phòng"),
    ("Kon Tum", "Quảng Ngãi"), ("Hậu Giang", "Cần Thơ"), ("Hòa Bình", "Phú Thọ"), ("Yên Bái", "Lào Cai"),
])
def test_merges(au, old, new):
    assert au.province_exists(old, BEFORE)
    assert not au.province_exists(old, AFTER)
    assert au.successor(old, AFTER).name == new
    assert au.successor(old, Y2026).name == new
    # before the reorganisation a province is its own successor
    assert name_key(au.successor(old, BEFORE).name) == name_key(old)


def test_unchanged_provinces_exist_in_both_periods(au):
    for name in ("Cao Bằng", "Thanh Hóa", "Hà Nội", "Lai Châu", "Huế"):
        assert au.province_exists(name, BEFORE) and au.province_exists(name, AFTER), name
    assert au.province("Lai Châu", AFTER).resolution == "1670/NQ-UBTVQH15"
    # a merged province keeps its centre's code; Lào Cai (new) takes Yên Bái's code 15
    assert au.province("Lào Cai", AFTER).code == "15"
    assert au.province("Lào Cai", BEFORE).code == "10"
    assert au.province("Ninh Bình", AFTER).old_names == ("Hà Nam", "Nam Định", "Ninh Bình")


@pytest.mark.parametrize("spelling,canonical", [
    ("TP. Hồ Chí Minh", "Hồ Chí Minh"), ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"), ("TP.HCM", "Hồ Chí Minh"),
    ("Thừa Thiên Huế", "Huế"), ("tỉnh Khánh Hoà", "Khánh Hòa"), ("TỈNH HOÀ BÌNH", "Hoà Bình"),
    ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("thành phố Cần Thơ", "Cần Thơ"),
])
def test_name_normalisation(au, spelling, canonical):
    p = au.province_ever(spelling)
    assert p is not None and name_key(p.name) == name_key(canonical)


def test_tone_position_and_case_do_not_matter():
    assert name_key("Hoà Bình") == name_key("Hòa Bình") == name_key("TỈNH HÒA BÌNH")
    assert name_key("Thuỵ Khuê") == name_key("Thụy Khuê")
    assert name_key("Nam Định") != name_key("Nam Đinh")


def test_communes_after(au):
    # phường Nam Định exists in tỉnh Ninh Bình after 01/07/2025 (the old city merged into it)
    hits = au.communes("Nam Định", province="Ninh Bình", on=Y2026)
    assert [(c.type, c.province_code) for c in hits] == [("phường", "37")]
    assert "Phường Vị Xuyên" in hits[0].merged_from
    # the old province name finds it too (successor mapping)
    assert au.communes("Nam Định", province="Nam Định", unit_type="phường", on=Y2026)
    # an island district became a đặc khu
    assert au.commune_exists("Côn Đảo", Y2026, unit_type="đặc khu", province="Hồ Chí Minh")
    assert not au.commune_exists("Côn Đảo", Y2026, unit_type="huyện")
    assert au.commune_exists("Ba Đình", Y2026, unit_type="phường", province="Hà Nội")
    assert au.commune_exists("Không Có Thật", Y2026) is False
    # before the reorganisation an unknown commune is unknown, not absent (the old list is partial)
    assert au.commune_exists("Không Có Thật", Y2018) is None


def test_old_communes_and_their_successors(au):
    olds = au.communes("Trúc Bạch", unit_type="phường", on=BEFORE)
    assert olds and all(c.valid_until == BEFORE for c in olds)
    assert [c.name for c in au.commune_successors(olds[0])] == ["Ba Đình"]
    assert not au.communes("Trúc Bạch", unit_type="phường", on=AFTER)


def test_district_level_ends():
    assert district_exists(BEFORE) and district_exists(Y2018)
    assert not district_exists(AFTER) and not district_exists(Y2026)


def test_data_matches_the_shared_source(corpus):
    """The shipped CSVs agree with the derived tables of ../shared/corpus/admin-units."""
    src = corpus / "admin-units" / "derived" / "old63_to_new34.csv"
    with open(src, encoding="utf-8") as fh:
        theirs = {r["old_code"]: r["new_code"] for r in csv.DictReader(fh)}
    with open(corpora_path("admin_units", "provinces_before_2025-07-01.csv"), encoding="utf-8") as fh:
        ours = {r["code"]: r["successor_code"] for r in csv.DictReader(fh)}
    assert ours == theirs
    meta = json.loads(corpora_path("admin_units", "SOURCE.json").read_text(encoding="utf-8"))
    assert meta["counts"]["communes_after"] == 3321 and meta["resolution_counts_checked"] == 34


def test_build_script_reproduces_the_data(tmp_path, corpus):
    out = tmp_path / "au"
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_admin_units.py"),
                    "--source", str(corpus / "admin-units"), "--out", str(out)], check=True,
                   capture_output=True)
    for name in ("provinces_before_2025-07-01.csv", "provinces_2025-07-01.csv", "communes_2025-07-01.csv",
                 "communes_before_2025-07-01.csv.gz"):
        assert (out / name).read_bytes() == corpora_path("admin_units", name).read_bytes(), name
