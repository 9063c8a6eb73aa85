"""Imported once by the multiprocessing forkserver (set_forkserver_preload): the rule catalogue,
the checks and the NLP libraries are loaded there, so every batch worker forks warm and shares
those pages copy-on-write instead of importing them again."""
from __future__ import annotations

try:
    from .batch import warm_up
    warm_up()
except Exception:  # noqa: BLE001 - workers warm themselves up again and report the problem
    pass
