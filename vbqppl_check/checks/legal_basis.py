"""Căn cứ ban hành (CC…): kind, rank, validity, internal consistency and form of each căn cứ.

Facts: ../shared/reference/legal-framework.md §5 (hierarchy, what a căn cứ must be, citation form)
and legal-texts-addendum.md §2.2 (NĐ 78 Điều 68 k1 as amended by NĐ 187).
"""
from __future__ import annotations

import re

from ..engine import check
from ..law.registry import number_key, title_key
from ..model import Citation, LegalDocument
from ..parse.citations import extract_citations

NOT_VBQPPL = {"Công văn", "Kế hoạch", "Thông báo", "Kết luận", "Công điện", "Tờ trình", "Báo cáo", "Hướng dẫn",
              "Văn bản", "Văn bản hợp nhất", "Quy định"}
NAMED = {"Luật", "Bộ luật", "Pháp lệnh"}

# rank by legal force (legal-framework.md §5a; lower = higher force)
_RANKS = (
    (re.compile(r"/QH\d*$"), 2), (re.compile(r"UBTVQH"), 3), (re.compile(r"PL-"), 3), (re.compile(r"-CTN$"), 4),
    (re.compile(r"NĐ-CP$|NQ-CP$|NQLT-CP"), 5), (re.compile(r"QĐ-TTG$"), 6), (re.compile(r"NQ-HĐTP$"), 7),
    (re.compile(r"^TTLT-"), 8), (re.compile(r"^TT-"), 8), (re.compile(r"NQ-HĐND"), 10), (re.compile(r"QĐ-UBND$"), 11),
    (re.compile(r"QĐ-CTUBND$"), 12),
)
_TYPE_RANKS = {"Hiến pháp": 1, "Bộ luật": 2, "Luật": 2, "Pháp lệnh": 3, "Lệnh": 4, "Nghị định": 5,
               "Thông tư": 8, "Thông tư liên tịch": 8}


def citations(doc: LegalDocument, ctx) -> tuple[Citation, ...]:
    if "citations" not in ctx.cache:
        ctx.cache["citations"] = doc.citations or extract_citations(doc)
    return ctx.cache["citations"]


def basis(doc, ctx) -> list[Citation]:
    return [c for c in citations(doc, ctx) if c.kind == "basis" and c.document is not None]


def cited_rank(c: Citation) -> int | None:
    d = c.document
    if d is None:
        return None
    if d.number:
        sym = number_key(d.number).split("/")[-1]
        for pat, r in _RANKS:
            if pat.search(sym):
                return r
    return _TYPE_RANKS.get(d.doc_type or "")


def draft_rank(doc: LegalDocument) -> int | None:
    """Rank of the document being checked, from its type and issuer (metadata, else the header lines)."""
    md = doc.metadata
    typ = (md.type or "").lower()
    issuer = (md.issuer or (doc.issuer.name if doc.issuer else "") or "").lower()
    if not typ or not issuer:
        head = [b.text.strip() for b in doc.source.blocks[:15]]
        if not typ:
            typ = next((t.lower() for t in head if t.upper() == t and t.lower() in (
                "quyết định", "nghị quyết", "thông tư", "nghị định", "chỉ thị")), "")
        if not issuer:
            issuer = next((t.lower() for t in head if re.match(r"(ỦY|UỶ) BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CHÍNH PHỦ|BỘ ", t)),
                          "")
    if "nhân dân" in issuer and "hội đồng" in issuer:
        return 10 if typ == "nghị quyết" else None
    if "ủy ban nhân dân" in issuer or "uỷ ban nhân dân" in issuer:
        return 11 if typ == "quyết định" else None
    if issuer.startswith("chính phủ"):
        return 5 if typ in ("nghị định", "nghị quyết") else None
    if issuer.startswith("bộ") and typ == "thông tư":
        return 8
    return None


def _loc(c: Citation) -> dict:
    return {"block": c.span.block, "start": c.span.start, "end": c.span.end, "component": "can_cu"}


def _ident(c: Citation) -> str:
    d = c.document
    if d is None:
        return c.text
    name = d.number or d.title
    if name and d.doc_type and name.lower().startswith(d.doc_type.lower()):
        return name            # the title already starts with its type: "Luật Tổ chức …"
    return " ".join(x for x in (d.doc_type, name) if x)


def _replacements_in_force(reg, entry, day, depth: int = 0) -> list[str]:
    """Follow replaced_by until a document in force on `day` (65/2025 → 72/2025 and so on)."""
    out: list[str] = []
    for num in entry.replaced_by:
        nxt = reg.get(num)
        if nxt is not None and nxt.replaced_by and nxt.in_force_on(day) is False and depth < 5:
            out.extend(_replacements_in_force(reg, nxt, day, depth + 1) or [num])
        else:
            out.append(num)
    return list(dict.fromkeys(out))


def _without_year(number: str) -> bool:
    """A VBQPPL's number shows its year (Luật 64/2025 Điều 7 k3; Luật 80/2015 likewise): "1269/QĐ-TTg",
    "11/NQ-CP" are individual (administrative) decisions."""
    return bool(re.match(r"^\d+[\d.]*/[A-ZĐ]", number_key(number)))


