"""The fixed tuning/evaluation split of corpus documents, shared by every benchmark.

A document belongs to the evaluation half when the first hex digit of the SHA-1 of its path relative
to the corpus root is odd. Build and tune on the tuning half; report figures on the evaluation half.
"""
from __future__ import annotations

import hashlib
from pathlib import Path


def half(path: Path | str, corpus_root: Path | str) -> str:
    """'tuning' or 'evaluation' for a corpus file (or any key string when corpus_root is '')."""
    key = str(path)
    if corpus_root:
        key = Path(path).resolve().relative_to(Path(corpus_root).resolve()).as_posix()
    digit = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[0], 16)
    return "evaluation" if digit % 2 else "tuning"


def is_evaluation(path: Path | str, corpus_root: Path | str) -> bool:
    return half(path, corpus_root) == "evaluation"
