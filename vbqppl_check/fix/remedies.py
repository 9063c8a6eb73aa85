"""Remedies: for one finding of a fixable rule, the edits that repair it.

A rule is fixable when its catalogue entry has ``fix: {remedy: NAME}``; NAME is a function here,
registered with ``@remedy(NAME)``. A remedy reads the finding, the rule's parameters and the
document (never the message text) and returns one `Change` — or None when the remedy is not
determined (the finding then stays a finding). Values come from the law (the rule parameters) and
from the document itself (the nearest allowed value, the size most of the body already has).

Edits (`Change.ops`), offsets in the block's text as the reader gives it:
    ("text", block, start, end, new)      replace characters
    ("run", block, start, end, props)     run properties: font, size, bold, italic, caps, color
    ("para", block, props)                paragraph properties: jc, firstLine, before, after, line, lineRule
    ("sect", section, props)              page size, orientation, margins, titlePg
    ("nfc", block)                        compose the block's decomposed (NFD) characters
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

from ..checks._layout_util import body_blocks, dominant, letter_runs, param
from ..model import Finding

MM_TWIPS = 1440 / 25.4
A4_TWIPS = (11906, 16838)
TNR = "Times New Roman"

COMPONENT_VI = {
    "quoc_hieu": "Quốc hiệu", "tieu_ngu": "Tiêu ngữ", "co_quan_ban_hanh": "Tên cơ quan ban hành",
    "co_quan_chu_quan": "Tên cơ quan chủ quản", "so_ky_hieu": "Số, ký hiệu", "dia_danh_ngay": "Địa danh, ngày",
    "ten_loai": "Tên loại", "trich_yeu": "Trích yếu", "vv": "V/v", "can_cu": "Căn cứ",
    "quyen_han_ky": "Quyền hạn ký", "chuc_vu": "Chức vụ người ký", "ho_ten": "Họ tên người ký",
    "noi_nhan": "Nơi nhận", "luu": "Nơi nhận (Lưu)", "noi_dung": "Nội dung", "so_trang": "Số trang",
    "dieu": "Điều", "chuong": "Chương", "phan": "Phần", "muc": "Mục",
}


@dataclass(eq=False)
class Change:
    """One repair: what it is for, where, before → after, and its edits."""

    rule: str
    path: str
    before: str
    after: str
    ops: list = field(default_factory=list)
    finding: Finding | None = None
    also: list = field(default_factory=list)        # other rules whose finding the same edits repair
    status: str = "applied"                          # applied | rolled_back | skipped
    reason: str | None = None
    also_findings: list = field(default_factory=list)
    style_level: bool = False                        # made on the paragraph style, not on each paragraph

    @property
    def blocks(self) -> set[int]:
        return {op[1] for op in self.ops if op[0] in ("text", "run", "para", "nfc")}

    @property
    def sections(self) -> set[int]:
        return {op[1] for op in self.ops if op[0] in ("sect", "move_page")}

    def to_json(self) -> dict:
        out: dict[str, Any] = {"rule": self.rule, "path": self.path, "before": self.before, "after": self.after,
               "status": self.status}
        if self.also:
            out["also"] = list(self.also)
        if self.reason:
            out["reason"] = self.reason
        if self.style_level:
            out["style"] = True
        loc = self.finding.location if self.finding else None
        if loc is not None:
            out["block"] = loc.block
            if loc.section is not None:
                out["section"] = loc.section
        return out


@dataclass
class FixContext:
    doc: Any             # LegalDocument
    ctx: Any             # engine.CheckContext
    editor: Any          # editor.DocxEditor

    @property
    def blocks(self):
        return self.doc.source.blocks

    def text_ok(self, b: int) -> bool:
        """Characters of block b can be edited: mapped to w:t, no NFD difference, no field inside."""
        m = self.editor.pmap.get(b)
        return m is not None and m.mappable and self.blocks[b].raw is None


RemedyFn = Callable[[FixContext, Finding, object], "Change | None"]
REMEDIES: dict[str, RemedyFn] = {}


def remedy(name: str):
    def deco(fn):
        REMEDIES[name] = fn
        return fn
    return deco


def _path(fx: FixContext, f: Finding) -> str:
    loc = f.location
    if loc.section is not None and loc.block is None:
        return f"mục {loc.section + 1} (trang)" if loc.section else "trang"
    if loc.path:
        return loc.path
    if loc.component:
        return COMPONENT_VI.get(loc.component, loc.component)
    if loc.block is not None:
        for c in getattr(fx.doc, "components", ()):
            if loc.block in c.blocks and c.name in COMPONENT_VI:
                return COMPONENT_VI[c.name]
        return f"đoạn {loc.block + 1}"
    return "văn bản"


def _change(fx, f, before, after, ops) -> Change | None:
    ops = [op for op in ops if op]
    if not ops:
        return None
    return Change(rule=f.rule, path=_path(fx, f), before=before, after=after, ops=ops, finding=f)


def text_ops(b: int, old: str, new: str, base: int = 0) -> list:
    """Character-level edits turning `old` (at `base` in block b) into `new`: only what differs."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            out.append(("text", b, base + i1, base + i2, new[j1:j2]))
    return out


