"""HTML reader (the vbpl.vn document body: Word HTML with inline styles, the header as a table).

- lxml.html with no network access and huge_tree off; comments, scripts, styles and <head> skipped.
  The HTML parser does not expand DTD entities (only the standard named character references).
- Block elements (p, div without block children, h1-h6, li, td/th, …) become blocks in document
  order; a <br> ends a block too (vbpl puts "CỘNG HÒA …<br>Độc lập …" in one cell). Text inside a
  table cell is kind="cell" with a TablePosition (nested tables: depth 2, …; `table` counts the
  top-level tables).
- Runs carry bold (<b>/<strong>, font-weight ≥ 600), italic (<i>/<em>, font-style), underline
  (<u>, text-decoration) and the font family named in the style. Sizes are kept only when given in
  pt: vbpl's editor rewrote Word's "14pt" as "14px", so a px size is not the author's size.
  ParagraphFormat: alignment (text-align / align), first-line indent, left indent, space before/after.
- has_formatting=False: a web copy's fonts and sizes are the site's, so the PDF/DOCX font and size
  checks must not run on it; bold/italic are still in the runs for checks that need only those.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import CorruptFileError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Block, ParagraphFormat, Run, RunFormat, SourceDocument, TablePosition
from .normalize import nfc
from .text import decode_text

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "tr", "table", "tbody",
               "thead", "tfoot", "ul", "ol", "blockquote", "pre", "section", "article", "header", "footer",
               "body", "html", "center", "dl", "dt", "dd", "caption", "figure", "figcaption", "hr", "address",
               "main", "nav", "aside", "form", "fieldset", "colgroup", "col"}
_SKIP_TAGS = {"script", "style", "head", "title", "noscript", "template", "object", "iframe", "svg", "math"}
_UNITS_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "px": 25.4 / 96}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|px)\s*$", re.I)


@dataclass(frozen=True)
class _Inline:
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    font: str | None = None
    size: float | None = None


def _style(el) -> dict[str, str]:
    out = {}
    for decl in (el.get("style") or "").split(";"):
        if ":" in decl:
            k, v = decl.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


def _inline(el, st: dict[str, str], cur: _Inline) -> _Inline:
    tag = el.tag if isinstance(el.tag, str) else ""
    new = cur
    if tag in ("b", "strong"):
        new = replace(new, bold=True)
    elif tag in ("i", "em", "cite"):
        new = replace(new, italic=True)
    elif tag == "u":
        new = replace(new, underline=True)
    weight = st.get("font-weight", "").lower()
    if weight:
        if weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600):
            new = replace(new, bold=True)
        elif weight in ("normal", "lighter") or (weight.isdigit() and int(weight) < 600):
            new = replace(new, bold=False)
    fstyle = st.get("font-style", "").lower()
    if fstyle in ("italic", "oblique"):
        new = replace(new, italic=True)
    elif fstyle == "normal":
        new = replace(new, italic=False)
    deco = st.get("text-decoration", "").lower()
    if "underline" in deco:
        new = replace(new, underline=True)
    family = st.get("font-family")
    if family:
        first = family.split(",")[0].strip().strip("'\"")
        if first:
            new = replace(new, font=_title(first))
    size = st.get("font-size", "")
    m = _LENGTH.match(size)
    if m and m.group(2).lower() == "pt":
        new = replace(new, size=float(m.group(1)))
    elif size:
        new = replace(new, size=None)  # px/em/keyword: not the author's point size
    return new


def _title(name: str) -> str:
    """'times new roman' → 'Times New Roman' (CSS names are often lower-cased)."""
    return " ".join(w[:1].upper() + w[1:] for w in name.split()) if name.islower() else name


def _mm(value: str | None) -> float | None:
    if not value:
        return None
    m = _LENGTH.match(value)
    if not m:
        return None
    return round(float(m.group(1)) * _UNITS_MM[m.group(2).lower()], 2)


def _pt(value: str | None) -> float | None:
    mm = _mm(value)
    return None if mm is None else round(mm * 72 / 25.4, 1)


def _paragraph(el, st: dict[str, str]) -> ParagraphFormat | None:
    align = (st.get("text-align") or el.get("align") or "").lower() or None
    if align == "justify" or align == "both":
        align = "justify"
    elif align not in ("left", "right", "center", None):
        align = None
    pf = ParagraphFormat(style=(el.get("class") or None), alignment=align,
                         first_line_indent_mm=_mm(st.get("text-indent")),
                         left_indent_mm=_mm(st.get("margin-left")),
                         space_before_pt=_pt(st.get("margin-top")),
                         space_after_pt=_pt(st.get("margin-bottom")))
    return pf if pf != ParagraphFormat() else None


class _Walker:
    def __init__(self, max_blocks: int):
        self.blocks: list[Block] = []
        self.pieces: list[tuple[str, _Inline]] = []
        self.max_blocks = max_blocks
        self.para: ParagraphFormat | None = None
        self.tables: list[list[int]] = []     # stack of [table index, row, col]
        self.top_tables = -1

    # --- output
    def flush(self) -> None:
        pieces, self.pieces = self.pieces, []
        text = "".join(p for p, _ in pieces)
        if not text.strip() or len(self.blocks) >= self.max_blocks:
            return
        # collapse whitespace as a browser does, keeping run boundaries
        runs_src: list[tuple[str, _Inline]] = []
        for p, fmt in pieces:
            p = re.sub(r"[ \t\r\n\f\u00a0]+", " ", p)
            if runs_src and runs_src[-1][0].endswith(" ") and p.startswith(" "):
                p = p[1:]
            if not p:
                continue
            if runs_src and runs_src[-1][1] == fmt:
                runs_src[-1] = (runs_src[-1][0] + p, fmt)
            else:
                runs_src.append((p, fmt))
        if not runs_src:
            return
        runs_src[0] = (runs_src[0][0].lstrip(), runs_src[0][1])
        runs_src[-1] = (runs_src[-1][0].rstrip(), runs_src[-1][1])
        runs_src = [r for r in runs_src if r[0]]
        raw_text = "".join(p for p, _ in runs_src)
        norm, raw = nfc(raw_text)
        runs = []
        if raw is None:
            pos = 0
            for p, fmt in runs_src:
                runs.append(Run(start=pos, end=pos + len(p), text=p,
                                format=RunFormat(font=fmt.font, size=fmt.size, bold=fmt.bold,
                                                 italic=fmt.italic, underline=fmt.underline)))
                pos += len(p)
        position = None
        if self.tables:
            t = self.tables[-1]
            position = TablePosition(table=self.tables[0][0], row=t[1], col=t[2], depth=len(self.tables))
        self.blocks.append(Block(index=len(self.blocks), text=norm, kind="cell" if position else "paragraph",
                                 runs=tuple(runs), paragraph=self.para, table=position, raw=raw))

    # --- traversal
    def walk(self, el, fmt: _Inline) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is None:  # comment / processing instruction
            self._tail(el, fmt)
            return
        if tag in _SKIP_TAGS:
            self._tail(el, fmt)
            return
        st = _style(el)
        if st.get("display", "").replace(" ", "") == "none":
            self._tail(el, fmt)
            return
        if tag == "br":
            self.flush()
            self._tail(el, fmt)
            return
        inner = _inline(el, st, fmt)
        block = tag in _BLOCK_TAGS
        saved_para = self.para
        if block:
            self.flush()
            if tag == "table":
                if not self.tables:
                    self.top_tables += 1
                    self.tables.append([self.top_tables, -1, -1])
                else:
                    self.tables.append([self.tables[0][0], -1, -1])
            elif tag == "tr" and self.tables:
                self.tables[-1][1] += 1
                self.tables[-1][2] = -1
            elif tag in ("td", "th") and self.tables:
                self.tables[-1][2] += 1
                self.para = _paragraph(el, st)
            elif tag not in ("tbody", "thead", "tfoot", "colgroup", "col"):
                self.para = _paragraph(el, st) or self.para
        if el.text:
            self.pieces.append((el.text, inner))
        for child in el:
            self.walk(child, inner)
        if block:
            self.flush()
            if tag == "table" and self.tables:
                self.tables.pop()
            self.para = saved_para
        self._tail(el, fmt)

    def _tail(self, el, fmt: _Inline) -> None:
        if el.tail:
            self.pieces.append((el.tail, fmt))


def read_html(data: bytes, *, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    import lxml.etree
    import lxml.html

    text = decode_text(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # an XML declaration with an encoding breaks str input
    # a DOCTYPE with an internal subset: never processed (no entity is defined or expanded), removed
    # so that its "]>" does not leak into the text
    text = re.sub(r"^\s*<!DOCTYPE[^\[>]*\[.*?\]\s*>", "", text, count=1, flags=re.S | re.I)
    parser = lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CorruptFileError(f"HTML: {exc}", path=path) from exc
    walker = _Walker(limits.max_blocks)
    walker.walk(root, _Inline())
    walker.flush()
    return SourceDocument(path=path, format="html", blocks=tuple(walker.blocks), has_formatting=False)
