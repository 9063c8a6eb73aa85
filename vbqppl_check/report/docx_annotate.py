"""The annotated DOCX: a copy of the draft with every finding as a real Word comment.

Each comment is anchored on the offending text (w:commentRangeStart/End + w:commentReference in
word/document.xml, the comment in word/comments.xml, via python-docx ≥ 1.2 Document.add_comment);
runs are split where a finding starts or ends inside one, keeping their formatting. A finding on a
whole paragraph is anchored on the paragraph; one with no position (paper size, a missing
component), or in a header/footer (Word cannot anchor comments there), on the first paragraph.

Blocks are found again by their text: the DOCX reader's block text is the concatenation of the
paragraph's own runs (w:t, tabs, line breaks; NFC per run), which is recomputed here the same way.
The input is never modified: the copy is written to "<name>.checked.docx" (or a given path), and a
file whose content changed since it was checked (sha256) is refused, since positions would be wrong.
"""
from __future__ import annotations

import copy
import hashlib
import io
import os
import unicodedata
from pathlib import Path
from typing import IO, Iterable

from ..model.finding import SEVERITY_VI
from ..result import DocumentResult

BINARY = False  # the stream receives a listing; the documents go to files
AUTHOR = "vbqppl-check"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W_NS
LABELS = {"vi": {"found": "Thực tế", "expected": "Yêu cầu", "suggest": "Đề xuất", "ref": "Căn cứ",
                 "header": "(ở đầu trang/chân trang)", "doc": "(toàn văn bản)", "also": "Cũng ở",
                 "para": "đoạn"},
          "en": {"found": "Found", "expected": "Required", "suggest": "Suggestion", "ref": "Provision",
                 "header": "(in a header/footer)", "doc": "(whole document)", "also": "Also at",
                 "para": "paragraph"}}


class AnnotateError(Exception):
    pass


def output_path_for(input_path: str | os.PathLike, output_dir: str | os.PathLike | None = None) -> Path:
    p = Path(input_path)
    name = p.name[:-5] if p.name.lower().endswith(".docx") else p.stem
    return Path(output_dir or p.parent) / f"{name}.checked.docx"


# -- the text of a paragraph as the reader sees it ----------------------------------------------------

def _own_runs(p) -> list:
    """The w:r of this paragraph (inside hyperlinks, insertions, fields…) but not of nested text boxes."""
    out = []
    for r in p.iter(_W + "r"):
        anc = next(r.iterancestors(_W + "p"), None)
        if anc is p and not any(a.tag == _W + "del" for a in r.iterancestors()):
            out.append(r)
    return out


def _run_text(r) -> str:
    parts = []
    for child in r:
        tag = child.tag
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            if child.get(_W + "type") not in ("page", "column"):
                parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
    return unicodedata.normalize("NFC", "".join(parts))


def _simple_run(r) -> bool:
    """A run whose content python-docx's Run.text setter reproduces exactly (safe to split)."""
    ok = {_W + "rPr", _W + "t", _W + "tab", _W + "br", _W + "cr"}
    return all(c.tag in ok for c in r) and all(
        c.get(_W + "type") in (None, "textWrapping") for c in r if c.tag == _W + "br")


def _para_text(p) -> str:
    return "".join(_run_text(r) for r in _own_runs(p))


def _norm(s: str) -> str:
    return " ".join(s.split())


class _Matcher:
    """Finds the w:p of block i: the reader's order (body, then headers/footers), matched by text,
    searching forward from the last match first (repeated texts such as "Nơi nhận:" stay in order)."""

    def __init__(self, document):
        self.body = [p for p in document.element.body.iter(_W + "p")]
        self.body_set = set(map(id, self.body))
        extra = []
        for section in document.sections:
            for hf in (section.header, section.first_page_header, section.even_page_header,
                       section.footer, section.first_page_footer, section.even_page_footer):
                try:
                    if not hf.is_linked_to_previous:
                        extra.extend(hf._element.iter(_W + "p"))
                except (AttributeError, ValueError):
                    continue
        self.paras = [p for p in self.body + extra if _para_text(p).strip()]
        self.texts = [_norm(_para_text(p)) for p in self.paras]
        self.pos = 0

    def find(self, text: str):
        key = _norm(text)
        n = len(self.paras)
        for k in list(range(self.pos, n)) + list(range(0, self.pos)):
            if self.texts[k] == key:
                self.pos = k + 1
                return self.paras[k]
        return None

    def first_body(self):
        return next((p for p in self.body if _para_text(p).strip()), None)


# -- anchoring -------------------------------------------------------------------------------------------

def _split_at(p, offset: int) -> None:
    """Make `offset` (in the paragraph's NFC text) a run boundary, splitting the run that spans it."""
    from docx.text.run import Run
    pos = 0
    for r in _own_runs(p):
        t = _run_text(r)
        if pos < offset < pos + len(t):
            k = offset - pos
            raw = "".join(c.text or "" if c.tag == _W + "t" else "\t" if c.tag == _W + "tab" else "\n"
                          for c in r if c.tag != _W + "rPr")
            if not _simple_run(r) or unicodedata.normalize("NFC", raw) != raw:
                return  # not safely splittable (fields, drawings, NFD text): anchor on the whole run
            r2 = copy.deepcopy(r)
            r.addnext(r2)
            Run(r, None).text = t[:k]    # type: ignore[arg-type]  # no parent needed to set the text
            Run(r2, None).text = t[k:]   # type: ignore[arg-type]
            return
        pos += len(t)


