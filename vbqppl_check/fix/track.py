"""The tracked-change writer: text as w:ins / w:del, formatting as w:rPrChange / w:pPrChange /
w:sectPrChange, every record with w:author="vbqppl-check" and a w:date (ECMA-376 Part 1, §17.13.5).

With `track=False` the same edits are made directly. Property changes go through python-docx's
element classes, which insert each child where the schema's sequence wants it; the *Change record
holds the properties as they were and is placed last, as the schema requires.
"""
from __future__ import annotations

import copy
import datetime as dt
import itertools
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

AUTHOR = "vbqppl-check"
_REVISION_TAGS = ("ins", "del", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                  "tcPrChange", "numberingChange", "moveFrom", "moveTo", "comment", "commentRangeStart",
                  "commentRangeEnd", "commentReference", "bookmarkStart", "bookmarkEnd")


_PLAIN = {"rPr", "t", "tab", "ptab", "br", "cr", "noBreakHyphen", "softHyphen", "lastRenderedPageBreak"}


class Tracker:
    """Makes revision records with unique ids (above every w:id already in the document)."""

    def __init__(self, roots, *, track: bool = True, date: dt.datetime | None = None):
        self.track = track
        top = 0
        for root in roots:
            for el in root.iter():
                v = el.get(qn("w:id")) if isinstance(el.tag, str) else None
                if v is not None and v.lstrip("-").isdigit():
                    top = max(top, int(v))
        self._ids = itertools.count(top + 1)
        when = (date or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def renumber(self, roots) -> None:
        """Give a fresh id to every revision record whose id another one already has (a run cut in
        two carries a copy of its w:rPrChange)."""
        seen: set = set()
        tags = {qn(f"w:{t}") for t in ("ins", "del", "rPrChange", "pPrChange", "sectPrChange")}
        for root in roots:
            for el in root.iter(*tags):
                v = el.get(qn("w:id"))
                if v in seen:
                    el.set(qn("w:id"), str(next(self._ids)))
                seen.add(el.get(qn("w:id")))

    def record(self, tag: str):
        el = OxmlElement(f"w:{tag}")
        el.set(qn("w:id"), str(next(self._ids)))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.date)
        return el


# -- text ---------------------------------------------------------------------------------------

def _t(text: str, tag: str = "w:t"):
    el = OxmlElement(tag)
    el.text = text
    if text != text.strip() or "  " in text:
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return el


def _rpr_copy(r):
    rpr = r.find(qn("w:rPr"))
    if rpr is None:
        return None
    out = copy.deepcopy(rpr)
    for ch in out.findall(qn("w:rPrChange")):
        out.remove(ch)
    return out


def _new_run(template_r, text: str):
    r = OxmlElement("w:r")
    rpr = _rpr_copy(template_r) if template_r is not None else None
    if rpr is not None:
        r.append(rpr)
    r.append(_t(text))
    return r


def split_run(pieces: list, pos: int) -> None:
    """Make `pos` (an offset in the block's raw text) a boundary between two w:r elements.

    `pieces` is the block's list of editor.Piece; it is updated in place (the moved children keep
    their identity, so later pieces stay valid).
    """
    off = 0
    for i, pc in enumerate(pieces):
        end = off + len(pc.text)
        if off < pos < end:           # inside a w:t: cut its text
            k = pos - off
            if pc.child.tag != qn("w:t"):
                raise ValueError("cannot split a non-text run child")
            head, tail = pc.text[:k], pc.text[k:]
            r2 = OxmlElement("w:r")
            rpr = pc.r.find(qn("w:rPr"))
            if rpr is not None:       # the same run cut in two: its formatting record too
                r2.append(copy.deepcopy(rpr))
            t2 = _t(tail)
            r2.append(t2)
            following = list(pc.child.itersiblings())
            for ch in following:
                r2.append(ch)
            new_head = _t(head)
            pc.r.replace(pc.child, new_head)
            pc.r.addnext(r2)
            old_r = pc.r
            pieces[i] = type(pc)(old_r, new_head, head)
            pieces.insert(i + 1, type(pc)(r2, t2, tail))
            for later in pieces[i + 2:]:
                if later.r is old_r:
                    later.r = r2
            return
        if pos == end and i + 1 < len(pieces) and pieces[i + 1].r is pc.r:
            # boundary between two children of one run: move the rest into a new run
            r2 = OxmlElement("w:r")
            rpr = pc.r.find(qn("w:rPr"))
            if rpr is not None:       # the same run cut in two: its formatting record too
                r2.append(copy.deepcopy(rpr))
            for ch in list(pc.child.itersiblings()):
                r2.append(ch)
            old_r = pc.r
            old_r.addnext(r2)
            for later in pieces[i + 1:]:
                if later.r is old_r:
                    later.r = r2
            return
        off = end


