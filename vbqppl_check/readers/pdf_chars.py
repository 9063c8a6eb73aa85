"""Per-character extraction from one PDF page with pypdfium2: glyph box, baseline, font and size.

PDFium's char-level API is called through pypdfium2.raw (ctypes). The costly lookups (font name,
weight, italic angle, effective size) are made once per text object and cached, so a page costs
three or four ctypes calls per character.
"""
from __future__ import annotations

import ctypes
import re
from typing import Any
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

OCR_FONT = "\u0000ocr"      # Style.font of OCR'd words: their font and size are unknown
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_STYLE_SUFFIX = re.compile(r"[-,](Bold|Italic|Oblique|BoldItalic|BoldOblique|Regular|Roman|Semibold|Black|"
                           r"Heavy|Light|Medium|Condensed)\w*$", re.I)
_PS_SUFFIX = re.compile(r"(PSMT|PS|MT)$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_ANONYMOUS = re.compile(r"[A-Z0-9]{6,}|F\d+|T\d+_\d+")   # "FEF761F795D", "F1", "T1_0": no family name


@dataclass(frozen=True)
class Style:
    font: str | None      # family name, e.g. "Times New Roman" (subset prefix and style suffix removed)
    base_font: str | None  # the PDF BaseFont without subset prefix, e.g. "TimesNewRomanPS-BoldMT"
    size: float           # effective size in points (font size × text matrix scale)
    bold: bool | None     # None: the font does not say (anonymous subset font)
    italic: bool | None


@dataclass(frozen=True)
class Char:
    """One glyph. Coordinates in points, origin top-left of the crop box."""

    ch: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    style: Style
    generated: bool = False   # a space PDFium inferred from a gap (no glyph in the file)


def family_name(base: str | None) -> str | None:
    """"KIKFNL+TimesNewRomanPS-BoldMT" → "Times New Roman"; "Arial,Bold" → "Arial"."""
    if not base:
        return None
    name = _SUBSET.sub("", base)
    if _ANONYMOUS.fullmatch(name):   # a made-up subset name tells nothing about the typeface
        return None
    name = _STYLE_SUFFIX.sub("", name)
    name = _PS_SUFFIX.sub("", name) or name
    if " " not in name and not any(ch.isdigit() for ch in name):
        name = _CAMEL.sub(" ", name)
    return name.strip() or None


def _addr(ptr) -> int:
    """Address held by a ctypes pointer (cheaper than ctypes.cast)."""
    return ctypes.c_void_p.from_buffer(ptr).value or 0


def _font_info(font, buf) -> tuple[str | None, bool | None, bool | None]:
    """(base font name, bold, italic) of a PDFium font handle."""
    base = None
    weight = 400
    italic_angle = 0
    flags = 0
    if font:
        n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, len(buf))
        if n > 1:
            base = _SUBSET.sub("", buf.raw[:min(n, len(buf)) - 1].decode("utf-8", "replace"))
        weight = pdfium_c.FPDFFont_GetWeight(font)
        angle = ctypes.c_int(0)
        if pdfium_c.FPDFFont_GetItalicAngle(font, angle):
            italic_angle = angle.value
        flags = pdfium_c.FPDFFont_GetFlags(font)
    low = (base or "").lower()
    bold: bool | None = "bold" in low or "black" in low or "heavy" in low or weight >= 600 or bool(flags & (1 << 18))
    italic: bool | None = "italic" in low or "oblique" in low or italic_angle != 0 or bool(flags & 64)
    if base is None or _ANONYMOUS.fullmatch(_SUBSET.sub("", base)):
        # a font with a made-up name (printer drivers subset Vietnamese glyphs into such fonts) says
        # nothing about its style: "not bold" would be a guess, so only a positive signal counts
        bold = bold or None
        italic = italic or None
    return base, bold, italic


