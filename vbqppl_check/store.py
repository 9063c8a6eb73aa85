"""The results store: SQLite, keyed by content hash + rules version + configuration.

A document's result (status, metadata, findings, citations, optionally its block texts) is stored
once per (sha256, rules_version, config_key); file labels point at it. A re-run skips unchanged
files: by (label, size, mtime) without reading them, else by content hash. Only the parent
process writes (workers return results), so there is a single writer.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import sqlite3
import types
import typing
import zlib
from pathlib import Path
from typing import Iterator

from . import __version__
from .config import Config
from .errors import VbqpplError
from .model import Citation, Finding, Location, Metadata, to_jsonable
from .result import DocumentResult

SCHEMA_VERSION = 3


class StoreError(VbqpplError):
    code = "store_error"
    message_vi = "Kho kết quả không dùng được (hỏng hoặc do phiên bản khác tạo ra); hãy dùng tệp khác."
    message_en = "The results store cannot be used (corrupt or made by another version); use another file."

_DDL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY, started_at TEXT, finished_at TEXT, rules_version TEXT, config_key TEXT,
  checked INTEGER DEFAULT 0, cached INTEGER DEFAULT 0, errors INTEGER DEFAULT 0, interrupted INTEGER DEFAULT 0);
CREATE TABLE IF NOT EXISTS documents(
  id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, rules_version TEXT NOT NULL, config_key TEXT NOT NULL,
  status TEXT NOT NULL, error_code TEXT, error_vi TEXT, error_en TEXT, format TEXT,
  judged_on TEXT, date_source TEXT, regime TEXT, pages INTEGER, blocks INTEGER,
  kind TEXT, type TEXT, number TEXT, issuer TEXT, issuer_level TEXT, province TEXT, doc_date TEXT,
  year INTEGER, title TEXT, signer TEXT, metadata_json TEXT, texts BLOB, checked_at TEXT, run_id INTEGER,
  findings_json TEXT, citations_json TEXT,  -- whole lists: one decode per document on a cached re-run
  UNIQUE(sha256, rules_version, config_key));
CREATE TABLE IF NOT EXISTS findings(
  doc_id INTEGER NOT NULL, seq INTEGER NOT NULL, rule TEXT, category TEXT, severity TEXT,
  message_vi TEXT, message_en TEXT, block INTEGER, start INTEGER, "end" INTEGER, page INTEGER,
  path TEXT, component TEXT, section INTEGER, reference TEXT, excerpt TEXT, expected TEXT, found TEXT,
  suggestion TEXT, verification TEXT, PRIMARY KEY(doc_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS citations(
  doc_id INTEGER NOT NULL, seq INTEGER NOT NULL, kind TEXT, text TEXT, doc_type TEXT, number TEXT,
  PRIMARY KEY(doc_id, seq)) WITHOUT ROWID;  -- for SQL queries; the full citations are in citations_json
CREATE TABLE IF NOT EXISTS files(
  label TEXT NOT NULL, rules_version TEXT NOT NULL, config_key TEXT NOT NULL, sha256 TEXT,
  size INTEGER, mtime_ns INTEGER, run_id INTEGER, PRIMARY KEY(label, rules_version, config_key));
CREATE TABLE IF NOT EXISTS check_log(run_id INTEGER, sha256 TEXT, label TEXT, at TEXT);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule);
"""

# Key prefix of error records that have no content to hash (see batch._drive).
PATH_KEY = "path:"

# Errors worth trying again on the next run (they depend on load or limits, not on the file).
TRANSIENT_ERRORS = frozenset({"timeout", "worker_crashed", "internal_error"})


# -- versions ------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def rules_version() -> str:
    """Hash of the package version, the rule data, the reference corpora and the checking code.

    Any change to what decides a finding invalidates stored results.
    """
    from .data import corpora_path, rules_path
    h = hashlib.sha256(__version__.encode())
    pkg = Path(__file__).resolve().parent
    roots = [rules_path(), corpora_path()] + [pkg / d for d in ("checks", "parse", "readers", "law", "nlp")]
    files = [pkg / "engine.py", pkg / "checker.py", pkg / "consolidate.py"]
    for root in roots:
        if root.is_dir():
            files += [f for f in root.rglob("*") if f.is_file() and "__pycache__" not in f.parts]
    for f in sorted(set(files)):
        if f.suffix in (".pyc",) or not f.exists():
            continue
        h.update(str(f.name).encode())
        h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