def runs_between(pieces: list, start: int, end: int) -> list:
    """The w:r elements covering exactly [start, end) after split_run at both ends."""
    out, off = [], 0
    for pc in pieces:
        e = off + len(pc.text)
        if off >= start and e <= end and e > off and pc.r not in out:
            out.append(pc.r)
        off = e
    return out


def replace_text(tracker: Tracker, pieces: list, start: int, end: int, new: str) -> None:
    """Replace [start, end) of the block's text by `new`, as w:del + w:ins when tracking."""
    if start < end:
        split_run(pieces, end)
        split_run(pieces, start)
        runs = runs_between(pieces, start, end)
        if not runs:
            raise ValueError("no run covers the range")
        parent = runs[0].getparent()
        if any(r.getparent() is not parent for r in runs):
            raise ValueError("the range crosses a hyperlink or field boundary")
        for r in runs:   # never delete a picture, a footnote or comment reference, a field character
            if any(isinstance(ch.tag, str) and ch.tag.split("}")[-1] not in _PLAIN for ch in r):
                raise ValueError("the range holds more than text")
        template, anchor = runs[0], runs[-1]
    else:
        runs = []
        if start == 0:
            template = next(pc.r for pc in pieces if pc.r is not None)
            anchor = None                      # insert before the first run
        else:
            split_run(pieces, start)
            off, anchor = 0, None
            for pc in pieces:
                off += len(pc.text)
                if off == start:
                    anchor = pc.r
                    break
            if anchor is None:
                raise ValueError("no run ends at the insertion point")
            template = anchor
    new_r = _new_run(template, new) if new else None
    if tracker.track:
        if runs:
            anchor = _tracked_delete(tracker, runs)
        if new_r is not None:
            ins = tracker.record("ins")
            ins.append(new_r)
            if anchor is None:
                template.addprevious(ins)
            else:
                anchor.addnext(ins)
    else:
        if new_r is not None:
            if anchor is None:
                template.addprevious(new_r)
            else:
                anchor.addnext(new_r)
        for r in runs:
            r.getparent().remove(r)


def _tracked_delete(tracker: Tracker, runs: list) -> Any:
    """Wrap runs in one w:del (their text becomes w:delText / w:delInstrText); returns the w:del."""
    d = tracker.record("del")
    runs[0].addprevious(d)
    for r in runs:
        for ch in list(r):
            if ch.tag == qn("w:t"):
                r.replace(ch, _t(ch.text or "", "w:delText"))
            elif ch.tag == qn("w:instrText"):
                r.replace(ch, _t(ch.text or "", "w:delInstrText"))
        d.append(r)
    return d


# -- run properties -----------------------------------------------------------------------------

def _snapshot(pr, drop: tuple[str, ...]):
    old = copy.deepcopy(pr)
    for ch in list(old):
        if isinstance(ch.tag, str) and ch.tag.split("}")[-1] in drop:
            old.remove(ch)
    return old


def _same(a, b) -> bool:
    from lxml import etree
    return etree.tostring(a) == etree.tostring(b)


