"""Read the lines the citation gold set points at, straight from ../shared/corpus (never copied)."""
from __future__ import annotations

import functools
import gzip
import json
import unicodedata
from pathlib import Path

from vbqppl_check.parse.citations import basis_items

from realdocs import CORPUS, real_file, require_corpus   # noqa: F401  (CORPUS: where the corpus is)

ROOT = Path(__file__).resolve().parents[1]
VBPL = "vbpl-central-2025/vbpl_central.jsonl.gz"
LAI_CHAU = "real-pdf-local-2025/laichau_draft_QD-UBND_2025_congbo_TTHC_hotrodautu.pdf"


@functools.lru_cache(maxsize=1)
def _vbpl_docs() -> dict[str, list[str]]:
    out = {}
    with gzip.open(require_corpus() / VBPL, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            # NFC as the readers do: some vbpl.vn texts are decomposed (NFD)
            text = unicodedata.normalize("NFC", r.get("text") or "")
            out[r["source_file"]] = [x.strip() for x in text.split("\n")]
    return out


def vbpl_lines(preamble: bool | None = None):
    """(source, line, text) of every non-empty paragraph; preamble=True: only before "Điều 1"."""
    for name, lines in _vbpl_docs().items():
        first = next((k for k, t in enumerate(lines) if t.startswith("Điều 1")), len(lines))
        for k, text in enumerate(lines):
            if text and (preamble is None or preamble == (k < first)):
                yield f"{VBPL}#{name}", k, text


def _items(src: str, lines: list[str]):
    pre = []
    for k, text in enumerate(lines):
        t = text.strip()
        if t.startswith("Điều 1"):
            break
        pre.append((k, t))
    for item in basis_items(pre):
        yield src, item[0][0], " ".join(t for _, t in item)


def congbao_items():
    folder = require_corpus() / "congbao-pdf-8topics" / "txt"
    for path in sorted(folder.glob("*.txt")):
        lines = unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).split("\n")
        yield from _items(f"congbao-pdf-8topics/txt/{path.name}", lines)


@functools.lru_cache(maxsize=1)
def _lai_chau_lines() -> tuple[str, ...]:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(real_file(LAI_CHAU)))   # committed in tests/fixtures/
    try:
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    import unicodedata
    return tuple(unicodedata.normalize("NFC", x).strip() for x in text.replace("\r", "").split("\n"))


def lai_chau_items():
    yield from _items(LAI_CHAU, list(_lai_chau_lines()))


def line_text(source: str, line: int) -> str:
    """The text a gold entry was taken from (for congbao/Lai Châu: the joined căn cứ item at that line)."""
    if source.startswith(VBPL):
        return _vbpl_docs()[source.split("#", 1)[1]][line]
    if source.startswith(ANGIANG):
        name, col = source[len(ANGIANG) + 1:].split("#")
        return _angiang_rows(name)[line][int(col)]
    if source == LAI_CHAU:
        items = lai_chau_items()
    elif source.startswith("tvpl-2025-md"):
        items = (x for x in tvpl_items() if x[0] == source)
    else:
        items = (x for x in congbao_items() if x[0] == source)
    for src, k, text in items:
        if src == source and k == line:
            return text
    raise KeyError(f"{source}:{line}")


def tvpl_items(local_only: bool = True):
    """Căn cứ items of the thuvienphapluat pages (tvpl-2025-md), local documents by default."""
    import csv
    folder = require_corpus() / "tvpl-2025-md"
    with open(folder / "index.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if local_only and not r["noi_ban_hanh"].startswith(("Tỉnh", "Thành phố")):
            continue
        lines = [x.replace("**", "").strip() for x in unicodedata.normalize("NFC", (folder / "docs" / r["file"]).read_text(
            encoding="utf-8")).split("\n")]
        lines = [x if x not in ("|", "#") else "" for x in lines]
        yield from _items(f"tvpl-2025-md/docs/{r['file']}", lines)


ANGIANG = "angiang-stp-vbqppl-tracking-2026/csv_export"


@functools.lru_cache(maxsize=8)
def _angiang_rows(name: str) -> tuple[tuple[str, ...], ...]:
    import csv
    with open(require_corpus() / ANGIANG / name, encoding="utf-8-sig", newline="") as fh:
        return tuple(tuple(unicodedata.normalize("NFC", c).strip() for c in r) for r in csv.reader(fh))


def angiang_cells():
    """(source "…/FILE.csv#COLUMN", row, text) of every non-empty cell of the An Giang tracking sheet."""
    for path in sorted((require_corpus() / ANGIANG).glob("*.csv")):
        for r, row in enumerate(_angiang_rows(path.name)):
            for c, cell in enumerate(row):
                if cell:
                    yield f"{ANGIANG}/{path.name}#{c}", r, cell
