"""Suppression: findings not reported, but counted and listed with their reason.

Two sources, applied after checking (and after the results store, so changing them never makes a
document be checked again):

- the configuration's per-path and per-document-number ignores (`[[tool.vbqppl-check.per-path-ignores]]`,
  `[[tool.vbqppl-check.per-document-ignores]]`, config.IgnoreEntry), each with a `reason`;
- a baseline file (`--baseline accepted.json`, `Baseline`): findings already reviewed and accepted.
  A finding matches a baseline entry by rule + text (the found value, else the excerpt, else the
  message; never the block index) + document: same content hash, or same document number (and date
  when both are known), or same file path. Editing another part of a document therefore does not
  raise its accepted findings again; a finding whose text changed is new.

`apply(result, config, baseline)` moves the matching findings of a DocumentResult from `findings`
to `suppressed` (with a `Suppression`); it is idempotent.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import __version__
from .config import Config, IgnoreEntry
from .errors import ConfigError
from .model import Finding
from .result import DocumentResult, SuppressedFinding, Suppression

BASELINE_FORMAT = "vbqppl-check-baseline"
BASELINE_VERSION = 1
BASELINE_REASON = {"vi": "đã chấp nhận trong baseline", "en": "accepted in the baseline"}


def _norm_text(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def norm_number(number: str | None) -> str | None:
    """A document number for matching: NFC, no spaces, case-folded; None unless it has a digit."""
    if not number:
        return None
    n = re.sub(r"\s+", "", unicodedata.normalize("NFC", number)).casefold()
    return n if any(c.isdigit() for c in n) else None


# -- configuration ignores ------------------------------------------------------------------------

def _path_candidates(label: str, root: str | None) -> tuple[list[str], str]:
    """Forms of a result's path a glob is matched against, and its base name."""
    label = label.replace(os.sep, "/")
    outer, _, member = label.partition("!")
    forms = [label]
    if root:
        try:
            rel = os.path.relpath(os.path.abspath(outer), root).replace(os.sep, "/")
        except ValueError:  # another drive
            rel = None
        if rel and not rel.startswith("../"):
            forms.append(rel + ("!" + member if member else ""))
    base = (member or outer).rstrip("/").rsplit("/", 1)[-1]
    return forms, base


def _glob_match(pattern: str, forms: list[str], base: str) -> bool:
    pattern = pattern.replace(os.sep, "/")
    pats = [pattern]
    while pattern.startswith("**/"):
        pattern = pattern[3:]
        pats.append(pattern)
    if "/" not in pattern and "!" not in pattern and fnmatch.fnmatchcase(base, pattern):
        return True
    return any(fnmatch.fnmatchcase(f, p) for p in pats for f in forms)


def _rule_matches(rule_id: str, patterns: Iterable[str]) -> bool:
    return any(p == "ALL" or rule_id.startswith(p) for p in patterns)


def config_ignore_for(result: DocumentResult, finding: Finding, config: Config) -> IgnoreEntry | None:
    """The first configuration ignore that covers this finding of this document, if any."""
    if not config.ignores:
        return None
    forms: list[str] | None = None
    base = ""   # set with forms
    number = norm_number(result.metadata.number if result.metadata else None)
    for e in config.ignores:
        if not _rule_matches(finding.rule, e.rules):
            continue
        if e.path is not None and result.path:
            if forms is None:
                forms, base = _path_candidates(result.path, config.root)
            if _glob_match(e.path, forms, base):
                return e
        if e.number is not None and number:
            pat = re.sub(r"\s+", "", unicodedata.normalize("NFC", e.number)).casefold()
            if fnmatch.fnmatchcase(number, pat):
                return e
    return None


# -- baseline -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BaselineEntry:
    rule: str
    text: str
    sha256: str | None = None
    number: str | None = None
    date: str | None = None
    path: str | None = None
    message: str | None = None
    occurrences: int = 1
    reason: str | None = None      # optional, written by whoever accepted it; shown in the reports


