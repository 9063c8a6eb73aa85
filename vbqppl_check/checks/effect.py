"""Effect checks (category `effect`, HL…): the effective-date clause of a VBQPPL.

HL001 no effective date at all; HL002 a relative date ("kể từ ngày ký") where NĐ 78/2025 Điều 67 k2
requires a calendar date; HL003 effect sooner than the minimum after issue (Luật 80/2015 Điều 151,
Luật 64/2025 Điều 53) unless the shortened procedure is stated; HL004 retroactive effect (Luật 64/2025
Điều 55). Numbers and marks: rules/authority.yaml `effect`.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ..engine import check
from ..law.authority import concrete_date_mark, min_effect_days, retroactive_rule, severity_of_mark, weaker
from ..model import LegalDocument
from .authority import facts

_SUBJECT = r"(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết|Quyết định|Thông tư(?: liên tịch)?|Chỉ thị|Lệnh|Văn bản|Quy định|Quy chế)\s+này"
_HL = r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+(?:kể\s+)?từ|\s+kể\s+từ)?"
_DATE_WORDS = re.compile(_HL + r"\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_DATE_NUM = re.compile(_HL + r"\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", re.I)
_RELATIVE = re.compile(_HL + r"\s+(?:ngày\s+)?(?:được\s+)?(ký|ban\s+hành|thông\s+qua)\b", re.I)
_AFTER_N = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:sau|kể\s+từ\s+sau)\s+(\d+)\s+ngày"
                      r"(?:\s*,?\s*kể)?\s+từ\s+ngày\s+(ký|ban\s+hành|thông\s+qua)", re.I)
_BLANK = re.compile(_HL + r"\s+ngày\s*(?:[.…_ ]*tháng[.…_ ]*năm|[.…_]{2,})", re.I)
_ANY = re.compile(r"có\s+hiệu\s+lực", re.I)
_EFFECT_TITLE = re.compile(r"hiệu\s+lực|điều\s+khoản\s+thi\s+hành|trách\s+nhiệm\s+thi\s+hành|tổ\s+chức\s+thực\s+hiện", re.I)


def _is_effect_title(title: str | None) -> bool:
    """An article on effect ("Hiệu lực thi hành", "Tổ chức thực hiện và hiệu lực thi hành"); a long
    "title" that cites another document is body text the parser took for a title."""
    if not title:
        return False
    return len(title) <= 90 and not re.search(r"\d+/\d{4}/", title) and bool(
        _EFFECT_TITLE.search(title))
_SHORTENED = re.compile(r"rút\s+gọn", re.I)
_SELF_DATING = {"quoc_hoi", "ubtvqh", "chu_tich_nuoc"}   # not governed by NĐ 78 Điều 67


@dataclass(frozen=True)
class EffectClause:
    block: int
    text: str
    date: dt.date | None = None       # the calendar date of effect, when stated
    relative: str | None = None       # "ký" | "ban hành" | "thông qua" when stated relative to issue
    after_days: int = 0               # "sau 10 ngày kể từ ngày ký" → 10
    blank: bool = False               # a draft with the date left blank
    invalid: bool = False             # a date that does not exist ("30/02")


_SPACES = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", s))


def _parse(block: int, text: str) -> EffectClause | None:
    t = _norm(text)
    for rx in (_DATE_WORDS, _DATE_NUM):
        m = rx.search(t)
        if m:
            d, mo, y = map(int, m.groups())
            try:
                return EffectClause(block, t, date=dt.date(y, mo, d))
            except ValueError:
                return EffectClause(block, t, invalid=True)
    m = _AFTER_N.search(t)
    if m:
        return EffectClause(block, t, relative=re.sub(r"\s+", " ", m.group(2).lower()), after_days=int(m.group(1)))
    m = _RELATIVE.search(t)
    if m:
        return EffectClause(block, t, relative=re.sub(r"\s+", " ", m.group(1).lower()))
    if _BLANK.search(t):
        return EffectClause(block, t, blank=True)
    return None


def _effect_articles(doc: LegalDocument) -> list:
    """Articles on effect, the last first: the document's own is at its end, while an amending
    document may quote the effect article of the text it amends earlier on."""
    arts = [n for n in doc.nodes() if n.kind == "dieu" and _is_effect_title(n.title)
            and not doc.in_quotation(n.block_start)]
    return sorted(arts, key=lambda n: n.block_start, reverse=True)


def _candidate_blocks(doc: LegalDocument) -> list[int]:
    """Blocks that may state the document's own effect, best first: the article on effect, then the rest."""
    in_effect_article: list[int] = []
    for n in _effect_articles(doc):
        in_effect_article.extend(range(n.block_start, n.block_end + 1))
    can_cu = {b for c in doc.components_named("can_cu") for b in c.blocks}
    # a sample form's "Quyết định này có hiệu lực kể từ ngày ký" is the form's wording (issue #12)
    can_cu |= {b for n in doc.nodes() if n.kind == "mau" for b in range(n.block_start, n.block_end + 1)}
    rest = [b.index for b in doc.source.blocks if b.index not in can_cu]
    seen, out = set(), []
    for i in in_effect_article + rest:
        if i not in seen and not doc.in_quotation(i):
            seen.add(i)
            out.append(i)
    return out


