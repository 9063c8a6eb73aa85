"""`fix()`: a corrected copy of a DOCX draft, every change a Word tracked change.

    result = vbqppl_check.fix("du-thao.docx")                 # → du-thao.fixed.docx
    for c in result:                                          # the changes kept
        print(c.rule, c.path, c.before, "→", c.after)

1. The input is read (never opened for writing) and checked.
2. For every finding whose rule is fixable (``fix:`` in its catalogue entry; spelling only with
   ``spelling=True``) the remedy (fix/remedies.py) gives the edits.
3. The edits are written into a copy as tracked changes (fix/track.py): w:ins / w:del for text,
   w:rPrChange / w:pPrChange / w:sectPrChange for formatting; a run or paragraph property that every
   paragraph of a style needs is changed on the style.
4. The copy is read back and checked. A change whose finding is still there, or that brought a new
   finding, is rolled back (the copy is rebuilt without it) and reported.

Findings that are not fixable stay findings; with ``comments=True`` they are written into the copy
as Word comments (report/docx_annotate.py).
"""
from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..errors import InputError
from ..model import Finding
from .remedies import REMEDIES, Change, FixContext

log = logging.getLogger(__name__)

__all__ = ["fix", "fix_bytes", "FixResult", "Change", "NotFixableError", "default_output"]

_MAX_ROUNDS = 6


class NotFixableError(InputError):
    """Only DOCX can be fixed; `result` holds the findings of the check that was made anyway."""

    code = "not_fixable"
    message_vi = ("Chỉ sửa được tệp Word (.docx). Tệp này vẫn được kiểm tra; hãy sửa theo các phát hiện "
                  "hoặc chuyển sang .docx rồi chạy lại.")
    message_en = ("Only Word (.docx) files can be fixed. The file was checked; fix it by hand from the "
                  "findings, or convert it to .docx and run again.")

    def __init__(self, detail: str = "", *, path: str | None = None, result=None):
        super().__init__(detail, path=path)
        self.result = result


@dataclass
class FixResult:
    """What `fix()` did. Iterating gives the changes kept in the copy."""

    input: str | None
    output: str | None
    changes: list[Change]                       # kept
    rolled_back: list[Change] = field(default_factory=list)
    skipped: list[Change] = field(default_factory=list)
    before: tuple[Finding, ...] = ()            # findings of the input
    remaining: tuple[Finding, ...] = ()         # findings of the copy
    new_findings: tuple[Finding, ...] = ()      # in the copy but not in the input (should be none)
    tracked: bool = True
    comments: int = 0
    seconds: float = 0.0
    data: bytes | None = field(default=None, repr=False)   # the copy

    def __iter__(self):
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def to_json(self, lang: str = "vi") -> dict:
        return {
            "input": self.input, "output": self.output, "tracked": self.tracked,
            "changes": [c.to_json() for c in self.changes],
            "rolled_back": [c.to_json() for c in self.rolled_back],
            "not_applied": [c.to_json() for c in self.skipped],
            "remaining": [f.to_json(lang) for f in self.remaining],
            "new_findings": [f.to_json(lang) for f in self.new_findings],
            "comments": self.comments, "seconds": round(self.seconds, 3),
        }


def default_output(path: str | os.PathLike) -> Path:
    p = Path(path)
    name = p.name[:-5] if p.name.lower().endswith(".docx") else p.stem
    return p.with_name(f"{name}.fixed.docx")


# -- checking without the report caps ---------------------------------------------------------------

def _findings(doc, config: Config):
    """Every finding of the selected rules, with the per-rule report caps lifted (a fix must see all)."""
    from ..engine import implementations, make_context, selected_rules
    ctx = make_context(doc, config)
    impls = implementations()
    out: list[Finding] = []
    for rule in selected_rules(ctx, doc):
        fn = impls.get(rule.id)
        if fn is None:
            continue
        if rule.category == "layout":
            rule = dataclasses.replace(rule, params={**rule.params, "max_findings": 1_000_000})
        try:
            out.extend(fn(doc, ctx, rule) or ())
        except Exception:  # noqa: BLE001 - one faulty rule must not stop the fix
            log.exception("rule %s failed", rule.id)
    out.sort(key=Finding.sort_key)
    return ctx, out


