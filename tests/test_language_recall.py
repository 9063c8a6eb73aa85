"""Recall of the language rules on real-word errors seeded into evaluation-half texts
(benchmarks/language_recall.py; issue 14). The measured figure is 88.2 % on 602 seeds (target 90 %,
not reached — docs/language.md; 59.8 % before the fitted decision); this test guards against
regressions below 85 %."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_seeded_real_word_errors_recall(corpus):
    sys.path.insert(0, str(ROOT))
    from benchmarks.language_recall import main as _main  # noqa: F401
    from benchmarks import language_recall as lr
    import argparse
    args = argparse.Namespace(corpus=corpus, seeds=600, per_doc=6, seed=14, show=0)
    res = lr.evaluate(args)
    assert res["seeds"] >= 500
    assert res["recall_NN1xx"] >= 0.85, res
    # every class is found at least sometimes
    for cls, frac in res["per_class_NN1xx"].items():
        found, total = map(int, frac.split("/"))
        assert total == 0 or found > 0, (cls, frac)
