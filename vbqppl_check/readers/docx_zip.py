"""Safe inspection of a zip container before anything parses it (zip bombs, wrong content, XML entities).

A DOCX is a zip of XML parts. Nothing here trusts the zip headers: the declared sizes are checked
first (cheap refusal of an obvious bomb), then every member we actually need is read through a
bounded stream that stops as soon as the real output exceeds the limits. XML parts are refused when
they declare a DOCTYPE or ENTITY, and are parsed with entity resolution and network access off.
"""
from __future__ import annotations

import io
import re
import struct
import threading
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from ..errors import CorruptFileError, EncryptedFileError, UnsafeXmlError, UnsupportedFormatError, ZipBombError
from ..limits import DEFAULT_LIMITS, Limits

_CHUNK = 64 * 1024
# A small member may compress very well (a run of spaces); the ratio only signals a bomb past this size.
_RATIO_FLOOR_BYTES = 1024 * 1024
_MAX_MEMBERS = 20_000  # a large DOCX has a few hundred parts
_UNSAFE_XML = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

# ISO 29500 Strict documents use other namespace URIs for the same vocabulary; map them to the
# Transitional ones the reader knows (the relationship types end with the same names).
_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
)
_LOCAL = threading.local()


def _parser() -> etree.XMLParser:
    """No DTD loading, no entity expansion, no network, no huge-tree mode; one parser per thread
    (lxml parser objects must not be shared between threads)."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
        _LOCAL.parser = parser
    return parser


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        # A truncated DOCX still starts with PK: let the DOCX reader report it as corrupt.
        return True
    return "word/document.xml" in names or "[Content_Types].xml" in names and any(
        n.startswith("word/") for n in names)


@dataclass
class Package:
    """An opened, checked DOCX zip. `part()` reads a member once, bounded; `xml()` parses it safely."""

    zf: zipfile.ZipFile
    limits: Limits
    path: str | None = None
    names: frozenset[str] = frozenset()
    _read_total: int = 0
    _cache: dict[str, bytes] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self.names

    def part(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        if name in self._cache:
            return self._cache[name]
        data = self._read_bounded(name)
        self._cache[name] = data
        return data

    def stored_key(self, name: str) -> bytes | None:
        """A key for a member's content read without inflating it: its stored (compressed) bytes with
        the method, CRC and sizes. Equal keys mean equal content (the same bytes inflate the same way and
        the CRC is the one read() would check); None when the member is absent or its local header odd."""
        if name not in self.names:
            return None
        info = self.zf.getinfo(name)
        fp = self.zf.fp
        if fp is None:
            return None
        try:
            fp.seek(info.header_offset)
            head = fp.read(30)
            if len(head) < 30 or head[:4] != b"PK\x03\x04":
                return None
            name_len, extra_len = struct.unpack("<HH", head[26:30])
            fp.seek(info.header_offset + 30 + name_len + extra_len)
            raw = fp.read(info.compress_size)
        except (OSError, ValueError, struct.error):
            return None
        if len(raw) != info.compress_size:
            return None
        return b"%d:%d:%d:%d:" % (info.compress_type, info.CRC, info.file_size, info.compress_size) + raw

    def xml(self, name: str) -> etree._Element | None:
        data = self.part(name)
        if data is None:
            return None
        return parse_xml(data, name, path=self.path)

    def _read_bounded(self, name: str) -> bytes:
        info = self.zf.getinfo(name)
        budget = min(self.limits.max_member_bytes,
                     self.limits.max_uncompressed_bytes - self._read_total)
        out = bytearray()
        try:
            with self.zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > budget:
                        raise ZipBombError(f"{name}: > {budget} bytes expanded", path=self.path)
                    if (len(out) > _RATIO_FLOOR_BYTES and info.compress_size
                            and len(out) / info.compress_size > self.limits.max_compression_ratio):
                        raise ZipBombError(f"{name}: compression ratio > {self.limits.max_compression_ratio:g}",
                                           path=self.path)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise CorruptFileError(f"{name}: {exc}", path=self.path) from exc
        except RuntimeError as exc:  # zipfile raises RuntimeError for encrypted members
            raise CorruptFileError(f"{name}: {exc}", path=self.path) from exc
        self._read_total += len(out)
        return bytes(out)

    def close(self) -> None:
        self.zf.close()


def open_package(data: bytes, *, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Package:
    """Open a DOCX zip after checking it is a complete zip, a DOCX, and not declaring a bomb."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise CorruptFileError(f"zip: {exc}", path=path,
                               vi="Tệp DOCX bị hỏng hoặc bị cắt cụt (không đọc được cấu trúc zip).",
                               en="The DOCX file is corrupt or truncated (its zip structure cannot be read).") from exc
    if len(infos) > _MAX_MEMBERS:
        zf.close()
        raise ZipBombError(f"{len(infos)} zip members", path=path)
    names = frozenset(i.filename for i in infos)
    if "word/document.xml" not in names:
        zf.close()
        raise UnsupportedFormatError("zip without word/document.xml", path=path,
                                     vi="Tệp là tệp nén zip nhưng không phải văn bản Word DOCX.",
                                     en="The file is a zip archive but not a Word DOCX document.")
    declared = 0
    for info in infos:
        declared += info.file_size
        if info.flag_bits & 0x1:  # Office never zip-encrypts; a password-protected zip member
            zf.close()
            raise EncryptedFileError(f"{info.filename}: encrypted zip member", path=path)
        if info.file_size > limits.max_member_bytes:
            zf.close()
            raise ZipBombError(f"{info.filename}: {info.file_size} bytes declared", path=path)
        if (info.file_size > _RATIO_FLOOR_BYTES and info.compress_size
                and info.file_size / info.compress_size > limits.max_compression_ratio):
            zf.close()
            raise ZipBombError(f"{info.filename}: ratio {info.file_size / info.compress_size:.0f}", path=path)
    if declared > limits.max_uncompressed_bytes:
        zf.close()
        raise ZipBombError(f"{declared} bytes declared > {limits.max_uncompressed_bytes}", path=path)
    return Package(zf=zf, limits=limits, path=path, names=names)


def parse_xml(data: bytes, name: str, *, path: str | None = None) -> etree._Element:
    """Parse one XML part; refuse DOCTYPE/ENTITY declarations before the parser sees them."""
    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 parts: look at the decoded text
        probe = data.decode("utf-16", errors="ignore").encode("utf-8")
    if _UNSAFE_XML.search(probe):
        raise UnsafeXmlError(name, path=path)
    if probe is data and b"http://purl.oclc.org/ooxml/" in data[:4096]:
        for strict, transitional in _STRICT:
            data = data.replace(strict, transitional)
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(f"{name}: {exc}", path=path) from exc
    if root is None:
        raise CorruptFileError(f"{name}: empty XML", path=path)
    if root.getroottree().docinfo.internalDTD is not None:  # belt and braces: never reached with the probe
        raise UnsafeXmlError(name, path=path)
    return root
