"""Administrative units by period: the 63 provinces until 30/06/2025, the 34 provinces and 3,321
commune-level units from 01/07/2025 (Nghị quyết 202/2025/QH15; UBTVQH resolutions 1654–1687), and
the old commune-level units with the new units they went into.

Data: corpora/admin_units/ (built by tools/build_admin_units.py from dvhcvn/20250701; see SOURCE.json).
The district level (huyện, quận, thị xã, thành phố thuộc tỉnh) is not in the data: its organs ended on
01/07/2025 (Luật 72/2025/QH15), which `district_exists` encodes.

Names are matched by a key that ignores case, the unit-type word, punctuation and the position of the
tone mark ("Hoà Bình" = "Hòa Bình"), plus a few aliases ("TP. HCM", "Thừa Thiên Huế").
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import io
import re
import unicodedata
from dataclasses import dataclass

from ..data import corpora_path, load_yaml

REORGANISATION = dt.date(2025, 7, 1)       # 63 → 34 provinces; 2-tier local government
LAST_DAY_BEFORE = dt.date(2025, 6, 30)

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}   # huyền, sắc, ngã, hỏi, nặng
_TYPE_WORDS = ("thành phố trực thuộc trung ương", "thành phố", "tỉnh", "đặc khu", "phường", "xã",
               "thị trấn", "thị xã", "huyện", "quận", "tp.", "tp ", "t.p.")


def _syllable_key(syl: str) -> str:
    """A syllable with its tone mark moved to the end, so that hoà = hòa."""
    d = unicodedata.normalize("NFD", syl)
    tone = "".join(ch for ch in d if ch in _TONES)
    base = "".join(ch for ch in d if ch not in _TONES)
    return unicodedata.normalize("NFC", base) + tone


def name_key(name: str, *, strip_type: bool = True) -> str:
    """Normalised key of a unit name: "Tỉnh Hoà Bình" → "hoa\u0300 binh" (tone last, lower case)."""
    s = unicodedata.normalize("NFC", name).lower().strip()
    s = s.replace("–", "-").replace("—", "-")
    if strip_type:
        changed = True
        while changed:
            changed = False
            for w in _TYPE_WORDS:
                if s.startswith(w) and (len(s) == len(w) or not s[len(w)].isalnum() or w.endswith((".", " "))):
                    s = s[len(w):].lstrip(" .")
                    changed = True
    s = re.sub(r"\s*-\s*", " - ", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return " ".join(_syllable_key(x) for x in s.split(" "))


def _load_aliases() -> dict[str, str]:
    data = load_yaml(corpora_path("admin_units", "aliases.yaml")) or {}
    return {name_key(k): name_key(v) for k, v in (data.get("provinces") or {}).items()}


@dataclass(frozen=True)
class Province:
    code: str
    name: str                      # "Ninh Bình" (without the type word)
    type: str                      # "tỉnh" | "thành phố" (trực thuộc trung ương)
    valid_from: dt.date | None     # None: before the period the data covers
    valid_until: dt.date | None    # None: still in force
    successor_code: str | None = None
    old_codes: tuple[str, ...] = ()
    old_names: tuple[str, ...] = ()
    communes: int | None = None
    resolution: str | None = None  # the UBTVQH resolution on its communes (new provinces)

    @property
    def full_name(self) -> str:
        """"tỉnh Ninh Bình", "thành phố Hà Nội" (lower-case type word, as inside a sentence)."""
        return f"{self.type} {self.name}"

    def exists_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class Commune:
    code: str
    name: str                      # "Ba Đình"
    type: str                      # "xã" | "phường" | "đặc khu" (after); also "thị trấn", "huyện" (before)
    province_code: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    merged_from: tuple[str, ...] = ()   # old units merged into it ("Phường Ngọc Hà*": "*" = part of it)
    new_codes: tuple[str, ...] = ()     # for old units: the new units they went into

    @property
    def full_name(self) -> str:
        return f"{self.type} {self.name}"

    def exists_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until)


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _rows(name: str) -> list[dict]:
    path = corpora_path("admin_units", name)
    if name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return list(csv.DictReader(io.StringIO(fh.read())))
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


class AdminUnits:
    """Read-only lookups over the shipped data. Use `admin_units()` for the shared instance."""

    def __init__(self) -> None:
        old = [Province(code=r["code"], name=r["name"], type=r["type"], valid_from=None,
                        valid_until=_date(r["until"]), successor_code=r["successor_code"])
               for r in _rows("provinces_before_2025-07-01.csv")]
        new = [Province(code=r["code"], name=r["name"], type=r["type"], valid_from=_date(r["from"]),
                        valid_until=None, old_codes=tuple(r["old_codes"].split(";")),
                        old_names=tuple(r["old_names"].split(";")), communes=int(r["communes"]),
                        resolution=r["resolution"] or None)
               for r in _rows("provinces_2025-07-01.csv")]
        self.provinces_before: tuple[Province, ...] = tuple(old)
        self.provinces_after: tuple[Province, ...] = tuple(new)
        self._new_by_code = {p.code: p for p in new}
        self._by_key: dict[str, list[Province]] = {}
        for p in old + new:
            self._by_key.setdefault(name_key(p.name), []).append(p)
        self._aliases = _load_aliases()
        self.communes_after: tuple[Commune, ...] = tuple(
            Commune(code=r["code"], name=r["name"], type=r["type"], province_code=r["province_code"],
                    valid_from=REORGANISATION, valid_until=None,
                    merged_from=tuple(x for x in r["merged_from"].split(";") if x))
            for r in _rows("communes_2025-07-01.csv"))
        self._new_commune_by_code = {c.code: c for c in self.communes_after}
        self._old_communes: tuple[Commune, ...] | None = None
        self._commune_index: dict[str, list[Commune]] | None = None

    # -- provinces ------------------------------------------------------------------------------
    def _province_candidates(self, name: str) -> list[Province]:
        key = name_key(name)
        key = self._aliases.get(key, key)
        return list(self._by_key.get(key, ()))

    def province(self, name: str, on: dt.date) -> Province | None:
        """The province of that name in force on a date, or None."""
        return next((p for p in self._province_candidates(name) if p.exists_on(on)), None)

    def province_ever(self, name: str) -> Province | None:
        """The most recent province of that name in any period (the old record when it ended)."""
        cands = self._province_candidates(name)
        cands.sort(key=lambda p: p.valid_until or dt.date.max, reverse=True)
        return cands[0] if cands else None

    def is_province_name(self, name: str) -> bool:
        return bool(self._province_candidates(name))

    def province_exists(self, name: str, on: dt.date) -> bool:
        return self.province(name, on) is not None

    def provinces_on(self, day: dt.date) -> tuple[Province, ...]:
        return self.provinces_after if day >= REORGANISATION else self.provinces_before

    def successor(self, name: str, on: dt.date) -> Province | None:
        """The province that covers the territory of `name` on a date: successor of "Nam Định" on
        01/07/2025 or later is tỉnh Ninh Bình; a province still in force is its own successor."""
        if self.province(name, on) is not None:
            return self.province(name, on)
        for p in self._province_candidates(name):
            if p.successor_code and on >= REORGANISATION:
                return self._new_by_code.get(p.successor_code)
        return None

    def province_by_code(self, code: str, on: dt.date) -> Province | None:
        return next((p for p in self.provinces_on(on) if p.code == code), None)

    # -- communes -------------------------------------------------------------------------------
    def _old(self) -> tuple[Commune, ...]:
        if self._old_communes is None:
            self._old_communes = tuple(
                Commune(code=r["code"], name=r["name"], type=r["type"], province_code=r["province_code"],
                        valid_from=None, valid_until=LAST_DAY_BEFORE,
                        new_codes=tuple(x for x in r["new_codes"].split(";") if x))
                for r in _rows("communes_before_2025-07-01.csv.gz"))
        return self._old_communes

    def _index(self) -> dict[str, list[Commune]]:
        if self._commune_index is None:
            idx: dict[str, list[Commune]] = {}
            for c in self.communes_after + self._old():
                idx.setdefault(name_key(c.name), []).append(c)
            self._commune_index = idx
        return self._commune_index

    def communes_on(self, day: dt.date) -> tuple[Commune, ...]:
        """Commune-level units in force on a date. Before 01/07/2025 the list is the one in force just
        before the reorganisation (units merged earlier are not in the data)."""
        return self.communes_after if day >= REORGANISATION else self._old()

    def communes(self, name: str, *, province: str | None = None, unit_type: str | None = None,
                 on: dt.date | None = None) -> list[Commune]:
        """Commune-level units matching a name (and a province name, type, date when given)."""
        hits = list(self._index().get(name_key(name), ()))
        if unit_type:
            hits = [c for c in hits if c.type == unit_type.lower()]
        if on is not None:
            hits = [c for c in hits if c.exists_on(on)]
        if province:
            codes = {p.code for p in self._province_candidates(province)}
            succ = {p.successor_code for p in self._province_candidates(province) if p.successor_code}
            hits = [c for c in hits if c.province_code in codes
                    or (c.valid_from == REORGANISATION and c.province_code in succ)]
        return hits

    def commune_exists(self, name: str, on: dt.date, *, province: str | None = None,
                       unit_type: str | None = None) -> bool | None:
        """True/False from 01/07/2025; before that True when found, None (unknown) otherwise."""
        found = bool(self.communes(name, province=province, unit_type=unit_type, on=on))
        if found or on >= REORGANISATION:
            return found
        return None

    def commune_successors(self, old: Commune) -> tuple[Commune, ...]:
        return tuple(self._new_commune_by_code[c] for c in old.new_codes if c in self._new_commune_by_code)


@functools.lru_cache(maxsize=1)
def admin_units() -> AdminUnits:
    return AdminUnits()


DISTRICT_TYPES = ("huyện", "quận", "thị xã", "thành phố thuộc tỉnh", "thành phố thuộc thành phố trực thuộc trung ương")


def district_exists(day: dt.date) -> bool:
    """District-level governments (HĐND, UBND cấp huyện) ended on 01/07/2025 (Luật 72/2025/QH15,
    Điều khoản thi hành; [S] legal-framework.md §4)."""
    return day < REORGANISATION
