"""Citations through the public API (`parse(read(path)).citations`) agree with the grammar run on the
same lines, over the 88 Công báo texts (issue #13).

* Căn cứ: per document, the API's basis citations equal, field by field (as a multiset), what
  `parse_basis` reads from the căn cứ items of the raw text file (tests/corpus_lines.congbao_items:
  every "Căn cứ" line before "Điều 1" with its continuation lines). Consolidated texts (VBHN) also
  quote, in footnotes, the căn cứ of the amending documents; those are not the VBHN's own căn cứ, so
  for VBHN files the API's set must be contained in the grammar's, not equal to it.
* Every citation (căn cứ and in-text): its text is the text at its span in the parsed document, so a
  finding located by the span points at the citation.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from citation_scoring import pin_str
from corpus_lines import CORPUS, congbao_items

from vbqppl_check import parse, read
from vbqppl_check.model import Span
from vbqppl_check.parse.citation_grammar import parse_basis
from vbqppl_check.parse.citations import to_citation


def _key(c):
    d = c.document
    return (c.kind, c.target, c.relation, d.doc_type if d else None, d.number if d else None, d.date if d else None,
            d.date_valid if d else None, d.issuer if d else None, d.title if d else None,
            tuple(a.number or a.title for a in c.amended_by), tuple(pin_str(p) for p in c.pinpoints))


def test_api_citations_agree_with_the_grammar_on_the_same_lines(corpus):
    items = defaultdict(list)
    for src, _, text in congbao_items():
        items[src].append(text)
    files = sorted((CORPUS / "congbao-pdf-8topics" / "txt").glob("*.txt"))
    assert len(files) == 88
    n_basis = n_all = 0
    differ, misplaced = [], []
    for path in files:
        src = f"congbao-pdf-8topics/txt/{path.name}"
        doc = parse(read(path))
        api = Counter(_key(c) for c in doc.citations if c.kind == "basis")
        gram = Counter()
        for text in items[src]:
            for pc in parse_basis(text):
                gram[_key(to_citation(pc, Span(0, pc.start, pc.end), text[pc.start:pc.end]))] += 1
        n_basis += sum(gram.values())
        if path.name.startswith("van-ban-hop-nhat"):
            if api - gram:
                differ.append((path.name, "API only", list(api - gram)[:3]))
        elif api != gram:
            differ.append((path.name, list((api - gram).elements())[:3], list((gram - api).elements())[:3]))
        for c in doc.citations:
            n_all += 1
            block = doc.block(c.span.block).text
            here = block[c.span.start:c.span.end] if c.span.end is not None else block[c.span.start:]
            if not (here == c.text if c.span.end is not None else c.text.startswith(here.rstrip())):
                misplaced.append((path.name, c.span, c.text[:60], here[:60]))
    assert n_basis >= 350 and n_all >= 3000
    assert not differ, differ[:5]
    assert not misplaced, misplaced[:5]
