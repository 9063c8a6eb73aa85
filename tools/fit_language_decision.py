"""Fit the NN100 decision (corpora/lexicon/lm_decision.json) on the DEV FOLD of the tuning half.

    nice -n 10 .venv/bin/python tools/build_language_model.py --without-dev --out /tmp/lm_nodev
    nice -n 10 .venv/bin/python tools/fit_language_decision.py [--model /tmp/lm_nodev]

The dev fold (tools/build_language_model.is_dev, a quarter of the tuning half) is held out of the model
in /tmp/lm_nodev. Real-word errors are seeded into its documents exactly as benchmarks/language_recall.py
does (6 per document, seeds 14, 1, 2, 3, 4: five seedings, each document's negatives counted once); every point the scanner judges (a syllable in a pair seen ≤ 1 time,
with a correction one edit away) gives the features of vbqppl_check.nlp.langmodel.decision_features.
Points at a seeded error are positives; points on the same documents UNMUTATED are negatives (a few of
them are real typos of the published texts: the fit is conservative there). A logistic regression
(L2, numpy) gives the weights; the two tiers are thresholds on its score, read from 5-fold
cross-validated scores (folds by document): `info` where the unmutated dev texts get INFO_RATE flags per
100 000 syllables, `warning` where they get WARN_RATE. The evaluation half is never read.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

INFO_RATE = 2.75   # flags per 100 000 syllables of unmutated dev text (info tier; 2.5 in the second round: see docs/language.md)
WARN_RATE = 1.0    # (warning tier)
MIN_SUPPORT = 5    # the correction pairs this often with a neighbour
RARE = 1           # a syllable is judged when it forms a pair seen at most this often
# "rep" (log of how often the unusual pair is written in the document) is not fitted: the seeded errors
# are never repeated, so a fit can only learn from the clean side that a repeated pair is deliberate and
# then buries a real typo written twice ("thị trưởng giao dịch … thị trưởng", judged TRUE). Its weight is a
# prior: a pair written twice loses 3 × ln 2 ≈ 2 points of score (three times is never judged).
REP_WEIGHT = -3.0
L2 = 10.0          # ridge penalty (1.0 in the second round; the quadratic features need more: see docs/language.md)
SEEDS = "14,1,2,3,4"   # five seedings of the dev fold (issue 14, third round; the second fitted on seed 14 alone)


def fit(X, y, l2=1.0, iters=10000, lr=1.0, offset=None):
    """L2 logistic regression by gradient descent on standardised features; `offset`: a fixed part of
    the score of each point (a feature whose weight is set, not fitted)."""
    import numpy as np
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    w = np.zeros(Z.shape[1])
    off = 0.0 if offset is None else offset
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(Z @ w + off)))
        w -= lr * (Z.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0] / len(y))
    return w[:-1] / sd, float(w[-1] - (w[:-1] * mu / sd).sum())


def points(lm, weights, text, collect_params):
    from vbqppl_check.nlp.langmodel import scan
    got = []
    lines = text.split("\n")
    list(scan(lm, list(enumerate(lines)), collect_params, weights=weights, collect=got))
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    return [(starts[b] + s, starts[b] + e, fv) for b, s, e, fv in got]


def main(argv=None) -> int:
    import numpy as np
    from benchmarks import language_recall as lr
    from vbqppl_check.nlp.langmodel import DECISION_FEATURES, LanguageModel, Params
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=Path("/tmp/lm_nodev"))
    ap.add_argument("--corpus", type=Path, default=lr.CORPUS)
    ap.add_argument("--out", type=Path, default=ROOT / "corpora" / "lexicon" / "lm_decision.json")
    ap.add_argument("--seeds", default=SEEDS, help="seedings of the dev fold whose errors are the positives")
    ap.add_argument("--rare", type=int, default=RARE)
    ap.add_argument("--dump", type=Path, default=None, help="also save the points (numpy .npz) for experiments")
    args = ap.parse_args(argv)
    lm = LanguageModel(args.model)
    neighbours, phrases = lr.mutation_table(lm), lr.fixed_phrases()
    seeds = [int(x) for x in str(args.seeds).split(",")]
    # every point is collected: zero weights, an info tier below any score, the former decision off
    zero = {"features": list(DECISION_FEATURES), "weights": [0.0] * len(DECISION_FEATURES), "bias": 0.0,
            "min_support": MIN_SUPPORT, "rare": args.rare}
    collect_params = Params(former=False, info_at=-1e18, warn_at=1e18)
    X, y, fold, n_syl, n_seeds = [], [], [], 0, 0
    docs = [(key, unicodedata.normalize("NFC", text)) for key, text in lr.documents(args.corpus, "dev")]
    for key, text in docs:   # negatives: every point of the unmutated texts, once
        n_syl += len(text.split())
        f = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:4], 16) % 5
        for a, b, fv in points(lm, zero, text, collect_params):
            X.append(fv[2]), y.append(0), fold.append(f)
    for sd_seed in seeds:   # positives: the seeded errors of each seeding (as the benchmark seeds them)
        rng = random.Random(sd_seed)
        for key, text in docs:
            damaged, seeded = lr.seed(text, rng, neighbours, phrases, 6, lm)
            spans = [(sd["start"], sd["end"]) for sd in seeded if sd["class"] != "missing"]
            n_seeds += len(spans)
            f = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:4], 16) % 5
            for a, b, fv in points(lm, zero, damaged, collect_params):
                if any(x < b and y_ > a for x, y_ in spans):
                    X.append(fv[2]), y.append(1), fold.append(f)
    X, y, fold = np.array(X), np.array(y, dtype=float), np.array(fold)
    if args.dump:
        np.savez(args.dump, X=X, y=y, fold=fold, n_syl=n_syl, n_seeds=n_seeds)
    ri = list(DECISION_FEATURES).index("rep")
    off = X[:, ri] * REP_WEIGHT
    X = X.copy()
    X[:, ri] = 0.0
    cv = np.zeros(len(y))
    for f in range(5):
        w, b = fit(X[fold != f], y[fold != f], l2=L2, offset=off[fold != f])
        cv[fold == f] = X[fold == f] @ w + b + off[fold == f]
    neg = np.sort(cv[y == 0])[::-1]

    def at_rate(rate):
        k = max(1, int(round(rate * n_syl / 1e5)))
        return float(neg[min(k, len(neg)) - 1]) + 1e-6   # the k-th highest clean score is still below

    info, warn = at_rate(INFO_RATE), at_rate(WARN_RATE)
    w, b = fit(X, y, l2=L2, offset=off)
    w[ri] = REP_WEIGHT
    report = {"dev_syllables": n_syl, "seeded_non_missing": n_seeds, "points": len(y), "positives": int(y.sum()),
              "cv_recall_info": round(float(((cv >= info) & (y == 1)).sum() / n_seeds), 3),
              "cv_recall_warning": round(float(((cv >= warn) & (y == 1)).sum() / n_seeds), 3),
              "cv_clean_flags_info": int(((cv >= info) & (y == 0)).sum()),
              "cv_clean_flags_warning": int(((cv >= warn) & (y == 0)).sum())}
    out = {"features": list(DECISION_FEATURES), "weights": [round(float(x), 5) for x in w], "bias": round(b, 5),
           "info": round(info, 4), "warning": round(warn, 4), "min_support": MIN_SUPPORT, "rare": args.rare,
           "fitted_on": "dev fold of the tuning half (tools/fit_language_decision.py), model without it",
           "seeds": seeds,
           "info_rate_per_100k": INFO_RATE, "l2": L2, "rep_weight_fixed": REP_WEIGHT, "warning_rate_per_100k": WARN_RATE, "cross_validation": report}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
