"""Document types (tên loại) and their abbreviations, from rules/doc_types.yaml."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..data import load_yaml, rules_path


@dataclass(frozen=True)
class DocType:
    name: str                 # "Quyết định"
    abbrs: tuple[str, ...]    # ("QĐ",)
    kind: str                 # "vbqppl" | "with_year" | "hanh_chinh" | "none"

    @property
    def upper(self) -> str:
        return self.name.upper()


@functools.lru_cache(maxsize=1)
def doc_types() -> tuple[DocType, ...]:
    data = load_yaml(rules_path("doc_types.yaml"))
    return tuple(DocType(t["name"], tuple(t.get("abbr") or ()), t["kind"]) for t in data["types"])


@functools.lru_cache(maxsize=1)
def _by_abbr() -> dict[str, DocType]:
    out: dict[str, DocType] = {}
    for t in doc_types():
        for a in t.abbrs:
            out.setdefault(a.upper(), t)
    return out


def type_by_abbr(abbr: str | None) -> DocType | None:
    return _by_abbr().get(abbr.upper()) if abbr else None


def type_by_name(name: str | None) -> DocType | None:
    if not name:
        return None
    key = " ".join(name.split()).lower()
    return next((t for t in doc_types() if t.name.lower() == key), None)


@functools.lru_cache(maxsize=1)
def type_name_re() -> re.Pattern:
    """A heading line that is a tên loại in capitals ("QUYẾT ĐỊNH", "THÔNG TƯ LIÊN TỊCH"); longest first."""
    from .issuer import norm_tone
    # callers match a line in norm_tone form ("KẾ HOẠCH" → "KẾ HỌACH"): list both spellings
    names = sorted({f(t.upper) for t in doc_types() for f in (str, norm_tone)}, key=len, reverse=True)
    alts = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"(?<![^\W\d_])(?:{alts})(?![^\W\d_])")


def kind_of(type_name: str | None, number_has_year: bool | None) -> str | None:
    """"vbqppl" | "hanh_chinh" | None (unknown or neither). Rule documented in rules/doc_types.yaml."""
    t = type_by_name(type_name)
    if t is None:
        return None
    if t.kind == "vbqppl":
        return "vbqppl"
    if t.kind == "hanh_chinh":
        return "hanh_chinh"
    if t.kind == "with_year":
        if number_has_year is None:
            return None
        return "vbqppl" if number_has_year else "hanh_chinh"
    return None
