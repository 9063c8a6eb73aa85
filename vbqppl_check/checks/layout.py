"""Kỹ thuật trình bày (KT): paper, margins, fonts, colour, sizes and styles per component, body
paragraphs, page numbers. Structure numbering is in layout_structure.py.

Values come from the rule parameters (rules/catalogue/layout.yaml); `params.by_regime` holds a
value that differs by regime inside one rule.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..engine import check
from ..model import Block, LegalDocument
from ._layout_util import (body_blocks, dominant, fmt_size, in_range, is_footnote_like, letter_runs,
                           nonempty, param, true_size)

COMPONENT_VI = {
    "quoc_hieu": "Quốc hiệu", "tieu_ngu": "Tiêu ngữ", "co_quan_ban_hanh": "Tên cơ quan ban hành",
    "co_quan_chu_quan": "Tên cơ quan chủ quản", "so_ky_hieu": "Số, ký hiệu", "dia_danh_ngay": "Địa danh, ngày",
    "ten_loai": "Tên loại", "trich_yeu": "Trích yếu", "vv": "Trích yếu công văn (V/v)", "can_cu": "Căn cứ",
    "quyen_han_ky": "Quyền hạn ký", "chuc_vu": "Chức vụ người ký", "ho_ten": "Họ tên người ký",
    "noi_nhan_label": "Từ “Nơi nhận”", "noi_nhan": "Danh sách nơi nhận",
}


# -- page setup ---------------------------------------------------------------------------------

@check("KT001", "KT101")
def paper_a4(doc: LegalDocument, ctx, rule):
    w0, h0 = rule.params.get("size_mm", [210, 297])
    tol = rule.params.get("tolerance_mm", 1.0)
    for s in doc.source.sections:
        if s.width_mm is None or s.height_mm is None:
            continue
        w, h = sorted((s.width_mm, s.height_mm))
        if abs(w - w0) > tol or abs(h - h0) > tol:
            yield rule.finding(ctx, section=s.section, found=f"{s.width_mm:.1f} × {s.height_mm:.1f} mm",
                               expected=f"{w0} × {h0} mm (A4)")


@check("KT002")
def portrait(doc: LegalDocument, ctx, rule):
    for s in doc.source.sections:
        landscape = s.orientation == "landscape" or (
            s.width_mm is not None and s.height_mm is not None and s.width_mm > s.height_mm)
        if landscape:
            yield rule.finding(ctx, section=s.section, found="khổ ngang", expected="khổ dọc")


@check("KT003", "KT103", "KT104")
def margins(doc: LegalDocument, ctx, rule):
    ranges = rule.params["margins_mm"]
    tol = rule.params.get("tolerance_mm", 0.2)
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    for s in doc.source.sections:
        bad = []
        for side, (lo, hi) in ranges.items():
            v = getattr(s, f"margin_{side}_mm")
            if v is not None and not (lo - tol <= v <= hi + tol):
                bad.append(f"lề {names[side]} {v:.1f} mm (quy định {lo}–{hi} mm)")
        if bad:
            yield rule.finding(ctx, section=s.section, found="; ".join(bad),
                               expected=", ".join(f"{names[k]} {a}–{b} mm" for k, (a, b) in ranges.items()))


# -- fonts and colour ---------------------------------------------------------------------------

def _font_key(name: str) -> str:
    name = name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name
    return re.sub(r"[^a-z0-9.]", "", name.lower())


def _by_value(doc: LegalDocument, attr: str):
    """{value: [block indices]} over every run carrying letters (body, tables, headers, footers)."""
    out: dict = defaultdict(list)
    for b in doc.source.blocks:
        for r in letter_runs(b):
            v = getattr(r.format, attr)
            if v is not None and (not out[v] or out[v][-1] != b.index):
                out[v].append(b.index)
    return out


@check("KT005", "KT105")
def font_family(doc: LegalDocument, ctx, rule):
    accepted = [_font_key(f) for f in rule.params.get("accepted", ["Times New Roman"])]
    legacy = tuple(rule.params.get("legacy_prefixes", [".vn", "vni", "vps"]))
    for font, blocks in sorted(_by_value(doc, "font").items()):
        key = _font_key(font)
        if any(key.startswith(a) for a in accepted) or key.startswith(legacy):
            continue  # legacy fonts have their own rule (KT007)
        yield rule.finding(ctx, block=blocks[0], found=font, expected="Times New Roman", count=len(blocks))


@check("KT007", "KT107")
def legacy_fonts(doc: LegalDocument, ctx, rule):
    legacy = tuple(rule.params.get("legacy_prefixes", [".vn", "vni", "vps"]))
    for font, blocks in sorted(_by_value(doc, "font").items()):
        if _font_key(font).startswith(legacy):
            yield rule.finding(ctx, block=blocks[0], found=font, expected="Times New Roman (Unicode)",
                               count=len(blocks))


@check("KT008")
def colour_black(doc: LegalDocument, ctx, rule):
    ok = {c.lower() for c in rule.params.get("accepted", ["auto", "000000"])}
    for colour, blocks in sorted(_by_value(doc, "color").items()):
        if colour.lower() not in ok:
            yield rule.finding(ctx, block=blocks[0], found=f"#{colour}", expected="màu đen", count=len(blocks))


# -- sizes and styles of the header, signature and recipients components -------------------------

def _component_runs(doc: LegalDocument, name: str):
    """[(block, runs)] of a component, restricted to the component's own text when it shares a block."""
    out = []
    # the issuer's name is printed under its cơ quan chủ quản ("UBND TỈNH …" over the department); the
    # parser may give the issuer both lines: the chủ quản line is not bold by rule (KT013 judges it)
    parent = set(b for c in doc.components_named("co_quan_chu_quan") for b in c.blocks) \
        if name == "co_quan_ban_hanh" else set()
    for c in doc.components_named(name):
        for b in nonempty(doc, c.blocks):
            blk = doc.source.blocks[b]
            lo, hi = 0, len(blk.text)
            if b in parent:
                if "\n" not in blk.text.strip():
                    continue
                lo = blk.text.index("\n", len(blk.text) - len(blk.text.lstrip())) + 1
                runs = [r for r in letter_runs(blk) if r.end > lo and r.start < hi]
                if runs:
                    out.append((b, runs, blk.text[lo:hi]))
                continue
            if c.span is not None and c.span.block == b:
                lo, hi = c.span.start, c.span.end if c.span.end is not None else len(blk.text)
            elif len(blk.text.strip()) > len(c.text.strip()) and c.text.strip():
                first = c.text.strip().splitlines()[0]
                pos = blk.text.find(first)
                if pos >= 0:
                    lo, hi = pos, pos + len(first)
            runs = [r for r in letter_runs(blk) if r.end > lo and r.start < hi]
            if runs:
                out.append((b, runs, blk.text[lo:hi]))
    return out


