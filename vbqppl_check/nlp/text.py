"""Per-document text analysis shared by the language checks (computed once, kept in ctx.cache).

Speed matters (the language rules must add ≤ 15 ms to a 5-page document): the work is done on
the set of distinct words and distinct word pairs of the document with C-level string operations
(split, set difference against the lexicon); Python-level work and regexes only run on the few
candidates, located afterwards in their blocks.
"""
from __future__ import annotations

import bisect
import re
from itertools import compress, count, repeat
from operator import eq
from dataclasses import dataclass, field

from . import legacy
from .normalize import strip_invisible
from .syllable import analyse, has_vietnamese_marks

WORD_RE = re.compile(r"[^\W\d_]+")
# Letters of the Vietnamese alphabet (a token with any other letter is foreign: Müller, façade).
VI_LETTERS = frozenset("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz")
QUOTE_RE = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
QUOC_HIEU_RE = re.compile(r"^\s*C[ỘO]NG\s+H[ÒO][AÀ]\s+X[ÃA]\s+H[ỘO]I", re.IGNORECASE)
_PUNCT = ".,;:!?()[]{}“”\"'‘’«»…–—-/\\*•+=<>|%"
_TCVN3_RE = re.compile("[" + re.escape("".join(sorted(legacy.TCVN3_SIGNAL))) + "]")


_TCVN3_CHARS = "".join(sorted(legacy.TCVN3_SIGNAL))   # (str.find of each: faster than _TCVN3_RE.search)
# legacy.VNI_SIGNAL_RE, from its rarer character: (character, the characters that may precede it)
_VNI_BEFORE = [(c, frozenset("aeiouyAEIOUYôöÔÖ")) for c in "øùûõïØÙÛÕÏ"] + \
    [(c, frozenset("aeoAEO")) for c in "äåÄÅ"] + [(c, frozenset("aA")) for c in "ëË"]
_VNI_AFTER_N = frozenset("aeiouôöAEIOUÔÖ")


def _vni_signal(text: str) -> bool:
    """legacy.VNI_SIGNAL_RE.search(text) is not None, by str.find of its rarer characters (the pattern
    tried at every vowel of a Vietnamese text was the slowest step of document_text)."""
    for c, before in _VNI_BEFORE:
        i = text.find(c, 1)
        while i > 0:
            if text[i - 1] in before:
                return True
            i = text.find(c, i + 1)
    for c in "Ññ":
        i = text.find(c)
        while i >= 0:
            if text[i + 1:i + 2] in _VNI_AFTER_N:
                return True
            i = text.find(c, i + 1)
    return False


def is_vietnamese_token(word: str) -> bool:
    return all(c in VI_LETTERS for c in word.lower())


def valid_ratio(text: str) -> tuple[float, int]:
    """Share of marked (non-ASCII) letter tokens that are valid syllables, and their number."""
    toks = [m.group() for m in WORD_RE.finditer(text) if has_vietnamese_marks(m.group())]
    if not toks:
        return 1.0, 0
    ok = sum(1 for t in toks if analyse(t) is not None)
    return ok / len(toks), len(toks)


def detect_legacy(text: str) -> tuple[str, str] | None:
    """("tcvn3" | "vni", converted text) when the text is legacy mojibake, else None."""
    t3 = legacy.tcvn3_signals(text)
    vn = legacy.vni_signals(text)
    if t3 < 2 and vn < 2:
        return None
    before, _ = valid_ratio(strip_invisible(text))
    best = None
    for name, signals, convert in (("tcvn3", t3, legacy.from_tcvn3), ("vni", vn, legacy.from_vni)):
        if signals < 2:
            continue
        converted = convert(text)
        after, m = valid_ratio(converted)
        if m >= 2 and after >= 0.8 and after - before >= 0.3:
            if best is None or after > best[2]:
                best = (name, converted, after)
    return (best[0], best[1]) if best else None


