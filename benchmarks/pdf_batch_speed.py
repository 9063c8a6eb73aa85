"""Công báo PDFs checked in a batch with 2 workers (issue #16): documents/s on the documents of at most
5 pages and pages/s over the whole set, every check enabled (default configuration).

    .venv/bin/python benchmarks/pdf_batch_speed.py [--runs 5] [--jobs 2] [--cold 3] [--sets short,all-text]

Sets: short = the text-layer Công báo PDFs of at most 5 pages (no page the reader finds image-only);
all-text = every text-layer Công báo PDF; all = the whole set, OCR included; short-eval / short-tune =
the short set split by benchmarks/_split.py.

Warm runs: one process runs check_many(jobs=2) --runs times over each set after one untimed batch
(forkserver started and warmed, as for every batch after the first in a process). Reported per set:
median wall, documents/s and pages/s from it, and the workers' CPU time for the checks (BatchStats.
worker_cpu_s), which the machine's other load disturbs less: "docs per CPU-s × jobs" is the rate 2 free
cores would give. Cold runs (--cold N): the command `vbqppl-check check --jobs 2 -f jsonl --no-progress`
as a new process over the short set, wall median (start-up, forkserver and warm-up included).
The load average (1 min) is printed before and after every run. Page counts from PDFium.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# and for the workers: the forkserver that starts them (Python 3.11) ignores this process's sys.path and
# imports the package as a fresh interpreter would (an editable install may point at another checkout)
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
CORPUS = Path(os.environ.get("VBQPPL_CORPUS", ROOT.parent / "shared" / "corpus"))


def load() -> float:
    return round(os.getloadavg()[0], 1)


def pages_of(paths: list[Path]) -> dict[Path, int]:
    import pypdfium2 as pdfium
    out = {}
    for p in paths:
        doc = pdfium.PdfDocument(str(p))
        out[p] = len(doc)
        doc.close()
    return out


def text_layer(paths: list[Path]) -> set[Path]:
    """The PDFs whose every page has a text layer (the reader finds no image-only page): the "text-layer
    PDFs" of the target. Read once without OCR."""
    from vbqppl_check.limits import Limits
    from vbqppl_check.readers import read
    out = set()
    for p in paths:
        try:
            if not read(p, limits=Limits(ocr=False)).image_only_pages:
                out.add(p)
        except Exception:  # noqa: BLE001 - no text at all: not a text-layer PDF
            pass
    return out


def warm_runs(label: str, paths: list[Path], pages: int, runs: int, jobs: int) -> dict:
    from vbqppl_check.batch import check_many
    from vbqppl_check.config import Config
    walls, cpus, loads, errors = [], [], [], 0
    for _ in range(runs):
        before = load()
        t0 = time.perf_counter()
        run = check_many(paths, Config(), jobs=jobs)
        n = 0
        for r in run:
            n += 1
            errors += r.status == "error"
        walls.append(time.perf_counter() - t0)
        cpus.append(run.stats.worker_cpu_s or 0.0)
        loads.append(f"{before}-{load()}")
        assert n == len(paths)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    return {"set": label, "documents": len(paths), "pages": pages, "runs": runs, "jobs": jobs,
            "wall_s_median": round(wall, 2), "wall_s_all": [round(w, 2) for w in walls],
            "docs_per_s": round(len(paths) / wall, 1), "pages_per_s": round(pages / wall, 1),
            "worker_cpu_s_median": round(cpu, 2), "worker_cpu_s_all": [round(c, 2) for c in cpus],
            "docs_per_cpu_s_x_jobs": round(len(paths) / cpu * jobs, 1) if cpu else None,
            "pages_per_cpu_s_x_jobs": round(pages / cpu * jobs, 1) if cpu else None,
            "cpu_ms_per_page": round(cpu * 1000 / pages, 1), "errors": errors // runs, "load": loads}


def cold_runs(paths: list[Path], runs: int, jobs: int) -> dict:
    exe = Path(sys.executable).parent / "vbqppl-check"
    walls, loads = [], []
    for _ in range(runs):
        before = load()
        t0 = time.perf_counter()
        subprocess.run([str(exe), "check", "--jobs", str(jobs), "-f", "jsonl", "--no-progress",
                        *map(str, paths)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - t0)
        loads.append(f"{before}-{load()}")
    wall = statistics.median(walls)
    return {"set": "≤ 5 pages, `vbqppl-check check --jobs 2` (new process each run)", "documents": len(paths),
            "wall_s_median": round(wall, 2), "wall_s_all": [round(w, 2) for w in walls],
            "docs_per_s": round(len(paths) / wall, 1), "load": loads}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cold", type=int, default=0, help="also run the command line N times over the short set")
    ap.add_argument("--sets", default="short,all-text", help="short, all-text, all, short-eval, short-tune (comma-separated)")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _split import is_evaluation
    from vbqppl_check.batch import check_many
    from vbqppl_check.config import Config
    paths = sorted((CORPUS / "congbao-pdf-8topics" / "pdf").glob("*.pdf"))
    pages = pages_of(paths)
    text = text_layer(paths)
    short = [p for p in paths if pages[p] <= 5 and p in text]
    sets = {"short": ("Công báo ≤ 5 pages, text layer", short),
            "all-text": ("Công báo, whole set, text layer", [p for p in paths if p in text]),
            "all": ("Công báo, whole set (OCR'd pages: Tesseract, or its cache after the first run)", paths),
            "short-eval": ("Công báo ≤ 5 pages, text layer, evaluation half", [p for p in short if is_evaluation(p, CORPUS)]),
            "short-tune": ("Công báo ≤ 5 pages, text layer, tuning half", [p for p in short if not is_evaluation(p, CORPUS)])}
    print(f"# {os.cpu_count()} cores, load {os.getloadavg()}, {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC")
    for _ in check_many(short[:2], Config(), jobs=args.jobs):   # forkserver started and warmed, untimed
        pass
    for key in args.sets.split(","):
        label, ps = sets[key]
        print(json.dumps(warm_runs(label, ps, sum(pages[p] for p in ps), args.runs, args.jobs), ensure_ascii=False),
              flush=True)
    if args.cold:
        print(json.dumps(cold_runs(short, args.cold, args.jobs), ensure_ascii=False), flush=True)
    print(f"# done {time.strftime('%H:%M:%S', time.gmtime())} UTC, load {os.getloadavg()}")


if __name__ == "__main__":
    main()