class _StyleCache:
    """Styles per text object, built from per-font info (few fonts, many text objects)."""

    def __init__(self, tp):
        self.tp = tp
        self.buf = ctypes.create_string_buffer(256)
        self.fonts: dict[int, tuple[str | None, bool | None, bool | None]] = {}
        self.styles: dict[tuple, Style] = {}
        self.matrix = pdfium_c.FS_MATRIX()

    def style(self, index: int, obj) -> tuple[Style, int]:
        m = self.matrix
        pdfium_c.FPDFText_GetMatrix(self.tp, index, m)
        scale_y = (m.c * m.c + m.d * m.d) ** 0.5
        if abs(m.b) <= 0.01 * abs(m.a) and abs(m.c) <= 0.01 * abs(m.d) and m.a > 0 and m.d > 0:
            direction = 0
        elif abs(m.a) <= 0.01 * abs(m.b) and abs(m.d) <= 0.01 * abs(m.c):
            direction = 1 if m.b > 0 else 2
        else:
            direction = 3             # skewed or upside down: not read
        size = round(pdfium_c.FPDFText_GetFontSize(self.tp, index) * (scale_y or 1.0), 2)
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        fkey = _addr(font)
        info = self.fonts.get(fkey)
        if info is None:
            info = self.fonts[fkey] = _font_info(font, self.buf)
        key = (info, size)
        st = self.styles.get(key)
        if st is None:
            base, bold, italic = info
            st = self.styles[key] = Style(font=family_name(base), base_font=base, size=size, bold=bold, italic=italic)
        return st, direction


def vertical_rules(page, crop: tuple[float, float, float, float]) -> list[tuple[float, float, float]]:
    """Thin vertical paths (table borders) as (x, top, bottom), top-left origin: cells never merge across them."""
    left, _bottom, _right, top_y = crop
    page = getattr(page, "raw", page)
    out = []
    lb, bb, rb, tb = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for k in range(pdfium_c.FPDFPage_CountObjects(page)):
        obj = pdfium_c.FPDFPage_GetObject(page, k)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, lb, bb, rb, tb):
            continue
        if rb.value - lb.value < 3.0 and tb.value - bb.value > 8.0:
            out.append(((lb.value + rb.value) / 2 - left, top_y - tb.value, top_y - bb.value))
    return out


def _visible(obj, rgba) -> bool:
    """False for text filled white (or fully transparent) on the page: a stray digit printed white
    ("năm 20264" on a gazette page shows "2026"). Text in the invisible render mode stays: it is the
    OCR layer of a searchable scan, the only text such a page has."""
    if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
        return True
    r, g, b, a = rgba
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return True
    return not (a.value == 0 or (r.value >= 250 and g.value >= 250 and b.value >= 250))



def _object_address_fn():
    """FPDFText_GetTextObject returning the object's address as an int (restype c_void_p): the per-glyph
    loop keys its caches on it without building a typed pointer per glyph. None when the binding is not
    reachable (then the typed call and _addr are used)."""
    try:
        from pypdfium2_raw.bindings import _libs  # type: ignore[import-untyped]
        fn = _libs["pdfium"]["FPDFText_GetTextObject"]   # a new function object: the shared one is untouched
        fn.argtypes = pdfium_c.FPDFText_GetTextObject.argtypes
        fn.restype = ctypes.c_void_p
        return fn
    except Exception:   # noqa: BLE001 — an optimisation only
        return None


_OBJECT_ADDRESS = _object_address_fn()
_new_char = object.__new__


_MISSING: Any = object()   # typed Any: the cache lookups below return it or an entry
_INVISIBLE = pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE


def _untyped_fns():
    """PDFium's per-glyph functions without ctypes argument conversion (argtypes None: handles are passed
    as c_void_p, outputs by reference, indices as C ints; restypes set), about 40 % cheaper a call than the
    typed bindings. None when the library is not reachable (then page_chars uses the typed bindings)."""
    try:
        from pypdfium2_raw.bindings import _libs  # type: ignore[import-untyped]
        lib = _libs["pdfium"]

        def fn(name, restype):
            f = lib[name]   # a new function object: the shared typed one is untouched
            f.argtypes = None
            f.restype = restype
            return f
        return (fn("FPDFText_GetTextObject", ctypes.c_void_p), fn("FPDFText_GetLooseCharBox", ctypes.c_int),
                fn("FPDFText_GetCharOrigin", ctypes.c_int), fn("FPDFText_GetMatrix", ctypes.c_int),
                fn("FPDFText_GetFontSize", ctypes.c_double), fn("FPDFTextObj_GetFont", ctypes.c_void_p),
                fn("FPDFTextObj_GetTextRenderMode", ctypes.c_int), fn("FPDFPageObj_GetFillColor", ctypes.c_int))
    except Exception:   # noqa: BLE001 — an optimisation only
        return None


