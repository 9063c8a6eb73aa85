"""A minimal, bounded reader of OLE compound files (CFB): directory names and the start of a stream.

Enough to tell a Word 97-2003 .doc from an encrypted OOXML package (EncryptionInfo +
EncryptedPackage streams) or another Office format, without a third-party dependency.
Every offset is checked against the data; a malformed file raises CorruptFileError.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

from ..errors import CorruptFileError

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_MAX_SECTOR = 0xFFFFFFFA


@dataclass(frozen=True)
class Entry:
    name: str
    kind: int        # 1 storage, 2 stream, 5 root
    start: int
    size: int


class OleFile:
    def __init__(self, data: bytes, path: str | None = None) -> None:
        self.data = data
        self.path = path
        if len(data) < 512 or not data.startswith(MAGIC):
            self._bad("header")
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            self._bad(f"sector shift {shift}")
        self.sector_size = 1 << shift
        n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
        first_difat, n_difat = struct.unpack_from("<II", data, 0x44)
        difat = [s for s in struct.unpack_from("<109I", data, 0x4C) if s <= _MAX_SECTOR]
        sector = first_difat
        for _ in range(min(n_difat, 10_000)):  # DIFAT sectors beyond the header's 109 entries
            if sector > _MAX_SECTOR:
                break
            raw = self._sector(sector)
            entries = struct.unpack(f"<{self.sector_size // 4}I", raw)
            difat.extend(s for s in entries[:-1] if s <= _MAX_SECTOR)
            sector = entries[-1]
        fat: list[int] = []
        for s in difat[:max(n_fat, 0) or len(difat)]:
            fat.extend(struct.unpack(f"<{self.sector_size // 4}I", self._sector(s)))
        self.fat = fat
        self.entries = self._directory(first_dir)

    def _bad(self, what: str) -> None:
        raise CorruptFileError(f"OLE: {what}", path=self.path)

    def _sector(self, n: int) -> bytes:
        off = (n + 1) * self.sector_size
        if n > _MAX_SECTOR or off + self.sector_size > len(self.data):
            self._bad(f"sector {n} outside the file")
        return self.data[off:off + self.sector_size]

    def _chain(self, start: int, limit: int = 100_000):
        seen: set[int] = set()
        sector = start
        while sector <= _MAX_SECTOR:
            if sector in seen or len(seen) >= limit or sector >= len(self.fat):
                self._bad("sector chain")
            seen.add(sector)
            yield sector
            sector = self.fat[sector]

    def _directory(self, first: int) -> list[Entry]:
        out = []
        for sector in self._chain(first, limit=10_000):
            raw = self._sector(sector)
            for off in range(0, self.sector_size, 128):
                name_len, kind = struct.unpack_from("<HB", raw, off + 64)
                if kind not in (1, 2, 5):
                    continue
                name = raw[off:off + min(max(name_len - 2, 0), 64)].decode("utf-16-le", errors="replace")
                start, size = struct.unpack_from("<IQ", raw, off + 116)
                out.append(Entry(name=name, kind=kind, start=start, size=size))
        if not out or out[0].kind != 5:
            self._bad("no root entry")
        return out

    def names(self) -> set[str]:
        return {e.name for e in self.entries}

    def stream_head(self, name: str, n: int = 64) -> bytes | None:
        """The first bytes of a stream stored in regular sectors (≥ 4096 bytes), else None."""
        for e in self.entries:
            if e.name == name and e.kind == 2 and e.size >= 4096 and e.start <= _MAX_SECTOR:
                return self._sector(e.start)[:n]
        return None