def set_run_props(tracker: Tracker, r, props: dict) -> bool:
    """Set font / size / bold / italic / caps / color on one w:r (or a style's rPr owner)."""
    return _change_props(tracker, r.get_or_add_rPr(), apply_rpr, props, ("rPrChange",), "rPrChange")


def _change_props(tracker: Tracker, pr, apply, props: dict, drop: tuple[str, ...], change: str) -> bool:
    """Apply props to a w:rPr / w:pPr; when tracking, keep the properties it had in a w:rPrChange /
    w:pPrChange (the first change only: Word shows the original formatting, not each step)."""
    before = _snapshot(pr, drop)
    apply(pr, props)
    if _same(before, _snapshot(pr, drop)):
        return False
    if tracker.track and pr.find(qn(f"w:{change}")) is None:
        rec = tracker.record(change)
        old = OxmlElement("w:" + change.removesuffix("Change"))
        for ch in before:
            old.append(ch)
        rec.append(old)
        pr.append(rec)
    return True


def apply_rpr(rpr, props: dict) -> None:
    from docx.shared import Pt
    for key, val in props.items():
        if key == "font":
            rfonts = rpr.get_or_add_rFonts()
            for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
                rfonts.set(qn(f"w:{attr}"), val)
            for attr in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
                if rfonts.get(qn(f"w:{attr}")) is not None:
                    del rfonts.attrib[qn(f"w:{attr}")]
        elif key == "size":
            rpr.sz_val = Pt(val)
            if rpr.find(qn("w:szCs")) is not None:
                rpr.find(qn("w:szCs")).set(qn("w:val"), str(int(round(val * 2))))
        elif key in ("bold", "italic", "caps"):
            tag = {"bold": "b", "italic": "i", "caps": "caps"}[key]
            rpr._set_bool_val(tag, bool(val))
            if key in ("bold", "italic"):
                cs = rpr.find(qn(f"w:{tag}Cs"))
                if cs is not None:
                    rpr.remove(cs)
        elif key == "color":
            c = rpr.find(qn("w:color"))
            if c is not None:
                rpr.remove(c)
            if val not in (None, "auto"):
                el = rpr._add_color()
                el.set(qn("w:val"), val)


# -- paragraph properties ------------------------------------------------------------------------

def set_para_props(tracker: Tracker, owner, props: dict) -> bool:
    """Set alignment / indent / spacing on a w:p or a w:style (its pPr)."""
    return _change_props(tracker, owner.get_or_add_pPr(), apply_ppr, props, ("rPr", "sectPr", "pPrChange"),
                         "pPrChange")


def apply_ppr(ppr, props: dict) -> None:
    for key, val in props.items():
        if key == "jc":
            ppr.jc_val = None
            jc = ppr.get_or_add_jc()
            jc.set(qn("w:val"), val)
        elif key == "firstLine":      # twips; removes a hanging indent
            ind = ppr.get_or_add_ind()
            if ind.get(qn("w:hanging")) is not None:
                del ind.attrib[qn("w:hanging")]
            for a in ("firstLineChars", "hangingChars"):
                if ind.get(qn(f"w:{a}")) is not None:
                    del ind.attrib[qn(f"w:{a}")]
            ind.set(qn("w:firstLine"), str(int(val)))
        elif key in ("before", "after", "line", "lineRule"):
            sp = ppr.get_or_add_spacing()
            sp.set(qn(f"w:{key}"), str(val))
            if key in ("before", "after"):
                for a in (f"{key}Lines", f"{key}Autospacing"):
                    if sp.get(qn(f"w:{a}")) is not None:
                        del sp.attrib[qn(f"w:{a}")]


# -- section properties --------------------------------------------------------------------------

