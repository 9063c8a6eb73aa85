"""CC100: a cited document (căn cứ or viện dẫn) issued after the citing document — by its written
date, or by the year in its number when no date is written. Only a document with a date of its own
(not a draft left undated) is judged."""
from __future__ import annotations

import datetime as dt
import re

from ..engine import check
from ..model import LegalDocument
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


@check("CC100")
def cited_after_citing(doc: LegalDocument, ctx, rule):
    if ctx.date_source != "document":
        return
    today = ctx.date
    for c in citations(doc, ctx):
        if c.kind not in ("basis", "reference") or c.document is None or doc.in_quotation(c.span.block):
            continue
        day, year = _issued(c.document)
        if day is not None and day > today:
            found = f"{_ident(c)} — {day:%d/%m/%Y}"
        elif day is None and year is not None and year > today.year:
            found = f"{_ident(c)} — năm {year}"
        else:
            continue
        yield rule.finding(ctx, **_loc(c), found=found, expected=f"ban hành trước ngày {today:%d/%m/%Y}")