_UNTYPED = _untyped_fns()


class _FastStyles:
    """What _visible and _StyleCache.style give for a text object, through the untyped calls: one entry
    per text object (keyed by its address), (Style, direction) or None for invisible text."""

    def __init__(self, tp, tpv):
        self.tp, self.tpv = tp, tpv
        self.styles = _StyleCache(tp)
        self.matrix = (ctypes.c_float * 6)()          # FS_MATRIX: a, b, c, d, e, f
        self.matrix_ref = ctypes.byref(self.matrix)
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.rgba_ref = tuple(ctypes.byref(v) for v in self.rgba)
        self.by_key: dict[tuple, tuple[Style, int] | None] = {}

    def entry(self, index: int, address: int) -> tuple[Style, int] | None:
        _obj, _box, _origin, get_matrix, font_size, get_font, render_mode, fill_color = _UNTYPED
        objv = ctypes.c_void_p(address)
        if render_mode(objv) != _INVISIBLE and fill_color(objv, *self.rgba_ref):
            r, g, b, a = self.rgba
            if a.value == 0 or (r.value >= 250 and g.value >= 250 and b.value >= 250):
                return None
        get_matrix(self.tpv, index, self.matrix_ref)
        ma, mb, mc, md, _e, _f = self.matrix
        key = (get_font(objv), font_size(self.tpv, index), ma, mb, mc, md)
        if key in self.by_key:
            return self.by_key[key]
        fkey, raw_size, ma, mb, mc, md = key
        scale_y = (mc * mc + md * md) ** 0.5
        if abs(mb) <= 0.01 * abs(ma) and abs(mc) <= 0.01 * abs(md) and ma > 0 and md > 0:
            direction = 0
        elif abs(ma) <= 0.01 * abs(mb) and abs(md) <= 0.01 * abs(mc):
            direction = 1 if mb > 0 else 2
        else:
            direction = 3
        size = round(raw_size * (scale_y or 1.0), 2)
        fonts = self.styles.fonts
        fkey = fkey or 0
        info = fonts.get(fkey)
        if info is None:
            info = fonts[fkey] = _font_info(pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(self.tp, index)),
                                            self.styles.buf)
        skey = (info, size)
        st = self.styles.styles.get(skey)
        if st is None:
            base, bold, italic = info
            st = self.styles.styles[skey] = Style(font=family_name(base), base_font=base, size=size, bold=bold,
                                                   italic=italic)
        out = self.by_key[key] = (st, direction)
        return out


