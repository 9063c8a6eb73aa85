"""Effective formatting of WordprocessingML runs and paragraphs, resolved once per style pair.

Order (ECMA-376 §17.7.2): docDefaults → table style → paragraph style chain (basedOn) → numbering
level → character style chain → direct formatting. Toggle properties (b, i, caps, strike) are XOR-ed
across style *kinds* (table, paragraph, character) and not within a basedOn chain, where the most
derived style wins (§17.7.3); direct formatting sets them absolutely.

Properties are kept as small dicts of parsed values; a RunFormat is built only at the end, and the
results are cached per (table style, paragraph style, character style, direct rPr) so that a
document with thousands of runs resolves each combination once.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from lxml import etree

from ..model import ParagraphFormat, RunFormat

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_W = "{%s}" % W


def w(tag: str) -> str:
    return _W + tag


def wval(el, attr: str = "val") -> str | None:
    return None if el is None else el.get(_W + attr)


# python-docx's BabelFish table, copied so that reading does not import python-docx (≈ 230 ms)
_UI_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header",
             **{f"heading {n}": f"Heading {n}" for n in range(1, 10)}}

TOGGLES = ("b", "i", "caps", "strike", "vanish")  # vanish: hidden text, not shown, not read
_FALSE = {"0", "false", "off", "none"}
TWIP_MM = 25.4 / 1440


def _on(el) -> bool:
    v = el.get(_W + "val")
    return v is None or v.lower() not in _FALSE


# ST_UniversalMeasure (Strict documents may write "2cm" where Transitional writes twips)
_UNIT_TWIPS = {"pt": 20.0, "in": 1440.0, "cm": 1440 / 2.54, "mm": 144 / 2.54, "pc": 240.0, "pi": 240.0}


def _twips(v: str | None) -> float | None:
    """A twips value, or a universal measure ("2cm", "14pt") in twips; None when unreadable."""
    if not v:
        return None
    unit = 1.0
    number = v
    if len(v) > 2 and v[-2:].lower() in _UNIT_TWIPS:
        unit, number = _UNIT_TWIPS[v[-2:].lower()], v[:-2]
    try:
        f = float(number) * unit
    except ValueError:
        return None
    return f if math.isfinite(f) else None  # "nan"/"inf" would poison the JSON output


def parse_rpr(rpr) -> dict:
    """The properties one rPr element sets (only those it sets)."""
    out: dict = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(_W):
            continue
        name = tag[len(_W):]
        if name in TOGGLES:
            out[name] = _on(child)
        elif name == "sz":
            raw = child.get(_W + "val") or ""
            v = _twips(raw)
            if v is not None:  # half-points, or a universal measure such as "14pt"
                out["sz"] = v / 2.0 if raw.replace(".", "", 1).isdigit() else v / 20.0
        elif name == "u":
            v = child.get(_W + "val")
            out["u"] = v is not None and v.lower() not in _FALSE
        elif name == "color":
            v = child.get(_W + "val")
            if v:
                out["color"] = v if v == "auto" else v.upper()
        elif name == "rFonts":
            for key in ("ascii", "hAnsi"):
                theme = child.get(_W + key + "Theme")
                plain = child.get(_W + key)
                if theme:
                    out["font_" + key] = ("theme", theme)
                elif plain:
                    out["font_" + key] = ("name", plain)
        elif name == "vertAlign":
            out["vertAlign"] = child.get(_W + "val")
    return out


def parse_ppr(ppr) -> dict:
    """The paragraph properties one pPr element sets (ind/spacing attributes merge one by one)."""
    out: dict = {}
    if ppr is None:
        return out
    for child in ppr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(_W):
            continue
        name = tag[len(_W):]
        if name == "jc":
            out["jc"] = child.get(_W + "val")
        elif name == "ind":
            for key, alias in (("firstLine", None), ("hanging", None), ("left", "start")):
                v = child.get(_W + key)
                if v is None and alias:
                    v = child.get(_W + alias)
                if v is not None:
                    out["ind_" + key] = _twips(v)
        elif name == "spacing":
            for key in ("before", "after", "line", "lineRule"):
                v = child.get(_W + key)
                if v is not None:
                    out["sp_" + key] = v
        elif name == "numPr":
            num = child.find(_W + "numId")
            lvl = child.find(_W + "ilvl")
            if num is not None:
                out["numId"] = num.get(_W + "val")
            if lvl is not None:
                out["ilvl"] = lvl.get(_W + "val")
        elif name == "pageBreakBefore":
            out["pageBreakBefore"] = _on(child)
        elif name == "tabs":
            stops = []
            for tab in child.iterchildren(_W + "tab"):
                pos = _twips(tab.get(_W + "pos"))
                if pos is not None:
                    stops.append((pos, tab.get(_W + "val") or "left"))
            out["tabs"] = tuple(stops)
    return out


def merged_tabs(base: tuple, over: tuple) -> tuple:
    """Tab stops accumulate along the chain; a "clear" stop removes the inherited one at its position."""
    stops = {pos: val for pos, val in base}
    for pos, val in over:
        if val == "clear":
            stops.pop(pos, None)
        else:
            stops[pos] = val
    return tuple(sorted(stops.items()))


def _merge_ppr(base: dict, over: dict) -> dict:
    if not over:
        return base
    merged = dict(base)
    merged.update(over)
    if "tabs" in over:
        merged["tabs"] = merged_tabs(base.get("tabs", ()), over["tabs"])
    # firstLine and hanging are one property: the later level's choice replaces the earlier one.
    if "ind_firstLine" in over and "ind_hanging" not in over:
        merged.pop("ind_hanging", None)
    if "ind_hanging" in over and "ind_firstLine" not in over:
        merged.pop("ind_firstLine", None)
    return merged


@dataclass
class _Style:
    style_id: str
    kind: str
    name: str | None
    based_on: str | None
    rpr: dict
    ppr: dict


@dataclass
class StyleSheet:
    """Styles, defaults and theme fonts of one document, with caches of resolved combinations."""

    styles: dict[str, _Style] = field(default_factory=dict)
    default_rpr: dict = field(default_factory=dict)
    default_ppr: dict = field(default_factory=dict)
    default_para: str | None = None
    default_char: str | None = None
    theme_fonts: dict[str, str] = field(default_factory=dict)   # "major"/"minor" → latin typeface
    _chain_cache: dict = field(default_factory=dict)
    _run_cache: dict = field(default_factory=dict)
    _para_cache: dict = field(default_factory=dict)

    @classmethod
    def build(cls, styles_root, theme_root) -> "StyleSheet":
        sheet = cls()
        if theme_root is not None:
            for kind in ("major", "minor"):
                latin = theme_root.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
                if latin is not None and latin.get("typeface"):
                    sheet.theme_fonts[kind] = latin.get("typeface")
        if styles_root is None:
            return sheet
        defaults = styles_root.find(w("docDefaults"))
        if defaults is not None:
            sheet.default_rpr = parse_rpr(defaults.find(f"{_W}rPrDefault/{_W}rPr"))
            sheet.default_ppr = parse_ppr(defaults.find(f"{_W}pPrDefault/{_W}pPr"))
        for el in styles_root.iterchildren(w("style")):
            sid = el.get(_W + "styleId")
            if not sid:
                continue
            kind = el.get(_W + "type") or "paragraph"
            style = _Style(style_id=sid, kind=kind, name=wval(el.find(w("name"))),
                           based_on=wval(el.find(w("basedOn"))),
                           rpr=parse_rpr(el.find(w("rPr"))), ppr=parse_ppr(el.find(w("pPr"))))
            sheet.styles[sid] = style
            if el.get(_W + "default") in ("1", "true", "on"):
                if kind == "paragraph":
                    sheet.default_para = sid
                elif kind == "character":
                    sheet.default_char = sid
        return sheet

    def name_of(self, style_id: str | None) -> str | None:
        st = self.styles.get(style_id or "")
        if st is None or not st.name:
            return style_id
        # built-in styles are stored lower-case ("heading 2"); show the UI name as python-docx does
        return _UI_NAMES.get(st.name, st.name)

    def _chain(self, style_id: str | None, kind: str) -> tuple[dict, dict]:
        """(rPr, pPr) of a style merged along its basedOn chain, most derived last (no toggling)."""
        key = (style_id, kind)
        hit = self._chain_cache.get(key)
        if hit is not None:
            return hit
        chain: list[_Style] = []
        seen = set()
        sid = style_id
        while sid and sid not in seen and len(chain) < 32:
            seen.add(sid)
            st = self.styles.get(sid)
            if st is None or st.kind != kind:
                break
            chain.append(st)
            sid = st.based_on
        rpr: dict = {}
        ppr: dict = {}
        for st in reversed(chain):
            rpr.update(st.rpr)
            ppr = _merge_ppr(ppr, st.ppr)
        self._chain_cache[key] = (rpr, ppr)
        return rpr, ppr

    def para_style_id(self, p_style: str | None) -> str | None:
        if p_style and self.styles.get(p_style, None) is not None and self.styles[p_style].kind == "paragraph":
            return p_style
        return self.default_para

    def paragraph_props(self, table_style: str | None, p_style: str | None, num_ppr: dict,
                        direct: dict) -> dict:
        key = (table_style, p_style, tuple(sorted(num_ppr.items())), tuple(sorted(direct.items())))
        hit = self._para_cache.get(key)
        if hit is not None:
            return hit
        props = dict(self.default_ppr)
        if table_style:
            props = _merge_ppr(props, self._chain(table_style, "table")[1])
        props = _merge_ppr(props, self._chain(p_style, "paragraph")[1])
        props = _merge_ppr(props, num_ppr)
        props = _merge_ppr(props, direct)
        self._para_cache[key] = props
        return props

    def run_format(self, table_style: str | None, p_style: str | None, r_style: str | None,
                   direct: dict, latin_ext: bool = False) -> RunFormat | None:
        """The effective format, or None when the run is hidden (w:vanish).

        latin_ext: the text has letters beyond ASCII (Vietnamese does), which Word shows in the hAnsi
        font rather than the ascii one when the two differ."""
        key = (table_style, p_style, r_style, tuple(sorted(direct.items())), latin_ext)
        if key in self._run_cache:
            return self._run_cache[key]
        levels = []
        if table_style:
            levels.append(self._chain(table_style, "table")[0])
        levels.append(self._chain(p_style, "paragraph")[0])
        levels.append(self._chain(r_style or self.default_char, "character")[0])
        props = dict(self.default_rpr)
        toggles: dict[str, bool] = {}
        for level in levels:
            for k, v in level.items():
                if k in TOGGLES:
                    toggles[k] = toggles.get(k, False) ^ bool(v)
                else:
                    props[k] = v
        for k, v in toggles.items():
            props[k] = v  # a style level replaces the docDefaults value
        props.update(direct)
        fmt: RunFormat | None = RunFormat(
            font=self._font(props, latin_ext),
            size=props.get("sz", 10.0),  # §17.3.2.38: 10 pt when no level sets a size
            bold=bool(props.get("b", False)),
            italic=bool(props.get("i", False)),
            underline=bool(props.get("u", False)),
            caps=bool(props.get("caps", False)),
            color=props.get("color", "auto"),
            strike=bool(props.get("strike", False)),
        )
        if props.get("vanish"):
            fmt = None
        self._run_cache[key] = fmt
        return fmt

    def _font(self, props: dict, latin_ext: bool) -> str | None:
        for key in (("font_hAnsi", "font_ascii") if latin_ext else ("font_ascii", "font_hAnsi")):
            val = props.get(key)
            if val is None:
                continue
            kind, name = val
            if kind == "name":
                return name
            # asciiTheme="minorHAnsi" → the theme's minor latin font
            theme = self.theme_fonts.get("major" if name.startswith("major") else "minor")
            if theme:
                return theme
        return None


_JC = {"both": "justify", "distribute": "justify", "start": "left", "end": "right", "left": "left",
       "right": "right", "center": "center", "lowKashida": "justify", "mediumKashida": "justify",
       "highKashida": "justify", "thaiDistribute": "justify"}


_FORMATS: dict[tuple, ParagraphFormat] = {}


def _zero_signed(v):
    """A key part for an indent: 0.0 and -0.0 are equal keys but print differently."""
    return v if v else (v, str(v))


def paragraph_format(props: dict, style_name: str | None, numbering_text: str | None) -> ParagraphFormat:
    """The ParagraphFormat of resolved paragraph properties; one shared (frozen) object per distinct
    combination: most paragraphs of a document repeat a few."""
    get = props.get
    key = (_zero_signed(get("ind_firstLine")), _zero_signed(get("ind_hanging")), _zero_signed(get("ind_left")),
           get("sp_lineRule"), get("sp_line"), get("sp_before"), get("sp_after"), get("numId"), get("jc"),
           style_name, numbering_text)
    got = _FORMATS.get(key)
    if got is None:
        if len(_FORMATS) >= 4096:
            _FORMATS.clear()
        got = _FORMATS[key] = _paragraph_format(props, style_name, numbering_text)
    return got


def _paragraph_format(props: dict, style_name: str | None, numbering_text: str | None) -> ParagraphFormat:
    first = props.get("ind_firstLine")
    hanging = props.get("ind_hanging")
    first_mm = None
    if hanging is not None:
        first_mm = -hanging * TWIP_MM
    elif first is not None:
        first_mm = first * TWIP_MM
    left = props.get("ind_left")
    rule = props.get("sp_lineRule")
    line = _twips(props.get("sp_line"))
    line_spacing = None
    if line is not None:
        if rule in (None, "auto"):
            rule = "auto"
            line_spacing = round(line / 240.0, 3)
        else:
            line_spacing = line / 20.0
    before = _twips(props.get("sp_before"))
    after = _twips(props.get("sp_after"))
    num_id = props.get("numId")
    return ParagraphFormat(
        style=style_name,
        alignment=_JC.get(props.get("jc") or "", None) if props.get("jc") else "left",
        # §17.3.1.12: an indent no level sets is zero
        first_line_indent_mm=0.0 if first_mm is None else round(first_mm, 2),
        left_indent_mm=0.0 if left is None else round(left * TWIP_MM, 2),
        space_before_pt=0.0 if before is None else before / 20.0,
        space_after_pt=0.0 if after is None else after / 20.0,
        line_spacing=1.0 if line_spacing is None else line_spacing,
        line_spacing_rule=rule if line is not None else "auto",
        numbering=bool(num_id) and num_id != "0",
        numbering_text=numbering_text,
    )


def local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
