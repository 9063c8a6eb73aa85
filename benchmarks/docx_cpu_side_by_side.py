"""CPU time per document of two versions of the package, run side by side (issue #16).

On this virtual machine the same code, run twice in a row, varied by up to ±15 % in CPU time per
document (the host's other load), so a speed change is measured by running the old and the new tree at
the same time, one process each on the 2 cores, over the same documents, several rounds:

    git worktree add /tmp/old <commit>        # the version to compare with
    .venv/bin/python benchmarks/docx_cpu_side_by_side.py --old /tmp/old --docs DIR --step 12 --rounds 3

Each process: warm_up(), 30 untimed documents, then `check_task` on every `--step`-th DOCX under DIR
(sorted paths) with every check enabled; it prints its CPU ms per document. The old tree is imported
from its own folder (the data under corpora/ comes from this checkout's editable install).
Build an archive with `benchmarks/batch_speed.py --keep DIR` (add `--bases N` for distinct bodies).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

_CHILD = r"""
import sys, time
from pathlib import Path
from vbqppl_check.batch import check_task, Task, warm_up
from vbqppl_check.config import Config
folder, step = sys.argv[1], int(sys.argv[2])
files = sorted(Path(folder).rglob("*.docx"))[::step]
cfg = Config()
warm_up()
for f in files[:30]:
    check_task(Task(0, str(f), path=str(f)), cfg)
t = time.process_time()
for k, f in enumerate(files):
    check_task(Task(k, str(f), path=str(f)), cfg)
import vbqppl_check
print(len(files), (time.process_time() - t) * 1000 / len(files), vbqppl_check.__file__)
"""


ROOT = Path(__file__).resolve().parents[1]


def _start(tree: str, docs: str, step: int) -> subprocess.Popen:
    # run in the tree's folder: `python -c` puts the working directory first on sys.path
    env = dict(os.environ, PYTHONPATH=tree)
    return subprocess.Popen([sys.executable, "-c", _CHILD, str(Path(docs).resolve()), str(step)], env=env,
                            cwd=tree, stdout=subprocess.PIPE, text=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True, help="a checkout of the version to compare with")
    ap.add_argument("--docs", required=True, help="a folder of DOCX files")
    ap.add_argument("--step", type=int, default=1, help="every N-th file (default: all)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    ratios = []
    for r in range(args.rounds):
        old, new = _start(str(Path(args.old).resolve()), args.docs, args.step), _start(str(ROOT), args.docs, args.step)
        (n, old_ms, old_file), (_, new_ms, new_file) = (out.communicate()[0].split() for out in (old, new))
        if r == 0:
            print(f"old: {old_file}\nnew: {new_file}")
        ratios.append(float(new_ms) / float(old_ms))
        print(f"round {r + 1}: {n} documents, old {float(old_ms):.2f} ms, new {float(new_ms):.2f} ms, "
              f"new/old {ratios[-1]:.3f}, load {os.getloadavg()[0]:.1f}", flush=True)
    print(f"new/old median {statistics.median(ratios):.3f} over {len(ratios)} rounds")


if __name__ == "__main__":
    main()