def _page_chars_upright(tp, n: int, units: list[int], crop) -> tuple[list[Char], int] | None:
    """page_chars for the common page whose visible glyphs are all upright (direction 0): one pass that
    builds the Chars directly (the same values as _to_chars). None as soon as a visible glyph in another
    direction shows up: the caller then runs the general two-pass loop."""
    get_address, loose_box, char_origin = _UNTYPED[0], _UNTYPED[1], _UNTYPED[2]
    tpv = ctypes.c_void_p(_addr(tp))
    entry_of = _FastStyles(tp, tpv).entry
    rect = (ctypes.c_float * 4)()       # FS_RECTF: left, top, right, bottom
    rect_ref = ctypes.byref(rect)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
    cache: dict[int, tuple[Style, int] | None] = {}
    left, _bottom, _right, top_y = crop
    out: list[Char] = []
    append = out.append
    new, set_attr = _new_char, object.__setattr__
    last = None    # the last Char appended
    for i in range(n):
        key = get_address(tpv, i)
        code = units[i]
        if not key:   # generated by PDFium: keep inferred spaces as hints, drop inferred line breaks
            if code == 32 and last is not None and last.ch != " ":
                x1 = last.x1
                last = new(Char)
                set_attr(last, "__dict__", {"ch": " ", "x0": x1, "top": last_top, "x1": x1, "bottom": last_bottom,
                                            "baseline": last_base, "style": last_style, "generated": True})
                append(last)
            continue
        if code in (0, 0xFFFE, 0xFFFF) or code in (0x0D, 0x0A) or 0xD800 <= code <= 0xDFFF:
            if 0xD800 <= code <= 0xDBFF and i + 1 < n:
                ch = chr(0x10000 + ((code - 0xD800) << 10) + (units[i + 1] - 0xDC00))
            else:
                continue
        else:
            ch = " " if code == 9 else chr(code)
        entry = cache.get(key, _MISSING)
        if entry is _MISSING:
            entry = cache[key] = entry_of(i, key)
        if entry is None:
            continue
        style, direction = entry
        if direction:
            return None
        loose_box(tpv, i, rect_ref)
        char_origin(tpv, i, ox_ref, oy_ref)
        l, t, r, b = rect
        x0, x1 = l - left, r - left
        if x1 < x0:
            x1 = x0
        last_top, last_bottom, last_base, last_style = top_y - t, top_y - b, top_y - oy.value, style
        last = new(Char)
        set_attr(last, "__dict__", {"ch": ch, "x0": x0, "top": last_top, "x1": x1, "bottom": last_bottom,
                                    "baseline": last_base, "style": style, "generated": False})
        append(last)
    return out, 0


def _page_chars_untyped(tp, n: int, units: list[int] | None, crop) -> tuple[list[Char], int]:
    if units is not None:
        upright = _page_chars_upright(tp, n, units, crop)
        if upright is not None:
            return upright
    get_address, loose_box, char_origin = _UNTYPED[0], _UNTYPED[1], _UNTYPED[2]
    tpv = ctypes.c_void_p(_addr(tp))
    styles = _FastStyles(tp, tpv)
    entry_of = styles.entry
    rect = (ctypes.c_float * 4)()       # FS_RECTF: left, top, right, bottom
    rect_ref = ctypes.byref(rect)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
    cache: dict[int, tuple[Style, int] | None] = {}
    raw: list[tuple] = []   # (ch, direction, left, bottom, right, top, origin x, origin y, style, generated)
    append = raw.append
    counts = [0, 0, 0, 0]
    for i in range(n):
        key = get_address(tpv, i)
        code = units[i] if units is not None else pdfium_c.FPDFText_GetUnicode(tp, i)
        if not key:   # generated by PDFium: keep inferred spaces as hints, drop inferred line breaks
            if code == 32 and raw and raw[-1][0] != " ":
                append((" ",) + raw[-1][1:9] + (True,))
            continue
        if code in (0, 0xFFFE, 0xFFFF) or code in (0x0D, 0x0A) or 0xD800 <= code <= 0xDFFF:
            if 0xD800 <= code <= 0xDBFF and units is not None and i + 1 < n:
                ch = chr(0x10000 + ((code - 0xD800) << 10) + (units[i + 1] - 0xDC00))
            else:
                continue
        else:
            ch = " " if code == 9 else chr(code)
        entry = cache.get(key, _MISSING)
        if entry is _MISSING:
            entry = cache[key] = entry_of(i, key)
        if entry is None:
            continue
        style, direction = entry
        loose_box(tpv, i, rect_ref)
        char_origin(tpv, i, ox_ref, oy_ref)
        left_, top_, right_, bottom_ = rect
        append((ch, direction, left_, bottom_, right_, top_, ox.value, oy.value, style, False))
        if ch != " ":
            counts[direction] += 1
    return _to_chars(raw, counts, crop)


