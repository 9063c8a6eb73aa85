"""Queries over the authority matrix (rules/authority.yaml): which issuer may issue which VBQPPL type
on which date, what the symbol parts mean, the earliest lawful effective date, and the issuer
recognised from the symbol. (The issuer itself is recognised by the parser, parse/issuer.py.)

Every answer carries the verification mark of the fact behind it (P/S/E/M/I/N, see the YAML), so
that a check can grade its finding: P → error, S → warning, anything else → info.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from ..data import load_yaml, rules_path
from .admin_units import REORGANISATION

SEVERITY_OF_MARK = {"P": "error", "V": "error", "S": "warning"}


def severity_of_mark(mark: str) -> str:
    return SEVERITY_OF_MARK.get(mark, "info")


def weaker(a: str, b: str) -> str:
    """The weaker of two severities (a rule's default caps what a mark allows)."""
    order = {"info": 0, "warning": 1, "error": 2}
    return a if order[a] <= order[b] else b


@functools.lru_cache(maxsize=1)
def matrix() -> dict:
    return load_yaml(rules_path("authority.yaml"))


def _d(v) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def _covers(item: dict, day: dt.date) -> bool:
    a, b = _d(item.get("from")), _d(item.get("until"))
    return (a is None or a <= day) and (b is None or day <= b)


def law_period(day: dt.date) -> dict:
    return next(p for p in matrix()["periods"] if _covers(p, day))


def norm_type(name: str | None) -> str | None:
    """"QUYẾT ĐỊNH" → "Quyết định" (sentence case, NFC, single spaces)."""
    if not name:
        return None
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().lower()
    return s[:1].upper() + s[1:] if s else None


@dataclass(frozen=True)
class Verdict:
    allowed: bool | None          # None: the matrix does not know this issuer
    mark: str                     # verification mark of the decisive fact
    reason_vi: str = ""
    reason_en: str = ""
    source: str = ""
    law: str = ""                 # the period id (l80, l64, l64_87, pre2016)

    @property
    def severity(self) -> str:
        return severity_of_mark(self.mark)


def vbqppl_verdict(body: str | None, level: str | None, doc_type: str | None, day: dt.date) -> Verdict:
    """May `body` at `level` issue a VBQPPL of `doc_type` on `day`?"""
    period = law_period(day)
    t = norm_type(doc_type)
    if not body:
        return Verdict(None, "I", law=period["id"])
    for np in matrix().get("no_power", ()):
        if np["body"] == body and np["level"] == level:
            return Verdict(False, np["mark"], np["vi"], np["en"], np.get("source", ""), period["id"])
    entries = [e for e in matrix()["matrix"] if e["body"] == body and (e["level"] == level or level is None)]
    if not entries:
        return Verdict(None, "I", law=period["id"])
    same_type = [e for e in entries if e["type"] == t]
    for e in same_type:
        if _covers(e, day):
            return Verdict(True, e["mark"], source=e.get("source", ""), law=period["id"])
    for e in same_type:
        for o in e.get("outside", ()):
            if _covers(o, day):
                return Verdict(False, o["mark"], o["vi"], o["en"], e.get("source", ""), period["id"])
    allowed_now = sorted({e["type"] for e in entries if _covers(e, day)})
    if allowed_now:
        vi = f"cơ quan này chỉ ban hành VBQPPL dưới hình thức: {', '.join(allowed_now).lower()}"
        en = f"this issuer's legal normative documents take the form: {', '.join(allowed_now).lower()}"
    else:
        vi = "cơ quan này không có thẩm quyền ban hành VBQPPL vào ngày này"
        en = "this issuer had no power to issue legal normative documents on that date"
    return Verdict(False, period["list_mark"], f"{vi} ({period['instrument']})",
                   f"{en} ({period['instrument']})", law=period["id"])


def type_of_abbr(abbr: str | None) -> str | None:
    return matrix()["type_abbrs"].get(abbr or "")


def bodies_of_abbr(abbr: str) -> tuple[str, ...]:
    """Bodies an issuer abbreviation stands for: "UBND" → ("ubnd",); "BTC" → ("bo",)."""
    a = re.sub(r"\d+$", "", abbr)          # council/assembly term: "HĐND8", "QH15", "UBTVQH15"
    table = matrix()["issuer_abbrs"]
    if a in table:
        return tuple(table[a])
    if a in ("QH",):
        return ("quoc_hoi",)
    if a in ("UBTVQH",):
        return ("ubtvqh",)
    if re.fullmatch(r"B[A-ZĐ]{1,8}", a):
        return ("bo",)
    return ()


@dataclass(frozen=True)
class SymbolParts:
    number: str | None
    year: int | None
    type_abbr: str | None
    issuer_abbrs: tuple[str, ...]


_NUM_RE = re.compile(r"^\s*(?P<n>[0-9][0-9.]*[a-z]?)?\s*/\s*(?:(?P<y>(?:19|20)\d\d)\s*/\s*)?(?P<sym>[^\s/]+)")


def split_number(raw: str) -> SymbolParts | None:
    """"15/2026/QĐ-UBND" → (15, 2026, "QĐ", ("UBND",)); "64/2025/QH15" → (64, 2025, None, ("QH15",))."""
    s = unicodedata.normalize("NFC", raw).replace("Ð", "Đ").replace("–", "-")
    s = re.sub(r"^\s*(Số|số|Luật số|Nghị quyết số)\s*:?\s*", "", s)
    m = _NUM_RE.match(s)
    if not m:
        return None
    parts = [p for p in m.group("sym").strip("-.").split("-") if p]
    type_abbr = parts[0] if parts and type_of_abbr(parts[0]) else None
    issuers = tuple(parts[1:] if type_abbr else parts)
    return SymbolParts(m.group("n"), int(m.group("y")) if m.group("y") else None, type_abbr, issuers)


# -- effect ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MinDays:
    days: int
    mark: str
    source: str
    law: str


def min_effect_days(body: str | None, level: str | None, day: dt.date) -> MinDays | None:
    """The minimum number of days between issue and effect for this issuer on this date."""
    eff = matrix()["effect"]
    if body in eff.get("min_days_exempt", ()) or level is None:
        return None
    period = law_period(day)
    for row in eff["min_days"]:
        if row["law"] == period["id"] and level in row:
            return MinDays(int(row[level]), row["mark"], row["source"], period["id"])
    return None


@dataclass(frozen=True)
class RetroRule:
    mark: str
    vi: str
    en: str
    allowed_if_needed: bool


def retroactive_rule(level: str | None, day: dt.date) -> RetroRule | None:
    period = law_period(day)
    for row in matrix()["effect"]["retroactive"]:
        if row["law"] in (period["id"], "*") and row["level"] == level:
            return RetroRule(row["mark"], row["vi"], row["en"], bool(row.get("allowed_if_needed")))
    return None


def concrete_date_mark(day: dt.date) -> tuple[str, str]:
    """(mark, source) of the rule that an effective date must be a calendar date, on `day`."""
    for row in matrix()["effect"]["concrete_date"]:
        if _covers(row, day):
            return row["mark"], row["source"]
    return "M", ""


def after_reorganisation(day: dt.date) -> bool:
    return day >= REORGANISATION