def _replace(fx, f, b, start, end, new, before=None) -> Change | None:
    if b is None or not fx.text_ok(b):
        return None
    text = fx.blocks[b].text
    old = text[start:end]
    if old == new:
        return None
    full_new = text[:start] + new + text[end:]
    if not full_new.strip():
        return None   # never empty a paragraph (blocks would shift)
    return _change(fx, f, before or old, new, text_ops(b, old, new, start))


# -- text remedies --------------------------------------------------------------------------------

@remedy("suggestion")
def suggestion(fx: FixContext, f: Finding, rule) -> Change | None:
    """Replace what the finding points at by the rule's single suggestion.

    scope (catalogue `fix.scope`): "span" — the finding's start/end; "found" — the first occurrence
    of the found text in the block; "line" — the whole line (stripped)."""
    b, sugg = f.location.block, f.suggestion
    if b is None or sugg is None or not (0 <= b < len(fx.blocks)):
        return None
    text = fx.blocks[b].text
    scope = (rule.fix or {}).get("scope", "span")
    if scope == "line":
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
    elif scope == "found" or f.location.start is None:
        found = f.found or ""
        start = text.find(found) if found else -1
        if start < 0:
            return None
        end = start + len(found)
    else:
        if f.location.end is None:
            return None
        start, end = f.location.start, f.location.end
        found = f.found or ""
        if found and text[start:end] != found:
            # the finding's span is the offending character, its found text the whole token
            k = text.find(found, max(0, end - len(found)))
            if k < 0 or not (k <= start and end <= k + len(found)):
                return None
            start, end = k, k + len(found)
    return _replace(fx, f, b, start, end, sugg)


@remedy("leading_zero_number")
def leading_zero_number(fx, f, rule):
    b, num = f.location.block, f.found or ""
    if b is None or not num.isdigit():
        return None
    text = fx.blocks[b].text
    m = re.search(rf"(?<!\d){re.escape(num)}(?!\d)", text)
    if m is None:
        return None
    return _replace(fx, f, b, m.start(), m.end(), f"0{int(num)}")


@remedy("comma_after_place")
def comma_after_place(fx, f, rule):
    b = f.location.block
    if b is None or not f.suggestion or not f.suggestion.endswith(","):
        return None
    text = fx.blocks[b].text
    place = f.suggestion[:-1]
    m = re.match(rf"\s*{re.escape(place)}(?=\s+ngày\b)", text)
    if m is None:
        return None
    c = _replace(fx, f, b, m.end(), m.end(), ",", before=text.strip())
    if c:
        c.after = text[:m.end()].strip() + "," + text[m.end():]
    return c


@remedy("end_mark")
def end_mark(fx, f, rule):
    b = f.location.block
    if b is None:
        return None
    text = fx.blocks[b].text
    t = text.rstrip()
    if t.endswith("./.") or not t:
        return None
    if t.endswith("."):
        c = _replace(fx, f, b, len(t), len(t), "/.", before=t[-30:])
    elif t[-1].isalnum() or t[-1] in ")”\"":
        c = _replace(fx, f, b, len(t), len(t), "./.", before=t[-30:])
    else:
        return None
    if c:
        c.after = (t + ("/." if t.endswith(".") else "./."))[-33:]
    return c