def effect_clause(doc: LegalDocument) -> EffectClause | None:
    """The clause that sets the document's own effective date, or None.

    Lines hard-wrapped into several blocks (Markdown from web pages, PDF lines) are read together
    with the next two blocks; the match must start in the block itself.
    """
    blocks = doc.source.blocks
    in_article: set[int] = set()
    for n in _effect_articles(doc):
        in_article.update(range(n.block_start, n.block_end + 1))
    for i in _candidate_blocks(doc):
        raw = blocks[i].text
        if "có" not in raw.lower() and "\u0301" not in raw:
            continue   # _ANY must start in the block itself, so the block holds its "có" (maybe decomposed)
        own = _norm(raw)
        window = " ".join([own] + [_norm(b.text) for b in blocks[i + 1:i + 3]])
        m = _ANY.search(window)
        if m is None or m.start() > len(own):
            continue
        # Only the document's own effect: "Quyết định này có hiệu lực…", or any such sentence inside
        # the article on effect.
        if i not in in_article and not re.search(_SUBJECT, window[:m.start()], re.I):
            continue
        c = _parse(i, window[: m.start()] + _first_sentence(window[m.start():]))
        if c is not None:
            return c
    return None


def _first_sentence(text: str) -> str:
    """Up to the end of the sentence ("." not inside a date or number), so that a date in the next
    sentence is not read as ours."""
    m = re.search(r"\.(?!\d)(\s|$)|;", text)
    return text[: m.start() + 1] if m else text


def _cached(doc, ctx) -> EffectClause | None:
    if "effect_clause" not in ctx.cache:
        ctx.cache["effect_clause"] = effect_clause(doc)
    return ctx.cache["effect_clause"]


def _mentions_effect(doc: LegalDocument) -> bool:
    return any(_ANY.search(b.text) for b in doc.source.blocks)


def _issue_date(doc: LegalDocument) -> dt.date | None:
    return doc.date.value if doc.date and doc.date.value else None


def _shortened(doc: LegalDocument) -> bool:
    return any(_SHORTENED.search(b.text) for b in doc.source.blocks)


def _is_vbqppl(doc, ctx) -> bool:
    return facts(doc, ctx).vbqppl_form


@check("HL001")
def no_effective_date(doc: LegalDocument, ctx, rule):
    if not _is_vbqppl(doc, ctx) or not doc.source.blocks:
        return
    # Only a complete document with articles: a page cut off before its end (paywalled web copies)
    # or a text without Điều is not evidence of a missing clause.
    if doc.signature is None or not any(n.kind == "dieu" for n in doc.nodes()):
        return
    if _cached(doc, ctx) is not None:
        return
    # Documents that only amend others still state their own effect; an unrecognised "có hiệu lực"
    # sentence is not proof of absence, so that case is reported for information only.
    mark, _ = concrete_date_mark(ctx.date)
    sev = weaker(rule.severity, severity_of_mark(mark))
    if _mentions_effect(doc):
        sev = "info"
    # where the clause belongs: the article on effect ("Điều 2. Hiệu lực thi hành"), else the last
    # article of the document's own text (not of an attached Quy định or phụ lục)
    own = [n for top in doc.body if top.kind not in ("phu_luc", "mau") for n in top.walk() if n.kind == "dieu"]
    arts = [n for n in _effect_articles(doc) if n in own]
    at = arts[0] if arts else (own[-1] if own else None)
    last = at.block_start if at is not None else (doc.body[-1].block_start if doc.body else None)
    yield rule.finding(ctx, block=last, component="dieu" if at is not None else None, severity=sev, found="—",
                       expected="… có hiệu lực (thi hành) kể từ ngày dd tháng mm năm yyyy")


@check("HL002")
def relative_effective_date(doc: LegalDocument, ctx, rule):
    if not _is_vbqppl(doc, ctx):
        return
    c = _cached(doc, ctx)
    if c is None or c.relative is None or facts(doc, ctx).body in _SELF_DATING:
        return
    mark, _ = concrete_date_mark(ctx.date)
    phrase = f"sau {c.after_days} ngày kể từ ngày {c.relative}" if c.after_days else f"kể từ ngày {c.relative}"
    sev = weaker(rule.severity, severity_of_mark(mark))
    if not c.after_days:
        # "kể từ ngày ký": the date printed on the document is the effective date; whether that meets
        # "xác định cụ thể ngày, tháng, năm" is read both ways (review set 3 of issue 12 split 7/6/7), and the
        # Government itself writes it. "sau 15 ngày kể từ ngày ký" names no date at all: a warning.
        sev = "info"
    yield rule.finding(ctx, block=c.block, severity=sev, found=phrase, expected="kể từ ngày dd tháng mm năm yyyy")


