"""Draft the citation gold set from real corpus lines (tests/data/citations_gold.jsonl).

    python tools/build_citations_gold.py > /tmp/gold_draft.jsonl

It proposes the parser's reading of each sampled line; every proposal is then reviewed by eye and
corrected in the gold file by hand (the gold is what a careful reader sees, not what the parser says).
Sources: vbpl-central-2025 (one paragraph per line), congbao-pdf-8topics/txt (PDF lines, joined per
căn cứ item), real-pdf-local-2025 (the Lai Châu draft, via pypdfium2).
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from citation_scoring import pin_str  # noqa: E402 - the gold format is defined once, there
from corpus_lines import CORPUS, congbao_items, lai_chau_items, tvpl_items, vbpl_lines  # noqa: E402

from vbqppl_check.parse.citations import to_citation  # noqa: E402
from vbqppl_check.parse.citation_grammar import find_references, parse_basis  # noqa: E402
from vbqppl_check.model import Span  # noqa: E402

_REF = re.compile(r"(điểm [a-zđ]|khoản \d+|Điều \d+|Chương [IVX]+|Phụ lục [IVX]+)")


def fields(c) -> dict:
    d = c.document
    return {
        "kind": c.kind, "target": c.target, "relation": c.relation,
        "doc_type": d.doc_type if d else None, "number": d.number if d else None,
        "date": d.date if d else None, "date_valid": d.date_valid if d else None,
        "issuer": d.issuer if d else None, "title": d.title if d else None,
        "amended_by": [a.number or a.title for a in c.amended_by],
        "pinpoints": [pin_str(p) for p in c.pinpoints],
    }


def main() -> None:
    rnd = random.Random(20261125)
    out = []
    basis = [x for x in vbpl_lines(preamble=True) if x[2].startswith("Căn cứ") and "…" not in x[2] and "..." not in x[2]]
    for src, line, text in rnd.sample(basis, 150):
        for pc in parse_basis(text):
            out.append((src, line, "basis", pc, text))
    for src, line, text in rnd.sample(list(congbao_items()), 70):
        for pc in parse_basis(text):
            out.append((src, line, "basis", pc, text))
    for src, line, text in random.Random(11).sample(list(tvpl_items()), 45):
        for pc in parse_basis(text):
            out.append((src, line, "basis", pc, text))
    for src, line, text in lai_chau_items():
        for pc in parse_basis(text):
            out.append((src, line, "basis", pc, text))
    body = [x for x in vbpl_lines(preamble=False) if not x[2].startswith("Căn cứ") and _REF.search(x[2]) and len(x[2]) < 400]
    for src, line, text in rnd.sample(body, 90):
        for pc in find_references(text):
            out.append((src, line, "text", pc, text))
    for src, line, mode, pc, text in out:
        c = to_citation(pc, Span(0, pc.start, pc.end), text[pc.start:pc.end])
        print(json.dumps({"source": src, "line": line, "mode": mode, "text": c.text, **fields(c)},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
