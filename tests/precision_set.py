"""The precision review set of issue #12: read its documents, check them, identify their findings.

Shared by benchmarks/precision_run.py (writes tests/data/precision_to_judge.jsonl), the regression test
tests/test_precision_verdicts.py and benchmarks/precision_report.py (docs/precision.md).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("VBQPPL_CORPUS", ROOT.parent / "shared" / "corpus"))
DATA = ROOT / "tests" / "data"
SAMPLE = DATA / "precision_sample.txt"
TO_JUDGE = DATA / "precision_to_judge.jsonl"
VERDICTS = DATA / "precision_verdicts.jsonl"
INFO_SHARE = 15          # per cent of info findings put before the reviewers
CONTEXT = 400            # characters of the document's text on each side of the place


def sample_units(path: Path = SAMPLE) -> list[str]:
    return [ln.strip() for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def set_of(unit: str) -> str:
    return "vbpl-central-2025/samples_html" if "/samples_html/" in unit else unit.split("/", 1)[0]


_VBPL: dict[str, str] | None = None


def _vbpl_text(record: str) -> str:
    global _VBPL
    if _VBPL is None:
        _VBPL = {}
        with gzip.open(CORPUS / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r.get("text"):
                    _VBPL[r["source_file"]] = r["text"]
    return _VBPL[record]


def _congbot_text(folder: Path) -> str:
    """The chunks of one document joined: preamble first, then the article chunks in article order;
    each chunk's own "# <chunk id>" title line (added by the crawler) dropped."""
    def order(p: Path):
        if p.stem.endswith("_preamble"):
            return (0, 0, 0, "")
        m = re.match(r"(\d+)", p.stem.split("_art", 1)[1]) if "_art" in p.stem else None
        if m:
            return (1, int(m.group(1)), 0, "")
        # what follows the articles: "_appendix", "_appendix_2", "_form21" … in their own numeric order
        tail = p.stem.rsplit("_", 1)
        n = int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else 0
        kind = re.sub(r"\d+$", "", p.stem[len(folder.name) + 1:].split("_")[0]) if p.stem.startswith(folder.name) else p.stem
        m2 = re.search(r"(\d+)$", p.stem[len(folder.name) + 1:].split("_")[0]) if p.stem.startswith(folder.name) else None
        return (2, 0, (int(m2.group(1)) if m2 else 0) * 100 + n, kind)
    parts = []
    for p in sorted(folder.glob("*.md"), key=order):
        lines = p.read_text("utf-8").splitlines()
        if lines and lines[0].startswith("# ") and p.stem in lines[0]:
            lines = lines[1:]
        parts.append("\n".join(lines).strip("\n"))
    return "\n\n".join(parts) + "\n"


def load(unit: str) -> tuple[bytes | str, str | None]:
    """What to give vbqppl_check.check for a unit: (path or bytes, name)."""
    if "#" in unit:
        return _vbpl_text(unit.split("#", 1)[1]).encode("utf-8"), "vbpl.txt"
    if unit.endswith("/"):
        return _congbot_text(CORPUS / unit.rstrip("/")).encode("utf-8"), "congbot.md"
    return str(CORPUS / unit), None


def check_unit(unit: str, config=None):
    from vbqppl_check import check
    src, name = load(unit)
    from vbqppl_check.checker import check_path
    return check_path(src, config, name=name, keep_text=True)


def finding_key(unit: str, f) -> str:
    raw = "\x1f".join((unit, f.rule, unicodedata.normalize("NFC", (f.excerpt or f.found or "").strip())))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def finding_ids(unit: str, findings) -> list[str]:
    """Stable ids: hash of path + rule + excerpt; the k-th repeat of the same triple gets "-k"."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = finding_key(unit, f)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(base if n == 0 else f"{base}-{n + 1}")
    return out


def info_selected(fid: str) -> bool:
    """A fixed 15 % of info findings (by id, so the choice does not move when other findings change)."""
    return int(fid.split("-")[0], 16) % 100 < INFO_SHARE


def context(res, f) -> str:
    texts = res.block_texts or ()
    if not texts:
        return ""
    b = f.location.block
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    full = "\n".join(texts)
    if b is None or not (0 <= b < len(texts)):
        return full[: 2 * CONTEXT]       # a document-level finding: the document's beginning
    at = starts[b] + (f.location.start or 0)
    return full[max(0, at - CONTEXT): at + CONTEXT + len(f.excerpt or "")]


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(ln) for ln in path.read_text("utf-8").splitlines() if ln.strip()]
