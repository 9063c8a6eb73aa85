"""`vbqppl-check index`: one row per document, errors as rows, CSV and JSON."""
from __future__ import annotations

import csv
import io
import json
import shutil

from realdocs import real_file

from vbqppl_check.cli import main


def test_index_csv_and_json(tmp_path, capsys):
    folder = tmp_path / "archive" / "sub"
    folder.mkdir(parents=True)
    shutil.copy(real_file("tvpl-2025-md/docs/020bddd030400bd2.md"), folder / "qd84.md")
    shutil.copy(real_file("congbao-pdf-8topics/txt/luat-so-51-2024-qh15-43559.txt"), folder / "luat51.txt")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "index.csv"
    rc = main(["index", str(tmp_path / "archive"), "--output", str(out)])
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rc == 2   # one file could not be read
    by_name = {r["path"].rsplit("/", 1)[-1]: r for r in rows}
    assert set(by_name) == {"qd84.md", "luat51.txt", "broken.docx"}
    qd = by_name["qd84.md"]
    assert (qd["status"], qd["number"], qd["type"], qd["issuer"], qd["date"], qd["kind"], qd["province"]) == (
        "ok", "84/2025/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh Hà Tĩnh", "2025-12-02", "vbqppl", "Tỉnh Hà Tĩnh")
    assert by_name["luat51.txt"]["number"] == "51/2024/QH15" and by_name["luat51.txt"]["date"] == "2024-11-27"
    assert by_name["broken.docx"]["status"] == "error" and by_name["broken.docx"]["error_code"]

    rc = main(["index", str(folder / "qd84.md"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and len(data) == 1
    for key in ("kind", "type", "number", "issuer", "issuer_level", "province", "commune", "place", "date", "title",
                "signer", "draft"):
        assert key in data[0]
    assert data[0]["signer"] == "Trần Báu Hà" and data[0]["draft"] is False
