"""Thể thức (TT): the required components and the form of their text.

Header: Quốc hiệu, Tiêu ngữ, issuer, số ký hiệu, địa danh and date, tên loại and trích yếu.
Rules and their legal references are in rules/catalogue/format.yaml; the values (expected texts,
patterns) are rule parameters where they could change with a regime.
"""
from __future__ import annotations

import dataclasses
import re

from ..engine import check
from ..model import LegalDocument
from ._layout_util import component_blocks, fold_case, is_gazette_print, ocr_text, preamble_lines

DASHES = "–—‐‑−"
_BELOW_HEADER = ("ten_loai", "trich_yeu", "vv", "can_cu", "de_nghi", "xet", "ban_hanh", "noi_dung")


def _ocr(doc: LegalDocument) -> bool:
    """Text recognised from an image: a wrong letter is more likely the OCR's than the author's, so
    the rules on the exact text of a component stay silent (presence rules still apply)."""
    return ocr_text(doc)


def _is_full_document(doc: LegalDocument) -> bool:
    """A header was recognised: number, date or tên loại. Fragments are not asked for components.
    A tên loại on the very first line, with no number nor date, opens a copy of the text alone
    (a web copy that left the header table out): the header is not there to be checked."""
    tl = doc.component("ten_loai")
    if tl is not None and not (doc.number or doc.date):
        first = next((b.index for b in doc.source.body_blocks() if b.text.strip()), None)
        if tl.blocks and first is not None and min(tl.blocks) <= first:
            tl = None
    return bool(doc.number or doc.date or tl or doc.component("vv"))


def _header_candidates(doc: LegalDocument, limit: int = 25):
    """Early blocks (before the tên loại) in reading order: where header components are printed."""
    stop = min(component_blocks(doc, *_BELOW_HEADER) or [limit])
    for b in doc.source.body_blocks()[:limit]:
        if b.index >= stop:
            break
        yield b


def _find_text(doc: LegalDocument, name: str, looks_like) -> tuple[int | None, str | None]:
    comp = doc.component(name)
    if comp is not None:
        return (comp.blocks[0] if comp.blocks else None), comp.text
    for b in _header_candidates(doc):
        for line in b.text.splitlines() or [b.text]:
            if looks_like(line):
                return b.index, line.strip()
    return None, None


# -- Quốc hiệu, Tiêu ngữ ----------------------------------------------------------------------

def _qh_like(line: str) -> bool:
    up = fold_case(line)
    return line.strip() == line.strip().upper() and sum(w in up for w in ("CỘNG", "XÃ HỘI", "CHỦ NGHĨA",
                                                                          "VIỆT NAM")) >= 2


def _header_line(doc, ctx, rule, component, like, default):
    """Find a fixed header line (quốc hiệu, tiêu ngữ); yields the "missing" finding for a whole
    document without it, and returns (block, text or None, expected text)."""
    expected = rule.params.get("text", default)
    block, text = _find_text(doc, component, like)
    if text is None:
        yield from _missing(doc, ctx, rule, component, expected=expected)
    return block, text, expected


def _missing(doc: LegalDocument, ctx, rule, component: str, **kw):
    """The "missing" finding of a presence rule, when the required-components model
    (rules/components.yaml, checks/_required.py) says this document must show the component."""
    from ._required import missing_component, owner_severity
    m = missing_component(doc, ctx, component)
    if m is None:
        return
    kw.setdefault("found", "(không có)")
    kw.setdefault("block", None)
    yield rule.finding(ctx, component=component, severity=owner_severity(rule, m), **kw)