def _style_problems(doc: LegalDocument, block: Block, runs, want: dict) -> tuple[list[str], list[str]]:
    found, expected = [], []
    if "size" in want:
        lo, hi = want["size"]
        sizes = sorted({ts for r in runs if (ts := true_size(doc, block, r.format.size)) is not None})
        off = [s for s in sizes if not in_range(s, lo, hi)]
        if off:
            found.append("cỡ " + ", ".join(fmt_size(s) for s in off))
        expected.append(f"cỡ {lo:g}" if lo == hi else f"cỡ {lo:g}–{hi:g}")
    for attr, yes, no in (("bold", "đậm", "không đậm"), ("italic", "nghiêng", "đứng")):
        if attr not in want:
            continue
        vals = {getattr(r.format, attr) for r in runs if getattr(r.format, attr) is not None}
        if want[attr] and False in vals:
            found.append(no)
        if not want[attr] and True in vals:
            found.append(yes)
        expected.append(yes if want[attr] else no)
    if "caps" in want:
        letters = [(ch, r.format.caps) for r in runs for ch in r.text if ch.isalpha()]
        caps = all(ch == ch.upper() or c for ch, c in letters) if letters else None
        if want["caps"] and caps is False:
            found.append("không in hoa")
        expected.append("in hoa" if want["caps"] else "in thường")
    return found, expected


@check("KT010", "KT011", "KT012", "KT013", "KT014", "KT015", "KT016", "KT017", "KT018", "KT027",
       "KT110", "KT111", "KT112", "KT114", "KT115", "KT116", "KT117", "KT118", "KT127")
def component_style(doc: LegalDocument, ctx, rule):
    """Size, bold, italic and capitals of the runs of one or more components (rule params)."""
    for name, want in rule.params["components"].items():
        for b, runs, text in _component_runs(doc, name):
            found, expected = _style_problems(doc, doc.source.blocks[b], runs, want)
            if found:
                yield rule.finding(ctx, block=b, component=name, found="; ".join(found),
                                   expected="; ".join(expected), what=COMPONENT_VI.get(name, name))