@remedy("can_cu_mark")
def can_cu_mark(fx, f, rule):
    b = f.location.block
    if b is None or f.expected not in (";", "."):
        return None
    text = fx.blocks[b].text
    t = text.rstrip()
    if not t:
        return None
    if t[-1] in ";.,:":
        return _with_after(_replace(fx, f, b, len(t) - 1, len(t), f.expected, before=t[-30:]),
                           t[-30:-1] + f.expected)
    if t[-1].isalnum() or t[-1] in ")”\"":
        return _with_after(_replace(fx, f, b, len(t), len(t), f.expected, before=t[-30:]), t[-29:] + f.expected)
    return None


def _with_after(c, after):
    if c is not None:
        c.after = after
    return c


@remedy("authority_dot")
def authority_dot(fx, f, rule):
    """"KT CHỦ TỊCH" → "KT. CHỦ TỊCH" (the suggestion), on the line the finding found."""
    b, found, sugg = f.location.block, f.found, f.suggestion
    if b is None or not found or not sugg:
        return None
    text = fx.blocks[b].text
    start = text.find(found)
    if start < 0:
        return None
    return _replace(fx, f, b, start, start + len(found), sugg)


@remedy("recipient_item")
def recipient_item(fx, f, rule):
    b = f.location.block
    if b is None:
        return None
    text = fx.blocks[b].text
    t = text.strip()
    if not t or "\n" in t:
        return None
    lead = len(text) - len(text.lstrip())
    new = t
    if not new.startswith("-") and not (fx.blocks[b].paragraph and fx.blocks[b].paragraph.numbering):
        new = "- " + new.lstrip("–+•* ")
    if not re.sub(r";\s*\([^()]*\)$", ";", new.rstrip()).endswith(";"):
        new = (new[:-1] if new[-1] in ".,:" else new) + ";"
    return _replace(fx, f, b, lead, lead + len(t), new)


@remedy("luu_line")
def luu_line(fx, f, rule):
    """"- Lưu VT, NC." → "- Lưu: VT, NC."; a missing final "." added. Nothing else is guessed."""
    b = f.location.block
    if b is None:
        return None
    text = fx.blocks[b].text
    t = text.strip()
    if "\n" in t or not re.search(r"\bVT\b", t):
        return None
    m = re.match(r"^([-–+•*]\s*)?Lưu\b\s*(:?)\s*", t)
    if m is None:
        return None
    new = t
    if not m.group(2):
        new = (m.group(1) or "- ") + "Lưu: " + t[m.end():]
    if not new.rstrip().endswith("."):
        new = new.rstrip().rstrip(";,:") + "."
    lead = len(text) - len(text.lstrip())
    return _replace(fx, f, b, lead, lead + len(t), new)


@remedy("dieu_mark")
def dieu_mark(fx, f, rule):
    """"Điều 2: Tên" or "Điều 2 - Tên" → "Điều 2. Tên"."""
    b = f.location.block
    if b is None:
        return None
    text = fx.blocks[b].text
    m = re.match(r"(\s*Điều\s+\d+[a-zđ]?)(\s*[:\-–]\s*|\s*\.\s*|\s+)(?=\S)", text)
    if m is None or m.group(2) == ". ":
        return None
    return _replace(fx, f, b, m.end(1), m.end(2), ". ")


@remedy("nfc")
def nfc(fx, f, rule):
    """Compose decomposed (NFD) text: in every block that has it, not only the finding's (the
    language check reports a limited number of blocks; composing changes no letter)."""
    b = f.location.block
    if b is None or fx.blocks[b].raw is None:
        return None
    ops = []
    for blk in fx.blocks:
        m = fx.editor.pmap.get(blk.index)
        if blk.raw is not None and m is not None and m.mappable and \
                unicodedata.normalize("NFC", blk.raw) == blk.text:
            ops.append(("nfc", blk.index))
    if not any(op[1] == b for op in ops):
        return None
    c = _change(fx, f, f.found or "", f.suggestion or unicodedata.normalize("NFC", f.found or ""), ops)
    if c and len(ops) > 1:
        c.path = f"toàn văn bản ({len(ops)} đoạn)"
    return c


