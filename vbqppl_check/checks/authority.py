"""Authority checks (category `authority`, TQ…): issuer × type × symbol × date, units that no longer
exist, signature authority and the enacting line.

The issuer comes from the parser (doc.issuer, parse/issuer.py); the facts from rules/authority.yaml
(law/authority.py) and corpora/admin_units (law/admin_units.py). A finding's severity is the weaker
of the rule's default and what the verification mark of the decisive fact allows (P → error,
S → warning, E/M/I/N → info).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ..engine import check
from ..law.admin_units import REORGANISATION, admin_units, district_exists, name_key
from ..law.authority import (bodies_of_abbr, matrix, norm_type, severity_of_mark, split_number, type_of_abbr,
                             vbqppl_verdict, weaker)
from ..model import DocNumber, IssuerInfo, LegalDocument

VBQPPL_TYPES = {"Luật", "Bộ luật", "Pháp lệnh", "Lệnh", "Nghị định", "Nghị quyết", "Quyết định", "Thông tư",
                "Thông tư liên tịch", "Nghị quyết liên tịch", "Chỉ thị"}
MINISTRY_BODIES = {"bo", "co_quan_ngang_bo"}


@dataclass(frozen=True)
class Facts:
    """What the authority and effect checks need to know about a document, computed once."""

    issuer: IssuerInfo | None
    body: str | None                 # effective body (UBND header + "QĐ-CTUBND" → chu_tich_ubnd)
    level: str | None
    doc_type: str | None             # "Quyết định"
    number: DocNumber | None
    type_abbr: str | None
    issuer_abbrs: tuple[str, ...]
    year: int | None
    vbqppl_form: bool                # numbered as a VBQPPL (year in the number) or parsed as one
    number_block: int | None
    issuer_block: int | None


def _upper(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip().upper()


def facts(doc: LegalDocument, ctx) -> Facts:
    if "authority_facts" in ctx.cache:
        return ctx.cache["authority_facts"]
    num = doc.number
    type_abbr, year = None, None
    abbrs: tuple[str, ...] = ()
    if num is not None:
        type_abbr, abbrs, year = num.type_abbr, tuple(num.issuer_abbrs), num.year
    elif doc.metadata.number:
        parts = split_number(doc.metadata.number)
        if parts:
            type_abbr, abbrs, year = parts.type_abbr, parts.issuer_abbrs, parts.year
    abbrs = tuple(a.replace("Ð", "Đ") for a in abbrs)
    doc_type = norm_type(doc.metadata.type)
    if doc_type is None and type_abbr and type_of_abbr(type_abbr):
        doc_type = type_of_abbr(type_abbr)
    issuer = doc.issuer
    body = issuer.body if issuer else None
    level = issuer.level if issuer else None
    if body == "ubnd" and any(re.sub(r"\d+$", "", a) == "CTUBND" for a in abbrs):
        body = "chu_tich_ubnd"
    if type_abbr == "TTLT":
        body, level = "lien_tich", "central"
    vbqppl_form = bool(year) and (doc_type in VBQPPL_TYPES or (type_abbr is not None and type_of_abbr(type_abbr)
                                                               is not None) or not type_abbr)
    if ctx.kind == "vbqppl":   # the parser's (or the user's --kind) classification
        vbqppl_form = True
    f = Facts(issuer=issuer, body=body, level=level, doc_type=doc_type, number=num, type_abbr=type_abbr,
              issuer_abbrs=abbrs, year=year, vbqppl_form=vbqppl_form,
              number_block=num.block if num is not None else _first_block(doc, "so_ky_hieu"),
              issuer_block=(issuer.blocks[-1] if issuer and issuer.blocks else _first_block(doc, "co_quan_ban_hanh")))
    ctx.cache["authority_facts"] = f
    return f


def _first_block(doc: LegalDocument, component: str) -> int | None:
    c = doc.component(component)
    return c.blocks[0] if c and c.blocks else None


def _sev(rule, mark: str) -> str:
    return weaker(rule.severity, severity_of_mark(mark))


def _unit_gone(f: Facts, day: dt.date) -> bool:
    """The issuer's own unit does not exist on `day` (TQ010 reports it; others stay silent)."""
    if f.issuer is None:
        return False
    if f.level == "district" and not district_exists(day):
        return True
    prov = f.issuer.province or (f.issuer.unit_name if f.level == "province" else None)
    if prov and day >= REORGANISATION:
        au = admin_units()
        if au.is_province_name(prov) and not au.province_exists(prov, day):
            return True
    return False