def _to_chars(raw: list[tuple], counts: list[int], crop) -> tuple[list[Char], int]:
    direction = max(range(3), key=lambda d: (counts[d], d == 0))
    left, bottom, right, top_y = crop
    out: list[Char] = []
    append = out.append
    new, set_attr = _new_char, object.__setattr__
    for ch, d, l, b, r, t, x, y, style, generated in raw:
        if d != direction:
            continue
        if direction == 0:
            x0, x1, top, bot, base = l - left, r - left, top_y - t, top_y - b, top_y - y
        elif direction == 1:      # glyph tops point to -x, text runs up
            x0, x1, top, bot, base = b - bottom, t - bottom, l - left, r - left, x - left
        else:                     # glyph tops point to +x, text runs down
            x0, x1, top, bot, base = top_y - t, top_y - b, right - r, right - l, right - x
        if x1 < x0:
            x1 = x0
        if generated:
            x0 = x1
        c = new(Char)   # Char(...) without the frozen dataclass's per-field __setattr__ (a page has thousands)
        set_attr(c, "__dict__", {"ch": ch, "x0": x0, "top": top, "x1": x1, "bottom": bot, "baseline": base,
                                 "style": style, "generated": generated})
        append(c)
    return out, direction


def page_chars(textpage, crop: tuple[float, float, float, float]) -> tuple[list[Char], int]:
    """The characters of a page's dominant text direction, in content order, and that direction.

    Direction 0 is normal text; 1 runs bottom-to-top and 2 top-to-bottom (a landscape table set on
    a portrait page, common in gazette annexes). For 1 and 2 the coordinates are those of the
    rotated, reading frame: x along the text, top growing from one line to the next.
    """
    tp = getattr(textpage, "raw", textpage)   # the raw handle: a helper object costs a Python call per ctypes call
    n = pdfium_c.FPDFText_CountChars(tp)
    if n <= 0:
        return [], 0
    # One bulk call for the unicode text (one UTF-16 unit per char index).
    ubuf = (ctypes.c_ushort * (n + 1))()
    got = pdfium_c.FPDFText_GetText(tp, 0, n, ubuf)
    units = list(ubuf[:n]) if got - 1 == n else None
    if _UNTYPED is not None:
        return _page_chars_untyped(tp, n, units, crop)
    styles = _StyleCache(tp)
    rect = pdfium_c.FS_RECTF()
    cache: dict[int, tuple[Style, int] | None] = {}
    rgba = tuple(ctypes.c_uint() for _ in range(4))   # reused per page: one text object per glyph is common
    raw: list[tuple] = []   # (ch, direction, left, bottom, right, top, origin x, origin y, style, generated)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    get_object, get_address = pdfium_c.FPDFText_GetTextObject, _OBJECT_ADDRESS
    loose_box, char_origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
    append = raw.append
    for i in range(n):
        if get_address is not None:
            key = get_address(tp, i) or 0
            obj = key
        else:
            obj = get_object(tp, i)
            key = _addr(obj) if obj else 0
        if not obj:  # generated by PDFium: keep inferred spaces as hints, drop inferred line breaks
            code = units[i] if units is not None else pdfium_c.FPDFText_GetUnicode(tp, i)
            if code == 32 and raw and raw[-1][0] != " ":
                raw.append((" ",) + raw[-1][1:9] + (True,))
            continue
        code = units[i] if units is not None else pdfium_c.FPDFText_GetUnicode(tp, i)
        if code in (0, 0xFFFE, 0xFFFF) or code in (0x0D, 0x0A) or 0xD800 <= code <= 0xDFFF:
            if 0xD800 <= code <= 0xDBFF and units is not None and i + 1 < n:
                ch = chr(0x10000 + ((code - 0xD800) << 10) + (units[i + 1] - 0xDC00))
            else:
                continue
        else:
            ch = " " if code == 9 else chr(code)
        if key in cache:
            entry = cache[key]
        else:
            typed = get_object(tp, i)
            entry = cache[key] = styles.style(i, typed) if _visible(typed, rgba) else None
        if entry is None:
            continue
        style, direction = entry
        # the loose box spans the glyph's advance and the font's ascent/descent: tight boxes
        # of narrow glyphs ("1", "i") would leave gaps that read as word spaces
        loose_box(tp, i, rect)
        # the origin gives the baseline: loose-box bottoms differ between fonts (their descents)
        char_origin(tp, i, ox, oy)
        append((ch, direction, rect.left, rect.bottom, rect.right, rect.top, ox.value, oy.value, style, False))
    counts = [0, 0, 0, 0]
    for r in raw:
        if r[0] != " ":
            counts[r[1]] += 1
    return _to_chars(raw, counts, crop)
