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


def test_one_finding_per_defect_fields_are_additive_and_consistent(corpus):
    """`occurrences`, `locations`, `superseded` and `suppressed` are additive: an output without them
    (as older versions wrote) still validates; with them, `location` is `locations[0]` and the count
    is the number of locations."""
    from vbqppl_check.suppress import Baseline, apply
    docs = sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"))[:12]
    results = [check_path(str(p)) for p in docs]
    assert any(f.occurrences > 1 for r in results for f in r.findings), "need a finding at several places"
    bl = Baseline.from_results(results[:1])
    results = [apply(r, None, bl) for r in results]
    assert results[0].suppressed and not results[0].findings
    buf = io.StringIO()
    write(results, buf, lang="en")
    data = json.loads(buf.getvalue())
    jsonschema.validate(data, schema())
    for d in data["documents"]:
        for f in d["findings"] + d["suppressed"]:
            assert f["location"] == f["locations"][0] and f["occurrences"] == len(f["locations"])
    assert data["summary"]["suppressed"]["baseline"] == len(results[0].suppressed)
    assert data["summary"]["occurrences"] == sum(f.occurrences for r in results for f in r.findings)
    old = json.loads(buf.getvalue())
    for d in old["documents"]:
        d.pop("suppressed")
        for f in d["findings"]:
            for key in ("occurrences", "locations", "superseded"):
                f.pop(key)
    old.pop("summary")
    jsonschema.validate(old, schema())
    bad = json.loads(buf.getvalue())
    f = next(f for d in bad["documents"] for f in d["findings"])
    f["occurrences"] = 0
    with __import__("pytest").raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema())