def _key(f: Finding) -> tuple:
    loc = f.location
    return (f.rule, loc.block, loc.section, loc.component)


# -- planning -----------------------------------------------------------------------------------------

def _plan(fx: FixContext, findings, *, spelling: bool) -> tuple[list[Change], list[Change]]:
    from ..engine import load_catalogue
    cat = load_catalogue()
    changes: list[Change] = []
    seen_ops: dict = {}
    spans: dict[int, list] = defaultdict(list)
    skipped: list[Change] = []
    for f in findings:
        rule = cat.get(f.rule)
        spec = getattr(rule, "fix", None) if rule else None
        if not spec:
            continue
        if spec.get("option") == "spelling" and not spelling:
            continue
        fn = REMEDIES.get(spec["remedy"])
        if fn is None:
            continue
        try:
            c = fn(fx, f, rule)
        except Exception:  # noqa: BLE001 - a remedy bug leaves the finding as it is
            log.exception("remedy %s failed on %s", spec["remedy"], f.rule)
            c = None
        if c is None:
            continue
        # edits another change already makes: the same repair found by two rules
        fresh = [op for op in c.ops if _op_key(op) not in seen_ops]
        if not fresh:
            owner = seen_ops[_op_key(c.ops[0])]
            if c.rule not in owner.also and c.rule != owner.rule:
                owner.also.append(c.rule)
            owner.also_findings.append(f)
            continue
        c.ops = fresh
        # overlapping text edits of two changes in one block: the first is kept
        mine = [(op[1], op[2], op[3]) for op in fresh if op[0] == "text"]
        if any((s < e2 and s2 < e) or s == e == s2 == e2 for b, s, e in mine for s2, e2 in spans.get(b, ())):
            c.status, c.reason = "skipped", "trùng vị trí với một sửa đổi khác / overlaps another change"
            skipped.append(c)
            continue
        for b, s, e in mine:
            spans[b].append((s, e))
        for op in fresh:
            seen_ops[_op_key(op)] = c
        changes.append(c)
    return changes, skipped


def _op_key(op) -> tuple:
    if op[0] in ("run", "para", "sect"):
        return (*op[:-1], tuple(sorted(op[-1].items())))
    return tuple(op)


# -- applying -----------------------------------------------------------------------------------------

class _ApplyError(Exception):
    def __init__(self, change: Change, why: str):
        super().__init__(why)
        self.change = change


def _raw_pos(m, block, pos: int) -> int | None:
    """An offset of the block's (NFC) text as an offset of its raw text, when it can be told."""
    if block.raw is None:
        return pos
    import unicodedata
    nfc_off = raw_off = 0
    for pc in m.pieces:
        n = len(unicodedata.normalize("NFC", pc.text))
        if pos == nfc_off:
            return raw_off
        if nfc_off < pos < nfc_off + n:
            return raw_off + (pos - nfc_off) if n == len(pc.text) else None
        nfc_off += n
        raw_off += len(pc.text)
    return raw_off if pos == nfc_off else None


def _covered_ok(pieces, start: int, end: int, *, text: bool) -> bool:
    off = 0
    for pc in pieces:
        e = off + len(pc.text)
        if e > start and off < end or (start == end and off <= start <= e):
            if pc.r is None or (text and pc.field) or (text and pc.child.tag.split("}")[-1] != "t"
                                                         and not (off >= start and e <= end)):
                return False
        off = e
    return True


