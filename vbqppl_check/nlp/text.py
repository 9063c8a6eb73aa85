"""Per-document text analysis shared by the language checks (computed once, kept in ctx.cache)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import legacy
from .normalize import strip_invisible
from .syllable import analyse, has_vietnamese_marks

WORD_RE = re.compile(r"[^\W\d_]+")
# Letters of the Vietnamese alphabet (a token with any other letter is foreign: Müller, façade).
VI_LETTERS = set("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz")
QUOTE_RE = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
QUOC_HIEU_RE = re.compile(r"^\s*C[ỘO]NG\s+H[ÒO][AÀ]\s+X[ÃA]\s+H[ỘO]I", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class BlockText:
    index: int
    text: str                       # Block.text with invisible characters removed? no: as is
    tokens: tuple[Token, ...]
    legacy: str | None              # "tcvn3" | "vni" when the block is legacy mojibake
    quotes: tuple[tuple[int, int], ...]

    def in_quote(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.quotes)


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
    before, n = valid_ratio(strip_invisible(text))
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


def analyse_block(index: int, text: str) -> BlockText:
    det = detect_legacy(text)
    tokens = tuple(Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text))
    quotes = tuple((m.start(), m.end()) for m in QUOTE_RE.finditer(text))
    return BlockText(index, text, tokens, det[0] if det else None, quotes)


def document_text(doc, cache: dict) -> tuple[BlockText, ...]:
    """The analysed blocks of a document (once per document, shared by every language rule)."""
    key = "language.blocks"
    if key not in cache:
        cache[key] = tuple(analyse_block(b.index, b.text) for b in doc.source.blocks if b.text.strip())
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
