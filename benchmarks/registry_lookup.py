"""Registry lookups by number per second (target ≥ 10,000/s) and citation parsing speed.

    .venv/bin/python benchmarks/registry_lookup.py
"""
from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from vbqppl_check.law.registry import bundled_files, get_registry, read_jsonl  # noqa: E402
from vbqppl_check.parse.citation_grammar import parse_basis  # noqa: E402


def main() -> None:
    t0 = time.perf_counter()
    reg = get_registry()
    build = time.perf_counter() - t0
    numbers = [r["number"] for p in bundled_files() for r in read_jsonl(p) if r.get("number")]
    rnd = random.Random(1)
    queries = [rnd.choice(numbers) for _ in range(50_000)] + [f"{i}/2099/NĐ-CP" for i in range(10_000)]
    rnd.shuffle(queries)
    reg._by_number.cache_clear()
    t0 = time.perf_counter()
    hits = sum(1 for q in queries if reg.lookup(q))
    dt_ = time.perf_counter() - t0
    misses = [f"{i}/2098/NĐ-CP" for i in range(20_000)]      # all distinct: every one goes to SQLite
    t0 = time.perf_counter()
    for q in misses:
        reg.lookup(q)
    uncached = len(misses) / (time.perf_counter() - t0)
    from corpus_lines import congbao_items
    items = [t for _, _, t in congbao_items()]
    t0 = time.perf_counter()
    n = sum(len(parse_basis(t)) for t in items)
    pt = time.perf_counter() - t0
    print(json.dumps({"build_s": round(build, 3), "lookups": len(queries), "hits": hits,
                      "lookups_per_s": round(len(queries) / dt_), "uncached_lookups_per_s": round(uncached), "can_cu_items": len(items), "citations": n,
                      "can_cu_per_s": round(len(items) / pt)}, indent=1))


if __name__ == "__main__":
    main()