# -- TQ001: the type is allowed for this issuer on this date -------------------------------------

@check("TQ001")
def type_allowed(doc: LegalDocument, ctx, rule):
    f = facts(doc, ctx)
    if not f.vbqppl_form or not f.body or f.body == "lien_tich" or _unit_gone(f, ctx.date):
        return
    if f.body not in ("so",) and f.level is None:
        return
    if f.doc_type is None:
        return
    v = vbqppl_verdict(f.body, f.level, f.doc_type, ctx.date)
    if v.allowed is not False:
        return
    who = f.issuer.name if f.issuer else f.body
    if f.body == "chu_tich_ubnd" and f.issuer and f.issuer.body == "ubnd":
        who = "Chủ tịch " + who[:1].lower() + who[1:]
    yield rule.finding(ctx, block=f.number_block if f.number_block is not None else f.issuer_block,
                       component="so_ky_hieu", severity=_sev(rule, v.mark),
                       found=f"{f.doc_type} — {who} — {ctx.date.strftime('%d/%m/%Y')}",
                       reason_vi=v.reason_vi, reason_en=v.reason_en, issuer=who, type=f.doc_type,
                       date=ctx.date.strftime("%d/%m/%Y"))


# -- TQ002: the symbol's type abbreviation matches the tên loại -----------------------------------

@check("TQ002")
def symbol_type(doc: LegalDocument, ctx, rule):
    f = facts(doc, ctx)
    if not f.vbqppl_form or not f.type_abbr or not doc.metadata.type:
        return
    stated = norm_type(doc.metadata.type)
    expected = type_of_abbr(f.type_abbr)
    if expected is None or stated is None or stated == expected:
        return
    if stated not in VBQPPL_TYPES and stated not in set(matrix()["type_abbrs"].values()):
        wanted = None
    else:
        wanted = next((a for a, t in matrix()["type_abbrs"].items() if t == stated), None)
    yield rule.finding(ctx, block=f.number_block, component="so_ky_hieu",
                       found=f"{f.type_abbr} ({expected})", expected=f"{wanted or '?'} ({stated})",
                       type=stated)


# -- TQ003: the symbol's issuer abbreviation matches the issuer in the header ---------------------

@check("TQ003")
def symbol_issuer(doc: LegalDocument, ctx, rule):
    f = facts(doc, ctx)
    if not f.vbqppl_form or not f.issuer_abbrs or not f.issuer or not f.issuer.body:
        return
    if f.body == "lien_tich" or f.issuer.body in ("other", "so", None):
        return
    head = f.issuer.body
    first = f.issuer_abbrs[0]
    bodies = bodies_of_abbr(first)
    if not bodies:
        return  # an abbreviation we do not know is not evidence of a mismatch
    ok = head in bodies or (head == "ubnd" and "chu_tich_ubnd" in bodies) or (
        head == "chu_tich_ubnd" and "ubnd" in bodies) or (head in MINISTRY_BODIES and set(bodies) & MINISTRY_BODIES)
    if ok:
        return
    yield rule.finding(ctx, block=f.number_block, component="so_ky_hieu", found=first,
                       expected=_expected_abbr(head), issuer=f.issuer.name)