@remedy("invisible")
def invisible(fx, f, rule):
    from ..nlp import normalize
    b = f.location.block
    if b is None or not fx.text_ok(b):
        return None
    text = fx.blocks[b].text
    ops = []
    for h in normalize.invisible_chars(text):
        if h.found == "\u00ad" and f.suggestion and "ư" in f.suggestion and f.location.start == h.start:
            ops.append(("text", b, h.start, h.end, "ư"))
        else:
            ops.append(("text", b, h.start, h.end, ""))
    if not ops:
        return None
    return _change(fx, f, f.found or "", f.suggestion or "", ops)


@remedy("legacy_text")
def legacy_text(fx, f, rule):
    """TCVN3/VNI text shown as Unicode: the converted text, and Times New Roman on those runs."""
    b, conv = f.location.block, f.suggestion
    if b is None or not conv or not fx.text_ok(b):
        return None
    text = fx.blocks[b].text
    if len(conv) > 3 * len(text) + 10:
        return None
    ops = [("run", b, r.start, r.end, {"font": TNR}) for r in fx.blocks[b].runs
           if r.format.font and r.format.font != TNR and not r.field]
    lead = len(text) - len(text.lstrip())
    t = text.strip()
    conv = conv.strip()
    ops += text_ops(b, t, conv, lead)
    return _change(fx, f, t[:80], conv[:80], ops)


# -- formatting remedies ------------------------------------------------------------------------

def _nearest(v: float, lo: float, hi: float) -> float:
    return lo if v < lo else hi if v > hi else v


def _style_props(runs, want: dict) -> list:
    """[(run, props)] making runs meet a component's wanted size / bold / italic / caps."""
    out = []
    for r in runs:
        props = {}
        if "size" in want and r.format.size is not None:
            lo, hi = want["size"]
            if not (lo - 0.05 <= r.format.size <= hi + 0.05):
                props["size"] = _nearest(r.format.size, lo, hi)
        for attr in ("bold", "italic"):
            if attr in want and getattr(r.format, attr) is not None and getattr(r.format, attr) != want[attr]:
                props[attr] = want[attr]
        if want.get("caps") and any(ch.isalpha() and ch != ch.upper() for ch in r.text) and not r.format.caps:
            props["caps"] = True
        if props:
            out.append((r, props))
    return out


def _describe(props: dict) -> str:
    parts = []
    for k, v in props.items():
        if k == "size":
            parts.append(f"cỡ {v:g}")
        elif k == "bold":
            parts.append("đậm" if v else "không đậm")
        elif k == "italic":
            parts.append("nghiêng" if v else "đứng")
        elif k == "caps":
            parts.append("in hoa")
        elif k == "font":
            parts.append(v)
        elif k == "color":
            parts.append("màu đen")
    return ", ".join(parts)


def _run_change(fx, f, b, pairs) -> Change | None:
    if not pairs:
        return None
    ops = [("run", b, r.start, r.end, props) for r, props in pairs]
    merged: dict = {}
    for _, props in pairs:
        merged.update(props)
    return _change(fx, f, f.found or "", _describe(merged), ops)


@remedy("component_style")
def component_style(fx, f, rule):
    from ..checks.layout import _component_runs
    name, b = f.location.component, f.location.block
    want = (rule.params.get("components") or {}).get(name)
    if not want or b is None:
        return None
    for blk, runs, _ in _component_runs(fx.doc, name):
        if blk == b:
            return _run_change(fx, f, b, _style_props(runs, want))
    return None


@remedy("noi_nhan_style")
def noi_nhan_style(fx, f, rule):
    b = f.location.block
    if b is None:
        return None
    blk = fx.blocks[b]
    is_label = blk.text.strip().lower().startswith("nơi nhận")
    want = rule.params.get("label" if is_label else "items")
    if not want:
        return None
    if is_label:
        end = blk.text.find(":") + 1 or len(blk.text)
        runs = [r for r in letter_runs(blk) if r.start < end]
    else:
        runs = list(letter_runs(blk))
    return _run_change(fx, f, b, _style_props(runs, want))


