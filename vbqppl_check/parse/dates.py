"""Vietnamese date forms: "ngày 05 tháng 3 năm 2020", the blanks of drafts, numeric "05/3/2020".

Shared with the citation parser: `parse_vn_date(text)` returns a DocDate (or None when the text holds no
date form at all). An impossible date ("30/02", year "20210") gives valid=False, never an exception.
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import DocDate

# A blank slot in a draft: spaces, dots, ellipsis or underscores between the words.
_BLANK = r"[\s.…_]*"
_NUM = r"(\d{1,5})"

# "ngày 05 tháng 3 năm 2020", "ngày   tháng   năm 2025", "ngày 5 tháng 03 năm 2020" (any spacing, line breaks).
LONG_RE = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?" + _BLANK + r"\s*tháng\s*(?P<m>\d{1,2})?" + _BLANK +
    r"\s*năm\s*(?P<y>\d{2,5})?", re.IGNORECASE)
# "05/3/2020", "05-03-2020", "05.03.2020" (also the typo "08/6/20210": a 5-digit year is kept and judged invalid).
NUMERIC_RE = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4,5})(?![\d/])")


def make_date(raw: str, day: int | None, month: int | None, year: int | None, *,
              place: str | None = None, block: int | None = None) -> DocDate:
    """Build a DocDate from its parts, judging validity (a missing part means a blank draft date)."""
    blank = day is None or month is None or year is None
    value = None
    valid = True
    if day is not None and month is not None and year is not None:   # not blank
        try:
            value = dt.date(year, month, day)
        except ValueError:
            valid = False
    elif (day is not None and not 1 <= day <= 31) or (month is not None and not 1 <= month <= 12) or (
            year is not None and not 1000 <= year <= 9999):
        valid = False
    return DocDate(raw=raw, value=value, day=day, month=month, year=year, blank=blank, valid=valid,
                   place=place, block=block)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def parse_vn_date(text: str, *, place: str | None = None, block: int | None = None) -> DocDate | None:
    """Parse the first date form in `text` (long "ngày … tháng … năm …" form first, then numeric)."""
    m = LONG_RE.search(text)
    if m and (m.group("y") or m.group("m") or m.group("d") or _looks_blank(m.group(0))):
        return make_date(m.group(0).strip(), _int(m.group("d")), _int(m.group("m")), _int(m.group("y")),
                         place=place, block=block)
    m = NUMERIC_RE.search(text)
    if m:
        return make_date(m.group(0), int(m.group("d")), int(m.group("m")), int(m.group("y")),
                         place=place, block=block)
    return None


def _looks_blank(s: str) -> bool:
    # "ngày    tháng    năm" with nothing filled: still a (blank) date slot of a draft.
    return bool(re.fullmatch(r"ngày[\s.…_]*tháng[\s.…_]*năm[\s.…_]*", s.strip(), re.IGNORECASE))


def find_dates(text: str):
    """Yield (start, end, DocDate) for every date form in `text` (used by the citation parser)."""
    taken: list[tuple[int, int]] = []
    for m in LONG_RE.finditer(text):
        if not (m.group("y") or m.group("m") or m.group("d")):
            continue
        taken.append((m.start(), m.end()))
        yield m.start(), m.end(), make_date(m.group(0).strip(), _int(m.group("d")), _int(m.group("m")),
                                            _int(m.group("y")))
    for m in NUMERIC_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        yield m.start(), m.end(), make_date(m.group(0), int(m.group("d")), int(m.group("m")), int(m.group("y")))