@check("KT028", "KT128")
def noi_nhan_style(doc: LegalDocument, ctx, rule):
    """The "Nơi nhận:" label and the list have different sizes: label 12 bold italic, list 11 upright."""
    rec = doc.recipients
    if rec is None:
        return
    label_want = rule.params.get("label")
    item_want = rule.params.get("items")
    for b in nonempty(doc, rec.blocks):
        blk = doc.source.blocks[b]
        is_label = blk.text.strip().lower().startswith("nơi nhận")
        want = label_want if is_label else item_want
        if not want:
            continue
        if is_label:
            end = blk.text.find(":") + 1 or len(blk.text)
            runs = [r for r in letter_runs(blk) if r.start < end]
        else:
            runs = list(letter_runs(blk))
        found, expected = _style_problems(doc, blk, runs, want)
        if found:
            yield rule.finding(ctx, block=b, component="noi_nhan", found="; ".join(found),
                               expected="; ".join(expected),
                               what="Từ “Nơi nhận”" if is_label else "Danh sách nơi nhận")


# -- body paragraphs ------------------------------------------------------------------------------

def _cap(findings, limit: int):
    for i, f in enumerate(findings):
        if i >= limit:
            return
        yield f


def _dieu_heads(doc: LegalDocument) -> set[int]:
    return {n.block_start for n in doc.nodes() if n.kind == "dieu"}


@check("KT019", "KT119")
def body_size(doc: LegalDocument, ctx, rule):
    lo, hi = param(rule, ctx, "size", [13, 14])

    def gen():
        for b in body_blocks(doc):
            if is_footnote_like(doc.source.blocks[b]):
                continue
            s = true_size(doc, doc.source.blocks[b], dominant(doc.source.blocks[b], "size"))
            if s is not None and not in_range(s, lo, hi):
                yield rule.finding(ctx, block=b, component="noi_dung", found=f"cỡ {s:g}", expected=f"cỡ {lo}–{hi}")
    yield from _cap(gen(), rule.params.get("max_findings", 20))


@check("KT020")
def body_one_size(doc: LegalDocument, ctx, rule):
    sizes = {}
    for b in body_blocks(doc):
        blk = doc.source.blocks[b]
        # headings in capitals ("I. NHỮNG KẾT QUẢ …", 13–14 pt) are not lời văn
        if is_footnote_like(blk) or blk.text == blk.text.upper():
            continue
        s = true_size(doc, blk, dominant(blk, "size"))
        if s is not None:
            sizes[b] = s
    if not sizes:
        return
    from collections import Counter
    main, _ = Counter(sizes.values()).most_common(1)[0]

    def gen():
        for b, s in sizes.items():
            if abs(s - main) > 0.25:
                yield rule.finding(ctx, block=b, component="noi_dung", found=f"cỡ {s:g}", expected=f"cỡ {main:g}")
    yield from _cap(gen(), rule.params.get("max_findings", 20))


_SENTENCE_END = re.compile(r"[.;:!?…]\W{0,3}$")


def _dieu_title_blocks(doc: LegalDocument) -> set[int]:
    """Điều lines that are a heading ("Điều 5. Phạm vi điều chỉnh"). A Điều whose text follows its number
    on the same line as a sentence ("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.", the usual
    shape of a short decision) is lời văn: NĐ 30 PL I II.6.e wants it justified like the rest."""
    out = set()
    for b in _dieu_heads(doc):
        t = doc.source.blocks[b].text.strip() if 0 <= b < len(doc.source.blocks) else ""
        rest = re.sub(r"^\W*Điều\s+\w+\s*[.:]?\s*", "", t)
        if not (_SENTENCE_END.search(t) and len(rest) >= 40):   # a title, even one closed by a full stop
            out.add(b)
    return out


@check("KT021", "KT121")
def body_justified(doc: LegalDocument, ctx, rule):
    heads = _dieu_title_blocks(doc)

    def gen():
        for b in body_blocks(doc):
            blk = doc.source.blocks[b]
            p = blk.paragraph
            if b in heads or p is None or p.alignment is None or blk.text == blk.text.upper():
                continue  # headings (titles in capitals) are centred
            if p.alignment != "justify":
                yield rule.finding(ctx, block=b, component="noi_dung", found=p.alignment, expected="justify")
    yield from _cap(gen(), rule.params.get("max_findings", 20))


