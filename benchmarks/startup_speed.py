"""Start-up of `vbqppl-check draft.docx` and the second document in one process (issue #16).

    .venv/bin/python benchmarks/startup_speed.py [--runs 5] [--docs 5] [--components]

Drafts: tests/docbuilder.py with the real Điều/khoản/điểm text of administrative decisions from
../shared/corpus/tvpl-2025-md (evaluation half, benchmarks/_split.py), ≈ 8,500 characters of body each
(5 pages, see benchmarks/fix_speed.py), the first with the dozen seeded mechanical defects of
fix_speed.py, the others clean; disjoint source decisions.

Figures (every one with the load average read before and after it; on this shared machine the wall
time follows the load, so CPU time = user + sys is printed beside it):
- start-up: `vbqppl-check draft.docx` in a new process, all default rules, text output; once with an
  empty user cache (first start after installation), then --runs times with the cache written by it;
- second document: the Python API `vbqppl_check.check(path)` in one process, the first document
  (warm-up) then --docs others, wall and CPU of each;
- --components: import and warm-up time of each component, each in a fresh process after the cache
  is written (what a start pays for it).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus"
EXE = Path(sys.executable).with_name("vbqppl-check")


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def drafts(n: int, chars: int = 8500) -> list[bytes]:
    from docbuilder import build_docx_bytes
    from fix_speed import seeded_spec
    from real_drafts import real_bodies
    out, lines, k = [], [], 0
    for _rel, body in real_bodies(CORPUS):
        for comp, text in body:
            if comp == "dieu":
                k += 1
                text = re.sub(r"^Điều\s+\d+\.", f"Điều {k}.", text)
            lines.append((comp, text.replace("./.", ".")))
        if sum(len(t) for _, t in lines) >= chars:
            comp, text = lines[-1]
            lines[-1] = (comp, text.rstrip(".") + "./.")
            spec = seeded_spec(lines) if not out else {"body_lines": lines}
            out.append(build_docx_bytes(spec))
            lines, k = [], 0
            if len(out) == n:
                break
    return out


def run_cli(path: Path, env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([str(EXE), str(path)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


COMPONENTS = {
    "import vbqppl_check": "import vbqppl_check",
    "CLI parser (vbqppl_check.cli.build_parser)": "from vbqppl_check.cli import build_parser; build_parser()",
    "rule catalogue (load_catalogue)": "from vbqppl_check.engine import load_catalogue; load_catalogue()",
    "check modules (engine.implementations)": "from vbqppl_check.engine import implementations; implementations()",
    "registry (bundled, in memory)": "from vbqppl_check.law.registry import get_registry; get_registry()",
    "lexicon + valid syllables": "from vbqppl_check.nlp.lexicon import lexicon; lexicon().known_valid()",
    "word model (langmodel.model)": "from vbqppl_check.nlp.langmodel import model; model()",
    "Viet74K dictionary words": "from vbqppl_check.nlp.langmodel import dictionary_words; dictionary_words()",
    "gazetteer data": "from vbqppl_check.nlp.pipeline import gazetteer; gazetteer()",
    "gazetteer PhraseMatcher (imports spaCy)": "from vbqppl_check.nlp.pipeline import gazetteer; gazetteer().matcher",
    "underthesea import (word segmentation, NN rules on doubled words)": "import underthesea",
}


def component_times(env: dict, runs: int) -> dict[str, tuple[float, float]]:
    code = ("import time; t = time.process_time(); w = time.perf_counter(); {stmt}; "
            "print(time.process_time() - t, time.perf_counter() - w)")
    out = {}
    for label, stmt in COMPONENTS.items():
        setup = "" if label == "import vbqppl_check" else "import vbqppl_check; "
        cpus, walls = [], []
        for _ in range(runs):
            r = subprocess.run([sys.executable, "-c", setup + code.format(stmt=stmt)], env=env, capture_output=True,
                               text=True, check=True)
            c, w = map(float, r.stdout.split())
            cpus.append(c)
            walls.append(w)
        out[label] = (statistics.median(cpus), statistics.median(walls))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docs", type=int, default=5)
    ap.add_argument("--components", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    report: dict = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("VBQPPL_CHECK_")}
        env["VBQPPL_CHECK_CACHE_DIR"] = str(tmp / "cache")
        # an installed package has its .pyc files (pip compiles them); a work tree run with
        # PYTHONDONTWRITEBYTECODE=1 would compile every module at every start (≈ 0.25 s): keep the
        # bytecode in a private prefix, written by the first (cold) start
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pyc")
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "vbqppl_check")], env=env,
                       stdout=subprocess.DEVNULL, check=False)
        docs = drafts(args.docs + 1)
        paths = []
        for i, data in enumerate(docs):
            p = tmp / f"draft{i}.docx"
            p.write_bytes(data)
            paths.append(p)
        report["draft_kb"] = round(len(docs[0]) / 1024)

        la = load()
        wall, cpu = run_cli(paths[0], env)
        report["cold_cache_start"] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "load": [la, load()]}
        la = load()
        walls, cpus = [], []
        for _ in range(args.runs):
            w, c = run_cli(paths[0], env)
            walls.append(w)
            cpus.append(c)
        report["start"] = {"runs": args.runs, "median_wall_s": round(statistics.median(walls), 3),
                           "median_cpu_s": round(statistics.median(cpus), 3), "min_wall_s": round(min(walls), 3),
                           "load": [la, load()]}
        # a cache that cannot be written (read-only home): every start builds in memory
        ro = dict(env, VBQPPL_CHECK_NO_CACHE="1")
        la = load()
        w, c = run_cli(paths[0], ro)
        report["start_without_cache"] = {"wall_s": round(w, 3), "cpu_s": round(c, 3), "load": [la, load()]}

        code = ("import json, sys, time; import vbqppl_check; paths = sys.argv[1:]; out = []\n"
                "for p in paths:\n"
                "    t = time.process_time(); w = time.perf_counter(); r = vbqppl_check.check(p)\n"
                "    out.append((time.perf_counter() - w, time.process_time() - t, len(r.findings)))\n"
                "print(json.dumps(out))")
        la = load()
        r = subprocess.run([sys.executable, "-c", code, *map(str, paths)], env=env, capture_output=True, text=True,
                           check=True)
        per = json.loads(r.stdout)
        later = per[1:]
        report["api"] = {"first_wall_s": round(per[0][0], 3), "first_cpu_s": round(per[0][1], 3),
                         "later_median_wall_s": round(statistics.median(x[0] for x in later), 3),
                         "later_median_cpu_s": round(statistics.median(x[1] for x in later), 3),
                         "later_max_wall_s": round(max(x[0] for x in later), 3),
                         "findings": [x[2] for x in per], "load": [la, load()]}
        if args.components:
            la = load()
            report["components"] = {k: {"cpu_s": round(c, 3), "wall_s": round(w, 3)}
                                    for k, (c, w) in component_times(env, 3).items()}
            report["components_load"] = [la, load()]
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print(f"Python {report['python']}, {report['cpus']} CPUs; draft {report['draft_kb']} KB")
    c = report["cold_cache_start"]
    print(f"start, empty cache (first run): {c['wall_s']:.2f} s wall, {c['cpu_s']:.2f} s CPU (load {c['load']})")
    s = report["start"]
    print(f"start, cache written: median {s['median_wall_s']:.2f} s wall (min {s['min_wall_s']:.2f}), "
          f"median {s['median_cpu_s']:.2f} s CPU over {s['runs']} runs (load {s['load']})")
    n = report["start_without_cache"]
    print(f"start, cache disabled: {n['wall_s']:.2f} s wall, {n['cpu_s']:.2f} s CPU (load {n['load']})")
    a = report["api"]
    print(f"API in one process: first {a['first_wall_s']:.2f} s wall / {a['first_cpu_s']:.2f} s CPU; later documents "
          f"median {a['later_median_wall_s']:.3f} s wall (max {a['later_max_wall_s']:.3f}) / "
          f"{a['later_median_cpu_s']:.3f} s CPU; findings {a['findings']} (load {a['load']})")
    for k, v in report.get("components", {}).items():
        print(f"  {k:70s} {v['cpu_s']:.3f} s CPU  {v['wall_s']:.3f} s wall")
    if "components_load" in report:
        print(f"  (load {report['components_load']})")


if __name__ == "__main__":
    main()