@check("CC001")
def basis_not_vbqppl(doc, ctx, rule):
    for c in basis(doc, ctx):
        d = c.document
        if d.party or d.doc_type in NOT_VBQPPL or (d.number and (
                re.search(r"/(CV|KH|TB|VBHN)-|-(KL|NQ|CT|QĐ)\w*/TW", number_key(d.number))
                or _without_year(d.number))):
            yield rule.finding(ctx, **_loc(c), found=c.text[:160].rstrip(), expected="văn bản quy phạm pháp luật",
                               suggestion=f"Chuyển sang dòng \"Thực hiện {_ident(c)} …\"")


@check("CC002")
def basis_invalid_date(doc, ctx, rule):
    for c in citations(doc, ctx):
        for d in (c.document, *c.amended_by):
            if d is not None and d.date_valid is False:
                yield rule.finding(ctx, **_loc(c), found=d.date_raw, expected="ngày tháng năm hợp lệ")


@check("CC003")
def number_year_vs_date(doc, ctx, rule):
    for c in citations(doc, ctx):
        d = c.document
        if d is None or not d.number or not d.date:
            continue
        m = re.match(r"^[^/]+/(\d{4})/", d.number)
        if m and int(m.group(1)) != int(d.date[:4]):
            yield rule.finding(ctx, **_loc(c), found=f"{d.number} — {d.date_raw}",
                               expected=f"năm {m.group(1)}")


_SYMBOL_ISSUER = (("NĐ-CP", ("chính phủ",)), ("QĐ-TTG", ("thủ tướng",)), ("QH", ("quốc hội",)),
                  ("UBTVQH", ("ủy ban thường vụ quốc hội", "uỷ ban thường vụ quốc hội")))


@check("CC004")
def symbol_vs_issuer(doc, ctx, rule):
    for c in basis(doc, ctx):       # in running text and tables the issuer may be the next cell's text
        d = c.document
        if d is None or not d.number or not d.issuer or "/" not in d.number:
            continue
        sym = number_key(d.number).split("/")[-1]
        for key, names in _SYMBOL_ISSUER:
            if (sym == key or (key == "QH" and re.fullmatch(r"QH\d+", sym))) and \
                    not any(d.issuer.lower().startswith(n) for n in names):
                yield rule.finding(ctx, **_loc(c), found=f"{d.number} — của {d.issuer}", expected=names[0])


@check("CC005")
def basis_not_higher(doc, ctx, rule):
    mine = draft_rank(doc)
    if mine is None:
        return
    for c in basis(doc, ctx):
        r = cited_rank(c)
        if r is not None and r >= mine and "sửa đổi" not in (doc.metadata.title or "").lower():
            yield rule.finding(ctx, **_loc(c), found=_ident(c), expected="văn bản có hiệu lực pháp lý cao hơn")


# Types a citation and a registry entry can both carry; "Bộ luật" is a kind of "Luật".
_KNOWN_TYPES = {"hiến pháp", "luật", "bộ luật", "pháp lệnh", "lệnh", "nghị quyết", "nghị định", "quyết định",
                "thông tư", "thông tư liên tịch", "nghị quyết liên tịch", "chỉ thị"}


def _type_key(t: str | None) -> str | None:
    t = (t or "").strip().lower()
    if t not in _KNOWN_TYPES:
        return None
    return "luật" if t == "bộ luật" else t


def registry_match(reg, d):
    """The registry entry for a cited document: number (narrowed by issuer), then type, then date.

    One number can name two documents (55/2010/QH12 is a Luật and a Nghị quyết of the same Quốc hội):
    an entry of another type is another document, so it is not used to judge the citation; among
    several entries of the right type, the one signed on the cited date wins."""
    found = reg.lookup(d.number, d.issuer)
    want = _type_key(d.doc_type)
    if want and found:
        found = tuple(e for e in found if _type_key(e.type) in (None, want))
    if len(found) > 1 and d.date:
        found = tuple(e for e in found if e.signed and e.signed.isoformat() == d.date) or found
    return found[0] if found else None


def _entry(reg, d):
    if d.number:
        return registry_match(reg, d)
    if d.title and d.date:
        found = reg.lookup_title(d.title, d.date)
        return found[0] if found else None
    return None


@check("CC006")
def basis_not_in_force(doc, ctx, rule):
    reg = ctx.registry()
    for c in basis(doc, ctx):
        e = _entry(reg, c.document)
        if e is None:
            continue
        if e.effective and ctx.date < e.effective and not (e.expiry and e.expiry <= ctx.date):
            continue   # issued, not yet in force: allowed if it takes effect no later than the draft
        if e.in_force_on(ctx.date) is False:
            repl = ", ".join(_replacements_in_force(reg, e, ctx.date))
            yield rule.finding(ctx, **_loc(c), found=f"{_ident(c)} (hết hiệu lực từ {e.expiry:%d/%m/%Y})" if e.expiry else f"{_ident(c)} (hết hiệu lực)",
                               expected="văn bản còn hiệu lực", suggestion=f"Thay bằng {repl}" if repl else None,
                               replacement=repl or "—")