def _runs_for(p, start: int | None, end: int | None):
    """The runs covering [start, end) of the paragraph (all its runs when no range)."""
    if start is not None and end is not None and end > start:
        _split_at(p, start)
        _split_at(p, end)
    runs, pos = [], 0
    for r in _own_runs(p):
        t = _run_text(r)
        a, b = pos, pos + len(t)
        pos = b
        if start is None or end is None or end <= start:
            if t:
                runs.append(r)
        elif a < end and b > start and t:
            runs.append(r)
    return runs


def _comment_lines(f, lang: str, note: str | None) -> list[str]:
    L = LABELS[lang]
    sev = SEVERITY_VI[f.severity] if lang == "vi" else f.severity
    times = f" ×{f.occurrences}" if f.occurrences > 1 else ""
    lines = [f"[{f.rule} – {sev}]{times} {f.message(lang)}" + (f" {note}" if note else "")]
    if f.more_locations:  # one comment per defect, on its first place; the others listed
        places = [", ".join(x for x in (f"{L['para']} {m.block + 1}" if m.block is not None else None,
                                        m.path or m.component) if x) for m in f.more_locations]
        lines.append(f"{L['also']}: " + "; ".join(p for p in places if p))
    if f.found or f.expected:
        lines.append(f"{L['found']}: {f.found or '—'} | {L['expected']}: {f.expected or '—'}")
    if f.suggestion:
        lines.append(f"{L['suggest']}: {f.suggestion}")
    lines.append(f"{L['ref']}: {f.reference}")
    return lines


def annotate(result: DocumentResult, source: str | os.PathLike | bytes, out: str | os.PathLike | IO, *,
             lang: str = "vi") -> int:
    """Write the commented copy of `source` to `out`; returns the number of comments added."""
    import docx
    from docx.text.run import Run
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        if isinstance(out, (str, os.PathLike)) and Path(out).resolve() == Path(source).resolve():
            raise AnnotateError("refusing to overwrite the input file")
        with open(source, "rb") as fh:  # read-only
            data = fh.read()
    if result.sha256 and hashlib.sha256(data).hexdigest() != result.sha256:
        raise AnnotateError("the file changed since it was checked")
    if result.block_texts is None:
        raise AnnotateError("the result has no block texts (check with keep_text=True)")
    document = docx.Document(io.BytesIO(data))
    matcher = _Matcher(document)
    paras = [matcher.find(t) for t in result.block_texts]
    fallback = matcher.first_body()
    n = 0
    # Last findings first: splitting runs then never moves an anchor already placed earlier in a paragraph.
    for f in sorted(result.findings, key=lambda f: (f.location.block if f.location.block is not None else -1,
                                                   f.location.start or 0), reverse=True):
        loc = f.location
        p = paras[loc.block] if loc.block is not None and 0 <= loc.block < len(paras) else None
        note = None
        start, end = loc.start, loc.end
        if p is not None and id(p) not in matcher.body_set:
            p, note = None, LABELS[lang]["header"]
        if p is not None and loc.block is not None and _para_text(p) != result.block_texts[loc.block]:
            start = end = None  # text differs in detail (whitespace): anchor on the paragraph
        if p is None:
            p, start, end = fallback, None, None
            note = note or (LABELS[lang]["doc"] if loc.block is None else None)
        if p is None:
            continue
        runs = _runs_for(p, start, end)
        if not runs:
            runs = _runs_for(p, None, None)
        if not runs:
            continue
        lines = _comment_lines(f, lang, note)
        comment = document.add_comment([Run(runs[0], None), Run(runs[-1], None)], text=lines[0],  # type: ignore[arg-type]
                                       author=AUTHOR, initials="VB")
        for line in lines[1:]:
            comment.add_paragraph(line)
        n += 1
    document.save(os.fspath(out) if isinstance(out, os.PathLike) else out)
    return n


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", output_dir: str | None = None,
          **_options) -> None:
    """Annotate every DOCX result next to its input (or into output_dir); list what was written."""
    for r in results:
        if r.status != "ok" or r.format != "docx" or not r.path:
            continue
        if "!" in r.path:  # an archive member has no file to copy next to
            stream.write(f"{r.path}\t! {'chỉ chú thích tệp trên đĩa' if lang == 'vi' else 'files on disk only'}\n")
            continue
        target = output_path_for(r.path, output_dir)
        try:
            if target.resolve() == Path(r.path).resolve():
                raise AnnotateError("refusing to overwrite the input file")
            target.parent.mkdir(parents=True, exist_ok=True)
            n = annotate(r, r.path, str(target), lang=lang)
            stream.write(f"{target}\t{n}\n")
        except (AnnotateError, OSError, ValueError, KeyError) as exc:
            stream.write(f"{r.path}\t! {exc}\n")
