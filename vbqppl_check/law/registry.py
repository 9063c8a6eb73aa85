"""The registry of legal documents: identity, dates, status and relations, in SQLite.

The bundled registry is built in memory at first use from corpora/registry/*.jsonl (curated facts
plus entries derived from the vbpl.vn export). A user registry (a SQLite file written by
`vbqppl-check registry import`) can be layered on top: its entries win over the bundled ones.

Numbers are not global identifiers for local documents (01/2024/QĐ-UBND exists in every province),
so a lookup returns every entry with that number and the caller narrows by issuer.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..data import corpora_path

STATUSES = ("in_force", "partly_expired", "expired", "not_yet", "unknown")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS doc (
  id INTEGER PRIMARY KEY,
  number TEXT, number_key TEXT, type TEXT, issuer TEXT, title TEXT, title_key TEXT,
  signed TEXT, effective TEXT, expiry TEXT, status TEXT,
  replaced_by TEXT, amended_by TEXT, source TEXT, verification TEXT, layer INTEGER DEFAULT 0
);
CREATE INDEX IF NOT EXISTS doc_number ON doc(number_key);
CREATE INDEX IF NOT EXISTS doc_title ON doc(title_key, signed);
"""
_COLS = ("number", "type", "issuer", "title", "signed", "effective", "expiry", "status", "replaced_by",
         "amended_by", "source", "verification")


@dataclass(frozen=True)
class Entry:
    number: str | None
    type: str | None
    issuer: str | None
    title: str | None
    signed: dt.date | None
    effective: dt.date | None
    expiry: dt.date | None
    status: str
    replaced_by: tuple[str, ...] = ()
    amended_by: tuple[str, ...] = ()
    source: str | None = None
    verification: str | None = None

    @property
    def date_support(self) -> int | None:
        """For an entry built from citations (tools/build_registry_from_citations.py): how many citations
        give its date ("…: 3 citations; dates {'2013-02-19': 2, '2013-12-19': 1}"); None for other sources."""
        if not self.source or not self.source.startswith("cited in") or not self.signed:
            return None
        dates = re.search(r"dates (\{.*?\})", self.source)
        if dates:
            m = re.search(re.escape(repr(self.signed.isoformat())) + r":\s*(\d+)", dates.group(1))
            return int(m.group(1)) if m else None
        m = re.search(r"(\d+) citations", self.source)
        return int(m.group(1)) if m else None

    def in_force_on(self, day: dt.date) -> bool | None:
        """True/False when the dates tell; None when the registry does not know."""
        if self.expiry and day >= self.expiry:
            return False
        if self.effective and day < self.effective:
            return False
        if self.status == "expired" and not self.expiry:
            return None if self.source and "vbpl" in self.source else False
        if self.effective or self.status in ("in_force", "partly_expired"):
            return True
        return None

    def to_json(self) -> dict:
        d = {k: getattr(self, k) for k in _COLS}
        for k in ("signed", "effective", "expiry"):
            d[k] = d[k].isoformat() if d[k] else None
        d["replaced_by"], d["amended_by"] = list(self.replaced_by), list(self.amended_by)
        return d


# -- normalisation --------------------------------------------------------------------------

_CYR = str.maketrans("АВСЕНКМОРТХасеорх", "ABCEHKMOPTXaceopx")


def number_key(number: str) -> str:
    """"63/2010/NĐ-CP" ≡ "63/2010/nđ-cp" ≡ "63 /2010/NÐ-СР" (Icelandic Ð, Cyrillic С/Р)."""
    s = unicodedata.normalize("NFC", number).translate(_CYR).replace("Ð", "Đ").replace("ð", "đ")
    s = re.sub(r"\s+", "", s).upper().rstrip(".;,")
    s = re.sub(r"^0+(\d)", r"\1", s)   # "055/2025/QĐ-UBND" is cited as "55/2025/QĐ-UBND" too
    return s


_TITLE_DROP = re.compile(r"\b(số|ngày)\b.*$")


def title_key(title: str) -> str:
    """Lower case, NFC, no punctuation, single spaces; "Luật Tổ chức Chính phủ" ≡ "luật tổ chức chính phủ"."""
    s = unicodedata.normalize("NFC", title).lower().replace("đ", "đ")
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^(bộ luật|luật|pháp lệnh|hiến pháp)\s+", lambda m: m.group(1) + " ", s)
    return s


