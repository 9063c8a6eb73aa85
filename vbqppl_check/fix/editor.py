"""The DOCX being fixed: its XML parts, the map from reader blocks back to w:p elements, and writing.

The package is opened with python-docx (its element classes keep WordprocessingML child order when a
property is added); the parts are walked with the project's own DOCX reader (`readers.docx._read`)
through a walker subclass that records, for every block it emits, the w:p it came from and the
w:r / w:t elements behind each character. The reader's result is therefore exactly what the checker
sees, and every edit addresses the characters the checker reported.

The input bytes are never written back: `save()` returns new bytes.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from ..errors import CorruptFileError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import SourceDocument
from ..readers.docx import _read, _Walker
from ..readers.docx_styles import local
from ..readers.docx_zip import open_package

_TEXT_CHILDREN = ("t", "tab", "ptab", "br", "cr", "noBreakHyphen")


@dataclass
class Piece:
    """A stretch of a block's (raw) text: one text-bearing child of one w:r."""

    r: object              # None: the text could not be tied to an element (not editable)
    child: object
    text: str
    field: bool = False    # the displayed result of a field (PAGE…): formatting only, never text


@dataclass
class ParaMap:
    p: object
    pieces: list = field(default_factory=list)   # Piece, or None where a run could not be mapped
    part: str = "body"

    @property
    def mappable(self) -> bool:
        """Every character is tied to a w:t (or tab, break) outside fields: text may be edited."""
        return all(x.r is not None and not x.field for x in self.pieces)


class _MapWalker(_Walker):
    """The reader's walker, recording which elements each emitted block came from."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.pmap: dict[int, ParaMap] = {}
        self._cur: ParaMap | None = None
        self._part = "body"

    def paragraph(self, p, ctx) -> None:
        saved = self._cur
        self._cur = ParaMap(p=p, part=ctx.part)
        try:
            super().paragraph(p, ctx)
        finally:
            self._cur = saved

    def _run(self, r, ctx, p_style, runs, boxes, props, simple_field) -> None:
        n = len(runs)
        super()._run(r, ctx, p_style, runs, boxes, props, simple_field)
        added = runs[n:]
        if not added or self._cur is None:
            return
        cands = []
        for child in r:
            name = local(child)
            if name not in _TEXT_CHILDREN:
                continue
            if name == "t":
                text = child.text or ""
            elif name in ("br", "cr"):
                text = None if child.get(f"{{{_WNS}}}type") in ("page", "column") else "\n"
            elif name == "noBreakHyphen":
                text = "-"
            else:
                text = "\t"
            if text:
                cands.append((child, text))
        parent = r.getparent()
        in_revision = parent is not None and local(parent) in ("ins", "del", "moveTo", "moveFrom")
        if len(cands) == len(added) and all(c[1] == a[0] for c, a in zip(cands, added)) and not in_revision:
            self._cur.pieces.extend(Piece(r, c, t, field=bool(a[2])) for (c, t), a in zip(cands, added))
        else:
            self._cur.pieces.extend(Piece(None, None, a[0]) for a in added)

    def _emit(self, runs, props, p_style, label, ctx) -> None:
        n = len(self.blocks)
        super()._emit(runs, props, p_style, label, ctx)
        if len(self.blocks) > n and self._cur is not None:
            self.pmap[n] = self._cur


_WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class _TreePackage:
    """What `readers.docx._read` needs of a package (`xml(name)`), serving python-docx's own trees."""

    def __init__(self, trees: dict, raw):
        self.trees = trees
        self.raw = raw

    def xml(self, name: str):
        if name in self.trees:
            return self.trees[name]
        return self.raw.xml(name)


class DocxEditor:
    """One opened copy of the input: python-docx Document + the block map."""

    def __init__(self, data: bytes, *, path: str | None = None, limits: Limits = DEFAULT_LIMITS):
        import docx
        raw = open_package(data, path=path, limits=limits)   # bounds, zip bomb, encryption checks
        try:
            try:
                self.document = docx.Document(io.BytesIO(data))
            except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on odd packages
                raise CorruptFileError(f"python-docx: {exc}", path=path) from exc
            self.trees: dict[str, object] = {}
            for part in self.document.part.package.iter_parts():
                el = getattr(part, "_element", None)
                if el is not None:
                    self.trees[str(part.partname).lstrip("/")] = el
            walker_box: list = []

            def factory(**kw):
                w = _MapWalker(**kw)
                walker_box.append(w)
                return w

            self.source: SourceDocument = _read(_TreePackage(self.trees, raw), path, limits, walker_cls=factory)
        finally:
            raw.close()
        self.pmap: dict[int, ParaMap] = walker_box[0].pmap if walker_box else {}
        self.body = self.document.element.body
        self.styles_root = self.trees.get("word/styles.xml")

    def sections(self) -> list:
        """The w:sectPr elements in the reader's section order."""
        from docx.oxml.ns import qn
        out = []
        for p in self.body.iterchildren(qn("w:p")):
            sect = p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if sect is not None:
                out.append(sect)
        final = self.body.find(qn("w:sectPr"))
        if final is not None:
            out.append(final)
        return out

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.document.save(buf)
        return buf.getvalue()