@check("TT001")
def quoc_hieu_text(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    block, text, expected = yield from _header_line(doc, ctx, rule, "quoc_hieu", _qh_like,
                                                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    if text is None:
        return
    same = fold_case(text) == fold_case(expected)
    if not same and doc.source.format == "pdf":
        # PDF text has no space characters: the reader infers them from gaps, and may miss one
        same = fold_case(text).replace(" ", "") == fold_case(expected).replace(" ", "")
    if not same:
        yield rule.finding(ctx, block=block, component="quoc_hieu", found=text.strip(), expected=expected,
                           suggestion=expected)


def _tn_like(line: str) -> bool:
    low = line.lower()
    return sum(w in low for w in ("độc lập", "tự do", "hạnh phúc")) >= 2


@check("TT002")
def tieu_ngu_text(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    block, text, expected = yield from _header_line(doc, ctx, rule, "tieu_ngu", _tn_like,
                                                    "Độc lập - Tự do - Hạnh phúc")
    if text is None:
        return
    found = " ".join(text.split())
    if found == expected:
        return
    dashes = re.sub(f"[{DASHES}]", "-", found)
    # a dash that is not the hyphen "-" is a typographic slip, less than a wrong text; in a text or web
    # copy it is often the website's own header template, not the document's (issue #12, review set 3)
    sev = None
    if dashes == expected:
        sev = "warning" if doc.source.format in ("docx", "pdf", "doc") else "info"
    yield rule.finding(ctx, block=block, component="tieu_ngu", found=found, expected=expected,
                       suggestion=expected, severity=sev)


# -- Issuer -------------------------------------------------------------------------------------

@check("TT003")
def issuer_present(doc: LegalDocument, ctx, rule):
    yield from _missing(doc, ctx, rule, "co_quan_ban_hanh", expected="tên cơ quan, tổ chức ban hành văn bản")


# -- Số, ký hiệu --------------------------------------------------------------------------------

_LABEL = re.compile(r"(?:(?:Luật|Bộ luật|Nghị quyết|Pháp lệnh|Lệnh)\s+)?(s[ốo]|S[ỐốOo])\s*(:?)", re.IGNORECASE)


_LOOSE_NUMBER = re.compile(r"(?i)(?<!\w)s[ốo]\s*:?\s*[\d\s.…_]*/")


def _number_line(doc: LegalDocument):
    n = doc.number
    tl = component_blocks(doc, *_BELOW_HEADER)
    if n is not None and n.block is not None and (
            (tl and n.block > min(tl)) or
            re.match(r"\s*(Căn cứ|Theo|Xét|Điều)\b", doc.source.blocks[n.block].text)):
        n = None  # a number found below the title belongs to the body (a căn cứ), not to the header
    if n is None:
        # the parser may not take a misspelt label ("SỐ:") for a number: look in the header
        from ..parse.number import parse_number
        for b in _header_candidates(doc):
            m = _LOOSE_NUMBER.search(b.text)
            if m:
                n = parse_number(b.text[m.start():].split(":", 1)[-1].lstrip(" SsốỐoO"), block=b.index)
                if n is not None:
                    return n, b.text
        return None, None
    if n.block is None:
        return None, None
    return n, doc.source.blocks[n.block].text


@check("TT004", "TT104")
def so_label(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    n, text = _number_line(doc)
    if n is None:
        return
    # a symbol wrapped in its cell ("3783/QĐ-" / "UBND") has only its first line on the label's line
    pos = text.find(n.raw.split("\n")[0]) if n.raw else -1
    if pos < 0:        # the raw number was normalised ("75    /2025/TT-BNNMT"): it starts at its first digit
        digit = re.search(r"\d", text)
        pos = digit.start() if digit else -1
    head = text[:pos] if pos >= 0 else text
    m = None
    for m in _LABEL.finditer(head):
        pass
    allow_type = rule.params.get("allow_type_prefix", False)
    if m is None or head[m.end():].strip():
        found = head.strip() or "(không có “Số:”)"
        yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=found, expected="Số:")
        return
    word, colon = m.group(1), m.group(2)
    typed = m.group(0)[: m.start(1) - m.start(0)].strip()
    ok_word = word == "Số" or (allow_type and typed and word == "số")
    if typed and not allow_type:
        ok_word = False
    if not ok_word or not colon:
        yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=m.group(0).strip(),
                           expected="Số:", suggestion="Số:")


@check("TT005", "TT105")
def so_running_number(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    n, _ = _number_line(doc)
    if n is None or n.blank or not n.number:
        return
    num = n.number
    if not num.isdigit():
        if not re.fullmatch(r"\d+[a-zA-Z]?", num.replace(".", "")):
            yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=num,
                               expected="chữ số Ả Rập")
        return
    if int(num) < 10 and not num.startswith("0"):
        yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=num, expected=f"0{int(num)}",
                           suggestion=f"0{int(num)}")


@check("TT006", "TT106")
def so_no_spaces(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    n, _ = _number_line(doc)
    if n is None or not n.raw:
        return
    # a line break right after "-" or "/" is a symbol wrapped in its table cell, not a typed space
    raw = re.sub(r"(?<=[-/])[ \t]*\n[ \t]*", "", n.raw)
    if n.blank:  # a draft leaves the number blank: only the symbol part must be written together
        raw = raw[raw.find("/"):] if "/" in raw else raw
    if re.search(r"\s", raw.strip()):
        fixed = re.sub(r"\s+", "", raw.strip())
        yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=raw.strip(), expected=fixed,
                           suggestion=fixed)


@check("TT007")
def so_type_abbreviation(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    from ..parse.doctypes import type_by_name
    n, _ = _number_line(doc)
    tl = doc.component("ten_loai")
    if n is None:
        return
    first = (n.type_abbr or (n.symbol.split("-")[0] if n.symbol else "")).strip()
    if tl is None:
        # a công văn: its ký hiệu is issuer–unit; "CV" is not an abbreviation of ND30 Phụ lục III
        if first.upper() == "CV":
            yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=n.raw,
                               expected="chữ viết tắt tên cơ quan - đơn vị soạn thảo", severity="warning")
        return
    t = type_by_name(" ".join(tl.text.split()))
    if t is None or not t.abbrs:
        return
    if n.type_abbr in t.abbrs:
        return
    yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=n.raw, expected="/".join(t.abbrs),
                       type_name=t.name)


