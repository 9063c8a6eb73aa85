"""The rule engine: the catalogue (rules/catalogue/*.yaml), the check implementations registered
by rule id, selection by regime, date and configuration, and ordering of the findings.

A check is a small function registered with `@check("TT001")`:

    @check("TT001")
    def quoc_hieu_text(doc: LegalDocument, ctx: CheckContext, rule: Rule):
        ...
        yield rule.finding(ctx, block=3, component="quoc_hieu", found=..., expected=...)

It receives the parsed document, the read-only context and its own catalogue entry (parameters,
messages) and yields findings. It never reopens the file.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib
import json
import logging
import pkgutil
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator


from .config import Config
from .data import load_yaml, rules_path
from .errors import RuleCatalogueError
from .law.regime import Regime, formatting_regime, promulgation_law, regime_by_id
from .model import Finding, LegalDocument, Location

log = logging.getLogger(__name__)

PREFIX_OF_CATEGORY = {"format": "TT", "layout": "KT", "authority": "TQ", "legal_basis": "CC",
                      "reference": "VD", "effect": "HL", "language": "NN"}

CheckFn = Callable[[LegalDocument, "CheckContext", "Rule"], Iterable[Finding]]
_IMPLEMENTATIONS: dict[str, CheckFn] = {}


def check(rule_id: str, *more_ids: str) -> Callable[[CheckFn], CheckFn]:
    """Register the implementation of one or more catalogue rules.

    Several ids share one function when the same test is made under different regimes with a
    different reference, verification (hence severity) or parameters: `@check("TT004", "TT104")`.
    """
    def deco(fn: CheckFn) -> CheckFn:
        for rid in (rule_id, *more_ids):
            if rid in _IMPLEMENTATIONS and _IMPLEMENTATIONS[rid] is not fn:
                raise RuleCatalogueError(f"two implementations for {rid}")
            _IMPLEMENTATIONS[rid] = fn
        return fn
    return deco


class _Defaults(dict):
    def __missing__(self, key):  # a template placeholder with no value renders as "—"
        return "—"


_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    title: dict
    message: dict
    reference: dict
    verification: str
    applies: dict
    params: dict
    examples: dict
    notes: str | None = None
    fix: dict | None = None           # how the fixer repairs a finding (vbqppl_check.fix), None: not fixable
    # ids of less specific rules whose findings at the same place this rule's finding replaces
    # (catalogue `supersedes:`; see vbqppl_check/consolidate.py)
    supersedes: tuple[str, ...] = ()

    @property
    def reference_text(self) -> str:
        return self.reference_for(None)

    def reference_for(self, regime: "Regime | None") -> str:
        """The provision cited, under the regime the document is judged by (catalogue `reference.by_regime`)."""
        r = self.reference
        if regime is not None:
            r = (r.get("by_regime") or {}).get(regime.id, r)
        parts = [r["instrument"]]
        for key in ("article", "appendix", "item"):
            if r.get(key):
                parts.append(r[key])
        return ", ".join(parts)

    def applies_to(self, kind: str | None, day: dt.date, regime: Regime | None, fmt: str,
                   has_formatting: bool, has_page_setup: bool) -> bool:
        a = self.applies
        if a.get("kinds") and kind not in a["kinds"]:
            return False
        if a.get("regimes") and (regime is None or regime.id not in a["regimes"]):
            return False
        if a.get("from") and day < a["from"]:
            return False
        if a.get("until") and day > a["until"]:
            return False
        if a.get("formats") and fmt not in a["formats"]:
            return False
        needs = a.get("needs", ())
        if "formatting" in needs and not has_formatting:
            return False
        if "page_setup" in needs and not has_page_setup:
            return False
        return True

    def finding(self, ctx: "CheckContext", *, block: int | None = None, start: int | None = None,
                end: int | None = None, component: str | None = None, path: str | None = None,
                page: int | None = None, section: int | None = None, excerpt: str | None = None,
                expected: str | None = None, found: str | None = None, suggestion: str | None = None,
                severity: str | None = None, **values: Any) -> Finding:
        """Build a finding from this rule's message templates ({found}, {expected} and **values)."""
        doc = ctx.document
        if block is not None and doc is not None:
            if path is None:
                path = doc.path_at(block)
            if page is None and 0 <= block < len(doc.source.blocks):
                page = doc.source.blocks[block].page
            if excerpt is None and 0 <= block < len(doc.source.blocks):
                text = doc.source.blocks[block].text
                excerpt = text[start:end] if start is not None else text[:200]
        fill = _Defaults(values, found=found if found is not None else "—",
                         expected=expected if expected is not None else "—")
        sev = severity or self.severity
        cap = self.params.get("max_severity")   # a catalogue override (issue #12: rules under 80 % precision)
        if cap in _SEVERITY_RANK and _SEVERITY_RANK[sev] > _SEVERITY_RANK[cap]:
            sev = cap
        return Finding(
            rule=self.id, category=self.category,
            severity=ctx.severity_for(self, sev),
            message_vi=self.message["vi"].format_map(fill), message_en=self.message["en"].format_map(fill),
            location=Location(block=block, start=start, end=end, page=page, path=path,
                              component=component, section=section),
            reference=self.reference_for(ctx.regime), excerpt=excerpt, expected=expected, found=found,
            suggestion=suggestion, verification=self.verification)