_LOCAL_NUMBER = re.compile(r"UBND|HĐND|/TW$")


@check("CC007")
def basis_unknown(doc, ctx, rule):
    """One finding per document: how many central căn cứ the registry could not verify (a registry
    covers only part of the law; one line per citation taught officers to ignore the category)."""
    reg = ctx.registry()
    unknown: list[Citation] = []
    seen: set[str] = set()   # the unknown numbers so far (a set: a long list of căn cứ stays linear)
    for c in basis(doc, ctx):
        d = c.document
        if not d.number:
            continue
        key = number_key(d.number)
        # local numbers (QĐ-UBND, NQ-HĐND) are not unique across provinces; only central ones are judged
        if not _LOCAL_NUMBER.search(key) and registry_match(reg, d) is None and key not in seen:
            seen.add(key)
            unknown.append(c)
    if unknown:
        numbers = ", ".join(c.document.number for c in unknown)
        yield rule.finding(ctx, **_loc(unknown[0]), found=numbers, count=len(unknown))


@check("CC008")
def basis_date_mismatch(doc, ctx, rule):
    reg = ctx.registry()
    for c in basis(doc, ctx):
        d = c.document
        if not d.number or not d.date:
            continue
        e = registry_match(reg, d)
        if e is not None and e.signed and e.signed.isoformat() != d.date:
            # a registry date read from one citation elsewhere may be that citation's misprint (review set 4
            # of issue 12: "19/12/2013" for NĐ 17/2013 of 19/02/2013): information, not a warning
            weak = e.date_support is not None and e.date_support < 2
            yield rule.finding(ctx, **_loc(c), found=f"{d.number} {d.date_raw}",
                               expected=e.signed.strftime("%d/%m/%Y"), severity="info" if weak else None)


@check("CC009")
def basis_title_mismatch(doc, ctx, rule):
    reg = ctx.registry()
    for c in basis(doc, ctx):
        d = c.document
        if d.doc_type not in NAMED or not d.number or not d.title or \
                not d.title.lower().startswith(d.doc_type.lower()):
            continue       # "Luật số 56/2024/QH15 … về sửa đổi …": a number and a subject, no name to compare
        e = registry_match(reg, d)
        if e is None or not e.title or not e.title.lower().startswith(("luật", "bộ luật", "pháp lệnh")):
            continue
        if title_key(e.title) != title_key(d.title):
            yield rule.finding(ctx, **_loc(c), found=d.title, expected=e.title)


@check("CC010")
def law_cited_without_number(doc, ctx, rule):
    for c in basis(doc, ctx):
        d = c.document
        if d.doc_type in NAMED and not d.number:
            yield rule.finding(ctx, **_loc(c), found=c.text[:160],
                               expected=f"{d.title or d.doc_type} số …/…/QH…")


@check("CC011")
def organisation_law_missing(doc, ctx, rule):
    cs = basis(doc, ctx)
    if not cs:
        return
    rank = draft_rank(doc)
    if rank in (10, 11):
        need, key = "Luật Tổ chức chính quyền địa phương", "tổ chức chính quyền địa phương"
    elif rank == 5:
        need, key = "Luật Tổ chức Chính phủ", "tổ chức chính phủ"
    else:
        return
    if not any(key in (c.document.title or "").lower() for c in cs):
        yield rule.finding(ctx, **_loc(cs[0]), found="—", expected=need)


@check("CC012")
def outdated_organisation_law(doc, ctx, rule):
    for c in basis(doc, ctx):
        d = c.document
        for old in rule.params["outdated"]:
            if ctx.date < old["from"]:
                continue
            if d.number:
                hit = number_key(d.number) == number_key(old["number"])
            elif d.title and title_key(d.title) == title_key(old["title"]):
                hit = d.date == str(old["signed"]) if d.date else (
                    d.year == old["year"] and old.get("year_unique", False))
            else:
                hit = False
            if hit:
                yield rule.finding(ctx, **_loc(c), found=c.text[:160], expected=old["replacement"],
                                   suggestion=f"Căn cứ {old['replacement']};")


@check("CC013")
def amendment_not_cited(doc, ctx, rule):
    """NĐ 78 Điều 68 k1 a as amended by NĐ 187: an amended law is cited "… được sửa đổi, bổ sung bởi …"."""
    reg = ctx.registry()
    for c in basis(doc, ctx):
        d = c.document
        if d.doc_type not in NAMED or not d.number:
            continue
        e = reg.get(d.number)
        if e is None or not e.amended_by:
            continue
        cited = {number_key(a.number) for a in c.amended_by if a.number}
        missing = []
        for num in e.amended_by:
            amending = reg.get(num)
            # only amendments already signed on the document's date
            if amending is not None and amending.signed and amending.signed <= ctx.date \
                    and number_key(num) not in cited:
                missing.append(num)
        if missing and not c.relation:
            yield rule.finding(ctx, **_loc(c), found=c.text[:160].rstrip(),
                               expected=f"{d.number} được sửa đổi, bổ sung bởi " + ", ".join(
                                   f"{reg.get(m).type or 'Luật'} số {m}" for m in missing))