def _main_body_size(fx, lo, hi):
    sizes = Counter()
    for b in body_blocks(fx.doc):
        s = dominant(fx.blocks[b], "size")
        if s is not None and lo - 0.05 <= s <= hi + 0.05:
            sizes[s] += 1
    return sizes.most_common(1)[0][0] if sizes else None


@remedy("body_size")
def body_size(fx, f, rule):
    lo, hi = param(rule, fx.ctx, "size", [13, 14])
    b = f.location.block
    if b is None:
        return None
    main = _main_body_size(fx, lo, hi)
    pairs = []
    for r in letter_runs(fx.blocks[b]):
        s = r.format.size
        if s is not None and not (lo - 0.05 <= s <= hi + 0.05):
            pairs.append((r, {"size": main if main is not None else _nearest(s, lo, hi)}))
    return _run_change(fx, f, b, pairs)


@remedy("body_one_size")
def body_one_size(fx, f, rule):
    b = f.location.block
    m = re.search(r"([\d.]+)", f.expected or "")
    if b is None or m is None:
        return None
    main = float(m.group(1))
    pairs = [(r, {"size": main}) for r in letter_runs(fx.blocks[b])
             if r.format.size is not None and abs(r.format.size - main) > 0.25]
    return _run_change(fx, f, b, pairs)


@remedy("font_family")
def font_family(fx, f, rule):
    """Every run in a font that is neither accepted nor a legacy font → Times New Roman."""
    from ..checks.layout import _font_key
    accepted = [_font_key(x) for x in rule.params.get("accepted", [TNR])]
    legacy = tuple(rule.params.get("legacy_prefixes", [".vn", "vni", "vps"]))
    wrong = f.found
    ops = []
    for blk in fx.blocks:
        for r in letter_runs(blk):
            font = r.format.font
            if font is None or font != wrong:
                continue
            key = _font_key(font)
            if any(key.startswith(a) for a in accepted) or key.startswith(legacy):
                continue
            ops.append(("run", blk.index, r.start, r.end, {"font": TNR}))
    c = _change(fx, f, wrong or "", TNR, ops)
    if c:
        c.path = "toàn văn bản"
    return c


@remedy("legacy_font")
def legacy_font(fx, f, rule):
    """A legacy font (.VnTime, VNI-Times) on text that is already Unicode → Times New Roman.

    Text still in the legacy encoding is converted by NN008's remedy; a run whose text has no
    Vietnamese Unicode letters and reads as TCVN3/VNI is left to it."""
    from ..checks.layout import _font_key
    from ..nlp.legacy import tcvn3_signals, vni_signals
    legacy = tuple(rule.params.get("legacy_prefixes", [".vn", "vni", "vps"]))
    ops = []
    for blk in fx.blocks:
        for r in letter_runs(blk):
            if r.format.font is None or r.format.font != f.found or not _font_key(r.format.font).startswith(legacy):
                continue
            if tcvn3_signals(r.text) or vni_signals(r.text):
                continue   # legacy-encoded text: NN008 converts it (a font change alone would garble it)
            ops.append(("run", blk.index, r.start, r.end, {"font": TNR}))
    c = _change(fx, f, f.found or "", TNR, ops)
    if c:
        c.path = "toàn văn bản"
    return c


@remedy("colour")
def colour(fx, f, rule):
    ok = {c.lower() for c in rule.params.get("accepted", ["auto", "000000"])}
    wrong = (f.found or "").lstrip("#")
    ops = []
    for blk in fx.blocks:
        for r in letter_runs(blk):
            if r.format.color and r.format.color.lower() not in ok and r.format.color == wrong:
                ops.append(("run", blk.index, r.start, r.end, {"color": "000000"}))
    c = _change(fx, f, f.found or "", "màu đen (#000000)", ops)
    if c:
        c.path = "toàn văn bản"
    return c


_ALIGN_VI = {"left": "căn trái", "right": "căn phải", "center": "căn giữa", "justify": "căn đều hai bên"}


@remedy("justify")
def justify(fx, f, rule):
    b = f.location.block
    if b is None:
        return None
    before = _ALIGN_VI.get(f.found or "", f.found or "")
    return _change(fx, f, before, _ALIGN_VI["justify"], [("para", b, {"jc": "both"})])