def config_key(config: Config | None) -> str:
    """What in the configuration changes a result (the message language does not: both are kept)."""
    c = config or Config()
    data = {"select": c.select, "ignore": c.ignore, "severity": c.severity, "regime": c.regime,
            "kind": c.kind, "as_of": c.as_of.isoformat() if c.as_of else None, "tone": c.tone_style,
            "registry": c.registry_path, "limits": dataclasses.asdict(c.limits)}
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]


# -- dataclasses back from JSON --------------------------------------------------------------------

def _identity(v):
    return v


@functools.lru_cache(maxsize=None)
def _converter(tp):
    """A function turning JSON data into `tp`, built once per type (typing introspection is slow)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _converter(args[0]) if len(args) == 1 else _identity
        return inner if inner is _identity else (lambda v: None if v is None else inner(v))
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _converter(args[0])
            if inner is _identity:
                return lambda v: None if v is None else tuple(v)
            return lambda v: None if v is None else tuple(map(inner, v))
        convs = tuple(_converter(a) for a in args)
        return lambda v: None if v is None else tuple(c(x) for c, x in zip(convs, v))
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = dataclasses.fields(tp)
        plan = tuple((f.name, _converter(hints[f.name])) for f in fields)
        if hasattr(tp, "__post_init__") or hasattr(tp, "__slots__") or any(
                f.default_factory is not dataclasses.MISSING for f in fields):
            return lambda d: None if d is None else tp(**{n: c(d[n]) for n, c in plan if n in d})
        return _compiled_builder(tp, fields, plan)
    if tp is dt.date:
        return lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else v
    return _identity


def _compiled_builder(tp, fields, plan):
    """A function building a frozen dataclass `tp` from its JSON dict, written out as Python source once
    per type: a cached re-run rebuilds tens of thousands of nested citations, and a generic per-field
    loop was most of its time. The stored data came from these dataclasses, so filling __dict__
    directly is safe and skips the frozen __init__ (a setattr per field). A missing key takes the
    field's default, as the constructor would."""
    env: dict[str, typing.Any] = {"new": object.__new__, "tp": tp}
    items = []
    for k, (f, (name, conv)) in enumerate(zip(fields, plan)):
        key = repr(name)
        if f.default is dataclasses.MISSING:
            value = f"d[{key}]"
        else:
            env[f"D{k}"] = f.default
            value = f"g({key}, D{k})" if conv is _identity else f"(c{k}(d[{key}]) if {key} in d else D{k})"
        if conv is not _identity and f.default is dataclasses.MISSING:
            value = f"c{k}({value})"
        if conv is not _identity:
            env[f"c{k}"] = conv
        items.append(f"{key}: {value}")
    source = ("def build(d):\n    if d is None:\n        return None\n    g = d.get\n    obj = new(tp)\n"
              f"    obj.__dict__.update({{{', '.join(items)}}})\n    return obj\n")
    exec(compile(source, f"<store builder for {tp.__name__}>", "exec"), env)
    return env["build"]


