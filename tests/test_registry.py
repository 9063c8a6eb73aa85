"""The registry: bundled facts, imports of the real An Giang sheet and vbpl export, lookups."""
from __future__ import annotations

import datetime as dt

from vbqppl_check.commands.registry import read_file
from vbqppl_check.law.registry import get_registry, number_key, open_user_db


def test_bundled_registry_knows_the_organisation_and_promulgation_laws():
    reg = get_registry()
    e = reg.get("77/2015/QH13")
    assert e.title == "Luật Tổ chức chính quyền địa phương" and e.replaced_by == ("65/2025/QH15",)
    assert e.in_force_on(dt.date(2026, 1, 1)) is False and e.in_force_on(dt.date(2020, 1, 1)) is True
    assert reg.get("78/2025/NĐ-CP").amended_by == ("187/2025/NĐ-CP",)
    assert reg.get("34/2016/NĐ-CP").replaced_by == ("78/2025/NĐ-CP", "79/2025/NĐ-CP")
    # by name and date, as older documents cite laws
    found = reg.lookup_title("Luật Tổ chức chính quyền địa phương", dt.date(2015, 6, 19))
    assert [x.number for x in found] == ["77/2015/QH13"]
    assert reg.stats()["documents"] > 700        # curated + vbpl-central-2025


def test_number_normalisation_handles_real_homoglyphs():
    assert number_key("07/2025/NĐ-СР") == number_key("07/2025/NĐ-CP")      # Cyrillic С, Р on vbpl.vn
    assert number_key("12/2020/QÐ-UBND") == number_key("12/2020/QĐ-UBND")  # Icelandic Ð
    assert number_key("1732 /QĐ-UBND") == "1732/QĐ-UBND"


def test_import_an_giang_tracking_sheet(corpus, tmp_path):
    path = next((corpus / "angiang-stp-vbqppl-tracking-2026").glob("*.xlsx"))
    rows = list(read_file(path))
    assert len(rows) > 300
    reg = open_user_db(tmp_path / "r.sqlite")
    reg.add(rows, layer=1)
    e = reg.get("48/2020/QĐ-UBND")
    assert e.issuer == "Ủy ban nhân dân tỉnh An Giang" and e.signed == dt.date(2020, 10, 29)
    assert e.replaced_by == ("08/2026/QĐ-UBND",)          # the "Thay thế" mark + the issued document
    assert reg.get("08/2026/QĐ-UBND").signed == dt.date(2026, 2, 12)


def test_import_vbpl_export_csv(corpus, tmp_path):
    rows = list(read_file(corpus / "vbpl-central-2025" / "index.csv"))
    assert len(rows) > 700
    reg = open_user_db(tmp_path / "v.sqlite")
    reg.add(rows, layer=1)
    e = reg.get("249/2025/NĐ-CP")
    assert e.status == "in_force" and e.effective == dt.date(2025, 9, 19)
    assert reg.get("109/2025/QH15").status == "not_yet"


def test_user_database_is_layered_over_the_bundled_one(tmp_path):
    db = tmp_path / "u.sqlite"
    open_user_db(db).add([{"number": "01/2026/QĐ-UBND", "issuer": "Ủy ban nhân dân tỉnh Lai Châu",
                           "signed": "2026-01-05", "status": "in_force"}], layer=1)
    reg = get_registry(str(db))
    assert reg.get("01/2026/QĐ-UBND").signed == dt.date(2026, 1, 5)
    assert reg.get("72/2025/QH15") is not None