def _expected_abbr(body: str) -> str:
    names = [a for a, bs in matrix()["issuer_abbrs"].items() if body in bs]
    if body == "bo":
        names.append("B…")
    if body == "quoc_hoi":
        names.append("QH…")
    if body == "ubtvqh":
        names.append("UBTVQH…")
    return " / ".join(names) or "—"


# -- TQ004: no thông tư liên tịch between ministers only -----------------------------------------

@check("TQ004")
def ttlt_between_ministers(doc: LegalDocument, ctx, rule):
    f = facts(doc, ctx)
    if f.type_abbr != "TTLT" or len(f.issuer_abbrs) < 2:
        return
    bodies = [bodies_of_abbr(a) for a in f.issuer_abbrs]
    if not all(b and set(b) <= MINISTRY_BODIES for b in bodies):
        return
    # Luật 64/2025 Điều 20 k2 (verbatim) from 01/04/2025; the same sentence in Luật 80/2015 is [M].
    mark = "P" if ctx.date >= dt.date(2025, 4, 1) else "M"
    yield rule.finding(ctx, block=f.number_block, component="so_ky_hieu", severity=_sev(rule, mark),
                       found="-".join(f.issuer_abbrs))


# -- TQ010: the issuer's unit exists on the document's date ---------------------------------------

@check("TQ010")
def issuer_unit_exists(doc: LegalDocument, ctx, rule):
    f = facts(doc, ctx)
    iss = f.issuer
    if iss is None or iss.body not in ("ubnd", "hdnd", "chu_tich_ubnd", "so", "other"):
        return
    day = ctx.date
    au = admin_units()
    block = f.issuer_block
    date_s = day.strftime("%d/%m/%Y")
    if f.level == "district" and not district_exists(day):
        yield rule.finding(ctx, block=block, component="co_quan_ban_hanh",
                           found=f"{iss.unit_type or ''} {iss.unit_name or ''}".strip() or iss.name,
                           unit=f"{iss.unit_type or ''} {iss.unit_name or ''}".strip() or iss.name, date=date_s,
                           reason_vi="cấp huyện kết thúc hoạt động từ 01/7/2025 (Luật 72/2025/QH15); "
                                     "thời hạn hiệu lực của VBQPPL cấp huyện đã ban hành chưa được xác định chắc chắn "
                                     "(28/02/2027 hay 01/3/2027)",
                           reason_en="district governments ended on 01/07/2025 (Law 72/2025); how long district "
                                     "documents already issued stay in force is not settled (28/02/2027 or 01/03/2027)",
                           suggestion=_district_suggestion(iss))
        return
    prov = iss.province or (iss.unit_name if f.level == "province" else None)
    if prov and au.is_province_name(prov) and not au.province_exists(prov, day):
        succ = au.successor(prov, day)
        yield rule.finding(ctx, block=block, component="co_quan_ban_hanh", found=_prov_label(prov),
                           expected=succ.full_name if succ else None, unit=_prov_label(prov), date=date_s,
                           reason_vi="sáp nhập theo Nghị quyết 202/2025/QH15 (63 → 34 tỉnh, từ 01/7/2025)",
                           reason_en="merged by Resolution 202/2025/QH15 (63 → 34 provinces from 01/07/2025)",
                           suggestion=f"{succ.full_name}" if succ else None)
        return
    parent = (iss.parent or "").upper()
    if f.level == "commune" and day >= REORGANISATION and re.search(r"\b(HUYỆN|QUẬN|THỊ XÃ)\b", parent):
        # A 2-tier template still carrying the old district as cơ quan chủ quản.
        yield rule.finding(ctx, block=block, component="co_quan_chu_quan", found=iss.parent, unit=iss.parent,
                           date=date_s,
                           reason_vi="cấp huyện kết thúc hoạt động từ 01/7/2025 (Luật 72/2025/QH15); xã, phường, "
                                     "đặc khu trực thuộc cấp tỉnh",
                           reason_en="district governments ended on 01/07/2025 (Law 72/2025); communes are directly "
                                     "under the province",
                           suggestion=f"{_prov_label(prov)}" if prov else None)
        return
    if f.level == "commune" and day >= REORGANISATION and iss.unit_name:
        utype = (iss.unit_type or "").lower()
        if utype == "thị trấn":
            yield rule.finding(ctx, block=block, component="co_quan_ban_hanh", found=f"thị trấn {iss.unit_name}",
                               unit=f"thị trấn {iss.unit_name}", date=date_s,
                               reason_vi="từ 01/7/2025 đơn vị hành chính cấp xã gồm xã, phường, đặc khu",
                               reason_en="from 01/07/2025 commune-level units are xã, phường and đặc khu")
            return
        exists = au.commune_exists(iss.unit_name, day, province=prov, unit_type=utype or None)
        if exists is False:
            # The commune list is LLM-assisted upstream (SOURCE.json): report for information only.
            yield rule.finding(ctx, block=block, component="co_quan_ban_hanh", severity="info",
                               found=f"{utype} {iss.unit_name}".strip(), unit=f"{utype} {iss.unit_name}".strip(),
                               date=date_s,
                               reason_vi="không có trong danh sách 3.321 đơn vị cấp xã (34 nghị quyết UBTVQH ngày 16/6/2025)",
                               reason_en="not among the 3,321 commune-level units (34 UBTVQH resolutions of 16/06/2025)")


