"""The required-components model (rules/components.yaml): which thể thức components a document must
show under a regime, for its type and kind, and the provision that requires each one.

Only data and its lookup live here; whether a component is present in a parsed document is decided
in vbqppl_check/checks/_required.py.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..data import load_yaml, rules_path

SEVERITY_OF_VERIFICATION = {"verified": "error", "secondary": "warning", "practice": "info", "memory": "info"}
_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Requirement:
    component: str
    any_of: tuple[str, ...]       # components any of which satisfies the requirement
    where: str                    # header | top | body | end | closing
    reference: dict               # instrument, article, appendix, item
    verification: str
    severity: str                 # follows the verification, never above it

    @property
    def reference_text(self) -> str:
        r = self.reference
        return ", ".join([r["instrument"]] + [r[k] for k in ("article", "appendix", "item") if r.get(k)])

    def label(self, lang: str = "vi") -> str:
        return _model()["components"][self.component][lang]


@functools.lru_cache(maxsize=1)
def _model() -> dict:
    return load_yaml(rules_path("components.yaml"))


def owners(component: str) -> tuple[str, ...]:
    """The existing rules that report this component when it is missing (rules/components.yaml)."""
    return tuple(_model().get("owners", {}).get(component, ()))


def _requirement(raw: dict) -> Requirement:
    comp = raw["component"]
    ver = raw["verification"]
    sev = SEVERITY_OF_VERIFICATION[ver]
    if raw.get("severity") and _RANK[raw["severity"]] < _RANK[sev]:
        sev = raw["severity"]
    return Requirement(component=comp, any_of=tuple(raw.get("any_of") or (comp,)),
                       where=_model()["components"][comp]["where"], reference=dict(raw["reference"]),
                       verification=ver, severity=sev)


@functools.lru_cache(maxsize=256)
def requirements(regime: str | None, type_name: str | None, kind: str | None,
                 body: str | None = None) -> tuple[Requirement, ...]:
    """The components required of a document of this type and kind under this regime, in the
    order they are printed. `body` (IssuerInfo.body: quoc_hoi, ubtvqh, …) selects the entries that
    name the issuing body (the Quốc hội's texts follow NQ 351/2017, not the decrees)."""
    model = _model()
    if regime is None or regime not in model["regimes"]:
        return ()
    out = {r["component"]: _requirement(r) for r in model["regimes"][regime]}
    for entry in model.get("types", ()):
        if type_name not in entry["types"]:
            continue
        if entry.get("kinds") and kind not in entry["kinds"]:
            continue
        if entry.get("regimes") and regime not in entry["regimes"]:
            continue
        if entry.get("bodies") and body not in entry["bodies"]:
            continue
        for c in entry.get("drop", ()):
            out.pop(c, None)
        for r in entry.get("add", ()):
            out[r["component"]] = _requirement(r)
    order = list(model["components"])
    return tuple(sorted(out.values(), key=lambda r: order.index(r.component)))
