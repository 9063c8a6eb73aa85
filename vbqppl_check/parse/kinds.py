"""Which family of text a document is, when that changes the rules that govern it (issue #12).

- Texts of the Quốc hội, its Ủy ban thường vụ and the Chủ tịch nước (Hiến pháp, luật, pháp lệnh, their
  nghị quyết, and the consolidated texts of the Văn phòng Quốc hội) follow their own thể thức (Nghị quyết
  351/2017/UBTVQH14), not Nghị định 30/2020's tables for administrative documents, and write the names
  of bodies as the Constitution and the laws of their time do ("Ủy ban thường vụ Quốc hội", "Hội đồng
  dân tộc" in Hiến pháp 2013).
- A văn bản hợp nhất (VBHN) reproduces the wording of the texts it consolidates, carries footnotes on
  every amendment and its own number, date and issuer in the closing "XÁC THỰC VĂN BẢN HỢP NHẤT" block;
  the Công báo prints it under the running head "VĂN BẢN HỢP NHẤT - <cơ quan>".
"""
from __future__ import annotations

import re

from ..model import LegalDocument

_PARLIAMENT_NUMBER = re.compile(r"/(?:\d{4}/)?(?:QH\d*|UBTVQH\d*|PL-UBTVQH\d*|L-CTN|NQ-UBTVQH\d*|VBHN-VPQH)\b",
                                re.IGNORECASE)
_PARLIAMENT_ISSUER = re.compile(r"^(?:quốc hội|ủy ban thường vụ quốc hội|uỷ ban thường vụ quốc hội|chủ tịch nước|"
                                r"văn phòng quốc hội)\b", re.IGNORECASE)
_PARLIAMENT_HEAD = {"QUỐC HỘI", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "UỶ BAN THƯỜNG VỤ QUỐC HỘI", "HIẾN PHÁP",
                    "CHỦ TỊCH NƯỚC", "VĂN PHÒNG QUỐC HỘI"}
_PARLIAMENT_HEAD_LONGEST = max(map(len, _PARLIAMENT_HEAD))
_CONSOLIDATION_HEAD = re.compile(r"VĂN\s+BẢN\s+HỢP\s+NHẤT", re.IGNORECASE)
_AUTHENTICATION = re.compile(r"XÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT", re.IGNORECASE)


# The lead-in of a VBHN ends with the list of the amending texts: "…, có hiệu lực kể từ ngày …, được sửa
# đổi, bổ sung bởi:" — a colon no căn cứ line carries.
_LEAD_IN_END = re.compile(r"được\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+)?bởi\s*:", re.IGNORECASE)
_FIRST_ARTICLE = re.compile(r"^\s*(?:Điều|ĐIỀU)\s+1\b")


def is_consolidated(doc: LegalDocument) -> bool:
    """A văn bản hợp nhất: its number (…/VBHN-…), its authentication block, the gazette's running head,
    or the lead-in formula before the first article. Computed once per document, as is_parliament_text."""
    memo = doc.__dict__
    if "_consolidated" not in memo:
        memo["_consolidated"] = _is_consolidated(doc)
    return memo["_consolidated"]


def _is_consolidated(doc: LegalDocument) -> bool:
    md = doc.metadata
    if (md.type or "") == "Văn bản hợp nhất" or "/VBHN-" in (md.number or "").upper():
        return True
    src = doc.source.blocks
    if any(b.kind in ("header", "footer") and _CONSOLIDATION_HEAD.search(b.text) for b in src[:80]):
        return True
    tail = "\0".join(b.text for b in src[-120:])   # (\0: no match runs across two blocks)
    if "xác" in tail.lower() and _AUTHENTICATION.search(tail):   # (the pattern tried at every place is slow)
        return True
    head = []
    for b in src[:60]:
        if _FIRST_ARTICLE.match(b.text):
            break
        if b.kind not in ("header", "footer"):
            head.append(b.text)
    return bool(_LEAD_IN_END.search(" ".join(head)))


def form_block_ranges(doc: LegalDocument) -> tuple[tuple[int, int], ...]:
    """The blocks of the sample forms attached to the document ("Mẫu số 01", "BM-12"): the wording of
    whoever fills them in (a contract, another body's decision), not the document's own text."""
    return tuple((n.block_start, n.block_end) for n in doc.body if n.kind == "mau")


def in_ranges(i: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= i <= b for a, b in ranges)


def is_parliament_text(doc: LegalDocument) -> bool:
    """A text of the Quốc hội, the UBTVQH or the Chủ tịch nước, or a VBHN of the Văn phòng Quốc hội.
    Computed once per document (several rules ask; the document is immutable)."""
    memo = doc.__dict__
    if "_parliament" not in memo:
        memo["_parliament"] = _is_parliament_text(doc)
    return memo["_parliament"]


def _is_parliament_text(doc: LegalDocument) -> bool:
    md = doc.metadata
    if (md.type or "") == "Hiến pháp" or _PARLIAMENT_NUMBER.search(md.number or ""):
        return True
    if md.issuer and _PARLIAMENT_ISSUER.match(md.issuer.strip()):
        return True
    src = doc.source.blocks
    for b in src[:80]:
        if b.kind in ("header", "footer"):
            t = " ".join(b.text.split()).upper()
            if _CONSOLIDATION_HEAD.search(t) and "QUỐC HỘI" in t:
                return True
            continue
        words = b.text.split()
        # longer than every head: not one (upper() never shortens a text)
        if sum(map(len, words)) + len(words) - 1 <= _PARLIAMENT_HEAD_LONGEST and \
                " ".join(words).upper() in _PARLIAMENT_HEAD:
            return True
    return False


_RUNNING_HEAD = re.compile(r"^\s*VĂN\s+BẢN\s+HỢP\s+NHẤT\s*[-–—]\s*(?P<issuer>.+?)\s*$", re.IGNORECASE)


def consolidation_head(blocks) -> str | None:
    """The issuer named by a gazette's running head "VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI" ("" when the
    head names none); None when there is no such head."""
    for b in blocks[:80]:
        if b.kind in ("header", "footer"):
            m = _RUNNING_HEAD.match(b.text)
            if m:
                return m.group("issuer")
            if _CONSOLIDATION_HEAD.fullmatch(b.text.strip()):
                return ""
    return None