def _prov_label(name: str) -> str:
    au = admin_units()
    p = au.province_ever(name)
    return p.full_name if p else name


def _district_suggestion(iss: IssuerInfo) -> str | None:
    if iss.province:
        succ = admin_units().successor(iss.province, dt.date.max)
        if succ:
            return f"cấp tỉnh ({succ.full_name}) hoặc xã/phường kế thừa / the province or the successor commune"
    return None


# -- TQ011: the địa danh names a unit that exists on the date -------------------------------------

@check("TQ011")
def place_exists(doc: LegalDocument, ctx, rule):
    """The địa danh is the official name of the unit where the issuer sits (ND30 PL I II.4.a): an old
    province name after 01/07/2025 is stale, unless it is also the issuer's own commune (phường Nam
    Định, tỉnh Ninh Bình, writes "Nam Định")."""
    place = (doc.date.place if doc.date and doc.date.place else None) or doc.metadata.place
    day = ctx.date
    if not place or day < REORGANISATION:
        return
    au = admin_units()
    if not au.is_province_name(place) or au.province_exists(place, day):
        return
    f = facts(doc, ctx)
    iss = f.issuer
    expected = None
    if iss is not None and f.level == "commune":
        if name_key(place) == name_key(iss.unit_name or ""):
            return
        expected = iss.unit_name
    elif iss is not None and f.level == "district":
        return  # TQ010 reports the district itself
    elif iss is not None and f.level == "province":
        succ = au.successor(place, day)
        expected = succ.name if succ else None
    else:
        if au.communes(place, on=day):
            return  # a commune of that name exists: no safe expectation without the issuer
        succ = au.successor(place, day)
        expected = succ.name if succ else None
    block = doc.date.block if doc.date else _first_block(doc, "dia_danh_ngay")
    yield rule.finding(ctx, block=block, component="dia_danh_ngay", found=place, expected=expected,
                       date=day.strftime("%d/%m/%Y"), suggestion=expected)


# -- TQ012: old province names in the title and scope articles ------------------------------------

_OLD_UNIT_RE = re.compile(r"\b(tỉnh|thành phố)\s+((?:[A-ZĐÀ-Ỹ][^\s,.;:()]*(?:\s+-\s+|\s+)?){1,4})")
_SCOPE_TITLE = re.compile(r"phạm\s+vi|đối\s+tượng\s+áp\s+dụng", re.I)


