"""Character-level normalisation facts: decomposed (NFD) text, invisible characters, look-alikes.

Why these matter: vbpl.vn serves numbers such as "06/2026/TT-BTС" with a Cyrillic С, Bình Dương
writes "QÐ" with the Icelandic Ð (U+00D0), and decomposed or zero-width characters break search and
the matching of document numbers.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Invisible characters that have no business in an official text (soft hyphen separately: it is
# also the TCVN3 byte of "ư", see legacy.py).
INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK", "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)", "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u00ad": "SOFT HYPHEN",
}
INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]")

# Letters that render like a Latin letter. Only these are reported; other Greek letters (Σ, Δ, γ,
# θ in formulas) are legitimate symbols.
HOMOGLYPHS = {
    # Cyrillic capitals
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y",
    # Cyrillic small
    "а": "a", "с": "c", "е": "e", "і": "i", "ј": "j", "о": "o", "р": "p", "ѕ": "s", "х": "x",
    "у": "y", "һ": "h", "ԁ": "d",
    # Greek capitals and omicron
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
    # Icelandic eth for the Vietnamese Đ (U+0110), and the African D
    "Ð": "Đ", "Ɖ": "Đ",
}
_CONFUSABLE_CLASS = "".join(HOMOGLYPHS)
CHUNK_RE = re.compile(r"\S+")
CYRILLIC_OR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    found: str
    suggestion: str
    detail: str = ""


def invisible_chars(text: str) -> list[Hit]:
    """Zero-width and directional characters (and soft hyphens) with their names."""
    return [Hit(m.start(), m.end(), m.group(), "", INVISIBLE[m.group()]) for m in INVISIBLE_RE.finditer(text)]


def strip_invisible(text: str) -> str:
    return INVISIBLE_RE.sub("", text)


def nfd_words(raw: str) -> list[Hit]:
    """Words of the original text that are not in NFC, with offsets in the NFC text and the NFC form."""
    if unicodedata.is_normalized("NFC", raw):
        return []
    hits = []
    for m in CHUNK_RE.finditer(raw):
        word = m.group()
        norm = unicodedata.normalize("NFC", word)
        if norm != word:
            start = len(unicodedata.normalize("NFC", raw[:m.start()]))
            hits.append(Hit(start, start + len(norm), norm, norm,
                            f"{len(word)} code points instead of {len(norm)}"))
    return hits


def homoglyphs(text: str) -> list[Hit]:
    """Look-alike Cyrillic/Greek letters, and Ð for Đ, inside Latin words and symbols.

    A chunk (run of non-space characters) is reported when it mixes look-alikes with Latin letters
    or digits ("TT-BTС", "NDТС", "QÐ"), or when it is made only of look-alikes in a text that is
    otherwise Latin ("điểm а"). Genuine Greek/Cyrillic words and formula symbols are left alone.
    """
    if not any(ch in HOMOGLYPHS for ch in text):
        return []
    foreign_words = 0
    hits = []
    for m in CHUNK_RE.finditer(text):
        chunk = m.group()
        if not any(ch in HOMOGLYPHS for ch in chunk):
            continue
        letters = [ch for ch in chunk if ch.isalpha()]
        # a real Cyrillic/Greek word: some of its letters have no Latin look-alike (ж, λ, Σ)
        if any(CYRILLIC_OR_GREEK.match(ch) and ch not in HOMOGLYPHS for ch in letters):
            foreign_words += 1
            continue
        fixed = "".join(HOMOGLYPHS.get(ch, ch) for ch in chunk)
        mixed = bool(LATIN_OR_DIGIT.search("".join(ch for ch in chunk if ch not in HOMOGLYPHS)))
        if not mixed and len(letters) > 3:
            foreign_words += 1  # a whole word in Cyrillic/Greek capitals: treat as foreign
            continue
        for i, ch in enumerate(chunk):
            if ch in HOMOGLYPHS:
                hits.append(Hit(m.start() + i, m.start() + i + 1, chunk, fixed,
                                f"{unicodedata.name(ch, hex(ord(ch)))} (U+{ord(ch):04X})"))
    if foreign_words and not any(LATIN_OR_DIGIT.search(h.found) for h in hits):
        return []  # a genuinely foreign-script passage
    return hits
