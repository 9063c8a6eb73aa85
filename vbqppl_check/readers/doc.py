"""OLE compound files: legacy Word .doc (converted through LibreOffice) or encrypted OOXML (refused).

An encrypted .docx is not a zip: Office wraps it in an OLE container holding the streams
EncryptionInfo and EncryptedPackage. A real .doc holds a WordDocument stream whose FIB says whether
it is encrypted. The input is copied to a private temporary folder before conversion; the original
file is never opened for writing.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from ..errors import (CorruptFileError, EncryptedFileError, LegacyDocError, TimeoutError_,
                      UnsupportedFormatError)
from ..limits import DEFAULT_LIMITS, Limits
from ..model import SourceDocument
from .ole import OleFile

# The FIB's flags word (offset 0x0A): fEncrypted is bit 8, fObfuscated bit 15 (MS-DOC 2.5.2)
_F_ENCRYPTED = 0x0100
CONVERT_TIMEOUT_S = 90.0


def classify(data: bytes, path: str | None = None) -> str:
    """"encrypted_ooxml", "encrypted_doc", "doc" or "other" (Excel, PowerPoint, MSI…)."""
    ole = OleFile(data, path=path)
    names = ole.names()
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        return "encrypted_ooxml"
    if "WordDocument" in names:
        head = ole.stream_head("WordDocument", 16)
        if head is not None and len(head) >= 12:
            ident, = struct.unpack_from("<H", head, 0)
            flags, = struct.unpack_from("<H", head, 0x0A)
            if ident not in (0xA5EC, 0xA5DC):
                raise CorruptFileError("WordDocument: bad FIB", path=path)
            if flags & _F_ENCRYPTED:
                return "encrypted_doc"
        return "doc"
    return "other"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes, *, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    kind = classify(data, path)
    if kind in ("encrypted_ooxml", "encrypted_doc"):
        raise EncryptedFileError(kind, path=path)
    if kind != "doc":
        raise UnsupportedFormatError("OLE file without a WordDocument stream", path=path)
    soffice = soffice_path()
    if soffice is None:  # the message says how; the detail gives the exact command for this file
        name = os.path.basename(path) if path else "FILE.doc"
        raise LegacyDocError(f'soffice --headless --convert-to docx "{name}"', path=path)
    docx = convert_to_docx(data, soffice, timeout=min(CONVERT_TIMEOUT_S, limits.timeout_seconds), path=path)
    from .docx import read_docx
    doc = read_docx(docx, path=path, limits=limits)
    return replace(doc, format="doc",
                   warnings=doc.warnings + ("converted from .doc by LibreOffice; formatting as converted",))


def convert_to_docx(data: bytes, soffice: str, *, timeout: float, path: str | None = None) -> bytes:
    """Run `soffice --headless --convert-to docx` in a private temporary folder and return the DOCX bytes."""
    with tempfile.TemporaryDirectory(prefix="vbqppl-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        out_dir = Path(tmp) / "out"
        out_dir.mkdir()
        profile = Path(tmp) / "profile"
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TZ")}
        env["HOME"] = tmp  # LibreOffice writes its profile under HOME; keep it private and disposable
        cmd = [soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(src)]
        try:
            proc = subprocess.run(cmd, cwd=tmp, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=timeout, start_new_session=True)
        except subprocess.TimeoutExpired as exc:
            raise TimeoutError_(f"LibreOffice > {timeout:g} s", path=path) from exc
        except OSError as exc:
            raise LegacyDocError(str(exc), path=path) from exc
        out = out_dir / "input.docx"
        if proc.returncode != 0 or not out.is_file():
            detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()[-300:]
            raise CorruptFileError(f"LibreOffice could not convert the .doc: {detail}", path=path)
        return out.read_bytes()
