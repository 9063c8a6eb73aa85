"""benchmarks/defect_recall.py checks a mutated document with the rules of the operator's category only
(and the rules that supersede one of them): that must give the same findings of that category as the
full default rule set the user runs, on real documents, for every operator that applies."""
from __future__ import annotations

import collections
import hashlib
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))


def _sigs(findings, category):
    import defect_recall as D
    return collections.Counter(D._sig(f) for f in findings if f.category == category)


def _real_docs(corpus: Path, n: int):
    """The first n Thư viện pháp luật texts of the tuning half with an Điều tree, a signature and
    recipients (sorted by path: no file is named)."""
    import defect_recall as D
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read
    out = []
    for p in sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md")):
        key = p.relative_to(corpus).as_posix()
        if D.half(key, "") != "tuning":
            continue
        d = D.Doc(key, p.name, p.read_text(encoding="utf-8"), "tvpl")
        doc = parse(read(d.text.encode("utf-8"), name=d.name))
        if any(x.kind == "dieu" for x in doc.nodes()) and doc.signature is not None and doc.recipients is not None \
                and doc.metadata.kind == "hanh_chinh" and 3000 < len(d.text) < 20000:
            out.append((d, doc))
        if len(out) == n:
            break
    return out


def test_category_restricted_checks_equal_full_rule_set(corpus):
    import defect_recall as D
    from docbuilder import build_docx_bytes
    from vbqppl_check.config import Config
    from vbqppl_check.engine import run_checks
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read

    D._init_state(docx=True)
    full = Config()
    by_cat = D._category_configs(full)
    seen_cats = set()
    compared = 0
    docs = _real_docs(corpus, 1)
    assert docs, "no document to compare on"
    for d, base_doc in docs:
        lines = d.text.split("\n")
        ctx = D.Ctx(d, base_doc, random.Random(int(hashlib.sha1(d.key.encode("utf-8")).hexdigest()[:8], 16)))
        for o in D.OPERATORS:
            m = o.fn(lines, ctx)
            if m is None or m.text == d.text:
                continue
            mdoc = parse(read(m.text.encode("utf-8"), name=d.name))
            assert _sigs(run_checks(mdoc, by_cat[o.category]), o.category) == \
                _sigs(run_checks(mdoc, full), o.category), o.name
            seen_cats.add(o.category)
            compared += 1
        spec = D.docx_spec(base_doc)
        assert spec is not None
        for name, cat, change, _comps in D._docx_ops_for(spec, base_doc.date.value if base_doc.date else None):
            mdoc = parse(read(build_docx_bytes({**spec, **change}), name="real.docx"))
            assert _sigs(run_checks(mdoc, by_cat[cat]), cat) == _sigs(run_checks(mdoc, full), cat), name
            seen_cats.add(cat)
            compared += 1
    assert compared >= 30 and {"format", "layout", "language", "legal_basis"} <= seen_cats


def test_restricted_configs_keep_superseding_rules():
    """NN016 (language) is superseded by TT006/TT106 (format): the language run keeps them, or a
    stray space in the number would be reported by the restricted run and not by the full one."""
    import defect_recall as D
    from vbqppl_check.config import Config
    from vbqppl_check.engine import load_catalogue
    cfg = D._category_configs(Config())
    cat = load_catalogue()
    for rid, rule in cat.items():
        for general in rule.supersedes:
            assert rid in cfg[cat[general].category].select, (rid, general)
    for c, conf in cfg.items():
        assert all(rid in conf.select for rid, r in cat.items() if r.category == c)


def test_memoised_parser_functions_parse_the_same(corpus):
    """The benchmark memoises pure per-paragraph functions of the parser: a document parsed with them
    equals the document parsed with the originals, before and after a mutation (cache hits)."""
    import defect_recall as D
    from vbqppl_check.parse import citations, closing, lines, parse
    from vbqppl_check.readers import read
    D._memoise_citations()
    memo = {(m, n): getattr(m, n) for m, n in ((citations, "_references"), (closing, "is_position"),
                                                (lines, "clean"))}
    (d, _), = _real_docs(corpus, 1)
    texts = [d.text, d.text.replace("Điều 2.", "Điều 4.", 1)]
    fast = [parse(read(t.encode("utf-8"), name=d.name)) for t in texts]
    try:
        for (m, n), fn in memo.items():
            setattr(m, n, fn.__wrapped__)
        slow = [parse(read(t.encode("utf-8"), name=d.name)) for t in texts]
    finally:
        for (m, n), fn in memo.items():
            setattr(m, n, fn)
    assert fast == slow
    assert all(fn.cache_info().hits > 0 for fn in memo.values())
