"""Which required components (rules/components.yaml) a parsed document lacks, for every shape of
document: with an Điều tree or without (công văn, kế hoạch, báo cáo, thông báo, tờ trình), with a
header or a copy of the text alone.

`missing(doc, ctx)` is computed once per document (ctx.cache) and shared by the presence rules
(TT001 … TT024, TT124) and by TT300/TT301, which report the components no existing rule owns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..law.components import Requirement, owners, requirements
from ..model import LegalDocument
from ._layout_util import body_blocks, component_blocks, is_gazette_print

_KINH_GUI = re.compile(r"^\s*[-–]?\s*Kính\s+gửi\b", re.IGNORECASE)
_ENACTING = re.compile(r"^\s*(QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|CHỈ\s+THỊ|NGHỊ\s+ĐỊNH|THÔNG\s+TƯ)\s*:", re.IGNORECASE)
_HEADER_PARTS = ("quoc_hieu", "tieu_ngu", "co_quan_ban_hanh", "co_quan_chu_quan", "so_ky_hieu", "dia_danh_ngay")


@dataclass(frozen=True)
class Missing:
    requirement: Requirement
    block: int | None            # where the component should be (a neighbouring block)
    severity: str


def shape(doc: LegalDocument) -> str:
    """"full" (a header was printed: some header line is there), "headerless" (a copy of the text
    alone: tên loại or body without any header line) or "fragment" (neither)."""
    from .format import _qh_like, _tn_like, _find_text
    if doc.number or doc.date:
        return "full"
    if any(doc.component(c) for c in _HEADER_PARTS):
        return "full"
    if _find_text(doc, "quoc_hieu", _qh_like)[1] or _find_text(doc, "tieu_ngu", _tn_like)[1]:
        return "full"
    if doc.component("ten_loai") or doc.body or doc.component("kinh_gui") or doc.component("vv"):
        return "headerless"   # a web copy that starts at the tên loại, or at "Kính gửi" (a công văn)
    return "fragment"


_TOP = ("quoc_hieu", "tieu_ngu", "co_quan_chu_quan", "co_quan_ban_hanh", "so_ky_hieu", "dia_danh_ngay", "ten_loai",
        "trich_yeu", "vv", "kinh_gui", "du_thao", "dau_muc_do_mat", "dau_muc_do_khan")
_CLOSING = ("chu_ky", "quyen_han_ky", "chuc_vu", "ho_ten", "noi_nhan", "luu")


_PASSED = re.compile(r"thông\s+qua\s+ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE)
_GAZETTE_HEAD = re.compile(r"^\s*CÔNG\s+BÁO\s*/\s*Số\s+\d+", re.IGNORECASE)


def _gazette(doc: LegalDocument) -> bool:
    """A Công báo print (its running heads kept as header blocks, or as lines of a text copy)."""
    return is_gazette_print(doc) or any(_GAZETTE_HEAD.match(b.text) for b in doc.source.blocks)


def content_blocks(doc: LegalDocument) -> list[int]:
    """The body's blocks: the Điều tree, else (a công văn, kế hoạch, báo cáo: no Điều) the non-empty
    blocks between the header and the closing that no header or closing component claims."""
    blocks = body_blocks(doc)
    if blocks:
        return blocks
    top = [b for c in doc.components if c.name in _TOP
           # a trích yếu runs over three lines at most: more is the body the parser took with it
           for b in (c.blocks[:3] if c.name in ("trich_yeu", "vv") else c.blocks)]
    closing = component_blocks(doc, *_CLOSING)
    start = max(top) + 1 if top else 0
    end = min((b for b in closing if b >= start), default=len(doc.source.blocks))
    claimed = set(top) | set(closing)
    return [b.index for b in doc.source.blocks[start:end]
            if b.index not in claimed and b.kind not in ("header", "footer") and b.text.strip()]


def _has_body(doc: LegalDocument) -> bool:
    return bool(doc.body or content_blocks(doc))


def _signature(doc: LegalDocument) -> bool:
    from .format import _signature_like_tail
    sig = doc.signature
    if sig is not None and (sig.position or sig.authority_lines or sig.name):
        return True
    return bool(doc.body) and _signature_like_tail(doc)


def present(doc: LegalDocument, component: str) -> bool:
    from .format import _date_line, _find_text, _number_line, _qh_like, _tn_like
    src = doc.source.blocks
    if component == "quoc_hieu":
        return _find_text(doc, "quoc_hieu", _qh_like)[1] is not None
    if component == "tieu_ngu":
        return _find_text(doc, "tieu_ngu", _tn_like)[1] is not None
    if component == "co_quan_ban_hanh":
        return bool(doc.component("co_quan_ban_hanh") or doc.issuer is not None)
    if component == "so_ky_hieu":
        return bool(doc.component("so_ky_hieu") or _number_line(doc)[0] is not None)
    if component == "dia_danh_ngay":
        # a law or resolution of the Quốc hội is dated by its passing ("… thông qua ngày …"), at the end
        return bool(doc.component("dia_danh_ngay") or _date_line(doc)[1] is not None
                    or any(_PASSED.search(b.text) for b in src))
    if component == "kinh_gui":
        return bool(doc.component("kinh_gui")) or any(_KINH_GUI.match(b.text) for b in src[:60])
    if component == "ban_hanh":
        return bool(doc.component("ban_hanh")) or any(_ENACTING.match(b.text) for b in src)
    if component == "noi_dung":
        return _has_body(doc)
    if component == "dau_ket_thuc":
        blocks = content_blocks(doc)
        return bool(component_blocks(doc, "dau_ket_thuc")) or any("./." in src[b].text for b in blocks)
    if component == "chu_ky":
        return _signature(doc)
    if component == "chuc_vu":
        sig = doc.signature
        return sig is None or bool(sig.position) or _position_in_authority_line(sig) or _position_between(doc, sig)
    if component == "vv":
        if doc.metadata.type not in (None, "Công văn"):
            return bool(doc.component("vv"))   # a "Về …" line of a typed document is its trích yếu
        return bool(doc.component("vv")) or _vv_in_header(doc)
    if component == "ho_ten":
        sig = doc.signature
        return sig is None or bool(sig.name)
    if component == "noi_nhan":
        return doc.recipients is not None
    return doc.component(component) is not None


_TITLE = re.compile(r"(?<!\w)(?:PHÓ\s|THỨ\s+TR|CHỦ\s+TỊCH|TRƯỞNG|GIÁM\s+ĐỐC|THỦ\s+TƯỚNG|CHÁNH\s|TỔNG\s+THƯ\s+KÝ|"
                    r"ỦY\s+VIÊN|UỶ\s+VIÊN|VIỆN\s+TRƯỞNG|CHÁNH\s+ÁN|TỔNG\s+KIỂM\s+TOÁN|THỐNG\s+ĐỐC|CHỦ\s+NHIỆM)")


def _position_in_authority_line(sig) -> bool:
    """The position printed on the authority line itself ("KT. BỘ TRƯỞNG THỨ TRƯỞNG", "TM. ỦY BAN NHÂN
    DÂN CHỦ TỊCH" in a copy that joined the lines): a title after the one the authority names."""
    if not sig.authority_lines:
        return False
    line = sig.authority_lines[-1].upper()
    m = re.match(r"^\s*(TM|KT|TL|TUQ|Q)\.?\s*", line)
    rest = line[m.end():] if m else line
    titles = list(_TITLE.finditer(rest))
    if m and m.group(1) == "TM":
        return bool(titles)
    return len(titles) >= 2


def _position_between(doc: LegalDocument, sig) -> bool:
    """A line in capitals between the authority lines and the name that the parser left out of the
    signature (a stamp or a blank in between)."""
    if not sig.blocks:
        return False
    lines = {x.strip().upper() for x in sig.authority_lines}
    for b in range(min(sig.blocks), max(sig.blocks) + 1):
        t = doc.source.blocks[b].text.strip(" *|")
        if t and t == t.upper() and t.upper() not in lines and _TITLE.search(t) and len(t) <= 80:
            return True
    return False


def _vv_in_header(doc: LegalDocument) -> bool:
    """A công văn's trích yếu printed without the parser taking it: "V/v …" joined to the number's line,
    or "Về …" under the number."""
    stop = min(component_blocks(doc, "kinh_gui") or [15])
    for b in doc.source.blocks[:stop]:
        t = b.text.strip()
        if re.search(r"(?i)(?<!\w)v/v\b", t) or re.match(r"Về\s", t):
            return True
    return False


def _applies(rule_id: str, ctx) -> bool:
    from ..engine import load_catalogue
    rule = load_catalogue().get(rule_id)
    if rule is None or ctx.document is None:
        return False
    src = ctx.document.source
    return rule.applies_to(ctx.kind, ctx.date, ctx.regime, src.format, src.has_formatting, src.has_page_setup)


def _where(doc: LegalDocument, req: Requirement) -> int | None:
    src = doc.source.blocks
    if req.where == "header":
        return next((b.index for b in doc.source.body_blocks() if b.text.strip()), None)
    if req.where == "top":
        heads = component_blocks(doc, "vv", "trich_yeu", "ten_loai", "dia_danh_ngay", "so_ky_hieu")
        return max(heads) + 1 if heads and max(heads) + 1 < len(src) else None
    body = content_blocks(doc)
    if req.where in ("body", "end"):
        return body[-1] if body else None
    closing = component_blocks(doc, "chu_ky", "quyen_han_ky", "chuc_vu", "ho_ten", "noi_nhan")
    if closing:
        return min(closing)
    return body[-1] if body else None


def missing(doc: LegalDocument, ctx) -> list[Missing]:
    """Every required component this document lacks (none for a header-less copy or a fragment)."""
    key = ("required.missing", id(doc))
    if key in ctx.cache:
        return ctx.cache[key]
    out: list[Missing] = []
    if shape(doc) == "full" and ctx.regime is not None:
        has_body = _has_body(doc)
        gazette = _gazette(doc)
        sig_present = _signature(doc)
        from .authority import facts
        for req in requirements(ctx.regime.id, doc.metadata.type, ctx.kind, facts(doc, ctx).body):
            if req.where in ("end", "closing") and not has_body:
                continue  # no body read (a header alone)
            if req.component in ("dau_ket_thuc", "noi_nhan") and gazette:
                continue  # the gazette re-typesets the text and leaves these out (it keeps the signature)
            if req.component in ("chuc_vu", "ho_ten") and not sig_present:
                continue  # the whole block is missing: reported once, as chu_ky
            if any(present(doc, c) for c in req.any_of):
                continue
            out.append(Missing(req, _where(doc, req), req.severity))
    ctx.cache[key] = out
    return out


def missing_component(doc: LegalDocument, ctx, component: str) -> Missing | None:
    return next((m for m in missing(doc, ctx) if m.requirement.component == component), None)


def owned(ctx, component: str) -> bool:
    """An existing presence rule that applies here reports this component."""
    return any(_applies(r, ctx) for r in owners(component))


def owner_severity(rule, m: Missing) -> str:
    """An owner rule keeps its own severity, but not above what the model's source supports for a
    requirement that rests on practice or memory only (e.g. NĐ 78 "Nơi nhận (nếu có)")."""
    if m.requirement.verification in ("practice", "memory"):
        return "info"
    return rule.severity