def _style_level(editor, work: list) -> list:
    """Run/paragraph property edits that every paragraph of a paragraph style needs → one edit on the
    style. Returns [(style element, kind, props, [changes])] and removes those edits from the changes."""
    from docx.oxml.ns import qn
    styles = editor.styles_root
    if styles is None:
        return []
    default_id = None
    by_id = {}
    for st in styles.iterchildren(qn("w:style")):
        if st.get(qn("w:type")) == "paragraph":
            by_id[st.get(qn("w:styleId"))] = st
            if st.get(qn("w:default")) in ("1", "true", "on"):
                default_id = st.get(qn("w:styleId"))

    based: dict = defaultdict(set)
    for sid_, st in by_id.items():
        bo = st.find(qn("w:basedOn"))
        if bo is not None:
            based[bo.get(qn("w:val"))].add(sid_)

    def family(sid_):
        """The style and every style based on it (they inherit what is set on it)."""
        out_, todo = set(), [sid_]
        while todo:
            x = todo.pop()
            if x not in out_:
                out_.add(x)
                todo.extend(based.get(x, ()))
        return out_

    def style_of(p):
        ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return ps.get(qn("w:val")) if ps is not None else default_id

    blocks_of: dict = defaultdict(set)          # every paragraph (block) of a style
    lettered_of: dict = defaultdict(set)        # those with letters (a font or size matters there)
    src = editor.source.blocks
    for b, m in editor.pmap.items():
        blocks_of[(m.part, style_of(m.p))].add(b)
        if any(ch.isalpha() for ch in src[b].text):
            lettered_of[(m.part, style_of(m.p))].add(b)
    out = []
    # paragraph properties
    para_ops: dict = defaultdict(dict)   # (props) -> {block: [(change, ops, op)]}
    for c, ops in work:
        for op in ops:
            if op[0] == "para":
                para_ops[tuple(sorted(op[2].items()))].setdefault(op[1], []).append((c, ops, op))
    for props, per_block in para_ops.items():
        groups = defaultdict(set)
        for b in per_block:
            m = editor.pmap.get(b)
            if m is not None:
                groups[(m.part, style_of(m.p))].add(b)
        for (part, sid), bs in groups.items():
            if part != "body" or sid not in by_id or bs != blocks_of[(part, sid)] or len(bs) < 2:
                continue
            if any(_direct_ppr(editor.pmap[b].p, dict(props)) for b in bs):
                continue
            # paragraphs of styles based on this one inherit the change: they must need it too
            heirs = {b for (pt, x), bl in blocks_of.items() if x in family(sid) and x != sid for b in bl}
            if any(b not in per_block and not _direct_ppr(editor.pmap[b].p, dict(props)) for b in heirs):
                continue
            owners = []
            for b in bs:
                for c, ops, op in per_block[b]:
                    if op in ops:
                        ops.remove(op)
                    owners.append(c)
            out.append((by_id[sid], "para", dict(props), owners))
    # run properties over whole blocks
    run_ops: dict = defaultdict(dict)
    for c, ops in work:
        for op in ops:
            if op[0] == "run":
                run_ops[tuple(sorted(op[4].items()))].setdefault(op[1], []).append((c, ops, op))
    for props, per_block in run_ops.items():
        groups = defaultdict(set)
        for b in per_block:
            m = editor.pmap.get(b)
            covered = sum(op[3] - op[2] for _, _, op in per_block[b])
            letters = sum(r.end - r.start for r in src[b].runs if any(ch.isalpha() for ch in r.text))
            if m is not None and covered >= letters:
                groups[(m.part, style_of(m.p))].add(b)
        for (part, sid), bs in groups.items():
            if part != "body" or sid not in by_id or bs != lettered_of[(part, sid)] or len(bs) < 2:
                continue
            if any(_direct_rpr(editor.pmap[b], dict(props)) for b in bs):
                continue
            heirs = {b for (pt, x), bl in lettered_of.items() if x in family(sid) and x != sid for b in bl}
            if any(b not in per_block and not _direct_rpr(editor.pmap[b], dict(props)) for b in heirs):
                continue
            owners = []
            for b in bs:
                for c, ops, op in per_block[b]:
                    if op in ops:
                        ops.remove(op)
                    owners.append(c)
            out.append((by_id[sid], "run", dict(props), owners))
    return out


_RPR_TAG = {"font": "rFonts", "size": "sz", "bold": "b", "italic": "i", "caps": "caps", "color": "color"}
_PPR_TAG = {"jc": "jc", "firstLine": "ind", "before": "spacing", "after": "spacing", "line": "spacing",
            "lineRule": "spacing"}


