"""Metadata (the index row of a document) from the recognised parts. Unknown values stay None, never guessed.

- type: the tên loại printed in the header; "Văn bản hợp nhất" when the symbol is VBHN; "Công văn" when a
  V/v (or Kính gửi) stands where a tên loại would; else the type named by the symbol's type abbreviation.
- kind: rules/doc_types.yaml (VBQPPL types; Nghị quyết/Quyết định/Chỉ thị are VBQPPL only when the number
  carries the year; văn bản hợp nhất is neither → None).
- draft: a "DỰ THẢO" mark, or a blank number or blank date.
"""
from __future__ import annotations

import re

from ..model import DocDate, DocNumber, IssuerInfo, Metadata, Signature
from .doctypes import kind_of, type_by_abbr


def build_metadata(*, number: DocNumber | None, date: DocDate | None, issuer: IssuerInfo | None,
                   type_name: str | None, title: str | None, signature: Signature | None,
                   draft_mark: bool) -> Metadata:
    t = type_name
    if number is not None and number.type_abbr and number.type_abbr.upper() == "VBHN":
        t = "Văn bản hợp nhất"
    elif t is None and number is not None:
        dt = type_by_abbr(number.type_abbr)
        t = dt.name if dt else None
    has_year = None if number is None else number.year is not None
    kind = kind_of(t, has_year)
    draft = draft_mark or bool(number is not None and number.blank) or bool(date is not None and date.blank)
    return Metadata(
        # a number wrapped by the layout ("3783/QĐ-" / "UBND") is one string in the index
        kind=kind, type=t, number=(re.sub(r"\s*\n\s*", "", number.raw) or None) if number else None,
        issuer=issuer.name if issuer else None, issuer_level=issuer.level if issuer else None,
        province=issuer.province if issuer else None, commune=issuer.commune if issuer else None,
        place=date.place if date else None,
        date=date.value.isoformat() if date is not None and date.value is not None else None,
        title=title, signer=_person(signature.name) if signature else None, draft=draft)


# Military and police ranks printed before the signer's name ("Thượng tướng Võ Minh Lương").
_RANK_RE = re.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+", re.IGNORECASE)


def _person(name: str | None) -> str | None:
    return _RANK_RE.sub("", name).strip() if name else None