def _defunct_province_in(text: str, day: dt.date):
    """(match start, name as written, successor) for "tỉnh X" naming a province gone on `day`,
    unless marked "(cũ)"."""
    au = admin_units()
    for m in _OLD_UNIT_RE.finditer(text):
        words = m.group(2).split()
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n]).strip(" -")
            if au.is_province_name(cand):
                if not au.province_exists(cand, day):
                    tail = text[m.start(2) + len(" ".join(words[:n])):][:8]
                    if "cũ" not in tail:
                        yield m.start(), f"{m.group(1)} {cand}", au.successor(cand, day)
                break


@check("TQ012")
def old_unit_in_scope(doc: LegalDocument, ctx, rule):
    day = ctx.date
    if day < REORGANISATION:
        return
    places: list[tuple[int | None, str, str]] = []
    c = doc.component("trich_yeu")
    if c is not None:
        places.append((c.blocks[0] if c.blocks else None, c.text, "trich_yeu"))
    for n in doc.nodes():
        if n.kind == "dieu" and n.title and _SCOPE_TITLE.search(n.title):
            for i in range(n.block_start, n.block_end + 1):
                if not doc.in_quotation(i):
                    places.append((i, doc.block(i).text, "noi_dung"))
    seen = set()
    for block, text, comp in places:
        for _, found, succ in _defunct_province_in(text, day):
            if found in seen:
                continue
            seen.add(found)
            yield rule.finding(ctx, block=block, component=comp, found=found,
                               expected=succ.full_name if succ else None, date=day.strftime("%d/%m/%Y"),
                               suggestion=f"{succ.full_name} (hoặc \"{found} (cũ)\")" if succ else None)


# -- TQ020–TQ023: signature authority -------------------------------------------------------------

def _auth(sig) -> tuple[str, ...]:
    return tuple(a.upper().rstrip(".") + "." for a in sig.authority)


def _is_deputy(position: str) -> bool:
    u = _upper(position)
    return any(u.startswith(t) for t in matrix()["deputy_titles"])


@check("TQ020")
def collective_signature(doc: LegalDocument, ctx, rule):
    f = facts(doc, ctx)
    sig = doc.signature
    if sig is None or not f.vbqppl_form or f.doc_type != "Quyết định" or not (sig.position or sig.authority):
        return
    auth = _auth(sig)
    block = sig.blocks[0] if sig.blocks else None
    if f.body == "ubnd" and f.level in ("province", "district", "commune") and "TM." not in auth:
        yield rule.finding(ctx, block=block, component="quyen_han_ky",
                           found=" / ".join(sig.authority_lines) or (sig.position or "—"),
                           expected="TM. ỦY BAN NHÂN DÂN", suggestion="TM. ỦY BAN NHÂN DÂN")
    elif f.body == "chu_tich_ubnd" and "TM." in auth:
        # A decision of the chair is signed in the chair's own name (QĐ-CTUBND) [E]/[I].
        yield rule.finding(ctx, block=block, component="quyen_han_ky", severity="info",
                           found=" / ".join(sig.authority_lines), expected="CHỦ TỊCH (không ghi TM.)")


def signature_lines(doc: LegalDocument, sig) -> list[str]:
    """The signature block as printed (upper-cased, markup stripped), from the contiguous block span
    the parser assigned, extended upwards over capitalised authority lines it may have left out."""
    if not sig.blocks:
        return [_upper(x) for x in (*sig.authority_lines, sig.position or "")]
    lo, hi = min(sig.blocks), max(sig.blocks)
    clean = lambda i: _upper(re.sub(r"[*_|#]", " ", doc.block(i).text))  # noqa: E731
    k = 0
    while lo > 0 and k < 3:
        t = clean(lo - 1)
        if not t or len(t) > 80 or t.startswith("-") or t != t.upper() or not re.search(r"[A-ZĐ]", t) or (
                t.startswith(("NƠI NHẬN", "LƯU"))):
            break
        if not re.match(r"^(TM|KT|Q|TL|TUQ)\.?\s", t):
            break
        lo -= 1
        k += 1
    lines = []
    for i in range(lo, hi + 1):
        if clean(i):
            lines.append(clean(i))
    return lines