@dataclass
class DocText:
    """The checkable blocks of one document: text, lower-cased text, whitespace tokens."""

    index: list[int]                      # block index in SourceDocument.blocks
    text: list[str]
    lower: list[str]
    legacy: dict[int, tuple[str, str]]    # block index -> (encoding, converted text)
    _quotes: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    _words: set[str] | None = None
    _pairs: set[str] | None = None
    _joined: str | None = None
    _joined_text: str | None = None
    _items: list | None = None
    _starts: list[int] = field(default_factory=list)
    _tstarts: list[int] | None = None

    def blocks(self) -> list[tuple[int, str, str]]:
        """(block index, text, lower-cased text) of the non-legacy blocks."""
        if self._items is None:
            self._items = [(i, t, low) for i, t, low in zip(self.index, self.text, self.lower)
                           if i not in self.legacy]
        return self._items

    @property
    def joined_text(self) -> str:
        """Like `joined`, with the original capitals (same offsets)."""
        if self._joined_text is None:
            self._joined_text = "\n".join("" if i in self.legacy else t for i, t in zip(self.index, self.text))
        return self._joined_text

    def locate(self, pos: int) -> tuple[int, str, int]:
        """(block index, block text, offset in the block) of a position in `joined`."""
        self.joined
        k = bisect.bisect_right(self._starts, pos) - 1
        return self.index[k], self.text[k], pos - self._starts[k]

    def doubled(self) -> set[str]:
        """Words written twice in a row ("của của")."""
        out = set()
        for _, _, low in self.blocks():   # the pairs "a a" of pairs(), without building every pair
            toks = low.split()
            for i in compress(count(), map(eq, toks, toks[1:])):
                out.add(toks[i])
        return out

    def words(self) -> set[str]:
        """Distinct lower-case words (punctuation stripped at both ends)."""
        if self._words is None:   # (`joined`: the non-legacy blocks, one C-level split)
            self._words = set(map(str.strip, set(self.joined.split()), repeat(_PUNCT)))
        return self._words

    def pairs(self) -> set[str]:
        """Distinct "a b" pairs of adjacent letter-only words (one space between, same block)."""
        if self._pairs is None:
            out: set[str] = set()
            for _, _, low in self.blocks():
                toks = low.split()
                out.update(map(" ".join, zip(toks, toks[1:])))
            self._pairs = out
        return self._pairs

    def quotes(self, block: int, text: str) -> tuple[tuple[int, int], ...]:
        if block not in self._quotes:
            self._quotes[block] = tuple((m.start(), m.end()) for m in QUOTE_RE.finditer(text)) \
                if ("“" in text or '"' in text or "‘" in text) else ()
        return self._quotes[block]

    def in_quote(self, block: int, text: str, pos: int) -> bool:
        return any(a < pos < b for a, b in self.quotes(block, text))

    @property
    def joined(self) -> str:
        """All non-legacy lower-cased blocks joined by newlines (legacy blocks left empty)."""
        if self._joined is None:
            parts, starts, pos = [], [], 0
            for i, low in zip(self.index, self.lower):
                starts.append(pos)
                part = "" if i in self.legacy else low
                parts.append(part)
                pos += len(part) + 1
            self._joined = "\n".join(parts)
            self._starts = starts
        return self._joined

    def blocks_with(self, needles=(), pattern=None, lower: bool = False) -> list[tuple[int, str, str]]:
        """The items of blocks() whose text (lower-cased text when `lower`) contains one of `needles` or
        a match of `pattern`, in block order: located by str.find / pattern.search over the joined text,
        jumping to the next block after a hit, instead of a test on every block. Neither a needle nor a
        match of `pattern` may hold a line end (the blocks are joined by one)."""
        text = self.joined if lower else self.joined_text
        self.joined
        if self._tstarts is None:   # where each block starts in joined_text
            starts, pos = [], 0
            for i, t in zip(self.index, self.text):
                starts.append(pos)
                pos += (0 if i in self.legacy else len(t)) + 1
            self._tstarts = starts
        starts = self._starts if lower else self._tstarts
        n = len(starts)
        hit: set[int] = set()

        def add(pos: int) -> int:
            k = bisect.bisect_right(starts, pos) - 1
            hit.add(k)
            return starts[k + 1] if k + 1 < n else len(text)
        for needle in needles:
            pos = text.find(needle)
            while pos >= 0:
                pos = text.find(needle, add(pos))
        if pattern is not None:
            m = pattern.search(text)
            while m:
                m = pattern.search(text, add(m.start()))
        return [(self.index[k], self.text[k], self.lower[k]) for k in sorted(hit) if self.index[k] not in self.legacy]

    def occurrences(self, phrase: str):
        """(block, text, start, end) of every whole-word occurrence of a lower-case word or phrase."""
        joined = self.joined
        if phrase not in joined:
            return
        n = len(phrase)
        pos = joined.find(phrase)
        while pos >= 0:
            end = pos + n
            if not (pos and joined[pos - 1].isalpha()) and not (end < len(joined) and joined[end].isalpha()):
                k = bisect.bisect_right(self._starts, pos) - 1
                off = self._starts[k]
                yield self.index[k], self.text[k], pos - off, end - off
            pos = joined.find(phrase, pos + 1)


def document_text(doc, cache: dict) -> DocText:
    """The analysed text of a document (once per document, shared by every language rule)."""
    key = "language.doctext"
    if key not in cache:
        idx, texts = [], []
        for b in doc.source.blocks:
            if b.text.strip():
                idx.append(b.index)
                texts.append(b.text)
        lower = [t.lower() for t in texts]
        legacy_blocks: dict[int, tuple[str, str]] = {}
        whole = "\n".join(texts)   # neither pattern matches a line end: no match here, none in a block
        maybe = any(c in whole for c in _TCVN3_CHARS) or _vni_signal(whole)
        candidates = zip(idx, texts) if maybe else ()
        for i, t in candidates:
            if len(_TCVN3_RE.findall(t)) >= 2 or legacy.VNI_SIGNAL_RE.search(t):
                det = detect_legacy(t)
                if det:
                    legacy_blocks[i] = det
        cache[key] = DocText(idx, texts, lower, legacy_blocks)
    return cache[key]


def sentence_start(text: str, pos: int) -> bool:
    """True when `pos` begins a sentence or a list item (capitals are forced there)."""
    before = text[:pos].rstrip()
    if not before:
        return True
    last = before[-1]
    if last in ".!?:;\t(“\"'-–—•+*…)":
        return True
    if last.isdigit() and re.search(r"(?:^|\s)[0-9IVX]+[.)]?$", before):
        return True   # "1. Khoản …", "a) …"
    if re.search(r"(?:^|\s)[a-zđ]\)$", before):
        return True
    return False


def matches_at(rx, text: str, starts):
    """rx.finditer(text) when every match starts at one of `starts` (sorted): rx.match there,
    non-overlapping, as finditer."""
    last = 0
    for pos in starts:
        if pos < last:
            continue
        m = rx.match(text, pos)
        if m:
            last = m.end()
            yield m