# -- the catalogue --------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def rule_schema() -> dict:
    with open(rules_path("schema", "rule.schema.json"), encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=1)
def load_catalogue() -> dict[str, Rule]:
    """All rules of rules/catalogue/*.yaml, validated against rules/schema/rule.schema.json.

    The YAML parsing and schema validation (and the jsonschema import, ≈ 0.35 s of start-up together)
    run once per catalogue content: the validated data is kept in the user cache (vbqppl_check.cache),
    keyed by the bytes of every catalogue file, the schema and this module."""
    from .cache import cached
    folder = rules_path("catalogue")
    paths = sorted(folder.glob("*.yaml"))
    files = cached("catalogue", [__file__, rules_path("schema", "rule.schema.json")] + paths,
                   lambda: [(path.name, _plain(data)) for path, data in _validate_catalogue(paths)])
    rules: dict[str, Rule] = {}
    for name, plain in files:
        data = _unplain(plain)
        path = folder / name
        for raw in data["rules"]:
            rid = raw["id"]
            if rid in rules:
                raise RuleCatalogueError(f"duplicate rule id {rid} in {path.name}")
            if not rid.startswith(PREFIX_OF_CATEGORY[raw["category"]]):
                raise RuleCatalogueError(f"{rid}: prefix does not match category {raw['category']}")
            applies = dict(raw.get("applies") or {})
            for key in ("from", "until"):
                if isinstance(applies.get(key), str):
                    applies[key] = dt.date.fromisoformat(applies[key])
            rules[rid] = Rule(id=rid, category=raw["category"], severity=raw["severity"], title=raw["title"],
                              message=raw["message"], reference=raw["reference"],
                              verification=raw["verification"], applies=applies,
                              params=raw.get("params") or {}, examples=raw["examples"], notes=raw.get("notes"),
                              fix=raw.get("fix"),
                              supersedes=tuple(x["rule"] for x in raw.get("supersedes") or ()))
    _check_supersedes(rules)
    return rules


def _validate_catalogue(paths) -> list[tuple]:
    """[(path, data)] of the catalogue files, each validated against the schema."""
    import jsonschema
    validator = jsonschema.Draft202012Validator(rule_schema(), format_checker=jsonschema.FormatChecker())
    out = []
    for path in paths:
        data = load_yaml(path) or {"rules": []}
        # YAML turns 2020-03-05 into a date; the schema wants strings.
        errors = sorted(validator.iter_errors(_dates_to_str(data)), key=lambda e: list(e.path))
        if errors:
            e = errors[0]
            raise RuleCatalogueError(f"{path.name}: {'/'.join(map(str, e.path))}: {e.message}")
        out.append((path, data))
    return out