@functools.lru_cache(maxsize=None)
def _encoder(tp, compact: bool = False):
    """The same output as model.to_jsonable for a value of type `tp`, with the type walk done once
    (to_jsonable inspects every value; on a batch that was 3 ms a document in the parent).

    `compact`: a dataclass field at its default is left out, at every level. The builders (_converter)
    give a missing key the field's default, so the object read back is equal. Stored citations are mostly
    defaults (a DocumentRef has nine fields, a Pinpoint nine): the compact form is about 40 % smaller, and
    a cached re-run decodes and rebuilds less (docs/performance.md)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(members) == 1:
            return _encoder(members[0], compact)   # every encoder gives None for None
        return to_jsonable
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _encoder(args[0], compact)
            if inner is _identity:
                return lambda v: None if v is None else list(v)
            return lambda v: None if v is None else [inner(x) for x in v]
        return to_jsonable
    if dataclasses.is_dataclass(tp):
        return _compiled_encoder(tp, compact)
    if tp in (str, int, float, bool):
        return _identity
    return to_jsonable


def _compiled_encoder(tp, compact: bool):
    """The encoder of a dataclass `tp` (see _encoder), written out as Python source once per type (like
    _compiled_builder): a batch's parent encodes tens of thousands of nested citations, and the generic
    per-field loop with a function call per field was most of its time."""
    hints = typing.get_type_hints(tp)
    env: dict[str, typing.Any] = {}
    lines = []
    for k, f in enumerate(dataclasses.fields(tp)):
        if f.metadata.get("json") is False:
            continue
        enc = _encoder(hints[f.name], compact)
        value = "v" if enc is _identity else f"e{k}(v)"
        env[f"e{k}"] = enc
        if not compact or f.default is dataclasses.MISSING:
            lines.append(f"    v = o.{f.name}\n    d[{f.name!r}] = {value}")
        else:
            # the default by identity, or equal and of the same type (0 is not the default False)
            env[f"D{k}"] = f.default
            lines.append(f"    v = o.{f.name}\n    if not (v is D{k} or (v.__class__ is D{k}.__class__ and v == D{k})):\n"
                         f"        d[{f.name!r}] = {value}")
    source = "def encode(o):\n    if o is None:\n        return None\n    d = {}\n" + "\n".join(lines) + "\n    return d\n"
    exec(compile(source, f"<store {'compact ' if compact else ''}encoder for {tp.__name__}>", "exec"), env)
    return env["encode"]


def to_json_fast(obj) -> object:
    """model.to_jsonable(obj) for a model dataclass instance, faster (see _encoder)."""
    return _encoder(type(obj))(obj)   # type: ignore[arg-type]  # a class is hashable (mypy: type[Any] is not Hashable)


def from_jsonable(cls, data):
    """Inverse of model.to_jsonable for the model's frozen dataclasses (tuples, optionals, nesting)."""
    return _converter(cls)(data)


# -- the store --------------------------------------------------------------------------------------

_FINDING_COLS = ("rule", "category", "severity", "message_vi", "message_en", "block", "start", "end", "page",
                 "path", "component", "section", "reference", "excerpt", "expected", "found", "suggestion",
                 "verification")