@check("KT022", "KT122")
def body_first_line_indent(doc: LegalDocument, ctx, rule):
    allowed = param(rule, ctx, "allowed_mm")          # exact values (ND30: 1 cm or 1.27 cm)
    lo_hi = param(rule, ctx, "range_mm")              # or a range (ND34: from 1 to 1.27 cm)
    tol = rule.params.get("tolerance_mm", 0.3)

    def ok(v: float) -> bool:
        if allowed and any(abs(v - a) <= tol for a in allowed):
            return True
        return bool(lo_hi) and lo_hi[0] - tol <= v <= lo_hi[1] + tol

    def gen():
        for b in body_blocks(doc):
            blk = doc.source.blocks[b]
            p = blk.paragraph
            if p is None or p.first_line_indent_mm is None or p.alignment == "center" or \
                    blk.text == blk.text.upper():
                continue
            if not ok(p.first_line_indent_mm):
                exp = " hoặc ".join(f"{a / 10:g} cm" for a in allowed) if allowed else \
                    f"{lo_hi[0] / 10:g}–{lo_hi[1] / 10:g} cm"
                yield rule.finding(ctx, block=b, component="noi_dung",
                                   found=f"{p.first_line_indent_mm / 10:.2f} cm", expected=exp)
    yield from _cap(gen(), rule.params.get("max_findings", 20))


@check("KT023")
def paragraph_spacing(doc: LegalDocument, ctx, rule):
    minimum = rule.params.get("min_pt", 6)
    blocks = body_blocks(doc)
    src = doc.source.blocks

    def gen():
        for a, b in zip(blocks, blocks[1:]):
            if b != a + 1:
                continue
            pa, pb = src[a].paragraph, src[b].paragraph
            if pa is None or pb is None or (pa.space_after_pt is None and pb.space_before_pt is None):
                continue
            gap = (pa.space_after_pt or 0) + (pb.space_before_pt or 0)
            if gap < minimum - 0.1:
                yield rule.finding(ctx, block=b, component="noi_dung", found=f"{gap:g} pt",
                                   expected=f"≥ {minimum} pt")
    yield from _cap(gen(), rule.params.get("max_findings", 10))


@check("KT024")
def line_spacing(doc: LegalDocument, ctx, rule):
    lo_mult, hi_mult = param(rule, ctx, "multiple", [1.0, 1.5])
    min_exact = param(rule, ctx, "min_exact_pt")      # ND34: "từ 15pt trở lên"

    def gen():
        for b in body_blocks(doc):
            blk = doc.source.blocks[b]
            p = blk.paragraph
            if p is None or p.line_spacing is None:
                continue
            ls, rule_kind = p.line_spacing, p.line_spacing_rule or "auto"
            if rule_kind == "auto":
                bad = ls < lo_mult - 0.01 or (hi_mult is not None and ls > hi_mult + 0.01)
                found, exp = f"{ls:g} dòng", f"{lo_mult:g}–{hi_mult:g} dòng" if hi_mult else f"≥ {lo_mult:g} dòng"
            else:
                size = dominant(blk, "size") or 14
                # Times New Roman: a single line is about 1.15 × the font size
                single = 1.15 * size
                low = min_exact if min_exact is not None else size
                high = None if hi_mult is None else hi_mult * single + 0.5
                bad = (rule_kind == "exact" and ls < low - 0.05) or (high is not None and ls > high)
                found = f"{ls:g} pt ({'chính xác' if rule_kind == 'exact' else 'tối thiểu'})"
                exp = f"≥ {low:g} pt" + (f" và ≤ {high:.0f} pt" if high else "")
            if bad:
                yield rule.finding(ctx, block=b, component="noi_dung", found=found, expected=exp)
    yield from _cap(gen(), rule.params.get("max_findings", 10))


# -- page numbers -----------------------------------------------------------------------------------

@check("KT030", "KT130")
def page_numbers(doc: LegalDocument, ctx, rule):
    where = rule.params.get("position", "header")
    align = rule.params.get("alignment", "center")
    lo, hi = rule.params.get("size", [13, 14])
    src = doc.source
    if (src.page_count or 2) < 2 and not src.sections:
        return
    for s in src.sections:
        problems = []
        if s.page_number_in is None:
            continue  # no PAGE field: a one-page document needs none; longer ones are not judged here
        if s.page_number_in != where:
            problems.append("ở " + {"header": "lề trên", "footer": "lề dưới"}.get(s.page_number_in, s.page_number_in))
        if s.page_number_alignment and s.page_number_alignment != align:
            problems.append(f"căn {s.page_number_alignment}")
        if s.page_number_on_first_page:
            problems.append("hiển thị ở trang đầu")
        if s.page_number_size is not None and not in_range(s.page_number_size, lo, hi):
            problems.append(f"cỡ {s.page_number_size:g}")
        if problems:
            yield rule.finding(ctx, section=s.section, component="so_trang", found="; ".join(problems),
                               expected="giữa lề trên, cỡ 13–14, không hiển thị ở trang đầu")
