"""The JSON output envelope is a public contract: validated against the shipped schema."""
from __future__ import annotations

import io
import json

import jsonschema

from realdocs import real_file

from vbqppl_check.checker import check_path
from vbqppl_check.report.json_writer import schema, write


def test_error_record_and_ok_record_validate(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    good = real_file("tvpl-2025-md/docs/00e8b0e4daffc2ef.md")
    results = [check_path(str(bad)), check_path(str(good))]
    buf = io.StringIO()
    write(results, buf, lang="vi")
    data = json.loads(buf.getvalue())
    jsonschema.validate(data, schema())
    assert data["documents"][0]["status"] == "error"
    assert data["documents"][0]["error"]["code"]
    assert data["documents"][1]["status"] == "ok"
