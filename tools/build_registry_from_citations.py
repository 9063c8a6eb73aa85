"""Registry entries for central documents cited as căn cứ in official texts (facts only).

    python tools/build_registry_from_citations.py ../shared/corpus corpora/registry/cited_central.jsonl

A number cited with a date in the preamble of Công báo / vbpl.vn texts is evidence that the document
exists with that date (secondary evidence). Conflicting dates are resolved by majority and the count
is kept; local numbers (QĐ-UBND, NQ-HĐND) are skipped because they repeat across provinces. Status is
"unknown": citation is not evidence of validity.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from corpus_lines import congbao_items, vbpl_lines  # noqa: E402

from vbqppl_check.law.registry import number_key, title_key  # noqa: E402
from vbqppl_check.parse.citation_grammar import parse_basis  # noqa: E402


def main(out: str) -> int:
    facts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    items = list(congbao_items()) + [x for x in vbpl_lines(preamble=True) if x[2].startswith("Căn cứ")]
    for _src, _line, text in items:
        for pc in parse_basis(text):
            for m in [pc.mention] + (pc.mention.amended_by if pc.mention else []):
                if m is None or not m.number or re.search(r"UBND|HĐND|/TW$|\.\.|…|^/", m.number):
                    continue
                if not re.match(r"^\d+[\d.]*/\d{4}/", m.number):
                    continue
                f = facts[number_key(m.number)]
                f["number"][m.number] += 1
                f["type"][m.doc_type] += 1
                if m.date and m.date.valid:
                    f["signed"][m.date.iso] += 1
                if m.issuer:
                    f["issuer"][m.issuer] += 1
                if m.title and m is pc.mention:
                    f["title_key"][title_key(m.title)] += 1
                    f["title"][m.title] += 1
    rows = []
    for key, f in sorted(facts.items()):
        top = lambda c: c.most_common(1)[0][0] if c else None  # noqa: E731
        signed = f["signed"]
        # the most frequent title after normalisation (case and spacing vary between citations)
        best_key = top(f["title_key"])
        keys = f["title_key"].most_common(2)
        if len(keys) == 2 and keys[0][1] == keys[1][1]:
            best_key = None      # a tie between different names: the citations disagree, take none
        title = next((t for t, _ in f["title"].most_common() if title_key(t) == best_key), None)
        row = {"number": top(f["number"]), "type": top(f["type"]), "issuer": top(f["issuer"]),
               "title": title, "signed": top(signed), "status": "unknown",
               "source": f"cited in official texts (congbao-pdf-8topics, vbpl-central-2025): "
                         f"{sum(f['number'].values())} citations"
                         + (f"; dates {dict(signed)}" if len(signed) > 1 else ""),
               "verification": "secondary"}
        if len(signed) > 1 and signed.most_common(2)[0][1] == signed.most_common(2)[1][1]:
            row["signed"] = None          # a tie: no date is taken
        rows.append(row)
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({k: v for k, v in r.items() if v not in (None, "")}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} entries → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[-1]))