# "KT.", and the misspelt "KT " / "K.T " (TT019/TT119 report the spelling; here it still means ký thay)
_KT_LINE = re.compile(r"^K\.?T(?:\.\s*|\s+)(?=[A-ZĐÀ-Ỹ])")


def _signature_in_closing(doc: LegalDocument, sig) -> bool:
    """The parser sometimes takes a capitalised title line for the signature; a real signature
    comes after the first article."""
    if not sig.name:
        return False   # a capitalised line in the body without a signer's name under it
    first = min((n.block_start for n in doc.nodes() if n.kind == "dieu"), default=None)
    return not sig.blocks or first is None or min(sig.blocks) > first


_PARTY_NUMBER = re.compile(r"^\s*\d+\s*-\s*[A-ZĐa-z]+\s*/")   # "432-TB/VPTW", "60-NQ/TW"


def _party_document(doc: LegalDocument) -> bool:
    """Party documents follow the Party's own rules (K/T, T/M, T/L), not NĐ 30."""
    num = doc.metadata.number or (doc.number.raw if doc.number else "")
    name = (doc.issuer.name if doc.issuer else "") or ""
    return bool(_PARTY_NUMBER.match(num or "")) or name.upper().startswith(("ĐẢNG", "BAN CHẤP HÀNH"))


@check("TQ021")
def deputy_signature(doc: LegalDocument, ctx, rule):
    sig = doc.signature
    if sig is None or not sig.position:
        return
    if not _signature_in_closing(doc, sig) or _party_document(doc):
        return
    lines = signature_lines(doc, sig)
    if sig.blocks and sig.blocks[0] > 0:
        above = doc.source.blocks[sig.blocks[0] - 1].text.strip()
        if _KT_LINE.match(above) and above == above.upper():
            lines = [above] + lines     # a misspelt "K.T THỐNG ĐỐC" the parser left above the block
    kt = [x for x in lines if _KT_LINE.match(x)]
    rest = " ".join(x for x in lines if not _KT_LINE.match(x))
    deputy = [x for x in lines if _is_deputy(x) and not _KT_LINE.match(x)]
    if not deputy and re.search(r"(^|\s)(PHÓ\s|THỨ\s+TRƯỞNG)", rest):   # a title wrapped over lines
        deputy = [rest]
    other_auth = any(re.match(r"^(TL|TUQ|Q)\.\s", x) for x in lines)
    block = sig.blocks[0] if sig.blocks else None
    sev = rule.severity if ctx.kind != "vbqppl" else weaker(rule.severity, "warning")
    if kt and not deputy:
        yield rule.finding(ctx, block=block, component="chuc_vu", severity=sev, found=" / ".join(lines[:4]),
                           expected="KT. <CẤP TRƯỞNG> / PHÓ … (THỨ TRƯỞNG)")
    elif deputy and not kt and not other_auth:
        yield rule.finding(ctx, block=block, component="chuc_vu", severity=sev, found=" / ".join(lines[:4]),
                           expected=f"KT. <CẤP TRƯỞNG> / {deputy[0]}")


@check("TQ022")
def no_tl_tuq_on_vbqppl(doc: LegalDocument, ctx, rule):
    f = facts(doc, ctx)
    sig = doc.signature
    if sig is None or not f.vbqppl_form:
        return
    bad = [a for a in _auth(sig) if a in ("TL.", "TUQ.")]
    if bad:
        yield rule.finding(ctx, block=sig.blocks[0] if sig.blocks else None, component="quyen_han_ky",
                           found=", ".join(bad))


