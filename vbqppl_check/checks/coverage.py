"""What could not be checked: pages the readers could not read (TT400), and pages read by OCR (TT410).

A scanned page without a text layer, when OCR is off or not installed, gives no text: every rule is
silent on it. Silence must not read as "no defect", so the pages left unchecked are a finding.
"""
from __future__ import annotations

import re

from ..engine import check


def _ranges(pages) -> str:
    out: list[str] = []
    run: list[int] = []
    for p in sorted(pages):
        if run and p == run[-1] + 1:
            run.append(p)
            continue
        if run:
            out.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [p]
    if run:
        out.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)


@check("TT400")
def pages_not_checked(doc, ctx, rule):
    pages = doc.source.unread_pages
    if pages:
        yield rule.finding(ctx, page=min(pages), component="trang", found=_ranges(pages), count=len(pages),
                           total=doc.source.page_count or "—")


@check("TT410")
def pages_read_by_ocr(doc, ctx, rule):
    """Scanned pages whose text was read by OCR: their text may carry recognition mistakes, so the
    officer knows which pages to look at by eye (and the summary counts them)."""
    pages = doc.source.ocr_pages
    if pages:
        yield rule.finding(ctx, page=min(pages), component="trang", found=_ranges(pages), count=len(pages),
                           total=doc.source.page_count or "—")


# -- văn bản hợp nhất ------------------------------------------------------------------------------

_CONTINUED = re.compile(r"xem\s+tiếp\s+công\s+báo", re.IGNORECASE)


@check("TT401")
def consolidation_without_authentication(doc, ctx, rule):
    """A văn bản hợp nhất ends with its authentication: "XÁC THỰC VĂN BẢN HỢP NHẤT", its own number
    (…/VBHN-<cơ quan>), place and date, and the signature of the head of the consolidating body. A gazette
    excerpt continued in the next issue ("Xem tiếp Công báo số …") is not judged."""
    from ..parse.kinds import is_consolidated
    if not is_consolidated(doc):
        return
    if "/VBHN-" in (doc.metadata.number or "").upper():
        return
    body = [b for b in doc.source.body_blocks() if b.text.strip()]
    if not body or any(_CONTINUED.search(b.text) for b in body[-4:]):
        return
    yield rule.finding(ctx, block=body[-1].index, component="xac_thuc", found="(không có)",
                       expected="XÁC THỰC VĂN BẢN HỢP NHẤT — Số: …/VBHN-…, địa danh, ngày, chức vụ, chữ ký")
