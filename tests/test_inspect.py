"""`vbqppl-check inspect`: what the reader saw, as text and as JSON; exit 2 on an unreadable file."""
from __future__ import annotations

import json

from realdocs import real_file

from vbqppl_check.cli import main

ND30 = "nd30-2020-original-word/original/30_2020_ND_CP.docx"


def test_inspect_text(capsys):
    assert main(["inspect", str(real_file(ND30)), "--limit", "8"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "format=docx  blocks=339" in out[0]
    section = next(line for line in out if line.startswith("section 0:"))
    assert "210.03x297.04mm portrait" in section
    assert "margins T25.01 B20 L35.01 R20mm" in section
    assert "page-number in header center 14pt on-page-1=False" in section
    first = out.index(next(line for line in out if line.startswith("[0]")))
    assert out[first] == "[0] cell t0r0c0 {'Heading 2' center line=1}  'CHÍNH PHỦ'"
    assert out[first + 1].strip() == "Times New Roman 13pt B"
    assert any(line.startswith("[7] paragraph") and "'NGHỊ ĐỊNH'" in line for line in out)
    assert not any(line.startswith("[8]") for line in out)  # --limit


def test_inspect_json(capsys):
    assert main(["inspect", str(real_file(ND30)), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "docx" and data["has_formatting"] is True
    assert data["sections"][0]["margin_left_mm"] == 35.01
    b = data["blocks"][7]
    assert b["text"] == "NGHỊ ĐỊNH" and b["runs"][0]["format"]["bold"] is True
    assert b["runs"][0]["format"]["size"] == 14.0
    assert data["blocks"][0]["table"] == {"table": 0, "row": 0, "col": 0, "depth": 1}
    assert len(data["blocks"]) == 339


def test_inspect_runs_with_mixed_formatting(capsys):
    assert main(["inspect", str(real_file(ND30))]) == 0
    out = capsys.readouterr().out.splitlines()
    # the header's page number is a PAGE field result, shown with its field name
    assert any("field=PAGE" in line for line in out)


def test_inspect_unreadable_file(tmp_path, capsys):
    missing = tmp_path / "khong-co.docx"
    assert main(["inspect", str(missing)]) == 2
    assert "Không mở được tệp" in capsys.readouterr().err
    bad = tmp_path / "cut.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    assert main(["inspect", str(bad), "--lang", "en"]) == 2
    assert "corrupt" in capsys.readouterr().err