class Baseline:
    """Accepted findings (a JSON file written by `--write-baseline`)."""

    def __init__(self, entries: Iterable[BaselineEntry] = (), path: str | None = None):
        self.entries = list(entries)
        self.path = path
        self._by_key: dict[tuple[str, str], list[int]] = {}
        self._by_doc: dict[tuple[str, str | None], list[int]] = {}   # ("sha"|"number"|"path", value) -> entries
        for i, e in enumerate(self.entries):
            self._by_key.setdefault((e.rule, _norm_text(e.text)), []).append(i)
            for kind, value in (("sha", e.sha256), ("number", norm_number(e.number)), ("path", e.path)):
                if value:
                    self._by_doc.setdefault((kind, value), []).append(i)
        self.matched: set[int] = set()

    def __len__(self) -> int:
        return len(self.entries)

    # -- matching
    def match(self, result: DocumentResult, finding: Finding) -> BaselineEntry | None:
        idx = self._by_key.get((finding.rule, _norm_text(finding.text)))
        if not idx:
            return None
        md = result.metadata
        number, date = norm_number(md.number if md else None), md.date if md else None
        for i in idx:
            e = self.entries[i]
            if _same_document(e, result.sha256, number, date, result.path):
                self.matched.add(i)
                return e
        return None

    def entries_of(self, result: DocumentResult) -> list[BaselineEntry]:
        """The baseline entries of this document (by hash, number or path)."""
        md = result.metadata
        number, date = norm_number(md.number if md else None), md.date if md else None
        candidates = sorted({i for key in (("sha", result.sha256), ("number", number), ("path", result.path))
                             if key[1] for i in self._by_doc.get(key, ())})
        return [self.entries[i] for i in candidates
                if _same_document(self.entries[i], result.sha256, number, date, result.path)]

    def absent(self, results: Iterable[DocumentResult]) -> list[tuple[DocumentResult, BaselineEntry]]:
        """Entries of the checked documents that no current finding matched (fixed, or gone)."""
        out = []
        for r in results:
            if r.status != "ok":
                continue
            for e in self.entries_of(r):
                if not any(s.suppression.kind == "baseline" and s.finding.rule == e.rule
                           and _norm_text(s.finding.text) == _norm_text(e.text) for s in r.suppressed) \
                        and not any(f.rule == e.rule and _norm_text(f.text) == _norm_text(e.text)
                                    for f in r.findings):
                    out.append((r, e))
        return out

    # -- files
    @classmethod
    def load(cls, path: str | os.PathLike) -> "Baseline":
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"baseline {path}: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != BASELINE_FORMAT \
                or not isinstance(data.get("findings"), list):
            raise ConfigError(f"baseline {path}: not a vbqppl-check baseline file")
        if data.get("version") != BASELINE_VERSION:
            raise ConfigError(f"baseline {path}: version {data.get('version')}, expected {BASELINE_VERSION}")
        names = {f.name for f in dataclasses.fields(BaselineEntry)}
        entries = []
        for raw in data["findings"]:
            if not isinstance(raw, dict) or not raw.get("rule") or raw.get("text") is None:
                raise ConfigError(f"baseline {path}: an entry needs `rule` and `text`")
            entries.append(BaselineEntry(**{k: v for k, v in raw.items() if k in names}))
        return cls(entries, path=str(path))

    @classmethod
    def from_results(cls, results: Iterable[DocumentResult]) -> "Baseline":
        """The findings of `results` (those reported and those the baseline suppressed; not those
        the configuration ignores, which the configuration keeps suppressing)."""
        entries = []
        for r in results:
            if r.status != "ok":
                continue
            md = r.metadata
            found = list(r.findings) + [s.finding for s in r.suppressed if s.suppression.kind == "baseline"]
            seen = set()
            for f in found:
                key = (f.rule, f.text)
                if key in seen:
                    continue
                seen.add(key)
                entries.append(BaselineEntry(rule=f.rule, text=f.text, sha256=r.sha256,
                                             number=md.number if md else None, date=md.date if md else None,
                                             path=r.path, message=f.message_vi, occurrences=f.occurrences))
        return cls(entries)

    def to_json(self) -> dict:
        return {"format": BASELINE_FORMAT, "version": BASELINE_VERSION, "tool_version": __version__,
                "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "findings": [{k: v for k, v in dataclasses.asdict(e).items() if v is not None}
                             for e in self.entries]}

    def write(self, path: str | os.PathLike) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(str(path) + ".tmp")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", "utf-8")
        os.replace(tmp, path)


def _same_document(e: BaselineEntry, sha256: str | None, number: str | None, date: str | None,
                   path: str | None) -> bool:
    if e.sha256 and sha256 and e.sha256 == sha256:
        return True
    if number and norm_number(e.number) == number and (not e.date or not date or e.date == date):
        return True
    return bool(e.path and path and e.path == path)


def load_baseline(baseline) -> Baseline | None:
    """A Baseline from a path, a Baseline, or None."""
    if baseline is None or isinstance(baseline, Baseline):
        return baseline
    return Baseline.load(baseline)


# -- applying -------------------------------------------------------------------------------------

def apply(result: DocumentResult, config: Config | None = None, baseline: Baseline | None = None,
          lang: str | None = None) -> DocumentResult:
    """Move the findings the configuration ignores or the baseline accepts to `result.suppressed`."""
    config = config or Config()
    if result.status != "ok" or not result.findings or (not config.ignores and baseline is None):
        return result
    keep: list[Finding] = []
    moved: list[SuppressedFinding] = []
    for f in result.findings:
        e = config_ignore_for(result, f, config)
        if e is not None:
            moved.append(SuppressedFinding(f, Suppression("config", e.reason, e.source)))
            continue
        b = baseline.match(result, f) if baseline is not None else None
        if b is not None and baseline is not None:
            reason = b.reason or BASELINE_REASON["en" if (lang or config.lang) == "en" else "vi"]
            moved.append(SuppressedFinding(f, Suppression("baseline", reason, baseline.path)))
            continue
        keep.append(f)
    if not moved:
        return result
    return dataclasses.replace(result, findings=tuple(keep), suppressed=result.suppressed + tuple(moved))


def apply_all(results: Iterable[DocumentResult], config: Config | None = None, baseline: Baseline | None = None,
              lang: str | None = None):
    for r in results:
        yield apply(r, config, baseline, lang)
