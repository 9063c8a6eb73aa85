"""VD100: references inside the document to a khoản or điểm that does not exist, in every phrasing the
citation grammar gives: relative ("khoản 3 Điều này", "điểm b khoản này", "điểm đ khoản 1 Điều này"),
absolute down to the điểm ("điểm c khoản 2 Điều 5 của Quyết định này"), ranges and lists. VD001 reports
a missing Điều or khoản of an absolute reference; this rule the rest."""
from __future__ import annotations

from ..engine import check
from ..model import LegalDocument
from .layout_structure import _all_italic
from .legal_basis import citations
import re

from .reference import _clearly_self, _consolidated, amend_units, target_region



def _units(doc: LegalDocument, region: str = "merged", node=None):
    """Điều label → khoản label → set of điểm labels: of the document's own text (region "own"), of one
    attached text ("attached", node) or of both merged (a label is known when either has it)."""
    tree: dict[str, dict[str, set[str]]] = {}
    if region == "own":
        nodes = (n for top in doc.body if top.kind not in ("phu_luc", "mau") for n in top.walk())
    elif region == "attached" and node is not None:
        nodes = (n for top in doc.body if top.kind == "phu_luc" for n in top.walk())
    else:
        nodes = doc.nodes()
    for n in nodes:
        if n.kind != "dieu":
            continue
        d = tree.setdefault(n.label, {})
        for k in n.children:
            if k.kind == "khoan":
                d.setdefault(k.label, set()).update(p.label for p in k.children if p.kind == "diem")
    return tree


def _printed(doc: LegalDocument, node, label: str, kind: str) -> bool:
    """A line of the unit's own text starts with the label ("5." for a khoản, "d)" for a điểm): the
    parser may have missed the unit (a wrapped or oddly numbered line), the reader sees it."""
    rx = re.compile(rf"^\W*{re.escape(label)}\." if kind == "khoan" else rf"^\W*{re.escape(label)}\)")
    return any(rx.match(doc.source.blocks[b].text) for b in range(node.block_start, node.block_end + 1)
               if 0 <= b < len(doc.source.blocks))


def _enclosing(doc: LegalDocument, block: int, kind: str):
    hit = None
    for n in doc.nodes():
        if n.kind == kind and n.block_start <= block <= n.block_end:
            hit = n
    return hit


def _no_point_printed(doc: LegalDocument, node, label: str) -> bool:
    """A khoản the parser found without any điểm: none of its lines starts with the label in any of the
    usual forms ("d)", "d.", "d -"), so a reference to its điểm points nowhere."""
    rx = re.compile(rf"^\W*{re.escape(label)}\s*[).\-–]")
    return not any(rx.match(doc.source.blocks[b].text) for b in range(node.block_start, node.block_end + 1)
                   if 0 <= b < len(doc.source.blocks))


def _expand(labels: tuple[str, ...], is_range: bool) -> tuple[str, ...]:
    return labels if not is_range else tuple(x for x in (labels[:1] + labels[-1:]) if x)


@check("VD100")
def unit_points_nowhere(doc: LegalDocument, ctx, rule):
    tree = _units(doc)
    if not tree or _consolidated(doc):
        return
    cites = citations(doc, ctx)
    # in an amending document, an Điều that amends another document carries that document's wording:
    # its "Điều này" is the amended article (the Điều with an amendment target or a quotation)
    skip = amend_units(doc, ctx)
    for c in cites:
        if c.kind != "reference" or c.target != "self" or doc.in_quotation(c.span.block):
            continue
        if any(a <= c.span.block <= b for a, b in skip):
            continue
        if _all_italic(doc.source.blocks[c.span.block]) or c.text.startswith(("“", '"')):
            continue
        if not c.text.rstrip().endswith("này") and not _clearly_self(doc, c):
            continue
        for p in c.pinpoints:
            problems = []
            if p.relative == "dieu" and not p.dieu:
                dieu = _enclosing(doc, c.span.block, "dieu")
                if dieu is None:
                    continue
                nodes = {k.label: k for k in dieu.children if k.kind == "khoan"}
                khoans = {k.label: {x.label for x in k.children if x.kind == "diem"} for k in nodes.values()}
                where = f"Điều {dieu.label}"
                for k in _expand(p.khoan, p.range):
                    if khoans and k not in khoans:
                        if not _printed(doc, dieu, k, "khoan"):
                            problems.append((f"khoản {k} {where}", f"khoản {', '.join(khoans)}"))
                    elif khoans.get(k) and p.diem:
                        for e in _expand(p.diem, p.range):
                            if e not in khoans[k] and not _printed(doc, nodes[k], e, "diem"):
                                problems.append((f"điểm {e} khoản {k} {where}", "điểm " + ", ".join(sorted(khoans[k]))))
                    elif k in khoans and p.diem and not p.range:
                        # the khoản has no điểm at all ("điểm a khoản 1 Điều này" when khoản 1 is one sentence)
                        for e in p.diem:
                            if _no_point_printed(doc, nodes[k], e):
                                problems.append((f"điểm {e} khoản {k} {where}", f"khoản {k} không có điểm"))
            elif p.relative == "khoan" and not p.khoan and p.diem:
                khoan = _enclosing(doc, c.span.block, "khoan")
                if khoan is None:
                    continue
                diems = {x.label for x in khoan.children if x.kind == "diem"}
                for e in _expand(p.diem, p.range):
                    if diems and e not in diems and not _printed(doc, khoan, e, "diem"):
                        problems.append((f"điểm {e} khoản {khoan.label}", "điểm " + ", ".join(sorted(diems))))
                    elif not diems and not p.range and _no_point_printed(doc, khoan, e):
                        problems.append((f"điểm {e} khoản {khoan.label}", f"khoản {khoan.label} không có điểm"))
            elif p.relative is None and p.dieu and p.khoan and p.diem and not p.range:
                knodes = {(n.label, k.label): k for n in doc.nodes() if n.kind == "dieu"
                          for k in n.children if k.kind == "khoan"}
                # the text the reference names: this document's own Điều or the attached Quy định's
                region, node, _ = target_region(doc, c)
                if region == "unknown":
                    continue
                named = _units(doc, region, node) or tree
                for d in p.dieu:
                    for k in p.khoan:
                        diems = named.get(d, {}).get(k)
                        if not diems:
                            continue   # Điều/khoản missing: VD001; a khoản without điểm: nothing to compare
                        for e in p.diem:
                            if e not in diems and not (knodes.get((d, k)) and _printed(doc, knodes[(d, k)], e, "diem")):
                                problems.append((f"điểm {e} khoản {k} Điều {d}", "điểm " + ", ".join(sorted(diems))))
            for found, expected in problems:
                yield rule.finding(ctx, block=c.span.block, start=c.span.start, end=c.span.end,
                                   found=found, expected=expected)
