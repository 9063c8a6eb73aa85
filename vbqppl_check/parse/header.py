"""The header (phần đầu): quốc hiệu, tiêu ngữ, cơ quan ban hành, số ký hiệu, địa danh–ngày, tên loại, trích yếu,
V/v, Kính gửi, draft and urgency/secrecy marks.

Works on a joined view of the first lines so that the same patterns find the fields whether the reader gave
one field per block (DOCX cells, vbpl text), split a field over several lines (Markdown wraps "CỘNG" / "HÒA XÃ
HỘI…") or flattened two columns into one line ("BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from ..model import Component, DocDate, DocNumber, IssuerInfo
from ..model.document_span import Span
from .dates import LONG_RE, NUMERIC_RE, make_date
from .doctypes import type_name_re
from .issuer import norm_tone, recognise_issuer
from .lines import Line, is_separator
from .number import LABEL_RE, parse_number

_V = r"[\s\-–—|]*"
# Spaces between the words may be lost by PDF text extraction ("CHỦNGHĨA"): \s* between words.
# Typos of the source are tolerated in "NGHĨA" ("NGHÍA", "NCHĨA" are seen on vbpl.vn).
QH_RE = re.compile(r"C[ỘÔO]NG\s*H[ÒOÓ][AÀ]\s*X[ÃA]\s*H[ỘÔO]I\s*CH[ỦU]\s*N[GC]?H[ĨIÍÌ]A\s*VI[ỆÊE]T\s*NAM", re.IGNORECASE)
TN_RE = re.compile(r"Đ[ộo]c\s+l[ậa]p\s*[-–—‐_.,]*\s*T[ựu]\s+do\s*[-–—‐_.,]*\s*H[ạa]nh\s+ph[úu]c", re.IGNORECASE)
DRAFT_RE = re.compile(r"^[(\[]?\s*(?:DỰ\s+THẢO|Dự\s+thảo)\b[^\n]{0,30}$")
URGENT_RE = re.compile(r"^(HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN|KHẨN)$")
SECRET_RE = re.compile(r"^(TUYỆT MẬT|TỐI MẬT|MẬT)$")
VV_RE = re.compile(r"^(?:V/v|V/V|v/v|Về việc)\b\s*:?\s*")
KG_RE = re.compile(r"^Kính\s+gửi\s*:?", re.IGNORECASE)
# Lines that end the trích yếu: the preamble, the body, a separator.
STOP_RE = re.compile(r"^(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\b|Thực\s+hiện\b|Kính\s+gửi|Điều\s+\d|Chương\s+[IVXLC\d]|"
                     r"CHƯƠNG\s|Phần\s+(?:thứ|[IVX\d])|PHẦN\s|[IVX]+\s*[.\-/]\s|\d+\s*[.)]\s|[a-zđ]\)\s|"
                     r"(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|NGHỊ\s+QUYẾT|CHỈ\s+THỊ|QUY\s+ĐỊNH)\s*:)")
_ORGAN_HEAD_RE = re.compile(r"^(?:BỘ|ỦY BAN|UỶ BAN|UBND|SỞ|CỤC|TỔNG CỤC|HỘI ĐỒNG|VĂN PHÒNG|THANH TRA|NGÂN HÀNG)\s+"
                            r"[a-zà-ỹđ]")
# Capital lines near the header that are no issuer: the VBHN authentication title, draft/urgency marks.
_NOT_ISSUER_RE = re.compile(r"^(?:XÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT|VĂN\s+BẢN\s+(?:QUY\s+PHẠM\s+PHÁP\s+LUẬT|HỢP\s+NHẤT|"
                            r"PHÁP\s+LUẬT\s+KHÁC|KHÁC)|DỰ\s+THẢO|HỎA\s+TỐC|HOẢ\s+TỐC|THƯỢNG\s+KHẨN|KHẨN|"
                            r"TUYỆT\s+MẬT|TỐI\s+MẬT|MẬT)\b")
_SYMBOL_TAIL_RE = re.compile(r"^-?[A-ZĐÐ][A-ZĐÐa-z0-9]*(?:-[A-ZĐÐ][A-ZĐÐa-z0-9]*)+$")
# The lead-in of a văn bản hợp nhất names each consolidated text by number and date (issue #12).
LEAD_IN_RE = re.compile(r"^(?:Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?|Quyết định)\b"
                        r"[^;]{0,240}?\bsố\s+\d+[\w.]*/\d{4}/\S+\s+ngày\s+\d")
CITE_START_RE = re.compile(r"^(?:Luật|Bộ luật|Nghị định|Thông tư(?: liên tịch)?|Quyết định|Nghị quyết|Pháp lệnh)"
                           r"(?:\s+\S+){0,6}?\s+số\s+\d")


def is_upper_line(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text))     # C-level loops: called for most lines of a document
    return len(letters) >= 2 and sum(map(str.isupper, letters)) / len(letters) >= 0.85


@dataclass
class Header:
    components: list[Component] = field(default_factory=list)
    number: DocNumber | None = None
    date: DocDate | None = None
    issuer: IssuerInfo | None = None
    type_name: str | None = None      # normal case "Quyết định"; "Công văn" when a V/v stands instead
    title: str | None = None
    draft: bool = False
    end: int = 0                      # index (into the lines list) of the first line after the header
    claimed: set[int] = field(default_factory=set)  # line indices used by the header


class _Joined:
    """The lines joined by "\\n", with a map from character offsets back to line indices."""

    def __init__(self, lines: list[Line], lo: int, hi: int):
        self.lines = lines
        self.lo = lo
        self.starts: list[int] = []
        parts = []
        pos = 0
        for ln in lines[lo:hi]:
            self.starts.append(pos)
            parts.append(ln.text)
            pos += len(ln.text) + 1
        self.text = "\n".join(parts)

    def line_at(self, offset: int) -> int:
        return self.lo + max(0, bisect.bisect_right(self.starts, offset) - 1)

    def offset_of(self, line_index: int) -> int:
        return self.starts[line_index - self.lo]

    def lines_between(self, a: int, b: int) -> tuple[int, ...]:
        return tuple(range(self.line_at(a), self.line_at(max(a, b - 1)) + 1))


def _blocks(lines: list[Line], idxs) -> tuple[int, ...]:
    return tuple(sorted({lines[i].block for i in idxs}))


def _span(j: _Joined, offset: int) -> Span:
    li = j.line_at(offset)
    return Span(block=j.lines[li].block, start=offset - j.offset_of(li))


def parse_header(lines: list[Line], *, search_limit: int = 2500) -> Header:
    h = Header()
    hi = min(len(lines), search_limit)
    j = _Joined(lines, 0, hi)
    text = j.text
    comps = h.components

    qh = QH_RE.search(text)
    if qh and _body_before(lines, j.line_at(qh.start())):
        qh = None   # the first quốc hiệu stands in an attached form: this text lost its own header
    anchor = j.line_at(qh.start()) if qh else None
    lo_off = j.offset_of(max(0, anchor - 12)) if anchor is not None else 0
    if anchor is not None:
        # The header zone opens with the issuer lines just above the quốc hiệu (or on its line); text above
        # them (a web page's summary, a gazette's running head) is not searched first.
        z = anchor
        while z > max(0, anchor - 8):
            t = lines[z - 1].text
            if (not t or is_separator(t) or (is_upper_line(t) and ":" not in t and len(t) < 100) or DRAFT_RE.match(t)
                    or _label_at_start(t) or re.search(r",\s*ngày\b", t)):
                z -= 1
                continue
            break
        zone_off = j.offset_of(z)
    else:
        zone_off = 0
    hi_line = min(hi, (anchor + 25) if anchor is not None else 45)
    hi_off = j.offset_of(hi_line) if hi_line < hi else len(text)

    if qh:
        li = j.line_at(qh.start())
        comps.append(Component("quoc_hieu", text[qh.start():qh.end()], _blocks(lines, j.lines_between(qh.start(), qh.end())),
                               _span(j, qh.start())))
        h.claimed.update(j.lines_between(qh.start(), qh.end()))
    tn = TN_RE.search(text, qh.end() if qh else lo_off, hi_off)
    if tn:
        comps.append(Component("tieu_ngu", text[tn.start():tn.end()], _blocks(lines, j.lines_between(tn.start(), tn.end())),
                               _span(j, tn.start())))
        h.claimed.update(j.lines_between(tn.start(), tn.end()))

    # -- số ký hiệu ------------------------------------------------------------------------------
    num_m = None
    for lo in (zone_off, lo_off):
        for m in LABEL_RE.finditer(text, lo, hi_off):
            before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
            # "Số:" opens its line, or follows the issuer's name on a flattened header line.
            if before.strip(" |*_") and not (is_upper_line(before) or before.endswith(("  ", "|"))):
                continue
            num_m = m
            break
        if num_m:
            break
    num_end = None
    if num_m:
        after = text[num_m.end():num_m.end() + 120]
        lead = len(after) - len(re.sub(r"^[\s.…_]+(?=/)", "", after))
        number = parse_number(after[lead:], has_type_name=None)
        if number is not None:
            start = num_m.end() + lead + after[lead:].find(number.raw[:1] if number.raw else "/")
            num_end = start + len(number.raw)
            # A joint symbol wrapped onto the next line of its cell ("…/TTLT-VKSNDTC" / "TANDTC-BCA-BQP").
            nl = text.find("\n", num_end - 1)
            if nl >= 0 and not text[num_end:nl].strip():
                nxt_end = text.find("\n", nl + 1)
                nxt = text[nl + 1: nxt_end if nxt_end >= 0 else len(text)]
                if _SYMBOL_TAIL_RE.match(nxt.strip()):
                    joined = parse_number(number.raw + "-" + nxt.strip().lstrip("-"))
                    if joined is not None:
                        number = joined
                        num_end = nl + 1 + len(nxt.rstrip())
            li = j.line_at(num_m.start())
            h.number = DocNumber(**{**number.__dict__, "block": lines[li].block})
            idxs = j.lines_between(num_m.start(), num_end)
            comps.append(Component("so_ky_hieu", text[num_m.start():num_end], _blocks(lines, idxs), _span(j, num_m.start())))
            h.claimed.update(idxs)

    # -- địa danh, ngày ----------------------------------------------------------------------------
    date_from = min(zone_off, num_m.start()) if num_m else zone_off
    # The header date stands within a few lines of the quốc hiệu / số; a date further down is in the text.
    field_lines = [x for x in ((j.line_at(qh.end()) if qh else None), (j.line_at(tn.end()) if tn else None),
                               (j.line_at(num_end) if num_end else None)) if x is not None]
    date_limit = (max(field_lines) + 6) if field_lines else hi_line
    date_end = None
    for m in re.finditer(r",?\s*ngày\b", text[date_from:hi_off]):
        s = date_from + m.start()
        seg_end = text.find("\n", s + m.end() - m.start() + 1)
        seg_end = len(text) if seg_end < 0 else seg_end
        # The date may wrap onto the next line ("Hà Tĩnh, ngày" / "02 tháng 12 năm 2025").
        next_nl = text.find("\n", seg_end + 1)
        window = text[s + m.group(0).find("ngày"): (next_nl if next_nl > 0 else len(text))]
        lm = LONG_RE.match(window)
        nm = None if lm else re.match(r"ngày\s*" + NUMERIC_RE.pattern, window)
        dm = lm or nm
        if dm is None:
            continue
        if lm and not (lm.group("y") or lm.group("m") or lm.group("d") or re.search(r"năm", lm.group(0))):
            continue
        dstart = s + m.group(0).find("ngày")
        if j.line_at(dstart) > date_limit:
            break
        dend = dstart + dm.end()
        # The place: the text before ", ngày" on the same line, after the số ký hiệu when it shares the line.
        ls = text.rfind("\n", 0, dstart) + 1
        pstart = max(ls, num_end or 0) if (num_end and num_end > ls and num_end <= dstart) else ls
        place_txt = text[pstart:dstart]
        if "," not in m.group(0) and not place_txt.strip().endswith(","):
            # "ngày" without a comma before it: a header date only when nothing but a place name precedes
            # it on the line ("Hà Nội ngày 01 tháng 12 năm 2025" lacks the comma but is the header date).
            pt = re.sub(r"^[\s|*]+", "", place_txt).strip()
            if pt and not (len(pt.split()) <= 5 and pt[:1].isupper() and not re.search(r"\d", pt)
                           and j.line_at(dstart_probe(s, m)) <= date_limit):
                continue
        place = re.sub(r"^[\s|\-–*]+|[\s,|*]+$", "", place_txt)
        place = re.split(r"\s{2,}|\|", place)[-1].strip() if place else ""
        if place and (len(place) > 60 or not place[0].isupper()):
            place = ""
        if lm:
            d = make_date(lm.group(0).strip(), _i(lm.group("d")), _i(lm.group("m")), _i(lm.group("y")),
                          place=place or None, block=lines[j.line_at(dstart)].block)
        else:
            d = make_date(dm.group(0)[4:].strip(), int(dm.group("d")), int(dm.group("m")), int(dm.group("y")),
                          place=place or None, block=lines[j.line_at(dstart)].block)
        h.date = d
        pstart_real = dstart - len(place_txt) + (place_txt.find(place) if place else len(place_txt))
        idxs = j.lines_between(pstart_real, dend)
        comps.append(Component("dia_danh_ngay", text[pstart_real:dend].strip(), _blocks(lines, idxs), _span(j, pstart_real)))
        h.claimed.update(idxs)
        date_end = dend
        break

    # -- marks (draft, urgency, secrecy) --------------------------------------------------------------
    first_li = max(0, anchor - 12) if anchor is not None else 0
    for li in range(first_li, hi_line):
        t = lines[li].text
        if DRAFT_RE.match(t):
            h.draft = True
            comps.append(Component("du_thao", t, (lines[li].block,)))
            h.claimed.add(li)
        elif URGENT_RE.match(t):
            comps.append(Component("dau_muc_do_khan", t, (lines[li].block,)))
            h.claimed.add(li)
        elif SECRET_RE.match(t):
            comps.append(Component("dau_muc_do_mat", t, (lines[li].block,)))
            h.claimed.add(li)

    # -- cơ quan ban hành (and chủ quản) -------------------------------------------------------------
    field_lines = sorted(h.claimed)
    issuer_idx: list[int] = []
    prefix = None
    if qh:
        pre = text[text.rfind("\n", 0, qh.start()) + 1:qh.start()]
        pre = re.sub(r"[\s|\-–—_*]+$", "", pre).strip()
        if pre and is_upper_line(pre):
            prefix = (j.line_at(qh.start()), pre)
    num_line = j.line_at(num_m.start()) if h.number and num_m else None   # the line of the số ký hiệu
    anchors = [i for i in (anchor, num_line) if i is not None]
    if anchors:
        first = min(anchors)
        li = first - 1
        while li >= max(0, first - 8):
            t = lines[li].text
            if not t or is_separator(t) or li in h.claimed:
                li -= 1
                continue
            if _NOT_ISSUER_RE.match(t):
                li -= 1
                continue
            if is_upper_line(t) and ":" not in t and len(t) < 100 and not QH_RE.search(t) and not TN_RE.search(t):
                issuer_idx.insert(0, li)
                li -= 1
                continue
            break
        if not issuer_idx:
            # an issuer line typed in lower case ("BỘ giao thông vận tải" left by a website's template): still
            # the issuer's place (a rule on its case or on its symbol can judge it), not a missing issuer
            li = first - 1
            while li >= 0 and (not lines[li].text or is_separator(lines[li].text)):
                li -= 1
            t = lines[li].text if li >= max(0, first - 3) else ""
            if (li not in h.claimed and len(t) < 100 and ":" not in t and _ORGAN_HEAD_RE.match(t)
                    and not QH_RE.search(t) and not TN_RE.search(t)):
                issuer_idx.insert(0, li)
        # Lines between the quốc hiệu/tiêu ngữ and the số (Luật: "QUỐC HỘI" after the tiêu ngữ; PDF columns).
        last_field = max([first] + field_lines) if field_lines else first
        stop = min([i for i in ([num_line] if num_line is not None else []) + ([j.line_at(date_end - 1)] if date_end else [])] or [last_field])
        for li in range(first + 1, max(stop, first + 1)):
            t = lines[li].text
            if (li not in h.claimed and t and not is_separator(t) and is_upper_line(t) and ":" not in t
                    and not _NOT_ISSUER_RE.match(t)
                    and not type_name_re().match(norm_tone(t)) and not TN_RE.search(t)):
                issuer_idx.append(li)
    names = [lines[i].text for i in issuer_idx]
    idx_all = list(issuer_idx)
    if prefix:
        names = names + [prefix[1]] if all(i < prefix[0] for i in issuer_idx) else [prefix[1]] + names
        idx_all.append(prefix[0])
    # drop decorative rules and markup at the end; a single "-" stays (it joins the bodies of a joint document)
    names = [re.sub(r"(?:\s*[-–—_=]{2,}|[\s_*|])+$", "", n) for n in names]
    names = [n for n in names if n]
    if names:
        blocks = _blocks(lines, idx_all)
        h.issuer = recognise_issuer(names, blocks=blocks)
        if h.issuer is not None:
            if h.issuer.parent:
                # The chủ quản lines are the ones before the issuer's own; keep one component per role.
                comps.append(Component("co_quan_chu_quan", h.issuer.parent, blocks[:1]))
            comps.append(Component("co_quan_ban_hanh", "\n".join(names), blocks))
        h.claimed.update(i for i in issuer_idx)

    # -- tên loại, trích yếu, V/v, Kính gửi -----------------------------------------------------------
    after_fields = max([i for i in h.claimed] + ([anchor] if anchor is not None else [-1])) + 1
    li = after_fields
    type_li = None
    tn_re = type_name_re()
    while li < min(len(lines), after_fields + 8):
        t = lines[li].text
        if not t or is_separator(t):
            li += 1
            continue
        tm = tn_re.match(norm_tone(t))
        if tm and is_upper_line(t[:tm.end()]) and not t.rstrip().endswith(":"):
            type_li = li
            h.type_name = _type_normal(tm.group(0))
            rest = t[tm.end():].strip()
            rest = re.sub(r"^\d+\s*", "", rest)   # footnote mark "THÔNG TƯ1"
            comps.append(Component("ten_loai", t[:tm.end()], (lines[li].block,)))
            h.claimed.add(li)
            break
        if VV_RE.match(t) or KG_RE.match(t) or STOP_RE.match(t):
            break
        li += 1
    end = (type_li + 1) if type_li is not None else after_fields
    if type_li is not None:
        title_idx: list[int] = []
        parts: list[str] = []
        if rest:
            parts.append(rest)
            title_idx.append(type_li)
        k = type_li + 1
        while k < len(lines) and len(title_idx) < 10:
            t = lines[k].text
            if not t:
                k += 1
                continue
            if is_separator(t):
                if parts:
                    k += 1
                    break
                k += 1
                continue
            if STOP_RE.match(t) or KG_RE.match(t) or (parts and CITE_START_RE.match(t) and not _CONNECTOR_END_RE.search(parts[-1])):
                break
            if parts and is_upper_line(t) and _names_organ(t):
                break   # "ỦY BAN THƯỜNG VỤ QUỐC HỘI" / "HỘI ĐỒNG NHÂN DÂN TỈNH X" opening a resolution's preamble
            if parts and is_upper_line(parts[-1]) and LEAD_IN_RE.match(t):
                break   # a VBHN's lead-in under a law's name in capitals: "Luật … số 80/2015/QH13 ngày …"
            parts.append(t)
            title_idx.append(k)
            k += 1
        end = k
        if parts:
            h.title = _join_wrapped(parts)
            comps.append(Component("trich_yeu", "\n".join(parts), _blocks(lines, title_idx)))
            h.claimed.update(title_idx)
    # V/v of a công văn: right under the số (in reading order after it) up to the Kính gửi / body.
    vv_from = (num_line + 1) if num_line is not None else after_fields
    for k in range(vv_from, min(len(lines), vv_from + 8)):
        t = lines[k].text
        if type_li is not None and k > type_li:
            break   # "Về việc …" under a tên loại is the trích yếu, not a công văn's V/v
        if VV_RE.match(t):
            idx = [k]
            parts = [VV_RE.sub("", t)]
            m2 = k + 1
            while m2 < len(lines) and len(idx) < 5:
                t2 = lines[m2].text
                if (not t2 or is_separator(t2) or m2 in h.claimed or KG_RE.match(t2) or STOP_RE.match(t2)
                        or QH_RE.search(t2) or TN_RE.search(t2) or re.search(r",\s*ngày\b", t2) or
                        is_upper_line(t2)):
                    break
                parts.append(t2)
                idx.append(m2)
                m2 += 1
            # "Về việc …" under a number whose symbol names a type ("333/QĐ-BTC", "25/2026/NQ-CP") is the
            # trích yếu of that document with its tên loại missing, not a công văn's V/v (issue 11)
            typed = _typed_symbol(h.number) if h.type_name is None and not re.match(r"(?i)v/v", t) else None
            comps.append(Component("trich_yeu" if typed else "vv", "\n".join(lines[i].text for i in idx),
                                   _blocks(lines, idx)))
            h.claimed.update(idx)
            if h.type_name is None:
                h.type_name = typed or "Công văn"
                h.title = _join_wrapped(parts)
            end = max(end, max(idx) + 1, after_fields)
            break
    for k in range(end, min(len(lines), end + 6)):
        t = lines[k].text
        if KG_RE.match(t):
            idx = [k]
            m2 = k + 1
            while m2 < len(lines) and len(idx) < 30 and re.match(r"^[-–+•]\s*\S", lines[m2].text or ""):
                idx.append(m2)
                m2 += 1
            comps.append(Component("kinh_gui", "\n".join(lines[i].text for i in idx), _blocks(lines, idx)))
            h.claimed.update(idx)
            if h.type_name is None and h.number is not None:
                h.type_name = "Công văn"
            end = m2
            break
    h.end = max(end, after_fields)
    if h.number is not None and h.number.raw:
        # Now that the tên loại is known: a công văn's symbol opens with the issuer ("5348/CT-CS": CT = Cục
        # Thuế, not Chỉ thị); a document with a tên loại opens with its type.
        again = parse_number(h.number.raw, has_type_name=h.type_name not in (None, "Công văn"))
        if again is not None and h.type_name is not None:
            h.number = DocNumber(**{**again.__dict__, "block": h.number.block})
    return h


_TYPED_ABBRS = ("QĐ", "NQ", "NĐ", "TT", "TTLT", "NQLT")   # not "CT": Chỉ thị or Cục Thuế ("5348/CT-CS")


def _typed_symbol(number) -> str | None:
    """The type a số ký hiệu names unambiguously by its first symbol part, else None."""
    if number is None or not number.raw:
        return None
    again = parse_number(number.raw, has_type_name=True)
    abbr = (again.type_abbr if again is not None else None) or ""
    if abbr.upper() not in _TYPED_ABBRS:
        return None
    from .doctypes import type_by_abbr
    dt = type_by_abbr(abbr)
    return dt.name if dt else None


_CONNECTOR_END_RE = re.compile(r"(?:\b(?:và|của|về|tại|theo|số|với|cho|đối với)|,)\s*$", re.IGNORECASE)


def _names_organ(t: str) -> bool:
    from .issuer import classify
    try:
        o = classify(t)
    except Exception:  # noqa: BLE001
        return False
    return o.body not in ("other", "bo", "so") or (o.body == "bo" and o.level == "central" and len(t.split()) <= 8
                                                   and t.strip() == t.strip().upper() and o.name in _KNOWN_NAMES())


@functools.lru_cache(maxsize=1)
def _KNOWN_NAMES():
    from .issuer import _data
    return {c.name for c in _data()[0].values()}


def dstart_probe(s: int, m) -> int:
    return s + m.group(0).find("ngày")


_BODY_LINE_RE = re.compile(r"^(?:Điều\s+\d+[a-zđ]?\s*[.:]|Nơi\s+nhận\s*:|Căn\s+cứ\s)")


def _body_before(lines: list[Line], qh_line: int) -> bool:
    """Whether articles, căn cứ or a Nơi nhận come before the first quốc hiệu (it is then an annex's form)."""
    hits = sum(1 for ln in lines[:qh_line] if _BODY_LINE_RE.match(ln.text))
    return hits >= 2


def header_anchor(lines: list[Line]) -> int | None:
    """The line of the document's own quốc hiệu, or None when the text shows none before its body."""
    for i, ln in enumerate(lines[:2500]):
        if QH_RE.search(ln.text) or (i + 1 < len(lines) and QH_RE.search(ln.text + " " + lines[i + 1].text)):
            return None if _body_before(lines, i) else i
    return None


def _label_at_start(t: str) -> bool:
    m = LABEL_RE.match(t.lstrip(" |*_"))
    return bool(m)


def _i(s):
    return int(s) if s else None


def _type_normal(upper: str) -> str:
    t = " ".join(upper.split())
    # the match is in norm_tone form ("KẾ HỌACH"): give the catalogued spelling back
    from .doctypes import doc_types
    key = norm_tone(t)
    t = next((d.upper for d in doc_types() if norm_tone(" ".join(d.upper.split())) == key), t)
    return t[:1] + t[1:].lower()


def _join_wrapped(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(parts)).strip()
