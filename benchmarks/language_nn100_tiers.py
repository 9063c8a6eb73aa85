"""NN100/NN101 findings on the unmutated EVALUATION half with the tier of the fitted decision (issue 14),
for blind judging: which of them the judged set (tests/data/language_findings_to_judge.jsonl) lacks.

    nice -n 10 .venv/bin/python benchmarks/language_nn100_tiers.py [--out /tmp/language_nn100_tiers.jsonl]

NN100 is capped to info in the catalogue (max_severity) until its warning tier is judged: this lists
every NN100/NN101 finding with "tier" (warning: the decision score reaches lm_decision.json's warning
threshold; info otherwise) and "judged" (the same path, rule, position and text is in the judged set).
Records have the fields of benchmarks/language_judge_set.py (id, path, rule, context …).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    from benchmarks.language_judge_set import CORPUS, judge_records
    from vbqppl_check.engine import load_catalogue
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=Path("/tmp/language_nn100_tiers.jsonl"))
    args = ap.parse_args(argv)
    judged = set()
    with open(ROOT / "tests" / "data" / "language_findings_to_judge.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            judged.add((r["path"], r["rule"], r["start"], r["found"]))
    for rule in ("NN100", "NN101"):   # in this process only: the tier the catalogue cap hides
        load_catalogue()[rule].params.pop("max_severity", None)
    counts = collections.Counter()
    with open(args.out, "w", encoding="utf-8") as out:
        for rec in judge_records(args.corpus, select=("NN100", "NN101")):
            rec["tier"] = rec["severity"]
            rec["judged"] = (rec["path"], rec["rule"], rec["start"], rec["found"]) in judged
            counts[(rec["rule"], rec["tier"], "judged" if rec["judged"] else "new")] += 1
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(json.dumps({" ".join(k): v for k, v in sorted(counts.items())}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
