"""The kind of a document (VBQPPL or administrative) from the evidence besides its number (issue 11):
a căn cứ to the Law on promulgation of legal documents, an attached Quy định/Quy chế, the NĐ 78
enacting line, an effect clause with a calendar date. Used when the number cannot tell (missing, or a
type that is normative only with a year in its number) and by TT303 when the two disagree."""
from __future__ import annotations

import re

from ..model import LegalDocument

_LAW_ON_LAWS = re.compile(r"Luật\s+Ban\s+hành\s+văn\s+bản\s+quy\s+phạm\s+pháp\s+luật", re.IGNORECASE)
_ATTACHED = re.compile(r"ban\s+hành\s+kèm\s+theo\s+(Quyết\s+định|Nghị\s+quyết)\s+này\s+(Quy\s+định|Quy\s+chế|Điều\s+lệ)",
                       re.IGNORECASE)
_ENACT_NORM = re.compile(r"^\s*(Ủy|Uỷ)\s+ban\s+nhân\s+dân\s+.*ban\s+hành\s+Quyết\s+định|"
                         r"^\s*Hội\s+đồng\s+nhân\s+dân\s+.*ban\s+hành\s+Nghị\s+quyết", re.IGNORECASE)
_EFFECT_DATE = re.compile(r"có\s+hiệu\s+lực\s+(thi\s+hành\s+)?(kể\s+)?từ\s+ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}",
                          re.IGNORECASE)


def normative_evidence(doc: LegalDocument) -> list[str]:
    """The signs, besides the number, that a document promulgates legal norms (Vietnamese labels)."""
    src = doc.source.blocks
    basis = [src[b].text for c in doc.components if c.name == "can_cu" for b in c.blocks if 0 <= b < len(src)]
    out = []
    if any(_LAW_ON_LAWS.search(t) for t in basis):
        out.append("căn cứ Luật Ban hành văn bản quy phạm pháp luật")
    text = [b.text for b in src]
    if any(_ATTACHED.search(t) for t in text):
        out.append("ban hành kèm theo Quy định/Quy chế")
    if any(_ENACT_NORM.match(t) for t in text):
        out.append("dòng ban hành theo mẫu văn bản quy phạm pháp luật")
    if any(_EFFECT_DATE.search(t) for t in text):
        out.append("điều khoản hiệu lực ghi ngày cụ thể")
    return out


def strongly_normative(doc: LegalDocument) -> bool:
    """The căn cứ to the promulgation law and one more sign, in a document with Điều."""
    ev = normative_evidence(doc)
    return len(ev) >= 2 and ev[0].startswith("căn cứ") and bool(doc.body)


def evidenced_kind(doc: LegalDocument) -> str | None:
    """"vbqppl" | "hanh_chinh" for a document whose number does not tell (no number read, or none at
    all); None when the type is unknown."""
    from ..parse.doctypes import type_by_name
    t = type_by_name(doc.metadata.type)
    if t is None:
        # a letter ("Kính gửi", "V/v") whose number was not read is still an administrative document
        letter = doc.component("kinh_gui") or doc.component("vv")
        return "hanh_chinh" if letter and (doc.date or doc.issuer or doc.component("co_quan_ban_hanh")) else None
    if t.kind in ("vbqppl", "hanh_chinh"):
        return t.kind
    if t.kind == "with_year":
        return "vbqppl" if strongly_normative(doc) else "hanh_chinh"
    return None
