"""Readers: bytes in, SourceDocument out. The format is sniffed from the content, not the file name."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import (EmptyFileError, FileAccessError, FileTooLargeError, UnsupportedFormatError)
from ..limits import DEFAULT_LIMITS, Limits
from ..model import SourceDocument

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes, name: str | None = None) -> str:
    """Return "pdf", "docx", "zip", "ole" (legacy .doc or encrypted OOXML), "html", "markdown" or "text"."""
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        from .docx_zip import is_docx
        return "docx" if is_docx(data) else "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    text = _decode_head(head)
    if text is None:
        raise UnsupportedFormatError(name or "")
    low = text.lower()
    if "<html" in low or "<!doctype html" in low or "<body" in low or (
            low.lstrip().startswith("<") and any(t in low for t in ("<p", "<div", "<table", "<span"))):
        return "html"
    if name and name.lower().endswith((".md", ".markdown")):
        return "markdown"
    if any(line.startswith(("# ", "## ", "**", "|")) for line in text.splitlines()[:80]):
        return "markdown"
    return "text"


def _decode_head(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a multi-byte character cut by the 2 KB window
            return head[:exc.start].decode("utf-8")
    if b"\x00" in head:
        # UTF-16 saved without a BOM (Notepad "Unicode"): NULs on one parity only
        even, odd = head[0::2].count(b"\x00"), head[1::2].count(b"\x00")
        if max(even, odd) > len(head) // 5 and min(even, odd) == 0:
            decoded = head[:len(head) // 2 * 2].decode("utf-16-be" if even else "utf-16-le", errors="ignore")
            if sum(ch.isprintable() or ch in "\r\n\t" for ch in decoded) > 0.95 * max(1, len(decoded)):
                return decoded
        return None
    try:  # legacy single-byte files (TCVN3 text saved as cp1252/latin-1) are still text
        decoded = head.decode("cp1258")
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in decoded)
    return decoded if printable / max(1, len(decoded)) > 0.95 else None


def load_bytes(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> bytes:
    p = Path(path)
    try:
        if p.is_dir():
            raise FileAccessError(str(p), path=str(p))
        size = p.stat().st_size
        if size > limits.max_file_bytes:
            raise FileTooLargeError(f"{size} > {limits.max_file_bytes} bytes", path=str(p))
        with open(p, "rb") as fh:  # read-only: an input file is never modified
            # read(n) reserves n bytes up front: ask for the stat size (+1 to notice a growing file),
            # not for the limit, or every worker would reserve max_file_bytes.
            data = fh.read(min(size, limits.max_file_bytes) + 1)
            if len(data) > size and len(data) <= limits.max_file_bytes:
                data += fh.read(limits.max_file_bytes + 1 - len(data))
    except OSError as exc:
        raise FileAccessError(f"{p}: {exc.strerror or exc}", path=str(p)) from exc
    if len(data) > limits.max_file_bytes:
        raise FileTooLargeError(str(p), path=str(p))
    return data


def read(source: str | os.PathLike | bytes, *, name: str | None = None,
         limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    """Read a path or raw bytes into a SourceDocument. Raises errors.InputError subclasses."""
    if isinstance(source, (bytes, bytearray)):
        data, path = bytes(source), name
    else:
        path = str(source)
        data = load_bytes(source, limits)
        name = name or os.path.basename(path)
    if len(data) > limits.max_file_bytes:
        raise FileTooLargeError(name or "", path=path)
    if not data.strip():
        raise EmptyFileError(name or "", path=path)
    kind = sniff(data, name)
    sha = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        from .pdf import read_pdf
        doc = read_pdf(data, path=path, limits=limits)
    elif kind == "docx":
        from .docx import read_docx
        doc = read_docx(data, path=path, limits=limits)
    elif kind == "ole":
        from .doc import read_doc
        doc = read_doc(data, path=path, limits=limits)
    elif kind == "html":
        from .html import read_html
        doc = read_html(data, path=path, limits=limits)
    elif kind in ("text", "markdown"):
        from .text import read_text
        doc = read_text(data, path=path, markdown=(kind == "markdown"), limits=limits)
        if is_ocr_output(name):
            doc = mark_ocr(doc)
    else:
        raise UnsupportedFormatError(f"{name or ''}: {kind}", path=path)
    from dataclasses import replace
    return replace(doc, sha256=sha, size=len(data))


# A text file that is the output of an OCR tool says so in its name: "kh70.ocr.txt", "kh70.mineru.md"
# (MinerU's Markdown). Its characters are the OCR's reading, not the author's typing.
OCR_OUTPUT_MARKS = (".ocr", ".mineru")


def is_ocr_output(name: str | None) -> bool:
    stem = os.path.splitext(os.path.basename(name or ""))[0].lower()
    return stem.endswith(OCR_OUTPUT_MARKS)


def mark_ocr(doc: SourceDocument) -> SourceDocument:
    """Every block's text came from OCR (origin "ocr")."""
    from dataclasses import replace
    return replace(doc, ocr=True, blocks=tuple(replace(b, origin="ocr") for b in doc.blocks))
