"""Real body texts for built drafts: the Điều / khoản / điểm paragraphs of real administrative
decisions of provincial People's Committees (thuvienphapluat pages in ../shared/corpus/tvpl-2025-md),
read straight from the corpus (never copied), for tests/docbuilder.py's ``body_lines``.

Only documents of the evaluation half (benchmarks/_split.py) are offered by default, so that what
the fixer is measured on was not looked at while building it.
"""
from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from _split import half  # noqa: E402

_START = re.compile(r"^(Điều\s+\d+\.|\d{1,2}\.\s|[a-zđ]\)\s|[-+]\s)")


def _clean(line: str) -> str:
    return " ".join(line.replace("**", "").replace("*", "").split())


def body_lines(md_text: str) -> list[tuple[str, str]] | None:
    """(component, text) paragraphs between "QUYẾT ĐỊNH:" and the end mark, or None if not found."""
    lines = unicodedata.normalize("NFC", md_text).split("\n")
    start = next((k for k, x in enumerate(lines) if _clean(x) == "QUYẾT ĐỊNH:"), None)
    if start is None:
        return None
    paras: list[str] = []
    for raw in lines[start + 1:]:
        t = _clean(raw)
        if t in ("|", "") or t.startswith(("Nơi nhận", "|")):
            if paras and paras[-1].endswith("./."):
                break
            if t.startswith(("Nơi nhận", "|")):
                break
            continue
        if not paras or _START.match(t) or (paras[-1].endswith((".", ":", ";")) and t[:1].isupper()):
            paras.append(t)
        else:
            paras[-1] += " " + t
        if paras[-1].endswith("./."):
            break
    if not paras or not paras[-1].endswith("./.") or not paras[0].startswith("Điều 1."):
        return None
    out = []
    for p in paras:
        if re.match(r"^Điều\s+\d+\.", p):
            out.append(("dieu", p))
        elif re.match(r"^\d{1,2}\.\s", p):
            out.append(("khoan", p))
        elif re.match(r"^[a-zđ]\)\s", p):
            out.append(("diem", p))
        else:
            out.append(("text", p))
    return out


def real_bodies(corpus: Path, *, part: str = "evaluation", min_chars: int = 1200, max_chars: int = 20000):
    """[(corpus-relative path, body_lines)] of administrative QĐ-UBND (no year in the number)."""
    folder = corpus / "tvpl-2025-md"
    out = []
    with open(folder / "index.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    seen = set()
    for r in sorted(rows, key=lambda r: r["file"]):
        if r["file"] in seen or r["loai_van_ban"] != "Quyết định" or not r["so_hieu"].endswith("/QĐ-UBND"):
            continue
        seen.add(r["file"])
        rel = f"tvpl-2025-md/docs/{r['file']}"
        if part and half(rel, "") != part:
            continue
        lines = body_lines((folder / "docs" / r["file"]).read_text(encoding="utf-8"))
        if not lines:
            continue
        n = sum(len(t) for _, t in lines)
        if min_chars <= n <= max_chars and sum(1 for c, _ in lines if c == "dieu") >= 3:
            out.append((rel, lines))
    return out