@remedy("first_line_indent")
def first_line_indent(fx, f, rule):
    b = f.location.block
    p = fx.blocks[b].paragraph if b is not None else None
    if p is None or p.first_line_indent_mm is None:
        return None
    allowed = param(rule, fx.ctx, "allowed_mm") or []
    lo_hi = param(rule, fx.ctx, "range_mm")
    v = p.first_line_indent_mm
    if allowed:
        target = min(allowed, key=lambda a: abs(a - v))
    elif lo_hi:
        target = _nearest(v, *lo_hi)
    else:
        return None
    return _change(fx, f, f.found or "", f"{target / 10:g} cm",
                   [("para", b, {"firstLine": round(target * MM_TWIPS)})])


@remedy("paragraph_spacing")
def paragraph_spacing(fx, f, rule):
    b = f.location.block
    minimum = rule.params.get("min_pt", 6)
    if b is None or b == 0:
        return None
    pa, pb = fx.blocks[b - 1].paragraph, fx.blocks[b].paragraph
    if pa is None or pb is None:
        return None
    need = max(0.0, minimum - (pb.space_before_pt or 0))
    return _change(fx, f, f.found or "", f"{minimum:g} pt", [("para", b - 1, {"after": round(need * 20)})])


@remedy("line_spacing")
def line_spacing(fx, f, rule):
    b = f.location.block
    p = fx.blocks[b].paragraph if b is not None else None
    if p is None or p.line_spacing is None:
        return None
    lo, hi = param(rule, fx.ctx, "multiple", [1.0, 1.5])
    if (p.line_spacing_rule or "auto") == "auto":
        target = _nearest(p.line_spacing, lo, hi if hi is not None else p.line_spacing)
    else:
        target = lo
    return _change(fx, f, f.found or "", f"{target:g} dòng",
                   [("para", b, {"line": round(240 * target), "lineRule": "auto"})])


@remedy("dieu_heading_style")
def dieu_heading_style(fx, f, rule):
    b = f.location.block
    if b is None:
        return None
    blk = fx.blocks[b]
    m = re.match(r"\s*(Điều|ĐIỀU|điều)\s+\S+?\.?(?=\s|$)", blk.text)
    if m is None or m.group(1) != "Điều":
        return None
    rest = blk.text[m.end():].strip()
    title_only = bool(rest) and not rest.endswith((".", ";", ":")) and len(rest) <= 80
    runs = [r for r in letter_runs(blk) if title_only or r.start < m.end()]
    pairs = []
    for r in runs:
        props = {}
        if r.format.bold is False:
            props["bold"] = True
        if r.format.italic:
            props["italic"] = False
        if props:
            end = r.end if title_only else min(r.end, m.end())
            pairs.append((r, props, end))
    if not pairs:
        return None
    ops = [("run", b, r.start, end, props) for r, props, end in pairs]
    return _change(fx, f, f.found or "", "đậm, đứng", ops)


@remedy("chapter_heading_style")
def chapter_heading_style(fx, f, rule):
    b = f.location.block
    if b is None:
        return None
    blk = fx.blocks[b]
    word = blk.text.strip().split(" ")[0] if blk.text.strip() else ""
    if word and word.isupper() and len(word) > 1:
        return None   # "CHƯƠNG" in capitals: retyping the word is not done here
    ops = [("run", b, r.start, r.end, {"bold": True}) for r in letter_runs(blk) if r.format.bold is False]
    p = blk.paragraph
    if p is not None and p.alignment is not None and p.alignment != "center":
        ops.append(("para", b, {"jc": "center"}))
    found = f.found or ""
    if "tên" in found and b + 1 < len(fx.blocks):
        tb = fx.blocks[b + 1]
        for r in letter_runs(tb):
            props = {}
            if r.format.bold is False:
                props["bold"] = True
            if "tên không in hoa" in found and not r.format.caps and r.text != r.text.upper():
                props["caps"] = True
            if props:
                ops.append(("run", b + 1, r.start, r.end, props))
    return _change(fx, f, found, "đậm, căn giữa; tên in hoa, đậm", ops)


# -- page setup -----------------------------------------------------------------------------------

def _section(fx, f):
    s = f.location.section
    secs = fx.doc.source.sections
    if s is None or not (0 <= s < len(secs)) or s >= len(fx.editor.sections()):
        return None, None
    return s, secs[s]


