"""TQ100: the collective body named after "TM." is the issuer (a resolution of the HĐND signed
"TM. ỦY BAN NHÂN DÂN", a decision of the UBND signed "TM. HỘI ĐỒNG NHÂN DÂN", …)."""
from __future__ import annotations

import re

from ..engine import check
from ..model import LegalDocument
from .authority import _upper, facts

_BODIES = (("hdnd", re.compile(r"HỘI ĐỒNG NHÂN DÂN|HĐND")),
           ("ubnd", re.compile(r"(?:ỦY|UỶ) BAN NHÂN DÂN|UBND")),
           ("chinh_phu", re.compile(r"^CHÍNH PHỦ\b")))
_NAMES = {"hdnd": "HỘI ĐỒNG NHÂN DÂN", "ubnd": "ỦY BAN NHÂN DÂN", "chinh_phu": "CHÍNH PHỦ"}
_TM = re.compile(r"^\s*T\.?\s*M\s*[./]?\s+(.+)$")


def body_of(text: str) -> str | None:
    t = _upper(text)
    for body, rx in _BODIES:
        if rx.search(t):
            return body
    return None


@check("TQ100")
def tm_body_matches_issuer(doc: LegalDocument, ctx, rule):
    sig = doc.signature
    if sig is None:
        return
    f = facts(doc, ctx)
    issuer = {"chu_tich_ubnd": "ubnd"}.get(f.body or "", f.body)
    if issuer not in _NAMES:
        return
    for line in sig.authority_lines:
        m = _TM.match(_upper(line))
        if m is None:
            continue
        named = body_of(m.group(1))
        if named is not None and named != issuer:
            yield rule.finding(ctx, block=sig.blocks[0] if sig.blocks else None, component="quyen_han_ky",
                               found=line.strip(), expected=f"TM. {_NAMES[issuer]}",
                               suggestion=f"TM. {_NAMES[issuer]}")
