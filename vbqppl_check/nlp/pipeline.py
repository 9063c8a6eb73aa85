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
    def __init__(self) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher
        self.nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.canonical: dict[str, str] = {}
        self.variants: dict[str, tuple[str, ...]] = {}
        self.words_of: dict[str, tuple[str, ...]] = {}
        self.exact_forms: dict[str, tuple[str, ...]] = {}
        data = load_yaml(corpora_path("lexicon", "gazetteer.yaml")) or {}
        for label, key in (("AGENCY", "special_names"), ("AGENCY", "agencies"), ("TITLE", "titles"), ("DOCTYPE", "document_types"),
                           ("TERM", "legal_terms")):
            self._add(label, data.get(key, ()))
        self._add("ADMIN", admin_unit_phrases())

    def _add(self, label: str, phrases) -> None:
        """Entries may list accepted variants: "Viện kiểm sát nhân dân tối cao | Viện Kiểm sát …"
        (the first is canonical)."""
        docs = []
        for entry in phrases:
            forms = [f.strip() for f in entry.split("|")]
            phrase = forms[0]
            key = phrase.lower()
            self.canonical.setdefault(key, phrase)
            self.variants.setdefault(key, tuple(forms))
            self.words_of.setdefault(key, tuple(w.strip(_PUNCT) for w in key.split()))
            exact = set(forms) | {f.upper() for f in forms}
            for f in forms:   # "Nhà nước" / "Nhân dân" may be written either way (see NN011)
                for a, b in (("Nhà nước", "nhà nước"), ("Nhân dân", "nhân dân")):
                    exact |= {f.replace(a, b), f.replace(b, a)}
            self.exact_forms.setdefault(key, tuple(exact))
            docs.append(self.nlp.make_doc(phrase))
        if docs:
            self.matcher.add(label, docs)

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