def _date(v) -> str | None:
    if v in (None, ""):
        return None
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    s = str(v).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return s[:10]
    m = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", s)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            return None
    return None


def _to_date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


# -- the registry ---------------------------------------------------------------------------

class Registry:
    """Read access (and imports) over one SQLite connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.conn.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._by_number = functools.lru_cache(maxsize=65536)(self._lookup_uncached)

    # -- writing ----------------------------------------------------------------------------
    def add(self, rows: Iterable[dict], layer: int = 0) -> int:
        n = 0
        with self._lock, self.conn:
            for r in rows:
                number = r.get("number")
                title = r.get("title")
                if not number and not title:
                    continue
                vals = (number, number_key(number) if number else None, r.get("type"), r.get("issuer"), title,
                        title_key(title) if title else None, _date(r.get("signed")), _date(r.get("effective")),
                        _date(r.get("expiry")), r.get("status") if r.get("status") in STATUSES else "unknown",
                        json.dumps(list(r.get("replaced_by") or []), ensure_ascii=False),
                        json.dumps(list(r.get("amended_by") or []), ensure_ascii=False),
                        r.get("source"), r.get("verification"), layer)
                self.conn.execute("INSERT INTO doc (number, number_key, type, issuer, title, title_key, signed, "
                                  "effective, expiry, status, replaced_by, amended_by, source, verification, layer)"
                                  " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", vals)
                n += 1
        self._by_number.cache_clear()
        return n

    # -- reading ----------------------------------------------------------------------------
    @staticmethod
    def _entry(row) -> Entry:
        (number, _nk, typ, issuer, title, _tk, signed, eff, exp, status, rep, am, source, ver, _layer) = row[1:]
        return Entry(number=number, type=typ, issuer=issuer, title=title, signed=_to_date(signed),
                     effective=_to_date(eff), expiry=_to_date(exp), status=status or "unknown",
                     replaced_by=tuple(json.loads(rep or "[]")), amended_by=tuple(json.loads(am or "[]")),
                     source=source, verification=ver)

    def _lookup_uncached(self, key: str) -> tuple[Entry, ...]:
        rows = self.conn.execute("SELECT * FROM doc WHERE number_key = ? ORDER BY layer DESC, id", (key,)).fetchall()
        return tuple(_merge([self._entry(r) for r in rows]))

    def lookup(self, number: str, issuer: str | None = None) -> tuple[Entry, ...]:
        """Every entry with this number (user layer first); narrowed by issuer words when given."""
        found = self._by_number(number_key(number))
        if issuer and len(found) > 1:
            narrowed = tuple(e for e in found if e.issuer and _same_issuer(e.issuer, issuer))
            return narrowed or found
        return found

    def get(self, number: str, issuer: str | None = None) -> Entry | None:
        found = self.lookup(number, issuer)
        return found[0] if found else None

    def lookup_title(self, title: str, date: dt.date | str | None = None) -> tuple[Entry, ...]:
        """Older documents cite laws by name and date: "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"."""
        key = title_key(title)
        if date:
            d = date.isoformat() if isinstance(date, dt.date) else date
            rows = self.conn.execute("SELECT * FROM doc WHERE title_key = ? AND signed = ? ORDER BY layer DESC, id",
                                     (key, d)).fetchall()
        else:
            rows = self.conn.execute("SELECT * FROM doc WHERE title_key = ? ORDER BY signed DESC, layer DESC",
                                     (key,)).fetchall()
        return tuple(_merge([self._entry(r) for r in rows]))

    def stats(self) -> dict:
        c = self.conn
        total = c.execute("SELECT COUNT(*) FROM doc").fetchone()[0]
        distinct = c.execute("SELECT COUNT(DISTINCT COALESCE(number_key, title_key)) FROM doc").fetchone()[0]
        by_type = dict(c.execute("SELECT COALESCE(type, '?'), COUNT(*) FROM doc GROUP BY 1 ORDER BY 2 DESC"))
        by_status = dict(c.execute("SELECT status, COUNT(*) FROM doc GROUP BY 1 ORDER BY 2 DESC"))
        by_source: dict[str, int] = {}
        for (src, n) in c.execute("SELECT COALESCE(source, '?'), COUNT(*) FROM doc GROUP BY 1"):
            key = src.split(":")[0].split(" ")[0]
            by_source[key] = by_source.get(key, 0) + n
        return {"rows": total, "documents": distinct, "by_type": by_type, "by_status": by_status,
                "by_source": by_source}


def _same_issuer(a: str, b: str) -> bool:
    """Same issuing body, tolerant of "UBND tỉnh An Giang" vs "Ủy ban nhân dân tỉnh An Giang"."""
    def place(s: str) -> str:
        m = re.search(r"(tỉnh|thành phố|tp\.?)\s+(.+)$", s, re.IGNORECASE)
        return m.group(2).strip().lower() if m else s.strip().lower()
    return place(a) == place(b)


def _merge(entries: list[Entry]) -> list[Entry]:
    """Rows of several sources for one document: the first (user layer, curated) wins field by field."""
    if len(entries) <= 1:
        return entries
    groups: dict[tuple, list[Entry]] = {}
    for e in entries:
        groups.setdefault((e.issuer and _issuer_group(e.issuer), e.signed), []).append(e)
    out = []
    for es in groups.values():
        base = es[0]
        fields = {}
        for k in _COLS:
            v = getattr(base, k)
            if v in (None, (), "unknown"):
                v = next((getattr(x, k) for x in es[1:] if getattr(x, k) not in (None, (), "unknown")), v)
            fields[k] = v
        out.append(Entry(**fields))
    if len(out) > 1:  # different signing dates of the same central number are the same document misdated
        central = [e for e in out if not e.issuer or not re.search(r"tỉnh|thành phố|huyện|xã", e.issuer, re.I)]
        if len(central) == len(out):
            return out[:1]
    return out


def _issuer_group(issuer: str) -> str:
    return "local:" + _place_of(issuer) if re.search(r"tỉnh|thành phố|huyện|xã", issuer, re.I) else "central"


def _place_of(issuer: str) -> str:
    m = re.search(r"(tỉnh|thành phố)\s+(.+)$", issuer, re.IGNORECASE)
    return m.group(2).strip().lower() if m else issuer.lower()


# -- construction ---------------------------------------------------------------------------

def bundled_files() -> list[Path]:
    folder = corpora_path("registry")
    # the more reliable source first: its facts win field by field on merge
    # (curated core → vbpl.vn export → numbers merely cited in official texts)
    order = {"core": 0, "vbpl": 1, "cited": 2}
    return sorted(folder.glob("*.jsonl"), key=lambda p: (order.get(p.name.split("_")[0].split(".")[0], 1), p.name))


def read_jsonl(path: Path) -> Iterable[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                yield json.loads(line)


def build_bundled(conn: sqlite3.Connection) -> Registry:
    reg = Registry(conn)
    for path in bundled_files():
        reg.add(read_jsonl(path), layer=0)
    return reg


def _bundled_from_cache(conn: sqlite3.Connection) -> Registry:
    """build_bundled into the in-memory `conn`, from the SQLite image kept in the user cache
    (vbqppl_check.cache, keyed by the bundled files and this module) after the first start."""
    from ..cache import cached

    def build() -> bytes:
        tmp = sqlite3.connect(":memory:")
        try:
            build_bundled(tmp)
            return tmp.serialize()
        finally:
            tmp.close()
    if not hasattr(conn, "deserialize"):
        return build_bundled(conn)
    conn.deserialize(cached("registry", [__file__, *bundled_files()], build))
    return Registry(conn)


_CACHE: dict[str | None, Registry] = {}
_CACHE_LOCK = threading.Lock()


def get_registry(path: str | None = None) -> Registry:
    """The bundled registry, with the user database at `path` layered on top when given."""
    with _CACHE_LOCK:
        if path in _CACHE:
            return _CACHE[path]
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        reg = _bundled_from_cache(conn)
        if path:
            p = Path(path)
            if p.exists():
                user = sqlite3.connect(str(p))
                user.executescript(_SCHEMA)
                rows = user.execute("SELECT number, type, issuer, title, signed, effective, expiry, status, "
                                    "replaced_by, amended_by, source, verification FROM doc").fetchall()
                user.close()
                reg.add(({**dict(zip(_COLS, r)), "replaced_by": json.loads(r[8] or "[]"),
                          "amended_by": json.loads(r[9] or "[]")} for r in rows), layer=1)
        _CACHE[path] = reg
        return reg


def open_user_db(path: str | Path) -> Registry:
    """A registry over a user SQLite file (created when missing), for imports."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    reg = Registry(sqlite3.connect(str(path)))
    with _CACHE_LOCK:
        _CACHE.pop(str(path), None)
    return reg