def _direct_rpr(m, props: dict) -> bool:
    from docx.oxml.ns import qn
    for pc in m.pieces:
        if pc.r is None:
            return True
        rpr = pc.r.find(qn("w:rPr"))
        if rpr is None:
            continue
        if rpr.find(qn("w:rStyle")) is not None:
            return True
        if any(rpr.find(qn(f"w:{_RPR_TAG[k]}")) is not None for k in props):
            return True
    return False


def _direct_ppr(p, props: dict) -> bool:
    from docx.oxml.ns import qn
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        return False
    for k in props:
        el = ppr.find(qn(f"w:{_PPR_TAG[k]}"))
        if el is None:
            continue
        if k == "jc" or el.get(qn(f"w:{k}")) is not None or (k == "firstLine" and el.get(qn("w:hanging"))):
            return True
    return False


def _apply(editor, changes: list[Change], track: bool) -> None:
    """Write the changes' edits into the editor's trees (raises _ApplyError naming a change)."""
    import unicodedata

    from . import track as tr
    from .remedies import text_ops
    tracker = tr.Tracker(list(editor.trees.values()), track=track)
    src = editor.source.blocks
    sects = editor.sections()
    work = [(c, list(c.ops)) for c in changes]
    for style_el, kind, props, owners in _style_level(editor, work):
        try:
            if kind == "para":
                tr.set_para_props(tracker, style_el, props)
            else:
                tr.set_run_props(tracker, style_el, props)
        except Exception as exc:  # noqa: BLE001
            raise _ApplyError(owners[0], f"style: {exc}") from exc
        for c in owners:
            c.style_level = True
    text_by_block: dict = defaultdict(list)
    for c, ops in work:
        for op in ops:
            kind = op[0]
            try:
                if kind == "sect":
                    if op[1] >= len(sects):
                        raise ValueError("no such section")
                    tr.set_sect_props(tracker, sects[op[1]], op[2])
                elif kind == "move_page":
                    m = editor.pmap.get(op[2])
                    if m is None or m.part != "footer":
                        raise ValueError("footer paragraph not mapped")
                    header = editor.document.sections[op[1]].header
                    if header.is_linked_to_previous:
                        header.is_linked_to_previous = False   # a header part of its own (untracked, empty)
                    tr.move_page_field(tracker, m.p, header._element)
                elif kind == "para":
                    m = editor.pmap.get(op[1])
                    if m is None:
                        raise ValueError("paragraph not mapped")
                    tr.set_para_props(tracker, m.p, op[2])
                elif kind == "run":
                    m = editor.pmap.get(op[1])
                    if m is None:
                        raise ValueError("paragraph not mapped")
                    s, e = _raw_pos(m, src[op[1]], op[2]), _raw_pos(m, src[op[1]], op[3])
                    if s is None or e is None or not _covered_ok(m.pieces, s, e, text=False):
                        raise ValueError("run range not mapped")
                    tr.split_run(m.pieces, e)
                    tr.split_run(m.pieces, s)
                    for r in tr.runs_between(m.pieces, s, e):
                        tr.set_run_props(tracker, r, op[4])
                elif kind == "text":
                    text_by_block[op[1]].append((op[2], op[3], op[4], c))
                elif kind == "nfc":
                    m = editor.pmap.get(op[1])
                    off = 0
                    for pc in m.pieces:
                        if pc.r is not None and not pc.field and pc.child.tag.split("}")[-1] == "t":
                            comp = unicodedata.normalize("NFC", pc.text)
                            for o in text_ops(op[1], pc.text, comp, off):
                                text_by_block[op[1]].append((o[2], o[3], o[4], c))
                        off += len(pc.text)
            except _ApplyError:
                raise
            except Exception as exc:  # noqa: BLE001
                raise _ApplyError(c, f"{kind}: {exc}") from exc
    for b, edits in text_by_block.items():
        m = editor.pmap.get(b)
        for start, end, new, c in sorted(edits, key=lambda x: (x[0], x[1]), reverse=True):
            try:
                if m is None or not _covered_ok(m.pieces, start, end, text=True):
                    raise ValueError("text range not mapped")
                tr.replace_text(tracker, m.pieces, start, end, new)
            except Exception as exc:  # noqa: BLE001
                raise _ApplyError(c, f"text: {exc}") from exc
    if track:
        tracker.renumber(list(editor.trees.values()))
    else:
        for root in editor.trees.values():
            tr.accept_all(root)


