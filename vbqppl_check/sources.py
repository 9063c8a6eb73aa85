"""Expand batch inputs: files, folders (recursive, glob filters) and .zip archives read in memory.

A zip archive is never extracted to disk. Its members become in-memory items labelled
"archive.zip!folder/member.docx". Hostile archives give per-member error records instead of
stopping the batch: names that climb out of the archive ("../", absolute paths), members whose
declared or real expansion is abnormal (zip bombs), encrypted members, nested archives beyond a
small depth.
"""
from __future__ import annotations

import fnmatch
import io
import os
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import CorruptFileError, EncryptedFileError, FileAccessError, InputError, ZipBombError
from .limits import DEFAULT_LIMITS, Limits

# What a folder walk picks up; a file named explicitly is always taken.
DOCUMENT_SUFFIXES = frozenset({".docx", ".pdf", ".doc", ".txt", ".md", ".markdown", ".html", ".htm"})
ARCHIVE_SUFFIXES = frozenset({".zip"})
# Our own annotated copies (report/docx_annotate.py) are outputs, not drafts: a folder walk skips them.
OUTPUT_SUFFIX = ".checked.docx"
MAX_ZIP_DEPTH = 2          # an archive inside an archive inside an archive is refused
_MEMBER_SEP = "!"


@dataclass(frozen=True)
class Item:
    """One document to check: a file on disk (path), an archive member (data), or an error."""

    label: str                       # what reports show: the path, or "a.zip!dir/x.docx"
    path: str | None = None          # a file on disk, read by the worker
    data: bytes | None = None        # an archive member, already in memory
    error: InputError | None = None  # the item could not even be produced

    @property
    def name(self) -> str:
        return posixpath.basename(self.label.split(_MEMBER_SEP)[-1])


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    """fnmatch on the relative path and on the bare name ("*.docx" and "2025/**/*.pdf" both work)."""
    rel = rel.replace(os.sep, "/")
    base = posixpath.basename(rel)
    for pat in patterns:
        if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(base, pat):
            return True
        if pat.startswith("**/") and fnmatch.fnmatch(rel, pat[3:]):
            return True
    return False


def _selected(rel: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    if include and not _matches(rel, include):
        return False
    return not (exclude and _matches(rel, exclude))


def _is_archive(name: str) -> bool:
    return Path(name).suffix.lower() in ARCHIVE_SUFFIXES


def iter_items(paths: Iterable[str | os.PathLike], *, include: Iterable[str] = (), exclude: Iterable[str] = (),
               limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    """Every document below `paths`, in a stable order (sorted within each folder), lazily."""
    inc, exc = tuple(include or ()), tuple(exclude or ())
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if not f.is_file():
                    continue
                rel = f.relative_to(path).as_posix()
                suffix = f.suffix.lower()
                if suffix not in DOCUMENT_SUFFIXES and suffix not in ARCHIVE_SUFFIXES:
                    continue
                if f.name.lower().endswith(OUTPUT_SUFFIX) or not _selected(rel, inc, exc):
                    continue
                yield from _file_items(f, inc, exc, limits)
        elif path.exists():
            yield from _file_items(path, inc, exc, limits)
        else:
            label = str(path)
            yield Item(label, error=FileAccessError(label, path=label))


def _file_items(f: Path, inc, exc, limits: Limits) -> Iterator[Item]:
    label = str(f)
    if not f.is_file():  # a FIFO or device would block whoever reads it
        yield Item(label, error=FileAccessError(f"{label}: not a regular file", path=label))
        return
    if not _is_archive(f.name):
        yield Item(label, path=label)
        return
    # The archive is read lazily from disk (central directory, then one member at a time).
    yield from zip_items(f, label, include=inc, exclude=exc, limits=limits)


def _safe_member_name(name: str) -> str | None:
    """The member's path inside the archive, or None when it would escape it (zip-slip)."""
    n = name.replace("\\", "/")
    if n.startswith("/") or (len(n) > 1 and n[1] == ":"):
        return None
    parts = [s for s in n.split("/") if s not in ("", ".")]
    if any(s == ".." for s in parts):
        return None
    return "/".join(parts)


def zip_items(source: bytes | os.PathLike, label: str, *, include: Iterable[str] = (), exclude: Iterable[str] = (),
              limits: Limits = DEFAULT_LIMITS, depth: int = 1) -> Iterator[Item]:
    """Members of a zip (bytes in memory, or a path read lazily) as items; never writes to disk."""
    inc, exc = tuple(include or ()), tuple(exclude or ())
    try:
        zf = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source)
        infos = zf.infolist()
    except OSError as err:
        yield Item(label, error=FileAccessError(f"{label}: {err.strerror or err}", path=label))
        return
    except (zipfile.BadZipFile, ValueError, NotImplementedError, EOFError) as err:
        yield Item(label, error=CorruptFileError(f"{label}: {err}", path=label))
        return
    declared_total = 0
    with zf:
        for info in infos:
            if info.is_dir():
                continue
            safe = _safe_member_name(info.filename)
            mlabel = f"{label}{_MEMBER_SEP}{safe or info.filename}"
            if safe is None:
                yield Item(mlabel, error=CorruptFileError(
                    "unsafe member name (path traversal)", path=mlabel,
                    vi="Tên tệp trong tệp nén trỏ ra ngoài thư mục (path traversal); đã bỏ qua.",
                    en="An archive member name points outside the archive (path traversal); skipped."))
                continue
            suffix = Path(safe).suffix.lower()
            if suffix not in DOCUMENT_SUFFIXES and suffix not in ARCHIVE_SUFFIXES:
                continue
            if not _selected(safe, inc, exc):
                continue
            if info.flag_bits & 0x1:
                yield Item(mlabel, error=EncryptedFileError(mlabel, path=mlabel))
                continue
            declared_total += info.file_size
            ratio = info.file_size / max(1, info.compress_size)
            if (info.file_size > limits.max_file_bytes or declared_total > limits.max_uncompressed_bytes
                    or (ratio > limits.max_compression_ratio and info.file_size > 1024 * 1024)):
                yield Item(mlabel, error=ZipBombError(f"{info.file_size} bytes, ratio {ratio:.0f}", path=mlabel))
                continue
            try:
                member = _read_bounded(zf, info, limits.max_file_bytes)
            except ZipBombError as err:
                yield Item(mlabel, error=err)
                continue
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as err:
                yield Item(mlabel, error=CorruptFileError(f"{mlabel}: {err}", path=mlabel))
                continue
            if suffix in ARCHIVE_SUFFIXES:
                if depth >= MAX_ZIP_DEPTH:
                    yield Item(mlabel, error=ZipBombError(
                        "nested archives too deep", path=mlabel,
                        vi="Tệp nén lồng nhau quá nhiều cấp; đã dừng đọc.",
                        en="Archives nested too deeply; reading stopped."))
                    continue
                yield from zip_items(member, mlabel, include=inc, exclude=exc, limits=limits, depth=depth + 1)
                continue
            yield Item(mlabel, data=member)


def _read_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Read a member, stopping if it expands past its declared size or the cap (lying headers)."""
    limit = min(cap, info.file_size)
    chunks, total = [], 0
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ZipBombError(f"member expands past {limit} bytes", path=info.filename)
            chunks.append(chunk)
    return b"".join(chunks)
