"""A user cache of tables built from the shipped data (start-up time).

Tables that take a noticeable time to build from corpora/ or rules/ (lexicon counts, the word model's
indexes, the gazetteer's data…) are written once with `marshal` under the user cache directory and read
back by later processes: reading a marshalled dict is several times faster than rebuilding it.

- Where: $VBQPPL_CHECK_CACHE_DIR, else $XDG_CACHE_HOME/vbqppl-check, else ~/.cache/vbqppl-check.
- Key: the package version, the table's name and format version, and the SHA-1 of the bytes of every
  data file it is built from — editing a data file (or upgrading the package) gives a new key, so a
  stale table is never read.
- Safe: an unwritable or missing directory, a corrupt or truncated file, or VBQPPL_CHECK_NO_CACHE=1
  only mean the table is built in memory as before. Files are written atomically (temporary + rename).
- Only plain data goes in (dict, list, tuple, set, frozenset, str, int, float, bool, None): `marshal`
  runs no code on load.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")

_MARSHAL_VERSION = 4


def cache_dir() -> Path | None:
    if os.environ.get("VBQPPL_CHECK_NO_CACHE"):
        return None
    explicit = os.environ.get("VBQPPL_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vbqppl-check"


@functools.lru_cache(maxsize=None)
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def data_key(name: str, sources: Iterable[Any], version: int = 1) -> str:
    """`sources`: paths (str or os.PathLike) of the files the table is built from."""
    from . import __version__
    h = hashlib.sha1(f"{__version__}\0{name}\0{version}\0{_MARSHAL_VERSION}".encode())
    for src in sources:
        p = os.fspath(src)
        try:
            st = os.stat(p)
        except OSError:
            h.update(f"\0missing:{p}".encode())
            continue
        h.update(b"\0" + _file_digest(p, st.st_size, st.st_mtime_ns).encode())
    return h.hexdigest()[:20]


def cached(name: str, sources: Iterable[Any], build: Callable[[], T], version: int = 1) -> T:
    """The table `build()` returns, read from the user cache when a table built from the same
    data by the same package version is there; built and written otherwise."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{data_key(name, list(sources), version)}.marshal"
    try:
        with open(path, "rb") as fh:   # loads(read()): marshal.load on a file reads item by item, 20× slower
            raw = fh.read()
        was_enabled = gc.isenabled()
        gc.disable()   # a table is hundreds of thousands of new objects, none cyclic: no collections
        try:
            return marshal.loads(raw)
        finally:
            if was_enabled:
                gc.enable()
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(value, _MARSHAL_VERSION))  # type: ignore[arg-type]
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except (OSError, ValueError):   # unwritable directory, or a value marshal cannot hold
        return value
    for old in directory.glob(f"{name}-*.marshal"):   # tables of older data or versions
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
    return value
