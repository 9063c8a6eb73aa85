"""The spaCy pipeline: a blank "vi" language with the plain rule-based tokenizer (spacy.Tokenizer.v1:
one token per syllable, punctuation split off; no pyvi), and PhraseMatcher gazetteers matched on the
lower-cased text: agency names and titles, administrative units, document types and legal terms.

Each gazetteer entry keeps its canonical spelling, so a match whose letters differ only in case
("Bộ tài chính", "tỉnh bình dương") can be reported with the right capitals.
Built once per process, on first use.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from typing import Any

from ..data import corpora_path, load_yaml

_PUNCT = ".,;:!?()[]{}“”\"'‘’«»…–—-/\\*•+=<>|%"
UNIT_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")


@dataclass(frozen=True)
class Match:
    label: str        # "AGENCY" | "TITLE" | "ADMIN" | "DOCTYPE" | "TERM"
    start: int        # character offsets in the text
    end: int
    text: str
    canonical: str


class Gazetteer:
    """The gazetteer's data (canonical spellings, accepted variants, words, exact forms) is plain
    Python, read from the user cache after the first start (vbqppl_check.cache); spaCy is imported
    and the PhraseMatcher built only on the first call of `matches` — the NN010/NN011 checks call it
    only on blocks a cheap stage found suspicious, so most documents never import spaCy."""

    def __init__(self) -> None:
        from ..cache import cached
        sources = [__file__, corpora_path("lexicon", "gazetteer.yaml")] + [
            corpora_path("admin_units", f) for f in ("provinces_2025-07-01.csv", "provinces_before_2025-07-01.csv")]
        data = cached("gazetteer", sources, _gazetteer_tables)
        self.canonical: dict[str, str] = data["canonical"]
        self.variants: dict[str, tuple[str, ...]] = data["variants"]
        self.words_of: dict[str, tuple[str, ...]] = data["words_of"]
        self.exact_forms: dict[str, tuple[str, ...]] = data["exact_forms"]
        self._phrases: list[tuple[str, list[str]]] = data["phrases"]
        self._nlp: Any = None
        self._matcher: Any = None
        self._by_first_word: dict[str, list[str]] | None = None

    @property
    def by_first_word(self) -> dict[str, list[str]]:
        """The canonical phrases by their first word (a document's candidates without trying them all)."""
        if self._by_first_word is None:
            index: dict[str, list[str]] = {}
            for ph in self.canonical:
                index.setdefault(self.words_of[ph][0], []).append(ph)
            self._by_first_word = index
        return self._by_first_word

    @property
    def nlp(self):
        if self._nlp is None:
            self._build_matcher()
        return self._nlp

    @property
    def matcher(self):
        if self._matcher is None:
            self._build_matcher()
        return self._matcher

    def _build_matcher(self) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher
        nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, phrases in self._phrases:
            matcher.add(label, [nlp.make_doc(p) for p in phrases])
        self._nlp, self._matcher = nlp, matcher

    def matches(self, text: str) -> list[Match]:
        doc = self.nlp.make_doc(text)
        out = []
        spans = [(doc.vocab.strings[mid], s, e) for mid, s, e in self.matcher(doc)]
        # keep the longest match at each position ("Bộ Tài nguyên và Môi trường" over "Bộ Tài")
        spans.sort(key=lambda t: (t[1], -(t[2] - t[1])))
        last_end = -1
        for label, s, e in spans:
            if s < last_end:
                continue
            span = doc[s:e]
            out.append(Match(label, span.start_char, span.end_char, span.text,
                             self.canonical.get(span.text.lower(), span.text)))
            last_end = e
        return out


def _gazetteer_tables() -> dict:
    """Entries may list accepted variants: "Viện kiểm sát nhân dân tối cao | Viện Kiểm sát …"
    (the first is canonical). Plain data (vbqppl_check.cache stores it)."""
    canonical: dict[str, str] = {}
    variants: dict[str, tuple[str, ...]] = {}
    words_of: dict[str, tuple[str, ...]] = {}
    exact_forms: dict[str, tuple[str, ...]] = {}
    labelled: list[tuple[str, list[str]]] = []
    data = load_yaml(corpora_path("lexicon", "gazetteer.yaml")) or {}
    groups = [(label, data.get(key, ())) for label, key in (
        ("AGENCY", "special_names"), ("AGENCY", "agencies"), ("TITLE", "titles"), ("DOCTYPE", "document_types"),
        ("TERM", "legal_terms"))]
    groups.append(("ADMIN", admin_unit_phrases()))
    for label, entries in groups:
        phrases = []
        for entry in entries:
            forms = [f.strip() for f in entry.split("|")]
            phrase = forms[0]
            key = phrase.lower()
            canonical.setdefault(key, phrase)
            variants.setdefault(key, tuple(forms))
            words_of.setdefault(key, tuple(w.strip(_PUNCT) for w in key.split()))
            exact = set(forms) | {f.upper() for f in forms}
            for f in forms:   # "Nhà nước" / "Nhân dân" may be written either way (see NN011)
                for a, b in (("Nhà nước", "nhà nước"), ("Nhân dân", "nhân dân")):
                    exact |= {f.replace(a, b), f.replace(b, a)}
            exact_forms.setdefault(key, tuple(sorted(exact)))
            phrases.append(phrase)
        if phrases:
            labelled.append((label, phrases))
    return {"canonical": canonical, "variants": variants, "words_of": words_of, "exact_forms": exact_forms,
            "phrases": labelled}


def admin_unit_phrases() -> list[str]:
    """"tỉnh Bình Dương", "thành phố Hà Nội"… (provinces, current and before 1 July 2025) from
    corpora/admin_units/. Communes are left out: many of their names are common words
    ("xã An toàn khu", "xã biên giới", "xã đồng ý"), which made the rule imprecise."""
    names: set[tuple[str, str]] = set()
    for fname in ("provinces_2025-07-01.csv", "provinces_before_2025-07-01.csv"):
        p = corpora_path("admin_units", fname)
        if p.is_file():
            with open(p, encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    names.add((row["type"], row["name"]))
    out = []
    for unit_type, name in names:
        if unit_type in UNIT_WORDS and name and not name[0].isdigit():
            out.append(f"{unit_type} {name}")
    return sorted(out)


@functools.lru_cache(maxsize=1)
def province_phrases() -> frozenset[str]:
    """"tỉnh bình dương", "thành phố hà nội" (lower case), current and before 1 July 2025."""
    out: set[str] = set()
    for fname in ("provinces_2025-07-01.csv", "provinces_before_2025-07-01.csv"):
        p = corpora_path("admin_units", fname)
        if p.is_file():
            with open(p, encoding="utf-8") as fh:
                out.update(f"{row['type']} {row['name']}".lower() for row in csv.DictReader(fh))
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