@check("TT008")
def hc_number_without_year(doc: LegalDocument, ctx, rule):
    n, _ = _number_line(doc)
    if n is None or n.year is None:
        return
    yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=n.raw,
                       expected=n.raw.replace(f"/{n.year}", "", 1))


@check("TT108")
def vbqppl_number_with_year(doc: LegalDocument, ctx, rule):
    n, _ = _number_line(doc)
    if n is None or n.year is not None or not n.symbol:
        return
    yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=n.raw,
                       expected="số/năm ban hành/ký hiệu")


@check("TT109")
def number_year_matches_date(doc: LegalDocument, ctx, rule):
    n, d = doc.number, doc.date
    if n is None or d is None or n.year is None or d.year is None or d.blank:
        return
    if n.year != d.year:
        yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=str(n.year), expected=str(d.year))


# -- Địa danh và ngày ---------------------------------------------------------------------------

_DATE_WORDS = re.compile(r"ngày\s+(?P<d>\S*?)\s+tháng\s+(?P<m>\S*?)\s+năm\s+(?P<y>\S+)", re.IGNORECASE)
_DATE_NUMERIC = re.compile(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,5}\b")


def _date_line(doc: LegalDocument):
    d = doc.date
    comp = doc.component("dia_danh_ngay")
    if comp is not None:
        return (comp.blocks[0] if comp.blocks else d.block if d else None), comp.text
    if d is not None and d.block is not None:
        if re.search(r"thông\s+qua\s+ngày", d.raw or "", re.IGNORECASE):
            # the closing formula of a law or resolution of the Quốc hội/UBTVQH ("… được Quốc hội …
            # thông qua ngày …"): no place-and-date line to judge (issue #12)
            return None, None
        return d.block, d.raw
    # the parser may miss a malformed date line ("Hà Nội ngày …"): look in the header
    for b in _header_candidates(doc):
        if _DATE_WORDS.search(b.text):
            return b.index, b.text
    return None, None


