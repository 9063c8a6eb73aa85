"""The citation grammar against ≥ 300 hand-reviewed citations from real documents in ../shared/corpus."""
from __future__ import annotations

import json

from citation_scoring import GOLD, score


def test_gold_set_is_large_and_real(corpus):
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(gold) >= 300
    sources = {g["source"].split("#")[0].split("/")[0] for g in gold}
    assert {"vbpl-central-2025", "congbao-pdf-8topics", "real-pdf-local-2025"} <= sources


def test_at_least_97_percent_of_citations_have_every_field_exact(corpus):
    s = score()
    shown = [(g["text"], {k: (g.get(k), (p or {}).get(k)) for k in g if p is None or g.get(k) != p.get(k)
                          and k not in ("source", "line", "mode", "note", "text")}) for g, p in s["failures"]]
    assert s["exact_rate"] >= 0.97, shown[:10]
    assert s["spurious"] <= 0.02 * s["n"], s["spurious"]


def test_lai_chau_impossible_date_is_parsed_as_invalid():
    from corpus_lines import lai_chau_items
    from vbqppl_check.parse.citation_grammar import parse_basis
    hits = [c.mention for _, _, t in lai_chau_items() for c in parse_basis(t)
            if c.mention and c.mention.number == "63/2010/NĐ-CP"]
    assert hits and hits[0].date.valid is False and hits[0].date.raw == "ngày 08/6/20210"