@remedy("page_size")
def page_size(fx, f, rule):
    s, ps = _section(fx, f)
    if ps is None or ps.width_mm is None or ps.height_mm is None:
        return None
    w, h = A4_TWIPS
    if ps.width_mm > ps.height_mm:
        w, h = h, w
    return _change(fx, f, f.found or "", "210 × 297 mm (A4)", [("sect", s, {"w": w, "h": h})])


@remedy("portrait")
def portrait(fx, f, rule):
    s, ps = _section(fx, f)
    if ps is None or ps.width_mm is None or ps.height_mm is None:
        return None
    w, h = sorted((ps.width_mm, ps.height_mm))
    props = {"w": round(w * MM_TWIPS), "h": round(h * MM_TWIPS), "orient": "portrait"}
    return _change(fx, f, "khổ ngang", "khổ dọc", [("sect", s, props)])


@remedy("margins")
def margins(fx, f, rule):
    s, ps = _section(fx, f)
    if ps is None:
        return None
    ranges = rule.params["margins_mm"]
    tol = rule.params.get("tolerance_mm", 0.2)
    props, after = {}, []
    for side, (lo, hi) in ranges.items():
        v = getattr(ps, f"margin_{side}_mm")
        if v is not None and not (lo - tol <= v <= hi + tol):
            target = _nearest(v, lo, hi)
            props[side] = round(target * MM_TWIPS)
            after.append(f"{side} {target:g} mm")
    return _change(fx, f, f.found or "", ", ".join(after), [("sect", s, props)] if props else [])


@remedy("page_numbers")
def page_numbers(fx, f, rule):
    """Page number hidden on page 1 (titlePg), centred, 13–14 pt; a number alone on its footer line is
    moved to the header (the field deleted from the footer, inserted in the header, both tracked)."""
    s, ps = _section(fx, f)
    where = rule.params.get("position", "header")
    if ps is None or ps.page_number_in is None:
        return None
    ops = []
    if ps.page_number_in != where:
        if where != "header" or ps.page_number_in != "footer" or s != 0:
            return None
        blk = next((b for b in fx.blocks if b.kind == "footer" and any(r.field == "PAGE" for r in b.runs)), None)
        if blk is None or blk.text.strip("\t 0123456789"):
            return None    # the footer line holds more than the number: not moved
        ops.append(("move_page", s, blk.index))
        if ps.page_number_on_first_page:
            ops.append(("sect", s, {"titlePg": True}))
        return _change(fx, f, f.found or "", "giữa lề trên, không hiển thị ở trang đầu", ops)
    if ps.page_number_on_first_page and s == 0:
        ops.append(("sect", s, {"titlePg": True}))
    lo, hi = rule.params.get("size", [13, 14])
    for blk in fx.blocks:
        if blk.kind != ps.page_number_in or not any(r.field == "PAGE" for r in blk.runs):
            continue
        if blk.section is not None and blk.section != s:
            continue
        if ps.page_number_alignment and ps.page_number_alignment != rule.params.get("alignment", "center") \
                and not blk.text.strip("\t 0123456789"):
            ops.append(("para", blk.index, {"jc": "center"}))
        for r in blk.runs:
            if r.field == "PAGE" and r.format.size is not None and not (lo - 0.05 <= r.format.size <= hi + 0.05):
                ops.append(("run", blk.index, r.start, r.end, {"size": _nearest(r.format.size, lo, hi)}))
        break
    return _change(fx, f, f.found or "", "giữa lề trên, không hiển thị ở trang đầu", ops)


@remedy("spelling")
def spelling(fx, f, rule):
    """A curated confusion (corpora/lexicon/confusions.yaml) with exactly one correction."""
    from ..nlp.lexicon import confusions
    if f.location.start is None or not f.found or not f.suggestion:
        return None
    wrong = tuple(f.found.lower().split())
    rights = {c.right.lower() for c in confusions() if c.wrong == wrong}
    if len(rights) != 1 or any(sep in f.suggestion for sep in ("/", "|", ",", " hoặc ", " or ")):
        return None
    return _replace(fx, f, f.location.block, f.location.start, f.location.end, f.suggestion)
