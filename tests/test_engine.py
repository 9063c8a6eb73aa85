"""The rule engine: selection by id/prefix, regime and kind; configuration files; severity and
regime overrides; ordering; the `rules` / `rule` commands and the generated rule reference."""
from __future__ import annotations

import datetime as dt
import io
import json
from contextlib import redirect_stdout

import pytest

from docbuilder import build_docx_bytes
from vbqppl_check.cli import main
from vbqppl_check.config import Config, from_mapping, load_config
from vbqppl_check.engine import is_selected, load_catalogue, make_context, run_checks, selected_rules
from vbqppl_check.errors import ConfigError
from vbqppl_check.parse import parse
from vbqppl_check.readers import read


@pytest.fixture(scope="module")
def bad_doc():
    """A correct NĐ 30 document with two defects: a 5 mm left margin and “Số 15/…” without colon."""
    data = build_docx_bytes({"margins_mm": {"left": 20}, "so_ky_hieu": "Số 15/QĐ-UBND"})
    return parse(read(data, name="bad.docx"))


def test_selection_prefix_and_specificity():
    cfg = Config(select=("TT", "KT0"), ignore=("KT003",))
    assert is_selected("TT001", cfg)
    assert is_selected("KT001", cfg)
    assert not is_selected("KT003", cfg)       # the more specific ignore wins
    assert not is_selected("KT101", cfg)       # not selected at all
    assert not is_selected("CC001", cfg)
    assert is_selected("KT003", Config(select=("KT003",), ignore=("KT",)))  # more specific select wins


def test_run_respects_select_and_ignore(bad_doc):
    rules = {f.rule for f in run_checks(bad_doc, Config(select=("TT", "KT")), strict=True)}
    assert {"KT003", "TT004"} <= rules
    only = {f.rule for f in run_checks(bad_doc, Config(select=("KT003",)), strict=True)}
    assert only == {"KT003"}
    rest = {f.rule for f in run_checks(bad_doc, Config(select=("TT", "KT"), ignore=("KT0",)), strict=True)}
    assert "KT003" not in rest and "TT004" in rest


def test_severity_override_and_regime_override(bad_doc):
    cfg = from_mapping({"select": ["KT003"], "severity": {"KT": "info"}})
    f = run_checks(bad_doc, cfg, strict=True)
    assert f and all(x.severity == "info" for x in f)
    # forcing the VBQPPL regime of 2016–2025 replaces the NĐ 30 margin rule by its twin KT104
    forced = run_checks(bad_doc, Config(select=("KT",), regime="nd34"), strict=True)
    assert {x.rule for x in forced if x.rule.startswith("KT10")} == {"KT104"}
    assert make_context(bad_doc, Config(regime="nd34")).regime.id == "nd34"


def test_rules_follow_regime_kind_and_input(bad_doc):
    ctx = make_context(bad_doc, Config())
    assert ctx.regime.id == "nd30" and ctx.kind == "hanh_chinh"
    ids = {r.id for r in selected_rules(ctx, bad_doc)}
    assert "KT003" in ids and "KT103" not in ids and "TT104" not in ids
    # plain text has neither formatting nor page setup: those rules are skipped, not guessed
    text = parse(read("\n".join(b.text for b in bad_doc.source.body_blocks()).encode(), name="x.txt"))
    tctx = make_context(text, Config())
    tids = {r.id for r in selected_rules(tctx, text)}
    assert "KT003" not in tids and "KT010" not in tids and "TT004" in tids


def test_judging_date_for_undated_drafts():
    draft = build_docx_bytes({"dia_danh_ngay": "Ninh Bình, ngày     tháng     năm 2025",
                              "so_ky_hieu": "Số:      /QĐ-UBND"})
    doc = parse(read(draft, name="draft.docx"))
    ctx = make_context(doc, Config(as_of=dt.date(2019, 6, 1)))
    assert ctx.date_source == "as_of" and ctx.regime.id == "tt01"
    assert make_context(doc, Config(as_of=dt.date(2025, 6, 1))).regime.id == "nd30"