@check("TT010", "TT110")
def date_leading_zeros(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    block, text = _date_line(doc)
    if text is None:
        return
    m = _DATE_WORDS.search(text)
    if m is None:
        if _DATE_NUMERIC.search(text):
            yield rule.finding(ctx, block=block, component="dia_danh_ngay", found=text.strip(),
                               expected="ngày … tháng … năm …")
        return
    day, month = m.group("d"), m.group("m")
    problems, fixed = [], {}
    if day.isdigit() and int(day) < 10 and not day.startswith("0"):
        problems.append(f"ngày {day}")
        fixed["d"] = f"0{int(day)}"
    if month.isdigit() and int(month) in (1, 2) and not month.startswith("0"):
        problems.append(f"tháng {month}")
        fixed["m"] = f"0{int(month)}"
    if problems:
        exp = f"ngày {fixed.get('d', day)} tháng {fixed.get('m', month)} năm {m.group('y')}"
        yield rule.finding(ctx, block=block, component="dia_danh_ngay", found=m.group(0), expected=exp,
                           suggestion=exp)


@check("TT011")
def date_month_padding(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    block, text = _date_line(doc)
    if text is None:
        return
    m = _DATE_WORDS.search(text)
    if m and m.group("m").isdigit() and m.group("m").startswith("0") and int(m.group("m")) >= 3:
        yield rule.finding(ctx, block=block, component="dia_danh_ngay", found=f"tháng {m.group('m')}",
                           expected=f"tháng {int(m.group('m'))}")


_PLACE = re.compile(r"^(?P<place>.*?)(?P<comma>,?)\s*ngày\b", re.IGNORECASE | re.DOTALL)


@check("TT012", "TT112")
def date_place(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    block, text = _date_line(doc)
    if text is None or not _DATE_WORDS.search(text):
        return
    m = _PLACE.search(text.strip())
    if m is None:
        return
    place = m.group("place").strip()
    if not place:
        yield rule.finding(ctx, block=block, component="dia_danh_ngay", found=text.strip(),
                           expected="<địa danh>, ngày … tháng … năm …")
    elif not m.group("comma"):
        yield rule.finding(ctx, block=block, component="dia_danh_ngay", found=text.strip(),
                           expected=f"{place}, ngày …", suggestion=f"{place},")
    elif not place[0].isupper():
        yield rule.finding(ctx, block=block, component="dia_danh_ngay", found=place,
                           expected=place[0].upper() + place[1:])


@check("TT013")
def date_valid(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    d = doc.date
    if d is None or d.blank or d.valid:
        return
    yield rule.finding(ctx, block=d.block, component="dia_danh_ngay", found=d.raw, expected="một ngày có thật")


# -- Tên loại, trích yếu --------------------------------------------------------------------------

@check("TT014")
def ten_loai_present(doc: LegalDocument, ctx, rule):
    yield from _missing(doc, ctx, rule, "ten_loai", expected="tên loại văn bản hoặc “V/v …”")


@check("TT015")
def trich_yeu_present(doc: LegalDocument, ctx, rule):
    tl = doc.component("ten_loai")
    if tl is None:
        return  # the trích yếu is found under the tên loại: without it, TT014 says what is missing
    yield from _missing(doc, ctx, rule, "trich_yeu", block=tl.blocks[-1] if tl.blocks else None,
                        expected="trích yếu nội dung ngay dưới tên loại")


# -- Căn cứ ---------------------------------------------------------------------------------------

_CAN_CU = re.compile(r"(?:^|[;.,]\s*)Căn cứ\s")


@check("TT016", "TT116")
def can_cu_one_per_line(doc: LegalDocument, ctx, rule):
    if (doc.metadata.type or "") == "Công văn":
        return   # a công văn has no căn cứ block: "Căn cứ …; căn cứ …" there is a sentence of its letter
    for b in component_blocks(doc, "can_cu"):
        text = doc.source.blocks[b].text
        if len(_CAN_CU.findall(text)) > 1:
            yield rule.finding(ctx, block=b, component="can_cu", found=text[:120],
                               expected="mỗi căn cứ một dòng")


_TREN_CO_SO = re.compile(r"^[\W_]*Trên\s+cơ\s+sở\b", re.IGNORECASE)


def _sentence_follows(src, b: int) -> bool:
    """The preamble runs on into "Trên cơ sở …" lines or a sentence of the text ("Cục Hải quan thông
    báo … như sau:") before any heading, enacting word or article."""
    for k in range(b + 1, min(len(src), b + 12)):
        t = src[k].text.strip().strip("*_").strip()
        if not t or src[k].kind in ("header", "footer"):
            continue
        if t == t.upper() or re.match(r"(Điều|Chương|Phần|Mục)\s|\d+\s*[.)]\s|[IVX]+\.\s", t):
            return False
        if _TREN_CO_SO.match(t) or t.endswith(":"):
            return True
    return False


@check("TT017", "TT117", "TT217")
def can_cu_punctuation(doc: LegalDocument, ctx, rule):
    """Each căn cứ ends with ";", the last preamble line with ".". A thông báo's preamble may run on
    ("Căn cứ …; Trên cơ sở hồ sơ …;") into a sentence of its text ("Cục Hải quan thông báo … như sau:"):
    then its last line may end with ";" too (issue #12)."""
    if _ocr(doc):
        return
    from ..parse.kinds import is_parliament_text
    if rule.id == "TT117" and is_parliament_text(doc):
        return   # Quốc hội/UBTVQH texts: NQ 351/2017, not NĐ 34/78 ("Trên cơ sở xem xét Tờ trình …," + QUYẾT NGHỊ:)
    src = doc.source.blocks
    lines = preamble_lines(doc)
    if lines and re.search(r"\b(?:yêu\s+cầu|như\s+sau|đề\s+nghị|chỉ\s+thị|thông\s+báo|giao)\s*:\s*$",
                           src[lines[-1]].text, re.IGNORECASE):
        lines = lines[:-1]   # "Căn cứ chỉ đạo …, Thủ tướng Chính phủ yêu cầu:": the body's first sentence
    open_end = bool(lines and _sentence_follows(src, lines[-1]))
    last_mark = rule.params.get("last", ".")
    for i, b in enumerate(lines):
        text = doc.source.blocks[b].text.rstrip()
        want = last_mark if i == len(lines) - 1 else ";"
        end = text[-1:] if text else ""
        if end == want or (open_end and i == len(lines) - 1 and end in (";", ".")):
            continue
        # a letter or digit at the end means the mark is missing, not that the mark is that character
        missing = not end or end.isalnum()
        yield rule.finding(ctx, block=b, start=max(0, len(text) - 1), end=len(text), component="can_cu",
                           found="(không có)" if missing else end, expected=want,
                           suggestion=text.rstrip(";.,:") + want,
                           shown=f"không có dấu (…{text[-20:]})" if missing else f"“{end}”",
                           shown_en=f"no mark (…{text[-20:]})" if missing else f"“{end}”")


_PREAMBLE_OPENER = re.compile(r"^\W*(?:Căn\s+cứ\b|Theo\s+đề\s+nghị\b|Xét\b|Trên\s+cơ\s+sở\b|"
                              r"[^.;:]{2,120}?\bban\s+hành\s+(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|"
                              r"Quyết\s+định|Thông\s+tư|Lệnh)\b)")


@check("TT310")
def can_cu_semicolon_other_regimes(doc: LegalDocument, ctx, rule):
    """Issue 11: each căn cứ that another preamble line follows ends with ";" — in a VBQPPL under NĐ
    34/2016 and in the texts of the Quốc hội, UBTVQH and Chủ tịch nước (NQ 351/2017), whose căn cứ
    punctuation TT017/TT117/TT217 do not judge. A preamble line starts with "Căn cứ", "Theo đề nghị",
    "Xét", "Trên cơ sở" or "… ban hành <loại>"; the căn cứ before such a line is judged even when the
    parser joined the two (a "," at the end reads as a line carried on). The last line is not judged
    (a UBTVQH resolution ends "Trên cơ sở xem xét Tờ trình …," before "QUYẾT NGHỊ:")."""
    if _ocr(doc):
        return
    from ..parse.kinds import is_parliament_text
    if not is_parliament_text(doc) and (ctx.regime is None or ctx.regime.id != "nd34" or ctx.kind != "vbqppl"):
        return
    src = doc.source.blocks
    pre = [c for c in doc.components if c.name in ("can_cu", "de_nghi", "xet", "ban_hanh") and c.blocks]
    cc = [b for c in pre if c.name == "can_cu" for b in c.blocks]
    ends = preamble_lines(doc)
    if cc:
        lo, hi = min(cc), max([max(c.blocks) for c in pre] + ends)
    else:
        # the parser took no căn cứ (a "," after the first one ran it into the title): the lines from the
        # first "Căn cứ" before the first article to the enacting words
        first = min([n.block_start for n in doc.body] or [len(src)])
        found = [b.index for b in src[:first] if re.match(r"^\W*Căn\s+cứ\b", b.text)]
        if not found:
            return
        lo = found[0]
        hi = next((b.index for b in src[lo:first] if b.text.strip().endswith(":")
                   and b.text.strip() == b.text.strip().upper() and len(b.text.strip()) >= 5), first) - 1
    blocks = [b for b in range(lo, min(hi, len(src) - 1) + 1)
              if src[b].text.strip() and src[b].kind not in ("header", "footer")]
    starts = [i for i, b in enumerate(blocks) if i == 0 or _PREAMBLE_OPENER.match(src[b].text)]
    for n, i in enumerate(starts[:-1]):
        if not re.match(r"^\W*Căn\s+cứ\b", src[blocks[i]].text):
            continue
        b = blocks[starts[n + 1] - 1]          # the last block of this căn cứ
        text = src[b].text.rstrip()
        end = text[-1:] if text else ""
        if end == ";":
            continue
        missing = not end or end.isalnum()
        yield rule.finding(ctx, block=b, start=max(0, len(text) - 1), end=len(text), component="can_cu",
                           found="(không có)" if missing else end, expected=";",
                           suggestion=text.rstrip(";.,:") + ";",
                           shown=f"không có dấu (…{text[-20:]})" if missing else f"“{end}”",
                           shown_en=f"no mark (…{text[-20:]})" if missing else f"“{end}”")


# -- Kết thúc ---------------------------------------------------------------------------------------

@check("TT018")
def end_mark(doc: LegalDocument, ctx, rule):
    from ..parse.kinds import is_parliament_text
    from ._required import content_blocks
    if is_parliament_text(doc):
        return   # a law or resolution of the Quốc hội/UBTVQH ends with its adoption line (NQ 351), no "./." (issue #12)
    blocks = content_blocks(doc)
    if not blocks:
        return
    last = blocks[-1]
    for f in _missing(doc, ctx, rule, "dau_ket_thuc", block=last, found=doc.source.blocks[last].text[-40:],
                      expected="./."):
        yield dataclasses.replace(f, location=dataclasses.replace(f.location, component="noi_dung"))


# -- Chữ ký -----------------------------------------------------------------------------------------

_AUTH_OK = re.compile(r"^(TM|KT|TL|TUQ|Q)\. \S")
_AUTH_LOOSE = re.compile(r"^(T\s*[./]?\s*M|K\s*[./]?\s*T|T\s*[./]?\s*L|T\s*[./]?\s*U\s*[./]?\s*Q|Q)(?=[\s.:/]|$)\s*[.:/]?",
                         re.IGNORECASE)


def _signature_lines(doc: LegalDocument) -> list[tuple[int | None, str]]:
    sig = doc.signature
    out: list[tuple[int | None, str]] = []
    blocks = component_blocks(doc, "quyen_han_ky", "chuc_vu")
    if blocks:
        for b in blocks:
            for line in doc.source.blocks[b].text.splitlines():
                if line.strip():
                    out.append((b, line.strip()))
    elif sig is not None:
        out = [(sig.blocks[0] if sig.blocks else None, line) for line in sig.authority_lines]
    # a malformed authority line ("KT CHỦ TỊCH") may be left out of the block by the parser
    first = min([b for b, _ in out if b is not None] + list(sig.blocks if sig else ()), default=None)
    # the body may have swallowed the line right above the position ("KT BỘ TRƯỞNG" taken as text)
    claimed = {b for c in doc.components if c.name not in ("noi_dung", "unclassified") for b in c.blocks}
    src = doc.source.blocks
    while first is not None and first - 1 >= 0 and first - 1 not in claimed:
        text = src[first - 1].text.strip()
        if not text or text != text.upper() or not _AUTH_LOOSE.match(text):
            break
        first -= 1
        out.insert(0, (first, text))
    return out


@check("TT019", "TT119")
def authority_form(doc: LegalDocument, ctx, rule):
    if _ocr(doc):
        return
    for b, line in _signature_lines(doc):
        m = _AUTH_LOOSE.match(line)
        if m is None or _AUTH_OK.match(line):
            continue
        word = re.sub(r"[\s.:/]", "", m.group(1)).upper()
        if word == "Q" and not m.group(0).strip().endswith("."):
            continue  # "Q" without a dot is too weak a sign ("Q CHỦ TỊCH" is rare; words start with Q)
        good = f"{word}. {line[m.end():].strip()}"
        yield rule.finding(ctx, block=b, component="quyen_han_ky", found=line, expected=good, suggestion=good)


@check("TT020")
def tuq_then_kt(doc: LegalDocument, ctx, rule):
    lines = _signature_lines(doc)
    tuq = next((i for i, (_, s) in enumerate(lines) if s.upper().startswith("TUQ")), None)
    if tuq is None:
        return
    for b, s in lines[tuq + 1:]:
        if re.match(r"^K\.?\s*T\b", s.upper()):
            yield rule.finding(ctx, block=b, component="quyen_han_ky", found=f"{lines[tuq][1]} / {s}",
                               expected="TUQ. không kèm KT.")


@check("TT021")
def vbqppl_no_tl_tuq(doc: LegalDocument, ctx, rule):
    for b, s in _signature_lines(doc):
        m = re.match(r"^(TL|TUQ)\.", s.upper())
        if m:
            yield rule.finding(ctx, block=b, component="quyen_han_ky", found=s, expected="TM./KT./Q.")


_ACADEMIC = re.compile(r"^(?:(?:GS|PGS|TS|TSKH|ThS|Ths|THS|BS|BSCKII|BSCKI|KS|CN|NGND|NGƯT|PGS\.TS|GS\.TS|"
                       r"GS\.TSKH|PGS\.TSKH)\.\s*)+")


@check("TT022")
def signer_no_titles(doc: LegalDocument, ctx, rule):
    sig = doc.signature
    if sig is None or not sig.name:
        return
    m = _ACADEMIC.match(sig.name.strip())
    if m:
        b = component_blocks(doc, "ho_ten")
        yield rule.finding(ctx, block=b[0] if b else (sig.blocks[-1] if sig.blocks else None),
                           component="ho_ten", found=sig.name.strip(), expected=sig.name.strip()[m.end():])


@check("TT023")
def signature_present(doc: LegalDocument, ctx, rule):
    # a signature printed but not taken by the parser (a stamp or stray mark in between) counts as present
    yield from _missing(doc, ctx, rule, "chu_ky", expected="quyền hạn, chức vụ và họ tên người ký")


def _signature_like_tail(doc: LegalDocument) -> bool:
    """A position in capitals ("THỦ TƯỚNG") followed within a few lines by a name ("Lê Minh Hưng")
    after the last article."""
    src = doc.source.blocks
    start = max((n.block_start for n in doc.nodes()), default=0)
    lines = [b for b in src[start + 1:] if b.kind not in ("header", "footer") and b.text.strip()]
    for i, b in enumerate(lines):
        t = b.text.strip()
        if len(t) <= 60 and t == t.upper() and sum(ch.isalpha() for ch in t) >= 4:
            for nb in lines[i + 1:i + 5]:
                words = nb.text.strip().split()
                if 2 <= len(words) <= 5 and all(w[:1].isupper() and not w.isupper() for w in words):
                    return True
    return False


# -- Nơi nhận -----------------------------------------------------------------------------------------

def _recipient_blocks(doc: LegalDocument) -> list[int]:
    """The recipients' blocks; lines the parser left out after the label (an item without "-")
    are taken up to the next recognised component."""
    rec = doc.recipients
    if rec is None or not rec.blocks:
        return []
    blocks = sorted(rec.blocks)
    claimed = {b for c in doc.components for b in c.blocks if c.name not in ("noi_nhan", "luu")}
    src = doc.source.blocks
    b = blocks[-1] + 1
    last_text = src[blocks[-1]].text.strip()
    while b < len(src) and b not in claimed and src[b].text.strip() and not last_text.lower().lstrip("-– ").startswith("lưu"):
        if src[b].kind in ("header", "footer"):
            break
        blocks.append(b)
        last_text = src[b].text.strip()
        b += 1
    return blocks


def _recipient_lines(doc: LegalDocument) -> list[tuple[int, str]]:
    rec = doc.recipients
    if rec is None:
        return []
    out = []
    for b in _recipient_blocks(doc):
        for line in doc.source.blocks[b].text.splitlines():
            if line.strip():
                out.append((b, line.strip()))
    return out


@check("TT024", "TT124")
def noi_nhan_label(doc: LegalDocument, ctx, rule):
    from ..parse.kinds import is_parliament_text
    rec = doc.recipients
    if rec is None:
        if is_parliament_text(doc):
            return   # laws and resolutions of the Quốc hội/UBTVQH carry no nơi nhận (NQ 351; issue #12)
        for f in _missing(doc, ctx, rule, "noi_nhan", expected="Nơi nhận:"):
            if doc.source.format in ("text", "markdown", "html"):
                # web copies drop the recipients' cell of the signature table (every one judged blind on
                # thuvienphapluat/vbpl copies was FALSE or DOUBTFUL): in a copy the absence is information
                f = dataclasses.replace(f, severity="info")
            yield f
        return
    first = doc.source.blocks[rec.blocks[0]].text.strip() if rec.blocks else ""
    label = first if first.lower().startswith("nơi nhận") else (rec.label or "").strip()
    label = label.split(":", 1)[0] + ":" if ":" in label else label
    if label != "Nơi nhận:":
        b = rec.blocks[0] if rec.blocks else None
        yield rule.finding(ctx, block=b, component="noi_nhan", found=label or "(không có)",
                           expected="Nơi nhận:", suggestion="Nơi nhận:")


def _recipient_items(doc: LegalDocument) -> list[tuple[int, str]]:
    """Items as printed (continuation lines joined), without the label; the "Lưu" line included."""
    items: list[list] = []
    for b, line in _recipient_lines(doc):
        if line.lower().startswith("nơi nhận"):
            rest = line.split(":", 1)[1].strip() if ":" in line else ""
            if rest:
                items.append([b, rest])
            continue
        starts = line[:1] in "-–+•*" or line.lower().lstrip("-–+• ").startswith("lưu")
        # a line that starts in lower case carries on the item before it, even after a stray ";"
        # ("- VPCP: BTCN, …, Trợ lý TTg;" / "các Vụ: KTTH, QHĐP, TH;": issue #12 review)
        if items and not starts and (not items[-1][1].rstrip().endswith((";", ".")) or line[:1].islower()):
            items[-1][1] += " " + line
        else:
            items.append([b, line])
    return [(b, t) for b, t in items]


@check("TT025", "TT125")
def noi_nhan_items(doc: LegalDocument, ctx, rule):
    items = _recipient_items(doc)
    body = [(b, t) for b, t in items if not t.lstrip("-–+•* ").lower().startswith("lưu")]
    src = doc.source.blocks
    for n, (b, t) in enumerate(body):
        para = src[b].paragraph
        numbered = para is not None and para.numbering
        # a group and its members: "- Văn phòng UBND tỉnh:" over "+ LĐVP, TPKTTH, KGVX, TH;" — the group
        # line introduces the "+" lines under it (one group per line, each member line ending ";")
        group = t.rstrip().endswith(":") and n + 1 < len(items) and _member_line(items, b, t)
        member = t.startswith("+") and _in_group(body, n)
        problems = []
        if not t.startswith("-") and not numbered and not member:
            problems.append("thiếu “-” đầu dòng")
        # "- Bộ Xây dựng; (để b/c)": a purpose note after the closing ";" (a brace in the original layout)
        if not group and not re.sub(r";\s*\([^()]*\)$", ";", t.rstrip()).endswith(";"):
            problems.append("thiếu “;” cuối dòng")
        if problems:
            yield rule.finding(ctx, block=b, component="noi_nhan", found=t[:80] + " — " + ", ".join(problems),
                               expected="- <tên cơ quan>;")


def _member_line(items: list[tuple[int, str]], b: int, t: str) -> bool:
    """The item after (b, t) is a "+" member line."""
    k = items.index((b, t))
    return k + 1 < len(items) and items[k + 1][1].startswith("+")


def _in_group(body: list[tuple[int, str]], n: int) -> bool:
    """The "+" line at n follows a group line ("- X:") through other "+" lines."""
    k = n - 1
    while k >= 0 and body[k][1].startswith("+"):
        k -= 1
    return k >= 0 and body[k][1].startswith("-") and body[k][1].rstrip().endswith(":")


@check("TT026", "TT126")
def noi_nhan_luu(doc: LegalDocument, ctx, rule):
    rec = doc.recipients
    if rec is None:
        return
    items = _recipient_items(doc)
    luu = [(b, t) for b, t in items if t.lstrip("-–+•* ").lower().startswith("lưu")]
    if not luu and rec.blocks:
        # a web copy may print the signature block between "Nơi nhận:" and its list (issue #12 review):
        # the "- Lưu: …" line is then further down, outside what the parser took for the recipients
        src = doc.source.blocks
        if any(re.match(r"^[-–+•*]?\s*Lưu\s*:", src[k].text.strip())
               for k in range(rec.blocks[0] + 1, min(len(src), rec.blocks[0] + 40))):
            return
    if not luu:
        b = rec.blocks[-1] if rec.blocks else None
        yield rule.finding(ctx, block=b, component="luu", found="(không có)", expected="- Lưu: VT, …")
        return
    b, t = luu[-1]
    body = t.lstrip("-–+•* ")
    problems = []
    if not re.match(r"Lưu\s*:", body):
        problems.append("“Lưu:”")
    if rule.params.get("require_vt", True) and not re.search(r"\bVT\b", body):
        problems.append("“VT”")
    # the drafter's mark printed after the closing period ("- Lưu: VT, CN (2). Ha", "(3b). Huyền": NĐ 30
    # Phụ lục I ô 12, ký hiệu người đánh máy và số lượng bản): the line does end with its period (issue #12)
    # also written without the space after the number of copies ("QHQT (2).VH"), but not "VT, P.TH"
    ended = re.search(r"\.\s+[\wÀ-ỹ.]{1,12}$|[)\d]\.[\wÀ-ỹ.]{1,12}$", body.rstrip()) is not None
    if not body.rstrip().endswith(".") and not ended:
        problems.append("dấu chấm cuối")
    if items and items[-1][0] != b and items[-1][1] != t:
        problems.append("dòng cuối cùng")
    if problems:
        yield rule.finding(ctx, block=b, component="luu", found=t, expected="- Lưu: VT, <đơn vị soạn thảo>.",
                           missing=", ".join(problems))