_DATE_TAG, _DATETIME_TAG = "\0date", "\0datetime"


def _plain(obj):
    """YAML data with its dates as tagged tuples, for the marshal cache (the safe loader gives no tuples,
    so the tags cannot collide with catalogue values); _unplain reverses it."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    if isinstance(obj, dt.datetime):
        return (_DATETIME_TAG, obj.isoformat())
    if isinstance(obj, dt.date):
        return (_DATE_TAG, obj.isoformat())
    return obj


def _unplain(obj):
    if isinstance(obj, dict):
        return {k: _unplain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_unplain(v) for v in obj]
    if isinstance(obj, tuple) and len(obj) == 2 and obj[0] in (_DATE_TAG, _DATETIME_TAG):
        return (dt.datetime if obj[0] == _DATETIME_TAG else dt.date).fromisoformat(obj[1])
    return obj


def _check_supersedes(rules: dict[str, Rule]) -> None:
    """`supersedes` names existing rules other than itself, without cycles."""
    for rule in rules.values():
        for other in rule.supersedes:
            if other == rule.id or other not in rules:
                raise RuleCatalogueError(f"{rule.id}: supersedes unknown rule {other}")
    for start in rules:
        stack, seen = [start], set()
        while stack:
            rid = stack.pop()
            for other in rules[rid].supersedes:
                if other == start:
                    raise RuleCatalogueError(f"{start}: supersedes cycle through {rid}")
                if other not in seen:
                    seen.add(other)
                    stack.append(other)


def _dates_to_str(obj):
    if isinstance(obj, dict):
        return {k: _dates_to_str(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_dates_to_str(v) for v in obj]
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


@functools.lru_cache(maxsize=1)
def implementations() -> dict[str, CheckFn]:
    """Import every module of vbqppl_check.checks so that their @check decorators run."""
    from . import checks
    for mod in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"{checks.__name__}.{mod.name}")
    return dict(_IMPLEMENTATIONS)


def verify_catalogue() -> list[str]:
    """Problems between catalogue and code: rules without implementation and vice versa."""
    cat, impl = load_catalogue(), implementations()
    problems = [f"{rid}: in the catalogue but not implemented" for rid in cat if rid not in impl]
    problems += [f"{rid}: implemented but not in the catalogue" for rid in impl if rid not in cat]
    return problems


# -- selection ------------------------------------------------------------------------------

def _match_len(rule_id: str, patterns: Iterable[str]) -> int:
    """Length of the longest pattern that selects rule_id ("ALL" counts as 0); -1 when none does."""
    best = -1
    for p in patterns:
        if p == "ALL":
            best = max(best, 0)
        elif rule_id.startswith(p):
            best = max(best, len(p))
    return best


def is_selected(rule_id: str, config: Config) -> bool:
    """ruff-like: the more specific of select and ignore wins; ignore wins a tie."""
    sel = _match_len(rule_id, config.select)
    ign = _match_len(rule_id, config.ignore)
    return sel >= 0 and sel > ign


# -- running --------------------------------------------------------------------------------

@dataclass
class CheckContext:
    """Read-only facts a check may use. Built once per document by `make_context`."""

    config: Config
    date: dt.date                   # the date the document is judged by
    date_source: str                # "document" | "approximate" | "as_of" (engine.judging_day)
    kind: str | None                # "vbqppl" | "hanh_chinh" | None
    regime: Regime | None           # formatting regime
    law: Regime | None              # promulgation law period
    document: LegalDocument | None = None
    cache: dict = field(default_factory=dict)   # per-document scratch space shared by checks

    @property
    def lang(self) -> str:
        return self.config.lang

    def severity_for(self, rule: Rule, severity: str) -> str:
        best, value = -1, severity
        for pattern, sev in self.config.severity:
            n = _match_len(rule.id, [pattern])
            if n > best:
                best, value = n, sev
        return value

    def registry(self):
        from .law.registry import get_registry
        return get_registry(self.config.registry_path)


def judging_day(doc: LegalDocument, config: Config) -> tuple[dt.date, str]:
    """The day whose law judges the document, and where it comes from: the date on the document; else,
    for an archived document with an impossible date ("ngày 32 tháng 12 năm 2024") or none, the end of
    the month/year it gives, or of its number's year ("51/2024/TT-…"), when that is before the checking
    date ("approximate"); else the checking date ("as_of": a draft is judged by today's law)."""
    today = config.judging_date()
    d = doc.date
    if d is not None and d.value is not None:
        return d.value, "document"
    year = month = None
    if d is not None and d.year and 1945 <= d.year <= today.year:
        year, month = d.year, d.month if d.month and 1 <= d.month <= 12 else None
    elif doc.number is not None and doc.number.year and 1945 <= doc.number.year < today.year:
        year = doc.number.year
    if year is not None:
        import calendar
        m = month or 12
        day = dt.date(year, m, calendar.monthrange(year, m)[1])
        if day < today:
            return day, "approximate"
    return today, "as_of"


def make_context(doc: LegalDocument, config: Config) -> CheckContext:
    day, date_source = judging_day(doc, config)
    kind = config.kind or doc.metadata.kind
    if kind is None and (doc.metadata.type or doc.component("kinh_gui")):
        from .law.kind import evidenced_kind   # no number to tell: the evidence of the text (issue 11)
        kind = evidenced_kind(doc)
    regime = regime_by_id(config.regime) if config.regime else formatting_regime(kind, day)
    return CheckContext(config=config, date=day, date_source=date_source, kind=kind,
                        regime=regime, law=promulgation_law(day), document=doc)


@functools.lru_cache(maxsize=64)
def _selected(catalogue_id: int, select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    """The catalogue's rules that `select` and `ignore` choose (the same for every document of a run)."""
    config = Config(select=select, ignore=ignore)
    return tuple(rule for rule in load_catalogue().values() if is_selected(rule.id, config))


def selected_rules(ctx: CheckContext, doc: LegalDocument) -> list[Rule]:
    src = doc.source
    out = []
    for rule in _selected(id(load_catalogue()), tuple(ctx.config.select), tuple(ctx.config.ignore)):
        if not rule.applies_to(ctx.kind, ctx.date, ctx.regime, src.format, src.has_formatting,
                               src.has_page_setup):
            continue
        out.append(rule)
    return out


def run_checks(doc: LegalDocument, config: Config | None = None, *, strict: bool = False,
               consolidate: bool = True) -> list[Finding]:
    """Run every selected, applicable rule on a parsed document; findings ordered by position.

    Then, unless `consolidate` is false, one finding per defect (vbqppl_check/consolidate.py):
    findings superseded by a more specific rule at the same place are resolved into it, and the
    same rule on the same text at several places becomes one finding with every location.

    A bug in one check must not lose the others: unless `strict`, an exception is logged and the
    rule is skipped (tests run strict).
    """
    config = config or Config()
    ctx = make_context(doc, config)
    impls = implementations()
    findings: list[Finding] = []
    for rule in selected_rules(ctx, doc):
        fn = impls.get(rule.id)
        if fn is None:
            continue
        try:
            findings.extend(fn(doc, ctx, rule) or ())
        except Exception:  # noqa: BLE001 - isolate one faulty rule
            if strict:
                raise
            log.exception("rule %s failed on %s", rule.id, doc.source.path)
    from .origin import at_most_info_on_ocr
    findings = at_most_info_on_ocr(doc, findings)   # text read by OCR: see origin.py
    findings.sort(key=Finding.sort_key)
    if consolidate:
        from .consolidate import consolidate as _consolidate
        findings = _consolidate(findings)
    return findings