# -- the public function --------------------------------------------------------------------------

def fix(path: str | os.PathLike, output: str | os.PathLike | None = None, *, track: bool = True,
        spelling: bool = False, comments: bool = False, config: Config | None = None, lang: str | None = None,
        write: bool = True) -> FixResult:
    """Write a corrected copy of the DOCX at `path` (default `<name>.fixed.docx` beside it).

    Raises NotFixableError for a file that is not DOCX (its findings in `.result`), other InputError
    subclasses for unreadable files, ValueError when `output` is the input itself.
    """
    from ..readers import load_bytes
    from ..limits import DEFAULT_LIMITS
    config = config or Config()
    src = Path(path)
    out = Path(output) if output is not None else default_output(src)
    if out.exists() and out.resolve() == src.resolve() or os.path.abspath(out) == os.path.abspath(src):
        raise ValueError("the output must not be the input file")
    data = load_bytes(src, getattr(config, "limits", DEFAULT_LIMITS))   # read-only
    result = fix_bytes(data, name=src.name, track=track, spelling=spelling, config=config, lang=lang,
                       path=str(src))
    result.output = str(out) if write else None
    if write:
        assert result.data is not None   # fix_bytes always sets the copy
        out.parent.mkdir(parents=True, exist_ok=True)
        if comments and result.remaining:
            from ..checker import check_document
            from ..parse import parse
            from ..readers import read
            from ..report.docx_annotate import annotate
            final = check_document(parse(read(result.data, name=out.name)), config, keep_text=True)
            result.comments = annotate(final, result.data, str(out), lang=lang or config.lang or "vi")
        else:
            with open(out, "wb") as fh:
                fh.write(result.data)
    return result


def fix_bytes(data: bytes, *, name: str | None = None, track: bool = True, spelling: bool = False,
              config: Config | None = None, lang: str | None = None, path: str | None = None) -> FixResult:
    """The fix of a DOCX given as bytes; `FixResult.data` holds the copy.

    A check reports at most a set number of findings per rule; when the copy shows more findings of
    fixable rules than the input did (they were beyond that number), the copy is fixed again (at
    most three passes in all), each pass verified on its own."""
    t0 = time.perf_counter()
    result = _fix_pass(data, name=name, track=track, spelling=spelling, config=config, path=path)
    first_keys = {_key(f) for f in result.before}
    for _ in range(2):
        more = [g for g in result.remaining if _key(g) not in first_keys and _fixable(g.rule, spelling)]
        if not more or not result.changes:
            break
        assert result.data is not None   # set by every pass
        again = _fix_pass(result.data, name=name, track=track, spelling=spelling, config=config, path=path)
        if not again.changes:
            break
        result.changes += again.changes
        result.rolled_back += again.rolled_back
        result.skipped += again.skipped
        result.remaining, result.data = again.remaining, again.data
        result.new_findings = tuple(g for g in again.remaining if _key(g) not in first_keys)
    result.seconds = time.perf_counter() - t0
    return result


def _fixable(rule_id: str, spelling: bool) -> bool:
    from ..engine import load_catalogue
    rule = load_catalogue().get(rule_id)
    spec = getattr(rule, "fix", None) if rule else None
    return spec is not None and bool(spec) and (spec.get("option") != "spelling" or spelling)


