"""The citation grammar against the BLIND gold set: citations labelled by people who saw only the text
and docs/citation-labelling.md (issue #13). The input lines are tests/data/citations_blind_input.jsonl
(sampled by tools/build_citation_blind_input.py, see tests/data/citations_blind_README.md); the labels,
when they arrive, are tests/data/citations_blind_gold.jsonl. Until then the threshold test skips.
"""
from __future__ import annotations

import copy
import hashlib
import json

import pytest

from citation_scoring import BLIND_GOLD, BLIND_INPUT, GOLD, blind_lines, predict_text, score_blind, score_records

REQUIRED = ("source", "line", "mode", "text", "kind", "target", "relation", "doc_type", "number", "date",
            "date_valid", "issuer", "title", "amended_by", "pinpoints")


def _input():
    return [json.loads(x) for x in BLIND_INPUT.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_blind_input_is_held_out_and_large_enough():
    recs = _input()
    docs = {r["source"] for r in recs}
    old = {json.loads(x)["source"] for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()}
    assert len(recs) >= 300 and len(docs) >= 45
    assert not docs & old                               # no document of the old (parser-proposed) set
    assert all(int(hashlib.sha1(d.encode("utf-8")).hexdigest()[0], 16) % 2 for d in docs)   # evaluation half
    assert {d.split("/")[0] for d in docs} == {"vbpl-central-2025", "congbao-pdf-8topics", "tvpl-2025-md"}
    assert {r["mode"] for r in recs} == {"basis", "text"}
    assert len({(r["source"], r["line"]) for r in recs}) == len(recs)


def test_scorer_counts_each_kind_of_error():
    """The scoring itself, on real input lines: the parser's own reading scores 100 %; a wrong date, a
    wrong pinpoint, a wrong number and a missed record each lower the figure they belong to."""
    lines = blind_lines()
    recs = [r for r in _input() if r["mode"] == "basis"][:15] + [r for r in _input() if r["mode"] == "text"][:15]
    gold = []
    for r in recs:
        preds = predict_text(r["text"], r["mode"])
        if not preds:
            gold.append({"source": r["source"], "line": r["line"], "mode": r["mode"], "none": True})
        for p in preds:
            gold.append({"source": r["source"], "line": r["line"], "mode": r["mode"],
                         **{k: v for k, v in p.items() if k != "start"}})
    base = score_records(lines, gold)
    assert base["n"] > 20 and base["exact_rate"] == 1.0 and base["spurious"] == 0
    dated = next(g for g in gold if g.get("date"))
    pinned = next((g for g in gold if g.get("pinpoints")), None)
    numbered = next(g for g in gold if g.get("number") and g is not dated)
    bad = copy.deepcopy(gold)
    for g in bad:
        if g == dated:
            g["date"] = "1900-01-01"
        elif pinned is not None and g == pinned:
            g["pinpoints"] = ["dieu=999"]
        elif g == numbered:
            g["number"] = "0/0000/XX"
    s = score_records(lines, bad)
    assert s["date_exact"] < 1.0 and s["doc_exact"] < 1.0
    assert pinned is None or s["pin_exact"] < 1.0
    # a record the labellers saw and the parser did not: missed, counted against every figure
    extra = dict(dated, text="Nghị định số 999/2099/NĐ-CP", number="999/2099/NĐ-CP")
    s = score_records(lines, gold + [extra])
    assert s["doc_exact"] < 1.0 and s["date_exact"] < 1.0 and s["pin_exact"] < 1.0


@pytest.mark.skipif(not BLIND_GOLD.exists(), reason="blind labels not placed yet (tests/data/citations_blind_gold.jsonl)")
def test_blind_gold_at_least_97_percent():
    gold = [json.loads(x) for x in BLIND_GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    real = [g for g in gold if not g.get("none")]
    assert len(real) >= 300 and len({g["source"] for g in real}) >= 40
    assert all(all(k in g for k in REQUIRED) for g in real), "records must carry every field of the guide"
    keys = {(r["source"], r["line"]) for r in _input()}
    assert all((g["source"], g["line"]) in keys for g in gold)
    s = score_blind()
    shown = [(d["text"][:80], d["fields"]) for d in s["disagreements"][:15]]
    assert s["doc_exact"] >= 0.97, shown
    assert s["date_exact"] >= 0.97, shown
    assert s["pin_exact"] >= 0.97, shown
    assert s["spurious"] <= 0.02 * s["n"], shown


def test_second_blind_set_does_not_regress():
    """The second blind set (drawn and labelled after the grammar work; nobody who changed the parser
    has read its disagreements) measures the parser blind. The issue's target is 97 %; these floors are
    the figures it gave when first scored (95.0 / 97.0 / 96.5 %, 4 spurious), so a change may only
    improve them. docs/citations.md lists what it still gets wrong."""
    from citation_scoring import BLIND2_GOLD, BLIND2_INPUT
    s = score_blind(BLIND2_GOLD, BLIND2_INPUT)
    assert s["n"] >= 190
    shown = [(d["text"][:80], d["fields"]) for d in s["disagreements"][:15]]
    assert s["doc_exact"] >= 0.949, shown
    assert s["date_exact"] >= 0.969, shown
    assert s["pin_exact"] >= 0.964, shown
    assert s["spurious"] <= 4, shown


def test_never_read_blind_citations_at_least_97_percent():
    """The issue's bar on the citations nobody fixing the grammar has read a disagreement of (the first
    set's held-out half and the third set): ≥ 300 citations from ≥ 40 documents, ≥ 97 % exact."""
    from citation_scoring import score_never_read
    s = score_never_read()
    assert s["n"] >= 300
    shown = [(d["text"][:80], d["fields"]) for d in s["disagreements"][:15]]
    assert s["doc_exact"] >= 0.97, shown
    assert s["date_exact"] >= 0.97, shown
    assert s["pin_exact"] >= 0.97, shown
    assert s["spurious"] <= 0.02 * s["n"], shown