def test_findings_are_ordered_by_position(bad_doc):
    f = run_checks(bad_doc, Config(select=("TT", "KT")), strict=True)
    keys = [x.sort_key() for x in f]
    assert keys == sorted(keys)


def test_config_files(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.vbqppl-check]\nselect = ["TT", "KT"]\nignore = ["KT003"]\n'
        'regime = "nd30"\n[tool.vbqppl-check.severity]\nTT004 = "warning"\n', encoding="utf-8")
    sub = tmp_path / "drafts"
    sub.mkdir()
    cfg = load_config(start=sub)
    assert cfg.select == ("TT", "KT") and cfg.ignore == ("KT003",) and cfg.regime == "nd30"
    assert dict(cfg.severity) == {"TT004": "warning"}
    (sub / "vbqppl-check.toml").write_text('select = ["CC"]\n', encoding="utf-8")
    assert load_config(start=sub).select == ("CC",)      # the nearer file wins
    with pytest.raises(ConfigError):
        from_mapping({"severity": {"TT001": "fatal"}})
    with pytest.raises(ConfigError):
        from_mapping({"selct": ["TT"]})


def test_cli_select_ignore(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(build_docx_bytes({"margins_mm": {"left": 20}, "so_ky_hieu": "Số 15/QĐ-UBND"}))
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["check", str(path), "--format", "json", "--select", "TT,KT", "--ignore", "KT003"])
    text = out.getvalue()
    assert code == 1
    assert '"TT004"' in text and '"KT003"' not in text


def _run_cli(args) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(args)
    return code, out.getvalue()


def test_rules_command_lists_every_rule():
    code, text = _run_cli(["rules", "--format", "json"])
    assert code == 0
    listed = json.loads(text)
    cat = load_catalogue()
    assert {r["id"] for r in listed} == set(cat)
    for r in listed:
        assert r["reference"] and r["verification"] in ("verified", "secondary", "practice", "memory")
    code, text = _run_cli(["rules", "--category", "layout", "--regime", "nd34"])
    assert code == 0 and "KT104" in text and "KT003" not in text and "TT001" not in text


def test_rule_command_explains_one_rule():
    code, text = _run_cli(["rule", "kt003"])
    assert code == 0
    assert "Định lề trang" in text and "verified" in text and "margins_mm" in text
    code, _ = _run_cli(["rule", "ZZ999"])
    assert code == 2


def test_rules_doc_lists_every_rule(tmp_path):
    from vbqppl_check.commands.rules_doc import main as doc_main
    out = tmp_path / "rules.md"
    assert doc_main([str(out)]) == 0
    text = out.read_text("utf-8")
    for rid, rule in load_catalogue().items():
        assert f"### {rid}" in text
        assert rule.verification in text


def test_impossible_date_is_judged_by_the_law_of_its_month():
    """"ngày 32 tháng 12 năm 2024" (vbpl.vn's copy of TT 51/2024/TT-BTNMT, blind review set 4 of issue 12: an
    NĐ 187 citation rule applied to it as if it were dated today was judged FALSE): the law of December 2024."""
    from vbqppl_check import check
    text = ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 51/2024/TT-BTNMT\nHà Nội, ngày 32 tháng 12 năm 2024\nTHÔNG TƯ\nQuy định kỹ thuật\n"
            "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định kỹ thuật.\n")
    res = check(text.encode("utf-8"), name="x.txt")
    assert (res.judged_on, res.date_source, res.regime) == ("2024-12-31", "approximate", "nd34")
    undated = text.replace("Số: 51/2024/TT-BTNMT", "Số:      /TT-BTNMT").replace("ngày 32 tháng 12 năm 2024",
                                                                                 "ngày    tháng    năm")
    res = check(undated.encode("utf-8"), name="x.txt")
    assert res.date_source == "as_of"
