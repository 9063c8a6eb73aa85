"""Corpus statistics (corpora/lexicon/, built by tools/build_lexicon.py) and the curated confusions.

Loaded once per process on first use (about 0.3 s); a check that never runs never loads them.
"""
from __future__ import annotations

import functools
import gzip
import re
from collections import defaultdict
from dataclasses import dataclass

from ..data import corpora_path, load_yaml
from .syllable import strip_marks


@dataclass(frozen=True)
class Confusion:
    wrong: tuple[str, ...]     # lower-case syllables
    right: str                 # the correction as written
    note: str


class Lexicon:
    """Syllable unigram and bigram counts, and the "same letters, other marks" variants."""

    def __init__(self, unigrams: dict[str, int], bigrams: dict[str, int]):
        self.unigrams = unigrams
        self.bigrams = bigrams
        variants: dict[str, list[str]] = defaultdict(list)
        for syl, n in unigrams.items():
            if n >= 5:
                variants[strip_marks(syl)].append(syl)
        self._variants = dict(variants)
        self._skeleton: dict[str, list[tuple[str, int]]] | None = None

    def skeleton(self) -> dict[str, list[tuple[str, int]]]:
        """Frequent pairs indexed with one side stripped of its marks: "bo sung|R" style keys
        ("<stripped a> <b>" and "<a> <stripped b>") -> [(pair, count)], for pairs seen ≥ 200 times.
        Lets a document's unknown pairs be matched to a likely correction in one lookup."""
        if self._skeleton is None:
            idx: dict[str, list[tuple[str, int]]] = defaultdict(list)
            for pair, n in self.bigrams.items():
                if n < 200:
                    continue   # a correction must be far more frequent than an unseen pair
                a, _, b = pair.partition(" ")
                idx[f"{strip_marks(a)}\t{b}"].append((pair, n))
                idx[f"{a}\t{strip_marks(b)}"].append((pair, n))
            self._skeleton = dict(idx)
        return self._skeleton

    def known_valid(self) -> frozenset[str]:
        """Corpus syllables (≥ 3 occurrences) known to be valid: the fast path of NN001."""
        if not hasattr(self, "_known_valid"):
            from .syllable import analyse
            self._known_valid = frozenset(w for w, n in self.unigrams.items() if n >= 3 and analyse(w))
        return self._known_valid

    def count(self, syllable: str) -> int:
        return self.unigrams.get(syllable, 0)

    def pair(self, a: str, b: str) -> int:
        return self.bigrams.get(f"{a} {b}", 0)

    def variants(self, syllable: str) -> list[str]:
        """Known syllables with the same letters and other marks ("thường" -> "thưởng", "thương"…)."""
        return [v for v in self._variants.get(strip_marks(syllable), ()) if v != syllable]


def _read_counts(name: str) -> dict[str, int]:
    out: dict[str, int] = {}
    with gzip.open(corpora_path("lexicon", name), "rt", encoding="utf-8") as fh:
        for line in fh:
            key, _, n = line.rstrip("\n").rpartition("\t")
            out[key] = int(n)
    return out


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read from the user cache (vbqppl_check.cache) after the first start, with its derived tables."""
    import os
    from ..cache import cached

    def build() -> dict:
        lex = Lexicon(_read_counts("syllables.tsv.gz"), _read_counts("bigrams.tsv.gz"))
        return {"unigrams": lex.unigrams, "bigrams": lex.bigrams, "variants": lex._variants,
                "known_valid": lex.known_valid()}
    here = os.path.dirname(__file__)
    data = cached("lexicon", [__file__, os.path.join(here, "syllable.py"), corpora_path("lexicon", "syllables.tsv.gz"),
                              corpora_path("lexicon", "bigrams.tsv.gz")], build)
    lex = Lexicon.__new__(Lexicon)
    lex.unigrams, lex.bigrams, lex._variants = data["unigrams"], data["bigrams"], data["variants"]
    lex._skeleton = None
    lex._known_valid = data["known_valid"]
    return lex


@functools.lru_cache(maxsize=1)
def confusions() -> tuple[Confusion, ...]:
    data = load_yaml(corpora_path("lexicon", "confusions.yaml")) or {}
    out = []
    for item in data.get("confusions", ()):
        out.append(Confusion(tuple(item["wrong"].lower().split()), item["right"], item.get("note", "")))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def confusion_regex() -> re.Pattern[str] | None:
    """One alternation of all curated wrong forms, on syllable boundaries, case-insensitive."""
    items = confusions()
    if not items:
        return None
    alts = sorted((r"\s+".join(map(re.escape, c.wrong)) for c in items), key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(alts) + r")(?![^\W\d_])", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def confusion_map() -> dict[tuple[str, ...], Confusion]:
    return {c.wrong: c for c in confusions()}
