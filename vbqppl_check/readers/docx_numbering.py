"""Automatic list numbering of a DOCX (numbering.xml): level indents and the rendered label.

Counters follow each w:num instance in document order; a level restarts when a shallower level of
the same list advances. Formats beyond decimal/letters/roman render as the decimal value.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .docx_styles import _W, parse_ppr, w, wval


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    ppr: dict = field(default_factory=dict)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a…z, aa…zz
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if not 0 < n < 4000:  # hostile start values: no megabyte-long roman numerals or letter runs
        return str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _int(v: str | None, default: int) -> int:
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default


class Numbering:
    def __init__(self, root=None, *, tables: tuple | None = None) -> None:
        """From numbering.xml's root, or from the (abstract, nums) tables of another Numbering (shared,
        never changed; the counters are this document's own)."""
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}   # numId → (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        if tables is not None:
            self.abstract, self.nums = tables
            return
        if root is None:
            return
        for absn in root.iterchildren(w("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in absn.iterchildren(w("lvl")):
                ilvl = _int(lvl.get(_W + "ilvl"), 0)
                levels[ilvl] = _Level(start=_int(wval(lvl.find(w("start"))), 1),
                                      fmt=wval(lvl.find(w("numFmt"))) or "decimal",
                                      text=wval(lvl.find(w("lvlText"))) or "",
                                      ppr=parse_ppr(lvl.find(w("pPr"))))
            self.abstract[absn.get(_W + "abstractNumId") or ""] = levels
        for num in root.iterchildren(w("num")):
            overrides = {}
            for ov in num.iterchildren(w("lvlOverride")):
                so = ov.find(w("startOverride"))
                if so is not None:
                    overrides[_int(ov.get(_W + "ilvl"), 0)] = _int(wval(so), 1)
            self.nums[num.get(_W + "numId") or ""] = (wval(num.find(w("abstractNumId"))) or "", overrides)

    def tables(self) -> tuple:
        return self.abstract, self.nums

    def _level(self, num_id: str, ilvl: int) -> _Level | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        return self.abstract.get(entry[0], {}).get(ilvl)

    def level_ppr(self, num_id: str | None, ilvl: str | None) -> dict:
        if not num_id or num_id == "0":
            return {}
        lvl = self._level(num_id, _int(ilvl, 0))
        return lvl.ppr if lvl else {}

    def next_label(self, num_id: str | None, ilvl: str | None) -> str | None:
        """Advance the counter of (list, level) and return the rendered label, e.g. "1." or "a)"."""
        if not num_id or num_id == "0":
            return None
        level = _int(ilvl, 0)
        lvl = self._level(num_id, level)
        if lvl is None:
            return None
        if lvl.fmt == "bullet":
            return lvl.text or None
        entry = self.nums[num_id]
        counters = self.counters.setdefault(num_id, {})
        start = entry[1].get(level, lvl.start)
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        text = lvl.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                sub = self._level(num_id, k)
                value = counters.get(k, (entry[1].get(k, sub.start) if sub else 1))
                text = text.replace(token, format_number(value, sub.fmt if sub else "decimal"))
        return text or None
