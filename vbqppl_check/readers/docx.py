"""DOCX reader: the zip is checked first (docx_zip), then the parts are walked with lxml.

python-docx is not used for the walk: its per-run style lookups cost about 1.2 s on a 5-page
document, and it would re-open the zip with its own parser. Here every XML part is parsed once with
the hardened parser, and run/paragraph formatting is resolved through a per-document cache
(docx_styles.StyleSheet).

Reading order: body paragraphs and table cells as they appear (a nested table is read where it sits
in its cell), text boxes right after the paragraph that anchors them, then the headers and footers
of each section. Empty paragraphs are not blocks.
"""
from __future__ import annotations

import hashlib
import posixpath
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from ..errors import CorruptFileError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Block, PageSetup, Run, RunFormat, SourceDocument, TablePosition
from ..model.source import BlockKind
from .docx_numbering import Numbering
from .docx_styles import (TWIP_MM, _W, StyleSheet, _twips, local, paragraph_format, parse_ppr, parse_rpr, w,
                          wval)
from .docx_zip import Package, open_package
from .normalize import nfc

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Inline containers whose children are read as if they were the paragraph's own content.
_TRANSPARENT = {"hyperlink", "ins", "smartTag", "customXml", "moveTo", "dir", "bdo"}
_SKIPPED = {"del", "moveFrom", "proofErr", "bookmarkStart", "bookmarkEnd", "commentRangeStart",
            "commentRangeEnd", "permStart", "permEnd", "pPr", "rPr"}


_UNSET = object()


@dataclass
class _Ctx:
    """Where the walker is: which kind of block it emits and the table position, if any."""

    kind: BlockKind = "paragraph"
    table: TablePosition | None = None
    table_style: str | None = None
    header_kind: str | None = None
    part: str = "body"                 # "body" | "header" | "footer"


@dataclass
class _PageField:
    part: str
    alignment: str | None
    size: float | None
    shown: bool = False   # the size came from the field's displayed result, not from its code


