"""One finding per defect: the stage that runs after the checks (engine.run_checks).

1. **Supersession.** Two rules may describe the same defect at the same place — a stray space in
   the document number is both a formatting defect of the number component (TT006/TT106) and a
   spacing defect of the language rules (NN016). The catalogue declares such pairs on the more
   specific rule (`supersedes: [{rule: NN016, note: ...}]`); a finding of the superseded rule is
   dropped when a finding of the superseding rule is at the same place (same block, overlapping
   character ranges when both have them; same component when neither has a block) and is at least
   as severe (an error is never hidden behind a warning). The winner keeps the (rule, text) of what
   it absorbed in `Finding.superseded`, so nothing disappears from the output without a trace.
2. **Merging.** Findings of the same rule with the same text, message, expectation and suggestion in
   one document are one finding with every location (`Finding.more_locations`, `occurrences`).

Both steps are idempotent, so results read back from a results store written by an older version
are consolidated the same way (store.Store._result).
"""
from __future__ import annotations

from typing import Iterable, Mapping

from .model import Finding, Location

SEV_RANK = {"error": 3, "warning": 2, "info": 1}


def _overlap(a: Location, b: Location) -> bool:
    if a.block is not None and b.block is not None:
        if a.block != b.block:
            return False
        if a.start is None or a.end is None or b.start is None or b.end is None:
            return True  # one of them is on the whole paragraph / component
        if a.start == a.end or b.start == b.end:  # a point (a missing character) inside the other
            return a.start <= b.end and b.start <= a.end
        return a.start < b.end and b.start < a.end
    if a.block is None and b.block is None:
        return a.component is not None and a.component == b.component and a.section == b.section
    return False


def same_place(a: Finding, b: Finding) -> bool:
    return any(_overlap(x, y) for x in a.locations for y in b.locations)


def supersession_map(catalogue: Mapping) -> dict[str, tuple[str, ...]]:
    """superseded rule id → the rule ids that supersede it (from the catalogue's `supersedes`)."""
    out: dict[str, list[str]] = {}
    for rule in catalogue.values():
        for general in getattr(rule, "supersedes", ()) or ():
            out.setdefault(general, []).append(rule.id)
    return {k: tuple(v) for k, v in out.items()}


def supersede(findings: list[Finding], smap: Mapping[str, tuple[str, ...]]) -> list[Finding]:
    """Drop findings superseded by a more specific rule's finding at the same place (see module doc)."""
    if not smap or not any(f.rule in smap for f in findings):
        return findings
    winner: dict[int, int] = {}
    for i, g in enumerate(findings):
        specific = smap.get(g.rule)
        if not specific:
            continue
        for j, s in enumerate(findings):
            if j != i and s.rule in specific and SEV_RANK.get(s.severity, 0) >= SEV_RANK.get(g.severity, 0) \
                    and same_place(s, g):
                winner[i] = j
                break

    def final(i: int) -> int | None:
        seen = {i}
        j = winner.get(i)
        while j is not None and j in winner:
            if winner[j] in seen:   # a cycle (the catalogue forbids them): keep the finding
                return None
            seen.add(j)
            j = winner[j]
        return j

    absorbed: dict[int, list[tuple[str, str]]] = {}
    dropped: set[int] = set()
    for i in winner:
        w = final(i)
        if w is None:
            continue
        dropped.add(i)
        g = findings[i]
        absorbed.setdefault(w, []).extend([(g.rule, g.text), *g.superseded])
    out = []
    for i, f in enumerate(findings):
        if i in dropped:
            continue
        if i in absorbed:
            f = _replace(f, superseded=_unique([*f.superseded, *absorbed[i]]))
        out.append(f)
    return out


def merge_key(f: Finding) -> tuple:
    return (f.rule, f.severity, f.text, f.message_vi, f.message_en, f.expected, f.suggestion, f.reference)


def merge(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (rule, text, message, expectation, suggestion), with every location."""
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        groups.setdefault(merge_key(f), []).append(f)
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        group.sort(key=Finding.sort_key)
        first = group[0]
        locations = _unique([loc for f in group for loc in f.locations])
        out.append(_replace(first, location=locations[0], more_locations=tuple(locations[1:]),
                            superseded=_unique([s for f in group for s in f.superseded])))
    out.sort(key=Finding.sort_key)
    return out


def consolidate(findings: Iterable[Finding], catalogue: Mapping | None = None) -> list[Finding]:
    """Supersession, then merging (idempotent). `catalogue` defaults to the loaded rule catalogue."""
    if catalogue is None:
        from .engine import load_catalogue
        catalogue = load_catalogue()
    findings = list(findings)
    return merge(supersede(findings, supersession_map(catalogue)))


def _unique(items) -> tuple:
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return tuple(out)


def _replace(f: Finding, **changes) -> Finding:
    import dataclasses
    return dataclasses.replace(f, **changes)
