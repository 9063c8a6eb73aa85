"""Structured citations: a căn cứ line or an in-text reference, parsed into fields."""
from __future__ import annotations

from dataclasses import dataclass

from .document_span import Span


@dataclass(frozen=True)
class DocumentRef:
    """Identity of a cited document as written."""

    doc_type: str | None = None       # "Luật", "Nghị định", "Thông tư", "Quyết định", "Hiến pháp", ...
    number: str | None = None         # "63/2010/NĐ-CP"; None for laws cited by name only
    date: str | None = None           # ISO when the written date is a valid date
    date_raw: str | None = None       # as written: "ngày 08/6/20210"
    date_valid: bool | None = None    # False for impossible dates
    issuer: str | None = None         # "Chính phủ", "Quốc hội", "Bộ Tài chính"
    title: str | None = None          # "Luật Tổ chức chính quyền địa phương", the trích yếu
    party: bool = False               # a Party document (Nghị quyết số 18-NQ/TW)
    year: int | None = None           # the year written ("Luật … năm 2025", or the date's year)


@dataclass(frozen=True)
class Pinpoint:
    """A provision path: điểm a, b khoản 2 Điều 5 → dieu="5", khoan="2", diem=("a", "b")."""

    phan: str | None = None
    chuong: str | None = None
    muc: str | None = None
    dieu: tuple[str, ...] = ()
    khoan: tuple[str, ...] = ()
    diem: tuple[str, ...] = ()
    phu_luc: str | None = None
    range: bool = False               # "từ Điều 5 đến Điều 9": dieu=("5", "9") and range=True
    relative: str | None = None       # "khoản 4 Điều này" → "dieu": the unit that contains the reference


@dataclass(frozen=True)
class Citation:
    kind: str                         # "basis" (căn cứ) | "reference" (viện dẫn) | "amendment_target"
    text: str                         # the citation as written
    span: Span
    document: DocumentRef | None = None   # None when the target is this document
    target: str = "named"             # "self" ("… này") | "previous" (the document last named) | "named"
    pinpoints: tuple[Pinpoint, ...] = ()
    relation: str | None = None       # "amended_by" chain etc.
    amended_by: tuple[DocumentRef, ...] = ()