@dataclass
class _Walker:
    sheet: StyleSheet
    numbering: Numbering
    limits: Limits
    blocks: list[Block] = field(default_factory=list)
    section: int = 0
    top_table: int = -1
    fields: list[list] = field(default_factory=list)   # stack of [instr, phase]
    page_fields: list[_PageField] = field(default_factory=list)
    truncated: bool = False

    # --- block-level content -------------------------------------------------------------
    def walk_container(self, container, ctx: _Ctx, on_sect=None) -> None:
        for child in container:
            name = local(child)
            if name == "p":
                self.paragraph(child, ctx)
                if on_sect is not None:
                    sect = _section_break(child)
                    if sect is not None:
                        on_sect(sect)
            elif name == "tbl":
                self.table(child, ctx)
            elif name in ("sdt",):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.walk_container(content, ctx, on_sect)
            elif name in ("customXml", "ins", "moveTo"):
                self.walk_container(child, ctx, on_sect)
            elif name == "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    self.walk_container(choice, ctx, on_sect)

    def table(self, tbl, ctx: _Ctx) -> None:
        depth = 1 if ctx.table is None else ctx.table.depth + 1
        if depth == 1:
            self.top_table += 1
        table_index = ctx.table.table if depth != 1 and ctx.table is not None else self.top_table
        style = wval(tbl.find(f"{_W}tblPr/{_W}tblStyle"))
        row_i = 0
        for tr in tbl.iterchildren(w("tr"), w("sdt"), w("customXml")):
            rows = [tr] if local(tr) == "tr" else list(tr.iter(w("tr")))
            for row in rows:
                before = row.find(f"{_W}trPr/{_W}gridBefore")
                gb = wval(before)
                col = int(gb) if gb is not None and gb.isdigit() else 0
                for tc in self._cells(row):
                    tcpr = tc.find(w("tcPr"))
                    span = 1
                    merged_continue = False
                    if tcpr is not None:
                        gs = tcpr.find(w("gridSpan"))
                        gsv = wval(gs)
                        if gsv is not None and gsv.isdigit():
                            span = max(1, int(gsv))
                        vm = tcpr.find(w("vMerge"))
                        # a vertically merged cell shows the first cell's content only
                        merged_continue = vm is not None and wval(vm) in (None, "continue")
                    if not merged_continue:
                        pos = TablePosition(table=table_index, row=row_i, col=col, depth=depth)
                        cell_ctx = _Ctx(kind="cell" if ctx.part == "body" else ctx.kind, table=pos,
                                        table_style=style or ctx.table_style,
                                        header_kind=ctx.header_kind, part=ctx.part)
                        self.walk_container(tc, cell_ctx)
                    col += span
                row_i += 1

    @staticmethod
    def _cells(row):
        for child in row:
            name = local(child)
            if name == "tc":
                yield child
            elif name in ("sdt", "customXml"):
                yield from child.iter(w("tc"))

    # --- paragraphs ------------------------------------------------------------------------
    def paragraph(self, p, ctx: _Ctx) -> None:
        if self.truncated:
            return
        ppr_el = p.find(w("pPr"))
        direct_ppr = parse_ppr(ppr_el)
        p_style = self.sheet.para_style_id(wval(ppr_el.find(w("pStyle"))) if ppr_el is not None else None)
        # numbering may come from the paragraph style as well as from direct formatting
        style_ppr = self.sheet.paragraph_props(ctx.table_style, p_style, {}, direct_ppr)
        num_id, ilvl = style_ppr.get("numId"), style_ppr.get("ilvl")
        num_ppr = self.numbering.level_ppr(num_id, ilvl)
        props = self.sheet.paragraph_props(ctx.table_style, p_style, num_ppr, direct_ppr) if num_ppr else style_ppr
        runs: list[tuple[str, RunFormat, str | None]] = []
        boxes: list = []
        self._inline(p, ctx, p_style, runs, boxes, props, None)
        label = self.numbering.next_label(num_id, ilvl) if runs or num_id else None
        self._emit(runs, props, p_style, label, ctx)
        # A field whose instruction never reached "separate" by the paragraph's end is malformed:
        # drop it, or it would hide all the text that follows.
        while self.fields and self.fields[-1][1] == "instr":
            self.fields.pop()
        for box in boxes:
            self.walk_container(box, ctx)

    def _inline(self, parent, ctx: _Ctx, p_style, runs, boxes, props, simple_field: str | None) -> None:
        for child in parent:
            name = local(child)
            if name == "r":
                self._run(child, ctx, p_style, runs, boxes, props, simple_field)
            elif name in _TRANSPARENT:
                self._inline(child, ctx, p_style, runs, boxes, props, simple_field)
            elif name == "fldSimple":
                instr = (child.get(_W + "instr") or "").strip()
                fname = instr.split()[0].upper() if instr else None
                if fname == "PAGE":
                    self._page_field(ctx, props, child.find(w("r")), p_style, runs)
                self._inline(child, ctx, p_style, runs, boxes, props, fname)
            elif name == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, ctx, p_style, runs, boxes, props, simple_field)
            elif name == "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    self._inline(choice, ctx, p_style, runs, boxes, props, simple_field)

    def _run(self, r, ctx: _Ctx, p_style, runs, boxes, props, simple_field) -> None:
        fmt: Any = _UNSET   # RunFormat | None once resolved
        for child in r:
            name = local(child)
            if name == "rPr" or name in _SKIPPED:
                continue
            if name == "fldChar":
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    self.fields.append(["", "instr"])
                elif kind == "separate" and self.fields:
                    self.fields[-1][1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if name == "instrText":
                if self.fields:
                    self.fields[-1][0] += child.text or ""
                    instr = self.fields[-1][0].split()
                    if instr and instr[0].upper() == "PAGE" and len(self.fields[-1]) == 2:
                        self.fields[-1].append("seen")  # record one PAGE field once
                        self._page_field(ctx, props, r, p_style, runs)
                continue
            text = None
            if name == "t":
                text = child.text or ""
            elif name in ("tab", "ptab"):
                text = "\t"
            elif name in ("br", "cr"):
                text = None if child.get(_W + "type") in ("page", "column") else "\n"
            elif name == "noBreakHyphen":
                text = "-"
            elif name in ("drawing", "pict", "object", "AlternateContent"):
                boxes.extend(_text_boxes(child))
                continue
            if not text:
                continue
            if self.fields and self.fields[-1][1] == "instr":
                continue  # inside a field instruction: not shown
            if fmt is _UNSET:
                fmt = self._run_format(r, ctx, p_style, not text.isascii())
            if fmt is None:
                continue  # hidden text (w:vanish) is not shown
            fname = simple_field
            for instr, phase, *_ in reversed(self.fields):
                if phase == "result":
                    fname = instr.split()[0].upper() if instr.split() else None
                    break
            if fname == "PAGE" and self.page_fields and not self.page_fields[-1].shown and ctx.part != "body":
                # what shows is the result run: its size wins over the field code's
                self.page_fields[-1].size = fmt.size
                self.page_fields[-1].shown = True
            runs.append((text, fmt, fname))

    def _run_format(self, r, ctx: _Ctx, p_style, latin_ext: bool = False) -> RunFormat | None:
        rpr = r.find(w("rPr"))
        r_style = wval(rpr.find(w("rStyle"))) if rpr is not None else None
        return self.sheet.run_format(ctx.table_style, p_style, r_style, parse_rpr(rpr), latin_ext)

    def _page_field(self, ctx: _Ctx, props: dict, r, p_style, runs) -> None:
        if ctx.part == "body":
            return
        fmt = self._run_format(r, ctx, p_style) if r is not None else None
        size = fmt.size if fmt is not None else None
        align = paragraph_format(props, None, None).alignment
        # "\tPAGE" in a left-aligned header: the number sits at the n-th tab stop (Word's Header
        # style has a centre stop and a right stop), so the stop decides where it shows.
        n_tabs = sum(text.count("\t") for text, _, _ in runs)
        stops = [val for _, val in props.get("tabs", ()) if val not in ("clear", "bar", "num")]
        if n_tabs and align == "left" and len(stops) >= n_tabs:
            align = {"center": "center", "right": "right", "end": "right"}.get(stops[n_tabs - 1], "left")
        self.page_fields.append(_PageField(part=ctx.part, alignment=align, size=size))

    def _emit(self, runs, props, p_style, label, ctx: _Ctx) -> None:
        merged: list[list] = []
        for text, fmt, fname in runs:
            if merged and merged[-1][1] == fmt and merged[-1][2] == fname:
                merged[-1][0] += text
            else:
                merged.append([text, fmt, fname])
        raw_text = "".join(m[0] for m in merged)
        if not raw_text.strip():
            return
        if len(self.blocks) >= self.limits.max_blocks:
            self.truncated = True
            return
        out_runs = []
        pieces = []
        pos = 0
        for text, fmt, fname in merged:
            norm, _ = nfc(text)  # per run, so that run offsets stay exact in the block text
            out_runs.append(Run(start=pos, end=pos + len(norm), text=norm, format=fmt, field=fname))
            pieces.append(norm)
            pos += len(norm)
        text = "".join(pieces)
        self.blocks.append(Block(
            index=len(self.blocks), text=text, kind=ctx.kind, runs=tuple(out_runs),
            paragraph=paragraph_format(props, self.sheet.name_of(p_style), label),
            section=self.section, table=ctx.table, raw=raw_text if raw_text != text else None,
            header_kind=ctx.header_kind))


_PPR, _SECT_PR = _W + "pPr", _W + "sectPr"


def _section_break(p):
    """p.find("w:pPr/w:sectPr") by two C-level finds (the path goes through lxml's Python ElementPath)."""
    for ppr in p.iterchildren(_PPR):
        sect = ppr.find(_SECT_PR)
        if sect is not None:
            return sect
    return None


def _text_boxes(el) -> list:
    """txbxContent elements inside a drawing, taking only mc:Choice of AlternateContent (no duplicates)."""
    out = []
    stack = [el]
    while stack:
        node = stack.pop()
        for child in node:
            name = local(child)
            if name == "Fallback":
                continue
            if name == "txbxContent":
                out.append(child)
                continue
            stack.append(child)
    return out


class _XmlParts(Protocol):
    """What `_read` needs of a package: a Package, or the fixer's view of python-docx's trees."""

    def xml(self, name: str) -> Any: ...


def _rels(pkg: _XmlParts, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type suffix, part name) for one part."""
    folder, base = posixpath.split(part)
    root = pkg.xml(posixpath.join(folder, "_rels", base + ".rels"))
    out: dict[str, tuple[str, str]] = {}
    if root is None:
        return out
    for rel in root.iter(_RELS + "Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], name)
    return out


def _mm(v: str | None) -> float | None:
    tw = _twips(v)
    return None if tw is None else round(tw * TWIP_MM, 2)


def _page_setup(index: int, sect, walker_fields: list[_PageField], first_has_page: bool | None) -> PageSetup:
    pgsz = sect.find(w("pgSz"))
    pgmar = sect.find(w("pgMar"))
    width = _mm(pgsz.get(_W + "w")) if pgsz is not None else None
    height = _mm(pgsz.get(_W + "h")) if pgsz is not None else None
    orient = pgsz.get(_W + "orient") if pgsz is not None else None
    if orient is None and width is not None and height is not None:
        orient = "landscape" if width > height else "portrait"
    title = sect.find(w("titlePg"))
    different_first = title is not None and (wval(title) or "1").lower() not in ("0", "false", "off")
    pf = walker_fields[0] if walker_fields else None

    def margin(side: str) -> float | None:
        return _mm(pgmar.get(_W + side)) if pgmar is not None else None

    return PageSetup(
        section=index, width_mm=width, height_mm=height, orientation=orient,
        margin_top_mm=margin("top"), margin_bottom_mm=margin("bottom"),
        margin_left_mm=margin("left"), margin_right_mm=margin("right"),
        different_first_page=different_first,
        page_number_in=pf.part if pf else None,
        page_number_alignment=pf.alignment if pf else None,
        page_number_size=pf.size if pf else None,
        page_number_on_first_page=first_has_page,
    )


# Style sheets and numbering definitions by the content of their parts: the documents of one office share
# a template, and parsing and resolving its styles was a fifth of reading a short DOCX. A sheet depends
# only on styles.xml and the theme (its caches of resolved combinations too), the numbering definitions
# only on numbering.xml, so sharing them between documents changes nothing. The key is the parts' stored
# bytes (Package.stored_key): a shared part is neither inflated nor hashed in full.
_SHEETS: "OrderedDict[bytes, StyleSheet]" = OrderedDict()
_NUMBERINGS: "OrderedDict[bytes, tuple]" = OrderedDict()
_KEPT = 16


def _part_key(pkg: "Package", *names: str) -> bytes | None:
    h = hashlib.blake2b()
    for name in names:
        if name not in pkg.names:
            h.update(b"\0absent\0")
            continue
        k = pkg.stored_key(name)
        if k is None:
            return None
        h.update(b"%d:" % len(k) + k)
    return h.digest()


def _shared(cache: OrderedDict, key: bytes | None, build: Callable[[], Any]) -> Any:
    if key is None:
        return build()
    got = cache.get(key)
    if got is not None:
        cache.move_to_end(key)
        return got
    got = build()
    cache[key] = got
    if len(cache) > _KEPT:
        cache.popitem(last=False)
    return got


def _style_sheet(pkg: _XmlParts, styles_name: str, theme_name: str) -> StyleSheet:
    build = lambda: StyleSheet.build(pkg.xml(styles_name), pkg.xml(theme_name))  # noqa: E731
    if not isinstance(pkg, Package):   # the fixer's live trees: no bytes to key on
        return build()
    return _shared(_SHEETS, _part_key(pkg, styles_name, theme_name), build)


def _numbering(pkg: _XmlParts, name: str) -> Numbering:
    """A fresh Numbering (its counters are the document's) over shared definitions."""
    if not isinstance(pkg, Package):
        return Numbering(pkg.xml(name))
    return Numbering(tables=_shared(_NUMBERINGS, _part_key(pkg, name), lambda: Numbering(pkg.xml(name)).tables()))


def read_docx(data: bytes, *, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    pkg = open_package(data, path=path, limits=limits)
    try:
        return _read(pkg, path, limits)
    finally:
        pkg.close()


def _read(pkg: _XmlParts, path: str | None, limits: Limits,
          walker_cls: Callable[..., _Walker] | None = None) -> SourceDocument:
    # walker_cls: a _Walker subclass (vbqppl_check.fix records which w:p each block came from)
    main = "word/document.xml"
    rels = _rels(pkg, main)
    by_type: dict[str, str] = {}
    for rtype, name in rels.values():
        by_type.setdefault(rtype, name)
    numbering = _numbering(pkg, by_type.get("numbering", "word/numbering.xml"))
    sheet = _style_sheet(pkg, by_type.get("styles", "word/styles.xml"), by_type.get("theme", "word/theme/theme1.xml"))
    doc = pkg.xml(main)
    body = doc.find(w("body")) if doc is not None else None
    if body is None:
        raise CorruptFileError("word/document.xml has no body", path=path)
    walker = (walker_cls or _Walker)(sheet=sheet, numbering=numbering, limits=limits)
    sects: list = []

    def on_sect(sect) -> None:
        sects.append(sect)
        walker.section += 1

    walker.walk_container(body, _Ctx(), on_sect)
    final = body.find(w("sectPr"))
    if final is not None:
        sects.append(final)
    else:
        sects.append(None)  # no final sectPr: a section with Word's defaults, geometry unknown

    sections: list[PageSetup] = []
    # header/footer references are inherited from the previous section when a section omits them
    inherited: dict[tuple[str, str], str] = {}
    part_fields: dict[str, list[_PageField]] = {}   # a part serving several sections is read once
    for idx, sect in enumerate(sects):
        walker.section = idx
        refs = dict(inherited)
        if sect is not None:
            for tag, part in (("headerReference", "header"), ("footerReference", "footer")):
                for ref in sect.iterchildren(w(tag)):
                    target = rels.get(ref.get(_R + "id") or "")
                    if target:
                        refs[(part, ref.get(_W + "type") or "default")] = target[1]
        inherited = refs
        fields_by_kind: dict[str, list[_PageField]] = {}
        for (part, kind), name in sorted(refs.items()):
            if name not in part_fields:
                root = pkg.xml(name)
                walker.page_fields = []
                walker.fields = []
                if root is not None:
                    walker.walk_container(root, _Ctx(kind="header" if part == "header" else "footer",
                                                     header_kind=kind, part=part))
                part_fields[name] = walker.page_fields
            fields_by_kind.setdefault(kind, []).extend(part_fields[name])
        if sect is None:
            sections.append(PageSetup(section=idx))
            continue
        title = sect.find(w("titlePg"))
        different_first = title is not None and (wval(title) or "1").lower() not in ("0", "false", "off")
        main_fields = fields_by_kind.get("default") or fields_by_kind.get("even") or fields_by_kind.get("first", [])
        first_fields = fields_by_kind.get("first", []) if different_first else fields_by_kind.get("default", [])
        sections.append(_page_setup(idx, sect, main_fields, bool(first_fields) if idx == 0 else None))
    warnings: tuple[str, ...] = ()
    if walker.truncated:
        warnings = (f"only the first {limits.max_blocks} blocks were read",)
    return SourceDocument(path=path, format="docx", blocks=tuple(walker.blocks), sections=tuple(sections),
                          has_formatting=True,
                          has_page_setup=any(s.width_mm is not None for s in sections), warnings=warnings)
