"""`vbqppl-check inspect PATH [--json]`: print what the reader saw (page setup, blocks, effective formatting)."""
from __future__ import annotations

import json
import os
import sys

from ..errors import VbqpplError
from ..model import Block, PageSetup, RunFormat, SourceDocument
from ..model.jsonable import to_jsonable


def add_arguments(p) -> None:
    p.add_argument("path", metavar="PATH", help="tệp cần xem / the file to inspect")
    p.add_argument("--json", action="store_true", help="in dạng JSON / print JSON")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ thông báo / message language")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="chỉ in N khối đầu / print the first N blocks")


def run(args) -> int:
    from ..readers import read
    try:
        doc = read(args.path)
    except VbqpplError as exc:
        print(f"{args.path}: {exc.message(args.lang)}", file=sys.stderr)
        return 2
    try:
        _print(doc, args, sys.stdout)
    except BrokenPipeError:  # `inspect … | head`: the reader went away; silence the flush at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _print(doc: SourceDocument, args, out) -> None:
    if args.json:
        data = to_jsonable(doc, drop_none=True)
        if args.limit is not None:
            data["blocks"] = data["blocks"][:args.limit]
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    for line in render(doc, limit=args.limit):
        out.write(line + "\n")


def render(doc: SourceDocument, limit: int | None = None) -> list[str]:
    lines = [f"{doc.path or '-'}  format={doc.format}  blocks={len(doc.blocks)}"
             + (f"  pages={doc.page_count}" if doc.page_count else "")
             + (f"  image-only pages={list(doc.image_only_pages)}" if doc.image_only_pages else "")
             + ("  ocr" if doc.ocr else "")]
    lines += [f"! {w}" for w in doc.warnings]
    for s in doc.sections:
        lines.append(_section(s))
    blocks = doc.blocks if limit is None else doc.blocks[:limit]
    for b in blocks:
        lines.extend(_block(b))
    return lines


def _num(v: float | None, unit: str = "") -> str:
    if v is None:
        return "?"
    return f"{v:g}{unit}"


def _section(s: PageSetup) -> str:
    parts = [f"section {s.section}:"]
    if s.width_mm is not None:
        parts.append(f"{_num(s.width_mm)}x{_num(s.height_mm)}mm {s.orientation or ''}".rstrip())
    if s.margin_top_mm is not None:
        parts.append(f"margins T{_num(s.margin_top_mm)} B{_num(s.margin_bottom_mm)} "
                     f"L{_num(s.margin_left_mm)} R{_num(s.margin_right_mm)}mm")
    if s.different_first_page:
        parts.append("different-first-page")
    if s.page_number_in:
        parts.append(f"page-number in {s.page_number_in} {s.page_number_alignment or ''} "
                     f"{_num(s.page_number_size, 'pt')} on-page-1={s.page_number_on_first_page}")
    if s.pages:
        parts.append(f"pages {s.pages[0]}-{s.pages[-1]}")
    return " ".join(parts)


def _fmt(f: RunFormat) -> str:
    flags = "".join(c for c, on in (("B", f.bold), ("I", f.italic), ("U", f.underline), ("C", f.caps),
                                     ("S", f.strike)) if on)
    out = f"{f.font or '?'} {_num(f.size, 'pt')}"
    if flags:
        out += " " + flags
    if f.color and f.color not in ("auto", "000000"):
        out += f" #{f.color}"
    return out


def _block(b: Block) -> list[str]:
    where = [f"[{b.index}]", b.kind]
    if b.header_kind:
        where.append(b.header_kind)
    if b.table:
        where.append(f"t{b.table.table}r{b.table.row}c{b.table.col}" + (f"d{b.table.depth}" if b.table.depth > 1 else ""))
    if b.page is not None:
        where.append(f"p{b.page}")
    if b.section:
        where.append(f"s{b.section}")
    if b.bbox:
        where.append("bbox=" + ",".join(f"{v:.0f}" for v in b.bbox))
    p = b.paragraph
    if p is not None:
        para = [f"'{p.style}'" if p.style else "", p.alignment or ""]
        if p.first_line_indent_mm:
            para.append(f"first={_num(p.first_line_indent_mm)}mm")
        if p.left_indent_mm:
            para.append(f"left={_num(p.left_indent_mm)}mm")
        if p.space_before_pt or p.space_after_pt:
            para.append(f"sp={_num(p.space_before_pt)}/{_num(p.space_after_pt)}pt")
        if p.line_spacing is not None:
            para.append(f"line={_num(p.line_spacing)}" + ("" if p.line_spacing_rule == "auto" else
                                                          f"pt {p.line_spacing_rule}"))
        if p.numbering:
            para.append(f"num={p.numbering_text!r}" if p.numbering_text else "num")
        where.append("{" + " ".join(x for x in para if x) + "}")
    if b.raw is not None:
        where.append("nfc≠raw")  # the file's text was not in NFC; checks see the normalised text
    lines = [" ".join(where) + f"  {b.text!r}"]
    if b.runs:
        formats = {r.format for r in b.runs}
        if len(formats) == 1 and not any(r.field for r in b.runs):
            lines.append("    " + _fmt(b.runs[0].format))
        else:
            for r in b.runs:
                lines.append(f"    {r.start}-{r.end} {_fmt(r.format)}" + (f" field={r.field}" if r.field else "")
                             + f"  {r.text!r}")
    return lines
