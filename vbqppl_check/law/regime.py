"""Which formatting regime and which promulgation law apply to a document on a date."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from ..data import load_yaml, rules_path


@dataclass(frozen=True)
class Regime:
    id: str
    kind: str | None
    start: dt.date | None
    end: dt.date | None
    instrument: str
    verification: str = "secondary"
    note: str | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


# built once: every document asks for its regimes, and rules_path goes through importlib.resources
@functools.lru_cache(maxsize=None)
def _regimes(section: str) -> tuple[Regime, ...]:
    out = []
    for r in load_yaml(rules_path("regimes.yaml"))[section]:
        out.append(Regime(id=r["id"], kind=r.get("kind"), start=r.get("from"), end=r.get("until"),
                          instrument=r["instrument"], verification=r.get("verification", "secondary"),
                          note=r.get("note")))
    return tuple(out)


def formatting_regimes() -> tuple[Regime, ...]:
    return _regimes("formatting")


def promulgation_laws() -> tuple[Regime, ...]:
    return _regimes("promulgation")


def formatting_regime(kind: str | None, day: dt.date) -> Regime | None:
    """The formatting regime for a document kind ("vbqppl" | "hanh_chinh") on a date, or None."""
    for r in formatting_regimes():
        if r.kind == kind and r.covers(day):
            return r
    return None


def promulgation_law(day: dt.date) -> Regime | None:
    for r in promulgation_laws():
        if r.covers(day):
            return r
    return None


def regime_by_id(regime_id: str) -> Regime | None:
    return next((r for r in formatting_regimes() if r.id == regime_id), None)