class Store:
    """An open results store. Use as a context manager; writes are batched and committed on close."""

    def __init__(self, path: str | os.PathLike, config: Config | None = None, *, commit_every: int = 200):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_DDL)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES('schema_version', ?)", (str(SCHEMA_VERSION),))
            self.db.commit()
            found = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {exc}") from exc
        if found != str(SCHEMA_VERSION):
            self.db.close()
            raise StoreError(f"{self.path}: schema {found}, expected {SCHEMA_VERSION}")
        self.rules_version = rules_version()
        self.config_key = config_key(config)
        self.commit_every = commit_every
        self._pending = 0
        self.run_id: int | None = None

    # -- runs
    def begin_run(self) -> int:
        cur = self.db.execute("INSERT INTO runs(started_at, rules_version, config_key) VALUES(?,?,?)",
                              (_now(), self.rules_version, self.config_key))
        run_id = cur.lastrowid
        assert run_id is not None   # set by the INSERT
        self.run_id = run_id
        self.db.commit()
        return run_id

    def end_run(self, *, checked: int, cached: int, errors: int, interrupted: bool) -> None:
        if self.run_id is not None:
            self.db.execute("UPDATE runs SET finished_at=?, checked=?, cached=?, errors=?, interrupted=? WHERE id=?",
                            (_now(), checked, cached, errors, int(interrupted), self.run_id))
        self.db.commit()
        self._pending = 0

    # -- look-ups
    def sha_for_unchanged(self, label: str, size: int, mtime_ns: int) -> str | None:
        """The stored content hash of a file whose size and mtime have not changed since last time."""
        row = self.db.execute("SELECT sha256, size, mtime_ns FROM files WHERE label=? AND rules_version=? AND "
                              "config_key=?", (label, self.rules_version, self.config_key)).fetchone()
        if row and row[0] and row[1] == size and row[2] == mtime_ns:
            return row[0]
        return None

    def get(self, sha256: str, *, label: str | None = None, with_texts: bool = False,
            retry_transient: bool = True) -> DocumentResult | None:
        row = self.db.execute(f"SELECT {_doc_cols(with_texts)} FROM documents WHERE sha256=? AND rules_version=? AND config_key=?",
                              (sha256, self.rules_version, self.config_key)).fetchone()
        if row is None:
            return None
        result = self._result(row, with_texts=with_texts)
        if retry_transient and result.status == "error" and result.error_code in TRANSIENT_ERRORS:
            return None
        return dataclasses.replace(result, path=label) if label is not None else result

    # -- writes
    def put(self, result: DocumentResult, *, label: str, sha256: str | None, size: int | None = None,
            mtime_ns: int | None = None, checked: bool = True) -> None:
        """Record a result (when `checked`, it was computed in this run) and point `label` at it.

        All or nothing (a savepoint): a Ctrl-C in the middle never leaves half a document behind.
        """
        if not self.db.in_transaction:
            self.db.execute("BEGIN")  # else the savepoint's release would commit every document
        self.db.execute("SAVEPOINT put")
        try:
            if sha256 is not None and checked:
                self._put_document(result, sha256)
                self.db.execute("INSERT INTO check_log VALUES(?,?,?,?)", (self.run_id, sha256, label, _now()))
            self.db.execute("INSERT OR REPLACE INTO files VALUES(?,?,?,?,?,?,?)",
                            (label, self.rules_version, self.config_key, sha256, size, mtime_ns, self.run_id))
        except BaseException:
            self.db.execute("ROLLBACK TO put")
            self.db.execute("RELEASE put")
            raise
        self.db.execute("RELEASE put")
        self._pending += 1
        if self._pending >= self.commit_every:
            self.db.commit()
            self._pending = 0

    def _put_document(self, r: DocumentResult, sha256: str) -> None:
        md = r.metadata
        year = None
        if md and md.date and md.date[:4].isdigit():
            year = int(md.date[:4])
        texts = getattr(r, "block_texts", None)
        blob = zlib.compress(json.dumps(list(texts), ensure_ascii=False).encode()) if texts is not None else None
        old = self.db.execute("SELECT id FROM documents WHERE sha256=? AND rules_version=? AND config_key=?",
                              (sha256, self.rules_version, self.config_key)).fetchone()
        if old:
            for table in ("findings", "citations", "documents"):
                self.db.execute(f"DELETE FROM {table} WHERE {'id' if table == 'documents' else 'doc_id'}=?", old)
        cur = self.db.execute(
            "INSERT INTO documents(sha256, rules_version, config_key, status, error_code, error_vi, error_en, format,"
            " judged_on, date_source, regime, pages, blocks, kind, type, number, issuer, issuer_level, province,"
            " doc_date, year, title, signer, metadata_json, texts, checked_at, run_id, findings_json, citations_json)"
            " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (sha256, self.rules_version, self.config_key, r.status, r.error_code, r.error_vi, r.error_en, r.format,
             r.judged_on, r.date_source, r.regime, r.pages, r.blocks,
             md.kind if md else None, md.type if md else None, md.number if md else None,
             md.issuer if md else None, md.issuer_level if md else None, md.province if md else None,
             md.date if md else None, year, md.title if md else None, md.signer if md else None,
             json.dumps(to_json_fast(md), ensure_ascii=False) if md else None, blob, _now(), self.run_id,
             json.dumps([_finding_json_row(f) for f in r.findings], ensure_ascii=False),
             json.dumps(list(map(_encoder(Citation, True), r.citations)), ensure_ascii=False)))
        doc_id = cur.lastrowid
        self.db.executemany(
            f"INSERT INTO findings VALUES(?,?,{','.join('?' * len(_FINDING_COLS))})",
            [(doc_id, i, *_finding_row(f)) for i, f in enumerate(r.findings)])
        self.db.executemany(
            "INSERT INTO citations VALUES(?,?,?,?,?,?)",
            [(doc_id, i, c.kind, c.text, c.document.doc_type if c.document else None,
              c.document.number if c.document else None) for i, c in enumerate(r.citations)])

    def commit(self) -> None:
        self.db.commit()
        self._pending = 0

    # -- reading back
    def _result(self, row, *, with_texts: bool) -> DocumentResult:
        (doc_id, status, ecode, evi, een, fmt, sha, judged, dsrc, regime, pages, blocks, md_json, texts,
         f_json, c_json) = row
        findings = tuple(map(_finding_from_row, json.loads(f_json or "[]")))
        if len(findings) > 1:
            # one finding per defect also for results stored by a version that did not merge them
            from .consolidate import consolidate
            findings = tuple(consolidate(findings))
        to_citation = _converter(Citation)
        citations = tuple(to_citation(c) for c in json.loads(c_json or "[]"))
        metadata = from_jsonable(Metadata, json.loads(md_json)) if md_json else None
        extra = {}
        if with_texts and texts is not None and "block_texts" in DocumentResult.__dataclass_fields__:
            extra["block_texts"] = tuple(json.loads(zlib.decompress(texts)))
        return DocumentResult(path=None, status=status, error_code=ecode, error_vi=evi, error_en=een, format=fmt,
                              sha256=None if sha.startswith(PATH_KEY) else sha, metadata=metadata, findings=findings, citations=citations,
                              judged_on=judged, date_source=dsrc, regime=regime, pages=pages, blocks=blocks,
                              unread_pages=DocumentResult.unread_pages_of(findings),
                              ocr_pages=DocumentResult.unread_pages_of(findings, "TT410"), **extra)

    def iter_results(self, *, with_texts: bool = True) -> Iterator[DocumentResult]:
        """Every file of the store with its result under the current versions (see use_versions)."""
        rv, ck = self.rules_version, self.config_key
        rows = self.db.execute("SELECT label, sha256 FROM files WHERE rules_version=? AND config_key=? "
                               "ORDER BY label", (rv, ck)).fetchall()
        for label, sha in rows:
            if sha is None:
                continue
            row = self.db.execute(f"SELECT {_doc_cols(with_texts)} FROM documents WHERE sha256=? AND rules_version=? "
                                  "AND config_key=?", (sha, rv, ck)).fetchone()
            if row is not None:
                yield dataclasses.replace(self._result(row, with_texts=with_texts), path=label)

    def latest_versions(self) -> tuple[str, str] | None:
        row = self.db.execute("SELECT rules_version, config_key FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return tuple(row) if row else None

    def use_versions(self, rules_version_: str, config_key_: str) -> None:
        """Read results written under another rules version / configuration (reports only)."""
        self.rules_version, self.config_key = rules_version_, config_key_

    def check_counts(self) -> dict[str, int]:
        """How many times each content hash was actually checked under the current rules version and
        configuration, over all runs (resume audits)."""
        return dict(self.db.execute(
            "SELECT l.sha256, COUNT(*) FROM check_log l JOIN runs r ON l.run_id = r.id "
            "WHERE r.rules_version=? AND r.config_key=? GROUP BY l.sha256", (self.rules_version, self.config_key)))

    def close(self) -> None:
        try:
            self.db.commit()
        finally:
            self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_DOC_COLS = ("id, status, error_code, error_vi, error_en, format, sha256, judged_on, date_source, regime, pages, "
             "blocks, metadata_json, texts, findings_json, citations_json")


def _doc_cols(with_texts: bool) -> str:
    """_DOC_COLS, with NULL for the block texts when they are not wanted: the compressed texts (kept when
    a run made HTML or DOCX reports) are the largest column, and a plain re-run does not use them."""
    return _DOC_COLS if with_texts else _DOC_COLS.replace("texts,", "NULL,")


def _finding_row(f: Finding) -> tuple:
    """A finding as the positional row of the findings table (and of findings_json)."""
    loc = f.location
    return (f.rule, f.category, f.severity, f.message_vi, f.message_en, loc.block, loc.start, loc.end, loc.page,
            loc.path, loc.component, loc.section, f.reference, f.excerpt, f.expected, f.found, f.suggestion,
            f.verification)


def _finding_json_row(f: Finding) -> list:
    """The findings_json row: the table's columns, then the other locations and what it superseded."""
    row = list(_finding_row(f))
    if f.more_locations or f.superseded:
        row.append([[loc.block, loc.start, loc.end, loc.page, loc.path, loc.component, loc.section]
                    for loc in f.more_locations])
        row.append([list(x) for x in f.superseded])
    return row


def _finding_from_row(f: list) -> Finding:
    extra: dict[str, typing.Any] = {}
    if len(f) > 18:
        extra["more_locations"] = tuple(Location(*loc) for loc in f[18])
        extra["superseded"] = tuple(tuple(x) for x in f[19])
    return Finding(f[0], f[1], f[2], f[3], f[4], Location(*f[5:12]), *f[12:18], **extra)


def _q(col: str) -> str:
    return f'"{col}"' if col == "end" else col


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def open_store(store: "Store | str | os.PathLike | None", config: Config | None) -> tuple["Store | None", bool]:
    """(store, owned): accept an open Store or a path; `owned` tells the caller to close it."""
    if store is None or isinstance(store, Store):
        return store, False
    return Store(store, config), True