_NO_RELATIVE_DATES_FROM = dt.date(2025, 4, 1)   # NĐ 78 Điều 67 k2 (HL002 applies from this day)


@check("HL003")
def effect_too_soon(doc: LegalDocument, ctx, rule):
    if not _is_vbqppl(doc, ctx):
        return
    c = _cached(doc, ctx)
    issued = _issue_date(doc)
    if issued is None and c is not None and c.relative is not None:
        # a relative clause ("kể từ ngày ký") makes the gap whatever the date; an impossible printed date
        # ("ngày 32 tháng 12 năm 2024") still tells the law in force: the judging date (its month/year)
        issued = ctx.date
    if c is None or issued is None:
        return
    if c.date is not None:
        gap = (c.date - issued).days
        if gap < 0:
            return  # retroactive: HL004
    elif c.relative is not None:
        gap = c.after_days      # "kể từ ngày ký": 0 days (HL002 says, as info, that no date is written)
    else:
        return
    f = facts(doc, ctx)
    rule_days = min_effect_days(f.body, f.level, issued)
    if rule_days is None or gap >= rule_days.days or _shortened(doc):
        return
    # Central documents are often issued under the shortened or special procedure without saying so
    # in the text (measured on vbpl.vn: docs/authority.md); for them the finding is information.
    mark = "I" if f.level == "central" else rule_days.mark
    sev = weaker(rule.severity, severity_of_mark(mark))
    if sev == "info" and c.relative is not None and not c.after_days and issued >= _NO_RELATIVE_DATES_FROM:
        return  # "kể từ ngày ký" of a central body: HL002's info already says it; a second info is noise
    level_vi = {"central": "cơ quan trung ương", "province": "cấp tỉnh", "district": "cấp huyện",
                "commune": "cấp xã"}.get(f.level or "", f.level or "")
    yield rule.finding(ctx, block=c.block, severity=sev,
                       found=f"{gap} ngày/days", expected=f"≥ {rule_days.days} ngày/days",
                       days=rule_days.days, gap=gap, level=level_vi, source=rule_days.source,
                       issued=issued.strftime("%d/%m/%Y"))


@check("HL004")
def retroactive_effect(doc: LegalDocument, ctx, rule):
    if not _is_vbqppl(doc, ctx):
        return
    c = _cached(doc, ctx)
    issued = _issue_date(doc)
    if c is None or c.date is None or issued is None or c.date >= issued:
        return
    f = facts(doc, ctx)
    r = retroactive_rule(f.level, issued)
    if r is None:
        return
    sev = "info" if r.allowed_if_needed else weaker(rule.severity, severity_of_mark(r.mark))
    yield rule.finding(ctx, block=c.block, severity=sev, found=c.date.strftime("%d/%m/%Y"),
                       expected=f"≥ {issued.strftime('%d/%m/%Y')}", reason_vi=r.vi, reason_en=r.en)


_ADOPTED = {"quoc_hoi"}   # texts the Quốc hội adopts by vote: their date is the day of adoption


@check("HL110")
def parliament_effect_from_signing(doc: LegalDocument, ctx, rule):
    """A luật or nghị quyết of the Quốc hội that takes effect "kể từ ngày ký". The Quốc hội adopts
    (thông qua) its texts; the Chủ tịch Quốc hội signs them only to authenticate (ký chứng thực), and the
    law counts a text's effect from its adoption or signature of issue (Luật 80/2015 Điều 151, Luật
    64/2025 Điều 53, secondary). "Kể từ ngày ký" names no date of the text's own procedure: every luật
    and nghị quyết of the Quốc hội in the corpus gives a calendar date or "kể từ ngày thông qua"."""
    if not _is_vbqppl(doc, ctx):
        return
    c = _cached(doc, ctx)
    if c is None or c.relative != "ký" or facts(doc, ctx).body not in _ADOPTED:
        return
    phrase = f"sau {c.after_days} ngày kể từ ngày ký" if c.after_days else "kể từ ngày ký"
    adopted = _issue_date(doc)
    yield rule.finding(ctx, block=c.block, found=phrase,
                       expected=("kể từ ngày dd tháng mm năm yyyy" if adopted is None else
                                 f"một ngày cụ thể, tính từ ngày thông qua {adopted.strftime('%d/%m/%Y')}"))