def set_sect_props(tracker: Tracker, sect, props: dict) -> bool:
    drop = ("headerReference", "footerReference", "sectPrChange")
    before = _snapshot(sect, drop)
    for key in ("rsidR", "rsidSect", "rsidDel", "rsidRPr"):
        before.attrib.pop(qn(f"w:{key}"), None)
    from docx.oxml.ns import qn as _qn
    for key, val in props.items():
        if key in ("w", "h", "orient"):
            pg = sect.get_or_add_pgSz()
            if key == "orient":
                if val == "portrait":
                    pg.attrib.pop(_qn("w:orient"), None)
                else:
                    pg.set(_qn("w:orient"), val)
            else:
                pg.set(_qn(f"w:{key}"), str(int(val)))
        elif key in ("top", "bottom", "left", "right"):
            mar = sect.get_or_add_pgMar()
            mar.set(_qn(f"w:{key}"), str(int(val)))
        elif key == "titlePg":
            sect.titlePg_val = bool(val)
    after = _snapshot(sect, drop)
    for key in ("rsidR", "rsidSect", "rsidDel", "rsidRPr"):
        after.attrib.pop(qn(f"w:{key}"), None)
    if _same(before, after):
        return False
    if tracker.track and sect.find(qn("w:sectPrChange")) is None:
        rec = tracker.record("sectPrChange")
        old = OxmlElement("w:sectPr")
        for ch in before:
            old.append(ch)
        rec.append(old)
        sect.append(rec)
    return True


# -- accept all (for --no-track on a copy that was built tracked) ----------------------------------

def accept_all(root) -> None:
    """Accept every revision made by vbqppl-check in one part (others' revisions are left alone)."""
    ours = [el for el in root.iter() if isinstance(el.tag, str) and el.get(qn("w:author")) == AUTHOR]
    for el in ours:
        tag = el.tag.split("}")[-1]
        parent = el.getparent()
        if parent is None:
            continue
        if tag == "del":
            parent.remove(el)
        elif tag == "ins":
            for ch in list(el):
                el.addprevious(ch)
            parent.remove(el)
        elif tag in ("rPrChange", "pPrChange", "sectPrChange"):
            parent.remove(el)


# -- moving the page-number field from the footer to the header ------------------------------------

def page_field_runs(p) -> list:
    """The w:r of a complex PAGE field (begin … end) that are direct children of paragraph p."""
    runs = [r for r in p if isinstance(r.tag, str) and r.tag == qn("w:r")]
    out: list = []
    inside, instr = False, ""
    for r in runs:
        kinds = [c.get(qn("w:fldCharType")) for c in r.iter(qn("w:fldChar"))]
        if "begin" in kinds:
            inside, instr, out = True, "", []
        if inside:
            out.append(r)
            instr += "".join(t.text or "" for t in r.iter(qn("w:instrText")))
        if "end" in kinds and inside:
            inside = False
            if instr.split()[:1] == ["PAGE"]:
                return out
            out = []
    return []


def move_page_field(tracker: Tracker, footer_p, header_el) -> None:
    """Delete the PAGE field runs from the footer paragraph and insert a copy in the header, centred."""
    runs = page_field_runs(footer_p)
    if not runs:
        raise ValueError("no complex PAGE field in the footer paragraph")
    copies = []
    for r in runs:
        c = copy.deepcopy(r)
        rpr = c.find(qn("w:rPr"))
        if rpr is not None:
            for ch in rpr.findall(qn("w:rPrChange")):
                rpr.remove(ch)
        copies.append(c)
    paras = header_el.findall(qn("w:p"))
    target = next((p for p in paras if not "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()), None)
    if target is None:
        target = OxmlElement("w:p")
        header_el.append(target)
    if tracker.track:
        _tracked_delete(tracker, runs)
        ins = tracker.record("ins")
        for c in copies:
            ins.append(c)
        target.append(ins)
    else:
        for r in runs:
            r.getparent().remove(r)
        for c in copies:
            target.append(c)
    set_para_props(tracker, target, {"jc": "center"})
