"""Every real defect of ../shared/corpus/INDEX.md ("Real-world defects") that belongs to the language
checks is found: Cyrillic homoglyphs in vbpl.vn numbers, QÐ with U+00D0 in the Bình Dương registry
and a Công báo text, NFD text in vbpl / Bình Dương / Công báo, zero-width characters in vbpl texts,
stray spaces in numbers, and legacy TCVN3 text.
"""
from __future__ import annotations

import csv
import functools
import gzip
import json
import re
import unicodedata

import pytest

from vbqppl_check.config import Config
from vbqppl_check.engine import run_checks
from vbqppl_check.model import LegalDocument, Metadata
from vbqppl_check.readers import read

CYRILLIC_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")


def _rules(text: str, rule: str) -> list:
    """Findings of one language rule on a real text. The language rules read only the source
    blocks, so the corpus sweeps skip the (slower) structure parser: the document is the real
    SourceDocument of the text reader wrapped without components."""
    doc = LegalDocument(source=read(text.encode("utf-8"), name="real.txt"), metadata=Metadata())
    return [f for f in run_checks(doc, Config(select=(rule,)), strict=True) if f.rule == rule]


@functools.lru_cache(maxsize=1)
def _vbpl(corpus_dir: str) -> tuple[dict, ...]:
    with gzip.open(f"{corpus_dir}/vbpl-central-2025/vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh)


@functools.lru_cache(maxsize=1)
def _binhduong(corpus_dir: str) -> tuple[dict, ...]:
    with open(f"{corpus_dir}/binhduong-vbcddh-registry/data_vanbanphapluatBinhDuong.csv", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def test_cyrillic_homoglyphs_in_vbpl_titles(corpus):
    titles = [r["title"] for r in _vbpl(str(corpus)) if r.get("title") and CYRILLIC_GREEK.search(r["title"])]
    assert len(titles) == 12
    for title in titles:
        hits = _rules(title, "NN005")
        assert hits, title
        assert all(not CYRILLIC_GREEK.search(h.suggestion) for h in hits)


def test_cyrillic_letters_inside_vbpl_texts(corpus):
    # "Tòa án NDТС" in nơi nhận lists and "điểm а" (Cyrillic а) in the body
    found = 0
    for r in _vbpl(str(corpus)):
        text = r.get("text") or ""
        if "NDТС" in text or "điểm а" in text or "TT-BTС" in text:
            assert _rules(text, "NN005"), r["source_file"]
            found += 1
    assert found >= 4


def test_icelandic_eth_in_binhduong_numbers(corpus):
    rows = [r for r in _binhduong(str(corpus)) if "Ð" in r["so_ky_hieu"]]
    assert len(rows) == 49
    for r in rows:
        hits = _rules(f"Số: {r['so_ky_hieu']}", "NN005")
        assert hits and "Đ" in hits[0].suggestion, r["so_ky_hieu"]


def test_eth_and_cyrillic_in_congbao_texts(corpus):
    folder = corpus / "congbao-pdf-8topics" / "txt"
    flagged = [f.name for f in sorted(folder.glob("*.txt"))
               if re.search("[ÐС]", f.read_text("utf-8")) and _rules(f.read_text("utf-8"), "NN005")]
    assert any("1205" in n for n in flagged)      # "Ðiều 26 Luật Ðấu thầu"
    assert any("372" in n for n in flagged)       # "06/2022/TT-BТС"


def test_nfd_in_binhduong_trich_yeu(corpus):
    rows = [r for r in _binhduong(str(corpus)) if not unicodedata.is_normalized("NFC", r["trich_yeu"])]
    assert len(rows) >= 90
    for r in rows:
        assert _rules(r["trich_yeu"], "NN006"), r["trich_yeu"][:60]


def test_nfd_in_vbpl_texts(corpus):
    texts = [r["text"] for r in _vbpl(str(corpus)) if r.get("text") and not unicodedata.is_normalized("NFC", r["text"])]
    assert len(texts) == 92
    assert sum(1 for t in texts if _rules(t, "NN006")) == len(texts)


def test_nfd_in_congbao_texts(corpus):
    texts = [f.read_text("utf-8") for f in sorted((corpus / "congbao-pdf-8topics" / "txt").glob("*.txt"))]
    nfd = [t for t in texts if not unicodedata.is_normalized("NFC", t)]
    assert len(nfd) == 7
    assert all(_rules(t, "NN006") for t in nfd)


def test_zero_width_in_vbpl_texts(corpus):
    texts = [r["text"] for r in _vbpl(str(corpus)) if r.get("text") and "\u200b" in r["text"]]
    assert len(texts) == 7
    assert all(_rules(t, "NN007") for t in texts)


def test_stray_spaces_in_numbers(corpus):
    rows = [r for r in _binhduong(str(corpus)) if re.match(r"\d+ /", r["so_ky_hieu"])]
    assert any(r["so_ky_hieu"].startswith("1732 /QĐ") for r in rows)
    for r in rows:
        assert _rules(f"Số: {r['so_ky_hieu']}", "NN016"), r["so_ky_hieu"]
    titles = [r["title"] for r in _vbpl(str(corpus)) if r.get("title") and "8376 /VBHN-BTP" in r["title"]]
    assert titles and all(_rules(t, "NN016") for t in titles)


def test_tcvn3_mojibake_in_a_vbpl_text(corpus):
    rec = next(r for r in _vbpl(str(corpus)) if r["source_file"] == "doc_000891.html")
    hits = _rules(rec["text"], "NN008")
    assert hits
    assert any("Bộ Xây dựng" in (h.suggestion or "") for h in hits)


@pytest.mark.parametrize("title_fragment", ["bố sung"])
def test_real_misspelling_in_a_vbpl_title(corpus, title_fragment):
    titles = [r["title"] for r in _vbpl(str(corpus)) if r.get("title") and title_fragment in r["title"]]
    assert titles
    for t in titles:
        assert _rules(t, "NN002") or _rules(t, "NN003"), t
