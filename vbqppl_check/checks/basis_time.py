"""CC100: a cited document (căn cứ or viện dẫn) issued after the citing document — by its written
date, or by the year in its number when no date is written. Only a document with a date of its own
(not a draft left undated) is judged."""
from __future__ import annotations

import datetime as dt
import re

from ..engine import check
from ..model import LegalDocument
from ._layout_util import component_blocks
from .legal_basis import _ident, _loc, citations

_YEAR_IN_NUMBER = re.compile(r"^[^/]+/(\d{4})/")


def _issued(d) -> tuple[dt.date | None, int | None]:
    day = None
    if d.date and d.date_valid is not False:
        try:
            day = dt.date.fromisoformat(d.date)
        except ValueError:
            day = None
    m = _YEAR_IN_NUMBER.match(d.number or "")
    return day, int(m.group(1)) if m else None


def _norm(number: str) -> str:
    return re.sub(r"\s+", "", number).upper()


def _own_date_sure(doc: LegalDocument) -> bool:
    """The document's own date was read from its header in full ("ngày … tháng … năm …"), and agrees
    with the year of its number when the number has one: a date read from elsewhere would make every
    căn cứ look issued later."""
    d, n = doc.date, doc.number
    if d is None or d.value is None or n is None or "tháng" not in (d.raw or ""):
        return False
    if doc.metadata.type == "Văn bản hợp nhất":
        return False
    return n.year is None or n.year == d.value.year


@check("CC100")
def cited_after_citing(doc: LegalDocument, ctx, rule):
    if ctx.date_source != "document" or not _own_date_sure(doc):
        return
    today = ctx.date
    basis_blocks = set(component_blocks(doc, "can_cu"))
    own = _norm(doc.number.raw) if doc.number else None
    for c in citations(doc, ctx):
        if c.kind != "basis" or c.document is None or c.span.block not in basis_blocks:
            continue   # the căn cứ only: forms in appendices cite documents yet to be issued
        if own and c.document.number and _norm(c.document.number) == own:
            continue   # the document itself (a form that quotes its own number)
        day, year = _issued(c.document)
        if day is not None and day > today:
            found = f"{_ident(c)} — {day:%d/%m/%Y}"
        elif day is None and year is not None and year > today.year:
            found = f"{_ident(c)} — năm {year}"
        else:
            continue
        yield rule.finding(ctx, **_loc(c), found=found, expected=f"ban hành trước ngày {today:%d/%m/%Y}")