@check("TQ023")
def position_matches_issuer(doc: LegalDocument, ctx, rule):
    f = facts(doc, ctx)
    sig = doc.signature
    if sig is None or not sig.position or not f.vbqppl_form or not f.body:
        return
    allowed = matrix()["positions"].get(f.body)
    if not allowed:
        return
    pos = _upper(sig.position)
    if any(pos.startswith(p) for p in allowed) or not _signature_in_closing(doc, sig):
        return
    # The parser may take a form in an appendix for the signature: when a line of the document is
    # an allowed title (the real signature), do not report.
    if any(_upper(re.sub(r"[*_|#]", " ", b.text)) in allowed for b in doc.source.blocks):
        return
    yield rule.finding(ctx, block=sig.blocks[-1] if sig.blocks else None, component="chuc_vu", found=pos,
                       expected=" / ".join(allowed), issuer=f.issuer.name if f.issuer else f.body)


# -- TQ024: the enacting line names the issuer ---------------------------------------------------

_ENACT_RE = re.compile(r"\b(QUYẾT NGHỊ|QUYẾT ĐỊNH|BAN HÀNH)\b")


def enacting_line(doc: LegalDocument) -> tuple[int | None, str] | None:
    """The enacting line ("Ủy ban nhân dân tỉnh … ban hành Quyết định …", "QUYẾT NGHỊ:") with its block."""
    c = doc.component("ban_hanh")
    if c is not None and c.text.strip():
        return (c.blocks[0] if c.blocks else None), c.text
    first_article = min((n.block_start for n in doc.nodes() if n.kind == "dieu"), default=None)
    preamble = {i for name in ("can_cu", "de_nghi", "xet", "trich_yeu") for c in doc.components_named(name)
                for i in c.blocks}
    for b in doc.source.blocks[: first_article if first_article is not None else len(doc.source.blocks)]:
        t = re.sub(r"[*_]", "", b.text).strip()
        if b.index in preamble or t.startswith(("Căn cứ", "Xét", "Theo")):
            continue
        if re.fullmatch(r"(QUYẾT NGHỊ|QUYẾT ĐỊNH)\s*:?", t):
            return b.index, t
        if re.match(r"(Chủ tịch |Bộ trưởng |Thủ tướng |Chính phủ|Ủy ban|Uỷ ban|Hội đồng)", t) and re.search(
                r"\bban hành (Quyết định|Nghị quyết|Thông tư|Nghị định)\b", t):
            return b.index, t
    return None


@check("TQ024")
def enacting_line_matches_issuer(doc: LegalDocument, ctx, rule):
    f = facts(doc, ctx)
    if not f.vbqppl_form or f.body not in ("ubnd", "hdnd", "chu_tich_ubnd", "bo", "chinh_phu", "thu_tuong"):
        return
    hit = enacting_line(doc)
    if hit is None:
        return
    block, text = hit
    u = _upper(text)
    head = re.split(r"\bBAN HÀNH\b|\bQUYẾT NGHỊ\b|\bQUYẾT ĐỊNH\b", u)[0]   # the actor precedes the verb
    actor = None
    for a in matrix()["enacting_actors"]:
        if head.strip() and re.search(a["pattern"], head):
            actor = a["body"]
            break
    expected = {"hdnd": "Hội đồng nhân dân … QUYẾT NGHỊ:", "ubnd": "Ủy ban nhân dân … ban hành Quyết định …",
                "chu_tich_ubnd": "Chủ tịch Ủy ban nhân dân … ban hành Quyết định …",
                "bo": "Bộ trưởng Bộ … ban hành Thông tư …", "chinh_phu": "Chính phủ ban hành Nghị định …",
                "thu_tuong": "Thủ tướng Chính phủ ban hành Quyết định …"}[f.body]
    wrong_actor = actor is not None and actor != f.body
    wrong_verb = (f.body == "hdnd" and f.doc_type == "Nghị quyết" and "QUYẾT NGHỊ" not in u
                  and re.fullmatch(r"QUYẾT ĐỊNH\s*:?", u) is not None) or (
        f.body in ("ubnd", "chu_tich_ubnd") and "QUYẾT NGHỊ" in u)
    if wrong_actor or wrong_verb:
        yield rule.finding(ctx, block=block, component="ban_hanh", found=text.strip()[:160], expected=expected)
