"""The reference prefilter (citation_grammar.may_refer, issue #16) skips a paragraph only when the grammar
finds nothing in it: on every paragraph of the corpus texts, as the readers give them (NFC) and as
published, the grammar run without the prefilter finds no reference in a skipped paragraph."""
from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

import pytest

from vbqppl_check.parse import citation_grammar as cg

FIXTURES = Path(__file__).parent / "fixtures"


def _corpus_paragraphs(root) -> set[str]:
    texts = []
    with gzip.open(root / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts += [json.loads(line).get("text") or "" for line in fh]
    for pattern in ("tvpl-2025-md/docs/*.md", "congbao-pdf-8topics/txt/*.txt"):
        texts += [f.read_text(encoding="utf-8", errors="replace") for f in sorted(root.glob(pattern))]
    paras = {ln for t in texts for ln in t.splitlines() if ln.strip()}
    return paras | {unicodedata.normalize("NFC", p) for p in paras}


@pytest.mark.corpus
def test_skipped_paragraphs_hold_no_reference(corpus, monkeypatch):
    paras = _corpus_paragraphs(corpus)
    skipped = [p for p in paras if not cg.may_refer(p)]
    kept = len(paras) - len(skipped)
    assert len(paras) > 200_000
    assert len(skipped) > 0.7 * len(paras)   # what the prefilter is for: most paragraphs are not tokenized
    assert sum(1 for p in paras if cg.find_references(p)) > 20_000 and kept > 20_000
    monkeypatch.setattr(cg, "may_refer", lambda text: True)
    found = [p for p in skipped if cg.find_references(p)]
    assert found == []


def test_what_a_reference_needs():
    may = cg.may_refer
    # a number with a slash, a Party number, "06/2018"
    assert may("theo Nghị định số 15/2020/NĐ-CP") and may("Nghị quyết số 18-NQ/TW") and may("số 06 / 2018")
    # unit words as the grammar takes them
    assert may("theo khoản 2") and may("tại Điều này") and may("quy định tại điều 5") and may("thuộc Phụ lục")
    assert may("Chương II") and may("chương II") and may("Mục 2") and may("mục 3 khoản 1")
    assert not may("đủ điều kiện theo quy định của pháp luật")       # "điều kiện", "pháp luật": plain words
    assert not may("chương trình mục tiêu, một phần, phụ cấp")
    # named laws only capitalised; "nêu trên" with any type word
    assert may("theo Luật Đất đai") and may("văn bản nêu trên") and not may("theo quy định của pháp luật về đất đai")
    # the digits of a leading enumerator or a heading "Điều 5." alone do not count
    assert not may("3. Tổ chức thực hiện.") and not may("Điều 5. Tổ chức thực hiện")
    assert may("Điều 5. Sửa đổi Điều 3") and may("Điều 5. Bãi bỏ Quyết định số 12/2020/QĐ-UBND")


def test_reference_prefilter_skips_only_paragraphs_without_references(monkeypatch):
    """find_references does not tokenize a paragraph that has none of what a reference needs (may_refer:
    a number with a slash, a unit word as the grammar takes it, a capitalised law name, "nêu trên"); on
    real paragraphs the grammar without that shortcut finds nothing in them either."""
    paras = [ln for p in sorted((FIXTURES / "tvpl-2025-md" / "docs").glob("*.md"))
             for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    skipped = [p for p in paras if not cg.may_refer(p)]
    assert len(skipped) > 50 and len(paras) - len(skipped) > 50
    assert any(cg.find_references(p) for p in paras)
    monkeypatch.setattr(cg, "may_refer", lambda text: True)
    assert not [p for p in skipped for ctx in (False, True) if cg.find_references(p, amendment_context=ctx)]
