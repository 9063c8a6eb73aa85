"""Score the citation parser against tests/data/citations_gold.jsonl (shared by the test and docs)."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from corpus_lines import line_text

from vbqppl_check.model import Span
from vbqppl_check.parse.citation_grammar import find_references, parse_basis
from vbqppl_check.parse.citations import to_citation

GOLD = Path(__file__).parent / "data" / "citations_gold.jsonl"
FIELDS = ("kind", "target", "relation", "doc_type", "number", "date", "date_valid", "issuer", "title",
          "amended_by", "pinpoints")


def pin_str(p) -> str:
    parts = []
    for key in ("diem", "khoan", "dieu"):
        v = getattr(p, key)
        if v:
            parts.append(f"{key}={','.join(v)}")
    for key in ("muc", "chuong", "phan", "phu_luc", "relative"):
        v = getattr(p, key)
        if v:
            parts.append(f"{key}={v}")
    if p.range:
        parts.append("range")
    return " ".join(parts)


def fields(c) -> dict:
    d = c.document
    return {"kind": c.kind, "target": c.target, "relation": c.relation,
            "doc_type": d.doc_type if d else None, "number": d.number if d else None,
            "date": d.date if d else None, "date_valid": d.date_valid if d else None,
            "issuer": d.issuer if d else None, "title": d.title if d else None,
            "amended_by": [a.number or a.title for a in c.amended_by],
            "pinpoints": [pin_str(p) for p in c.pinpoints]}


def predict_text(text: str, mode: str) -> list[dict]:
    pcs = parse_basis(text) if mode == "basis" else find_references(text)
    out = []
    for p in pcs:
        c = to_citation(p, Span(0, p.start, p.end), text[p.start:p.end])
        out.append({"text": text[p.start:p.end], "start": p.start, **fields(c),
                    "date_raw": c.document.date_raw if c.document else None})
    return out


def predict(source: str, line: int, mode: str) -> list[dict]:
    return predict_text(line_text(source, line), mode)


def _empty(v) -> bool:
    return v in (None, [], "")


def score() -> dict:
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    by_line: dict[tuple, list[dict]] = defaultdict(list)
    for g in gold:
        by_line[(g["source"], g["line"], g["mode"])].append(g)
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    exact, failures, spurious = 0, [], 0
    for (src, line, mode), gs in by_line.items():
        preds = predict(src, line, mode)
        used = set()
        for g in gs:
            p = next((p for k, p in enumerate(preds) if k not in used and p["text"] == g["text"]), None)
            if p is None:  # same start of text: a citation found with a different extent
                n = min(12, len(g["text"]))
                p = next((p for k, p in enumerate(preds) if k not in used and p["text"][:n] == g["text"][:n]), None)
            if p is not None:
                used.add(preds.index(p))
            ok = p is not None
            for f in FIELDS:
                gv, pv = g.get(f), (p or {}).get(f)
                if gv == pv:
                    if not _empty(gv):
                        tp[f] += 1
                else:
                    ok = False
                    if not _empty(pv):
                        fp[f] += 1
                    if not _empty(gv):
                        fn[f] += 1
            if ok:
                exact += 1
            else:
                failures.append((g, p))
        spurious += len(preds) - len(used)
    per_field = {f: {"precision": tp[f] / (tp[f] + fp[f]) if tp[f] + fp[f] else 1.0,
                     "recall": tp[f] / (tp[f] + fn[f]) if tp[f] + fn[f] else 1.0,
                     "support": tp[f] + fn[f]} for f in FIELDS}
    return {"n": len(gold), "exact": exact, "exact_rate": exact / len(gold), "spurious": spurious,
            "per_field": per_field, "failures": failures}


# -- the blind set (tests/data/citations_blind_gold.jsonl, labelled from citations_blind_input.jsonl) --------

BLIND_INPUT = Path(__file__).parent / "data" / "citations_blind_input.jsonl"
BLIND_GOLD = Path(__file__).parent / "data" / "citations_blind_gold.jsonl"
DOC_FIELDS = ("kind", "target", "relation", "doc_type", "number", "issuer", "title", "amended_by")
DATE_FIELDS = ("date", "date_valid", "date_raw")
_IGNORED = {"source", "line", "mode", "text", "note", "labeller", "none", "last_line", "part"}


def _match(preds: list[dict], used: set[int], g: dict, text: str) -> dict | None:
    """The prediction for a gold record: the same text, else the same start, else the same first 12 characters."""
    free = [(k, p) for k, p in enumerate(preds) if k not in used]
    for test in (lambda p: p["text"] == g["text"],
                 lambda p: text.find(g["text"], p["start"]) == p["start"],
                 lambda p: p["text"][:min(12, len(g["text"]))] == g["text"][:12]):
        for k, p in free:
            if test(p):
                used.add(k)
                return p
    return None


def score_records(lines: dict[tuple, tuple[str, str]], gold: list[dict]) -> dict:
    """lines: (source, line) -> (mode, text); gold: records (a {"none": true} record marks a line with no
    citation). Returns per-field precision/recall, and the share of gold records exact on the cited
    document, on the date, on the pinpoints and on every field (a record the parser missed counts as wrong)."""
    by_line: dict[tuple, list[dict]] = defaultdict(list)
    for g in gold:
        by_line[(g["source"], g["line"])].append(g)
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    n = doc_ok = date_ok = pin_ok = exact = spurious = 0
    disagreements = []
    for key, gs in by_line.items():
        mode, text = lines[key]
        preds = predict_text(text, mode)
        used: set[int] = set()
        for g in gs:
            if g.get("none"):
                continue
            n += 1
            p = _match(preds, used, g, text)
            fields_ = [f for f in FIELDS + ("date_raw",) if f in g]
            bad = [f for f in fields_ if p is None or g.get(f) != p.get(f)]
            for f in fields_:
                gv, pv = g.get(f), (p or {}).get(f)
                if gv == pv:
                    if not _empty(gv):
                        tp[f] += 1
                else:
                    if not _empty(pv):
                        fp[f] += 1
                    if not _empty(gv):
                        fn[f] += 1
            doc_ok += p is not None and not any(f in bad for f in DOC_FIELDS)
            date_ok += p is not None and not any(f in bad for f in DATE_FIELDS)
            pin_ok += p is not None and "pinpoints" not in bad
            exact += p is not None and not bad
            if p is None or bad:
                disagreements.append({"source": g["source"], "line": g["line"], "text": g["text"],
                                      "fields": {f: (g.get(f), (p or {}).get(f)) for f in (bad or ["(missed)"])}
                                      if p is not None else {"(missed)": (g["text"], None)}})
        for k, p in enumerate(preds):
            if k not in used:
                spurious += 1
                disagreements.append({"source": key[0], "line": key[1], "text": p["text"],
                                      "fields": {"(spurious)": (None, p["number"] or p["title"] or p["pinpoints"])}})
    per_field = {f: {"precision": tp[f] / (tp[f] + fp[f]) if tp[f] + fp[f] else 1.0,
                     "recall": tp[f] / (tp[f] + fn[f]) if tp[f] + fn[f] else 1.0,
                     "support": tp[f] + fn[f]} for f in FIELDS + ("date_raw",)}
    rate = (lambda x: x / n if n else 0.0)
    return {"n": n, "lines": len(by_line), "doc_exact": rate(doc_ok), "date_exact": rate(date_ok),
            "pin_exact": rate(pin_ok), "exact_rate": rate(exact), "spurious": spurious,
            "per_field": per_field, "disagreements": disagreements}


BLIND3_INPUT = Path(__file__).parent / "data" / "citations_blind3_input.jsonl"
BLIND3_GOLD = Path(__file__).parent / "data" / "citations_blind3_gold.jsonl"
BLIND2_INPUT = Path(__file__).parent / "data" / "citations_blind2_input.jsonl"
BLIND2_GOLD = Path(__file__).parent / "data" / "citations_blind2_gold.jsonl"


def blind_lines(path: Path = BLIND_INPUT) -> dict[tuple, tuple[str, str]]:
    recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return {(r["source"], r["line"]): (r["mode"], r["text"]) for r in recs}


def score_blind(path: Path = BLIND_GOLD, input_path: Path = BLIND_INPUT) -> dict:
    gold = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return score_records(blind_lines(input_path), gold)


def score_old(evaluation_only: bool = False) -> dict:
    """The old gold set scored like the blind one (its lines read from ../shared/corpus)."""
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    if evaluation_only:
        import hashlib
        gold = [g for g in gold if int(hashlib.sha1(g["source"].encode("utf-8")).hexdigest()[0], 16) % 2]
    lines = {(g["source"], g["line"]): (g["mode"], line_text(g["source"], g["line"])) for g in gold}
    return score_records(lines, gold)


def blind_half(source: str) -> int:
    """Of the first blind set: 0 for the documents whose disagreements were read while fixing the grammar
    ("dev"), 1 for those whose were not ("held out") — second hex digit of the SHA-1 of the source."""
    import hashlib
    return int(hashlib.sha1(source.encode("utf-8")).hexdigest()[1], 16) % 2


def score_never_read() -> dict:
    """The blind citations nobody fixing the grammar has read a disagreement of: the first set's held-out
    half and the whole third set (drawn and labelled after the last grammar change)."""
    def load(p: Path) -> list[dict]:
        return [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    held = [g for g in load(BLIND_GOLD) if blind_half(g["source"]) == 1]
    return score_records({**blind_lines(), **blind_lines(BLIND3_INPUT)}, held + load(BLIND3_GOLD))