def _fix_pass(data: bytes, *, name: str | None, track: bool, spelling: bool, config: Config | None,
              path: str | None) -> FixResult:
    """One pass: check, plan, write, re-check, roll back what failed."""
    from ..limits import DEFAULT_LIMITS
    from ..parse import parse
    from ..readers import read
    from ..readers import sniff as _sniff
    from .editor import DocxEditor
    t0 = time.perf_counter()
    config = config or Config()
    limits = getattr(config, "limits", DEFAULT_LIMITS)
    kind = _sniff(data, name)
    if kind != "docx":
        from ..checker import check_path
        checked = check_path(data, config, name=name)
        raise NotFixableError(f"{name or ''}: {kind}".strip(": "), path=path, result=checked)
    first = DocxEditor(data, path=path, limits=limits)
    editor: DocxEditor | None = first
    doc = parse(first.source)
    ctx, before = _findings(doc, config)
    fx = FixContext(doc=doc, ctx=ctx, editor=first)
    active, skipped = _plan(fx, before, spelling=spelling)
    rolled: list[Change] = []
    before_keys = {_key(f) for f in before}
    out_bytes, after = data, before
    rounds = 0
    while True:
        if rounds >= _MAX_ROUNDS and active:
            for c in active:
                c.status, c.reason = "rolled_back", "không ổn định sau nhiều lần thử / did not settle"
            rolled.extend(active)
            active = []
        ed = editor if editor is not None else DocxEditor(data, path=path, limits=limits)
        editor = None                      # the first build reuses the analysed trees; later ones start anew
        try:
            _apply(ed, active, track)
        except _ApplyError as exc:         # a change that cannot be written: drop it, build again
            c = exc.change
            c.status, c.reason = "skipped", f"không ghi được / could not be written ({exc})"
            skipped.append(c)
            active = [x for x in active if x is not c]
            continue
        out_bytes = ed.save() if active else data
        if not active:
            after = before
            break
        rounds += 1
        after_doc = parse(read(out_bytes, name=name, limits=limits))
        _, after = _findings(after_doc, config)
        failed = _verify(active, before_keys, after)
        if not failed:
            break
        for c, why in failed.items():
            c.status, c.reason = "rolled_back", why
            rolled.append(c)
        active = [c for c in active if c not in failed]
    new_findings = [g for g in after if _key(g) not in before_keys]
    _credit(active, before, after)
    remaining = tuple(after)
    return FixResult(input=path or name, output=None, changes=active, rolled_back=rolled, skipped=skipped,
                     before=tuple(before), remaining=remaining, new_findings=tuple(new_findings), tracked=track,
                     seconds=time.perf_counter() - t0, data=out_bytes)


def _credit(active: list[Change], before, after) -> None:
    """A finding gone from the copy without a change of its own (KT007 when NN008 converted the
    text and its font) is named by the change that touched its place."""
    present = {_key(g) for g in after}
    mine = {id(f) for c in active for f in (c.finding, *c.also_findings)}
    for f in before:
        if id(f) in mine or _key(f) in present:
            continue
        loc = f.location
        for c in active:
            if (loc.block is not None and loc.block in c.blocks) or \
                    (loc.section is not None and loc.section in c.sections):
                if f.rule != c.rule and f.rule not in c.also:
                    c.also.append(f.rule)
                c.also_findings.append(f)
                break


def _verify(active: list[Change], before_keys: set, after: list[Finding]) -> dict:
    """{change: reason} for changes whose finding is still there or that brought a new finding."""
    after_keys = {_key(g) for g in after}
    failed: dict = {}
    for c in active:
        for f in [c.finding, *getattr(c, "also_findings", [])]:
            if f is not None and _key(f) in after_keys:
                failed[c] = "phát hiện vẫn còn sau khi sửa / the finding is still there"
                break
    for g in after:
        if _key(g) in before_keys:
            continue
        loc = g.location
        culprits = [c for c in active if (loc.block is not None and loc.block in c.blocks)
                    or (loc.section is not None and loc.section in c.sections)]
        if not culprits and loc.block is None and loc.section is None:
            culprits = [c for c in active if any(op[0] in ("text", "nfc") for op in c.ops)]
        for c in culprits:
            failed.setdefault(c, f"gây phát hiện mới {g.rule} / brought a new finding {g.rule}")
    return failed
