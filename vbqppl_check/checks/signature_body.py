"""TQ100: the collective body named after "TM." is the issuer (a resolution of the HĐND signed
"TM. ỦY BAN NHÂN DÂN", a decision of the UBND signed "TM. HỘI ĐỒNG NHÂN DÂN", …)."""
from __future__ import annotations

import functools
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


# -- TQ101: the issuer's abbreviation in the number is the issuer's, not another known body's ------------

@functools.lru_cache(maxsize=1)   # (built once, not at every document)
def _central_abbrs() -> dict[str, tuple[str, ...]]:
    from ..data import load_yaml, rules_path
    out: dict[str, tuple[str, ...]] = {}
    for e in load_yaml(rules_path("issuers.yaml")).get("central", []):
        out.setdefault(e["name"], tuple(e.get("abbr") or ()))
    return out


_LOCAL = {"ubnd": "UBND", "hdnd": "HĐND"}


@check("TQ101")
def symbol_names_another_body(doc: LegalDocument, ctx, rule):
    f = facts(doc, ctx)
    if not f.issuer_abbrs or f.issuer is None or f.body == "lien_tich" or len(f.issuer_abbrs) > 1:
        return
    first = re.sub(r"\d+$", "", f.issuer_abbrs[0].replace("Ð", "Đ"))
    central = _central_abbrs()
    own = central.get(f.issuer.name)
    known = {a for abbrs in central.values() for a in abbrs}
    expected = None
    if own and first in known and first not in own and first not in ("CP", "TTg", "QH", "UBTVQH", "CTN"):
        expected = "/".join(own)
    body = {"chu_tich_ubnd": "ubnd"}.get(f.body or "", f.body)
    if body in _LOCAL and first in _LOCAL.values() and first != _LOCAL[body] and f.body != "chu_tich_ubnd":
        expected = _LOCAL[body]
    if expected:
        yield rule.finding(ctx, block=f.number_block, component="so_ky_hieu", found=first, expected=expected,
                           issuer=f.issuer.name)
