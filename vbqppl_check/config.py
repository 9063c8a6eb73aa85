"""Configuration: rule selection, severity overrides, regime override, the as-of date, limits.

Read from `[tool.vbqppl-check]` in pyproject.toml or from vbqppl-check.toml (top level),
searched upwards from the checked path; CLI options override the file.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError
from .limits import DEFAULT_LIMITS, Limits


@dataclass(frozen=True)
class IgnoreEntry:
    """A per-path or per-document-number ignore (like ruff's per-file-ignores), with its reason.

    The findings it matches are not reported but counted and listed with the reason (suppress.py).
    """
    rules: tuple[str, ...]                    # rule ids or prefixes ("NN004", "KT", "ALL")
    reason: str
    path: str | None = None                   # glob on the file path, relative to the configuration's folder
    number: str | None = None                 # glob on the document number ("432/QĐ-UBND", "*/QĐ-UBND")
    source: str | None = None                 # the configuration file


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ("ALL",)        # rule ids or prefixes ("TT", "KT1", "CC003")
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (id or prefix, severity) overrides
    regime: str | None = None                 # force a formatting regime id (see rules/regimes.yaml)
    kind: str | None = None                   # force "vbqppl" or "hanh_chinh"
    as_of: dt.date | None = None              # judge undated drafts by this date (default: today)
    lang: str = "vi"
    tone_style: str | None = None             # "old" (hòa) | "new" (hoà) | None: only report mixing
    registry_path: str | None = None          # a user registry database to use besides the bundled one
    limits: Limits = DEFAULT_LIMITS
    # per-path / per-document ignores, applied after checking (and after the results store): they
    # change what is reported, not what is found, so they are not part of the store's config key
    ignores: tuple[IgnoreEntry, ...] = ()
    root: str | None = None                   # folder of the configuration file (per-path globs)

    def judging_date(self) -> dt.date:
        return self.as_of or dt.date.today()

    def with_overrides(self, **kwargs) -> "Config":
        return replace(self, **{k: v for k, v in kwargs.items() if v is not None})


_KEYS = {"select", "ignore", "severity", "regime", "kind", "as-of", "as_of", "lang", "tone-style",
         "tone_style", "registry", "limits", "per-path-ignores", "per_path_ignores", "per-document-ignores",
         "per_document_ignores"}


def from_mapping(data: dict, base: Config | None = None, *, source: str | None = None) -> Config:
    cfg = base or Config()
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"unknown keys: {', '.join(sorted(unknown))}")
    kw: dict = {}
    if "select" in data:
        kw["select"] = tuple(data["select"])
    if "ignore" in data:
        kw["ignore"] = tuple(data["ignore"])
    if "severity" in data:
        sev = data["severity"]
        if not isinstance(sev, dict) or any(v not in ("error", "warning", "info") for v in sev.values()):
            raise ConfigError("severity must map rule ids/prefixes to error|warning|info")
        kw["severity"] = tuple(sev.items())
    for key in ("regime", "kind", "lang"):
        if key in data:
            kw[key] = data[key]
    tone = data.get("tone-style", data.get("tone_style"))
    if tone is not None:
        if tone not in ("old", "new"):
            raise ConfigError("tone-style must be 'old' or 'new'")
        kw["tone_style"] = tone
    as_of = data.get("as-of", data.get("as_of"))
    if as_of is not None:
        kw["as_of"] = as_of if isinstance(as_of, dt.date) else parse_date(str(as_of))
    if "registry" in data:
        kw["registry_path"] = str(data["registry"])
    if "limits" in data:
        try:
            kw["limits"] = replace(cfg.limits, **data["limits"])
        except TypeError as exc:
            raise ConfigError(str(exc)) from exc
    ignores = []
    for key, field_name in (("per-path-ignores", "path"), ("per-document-ignores", "number")):
        entries = data.get(key, data.get(key.replace("-", "_")))
        if entries is None:
            continue
        if not isinstance(entries, list):
            raise ConfigError(f"{key} must be an array of tables ([[{key}]])")
        for e in entries:
            ignores.append(_ignore_entry(e, key, field_name, source))
    if ignores:
        kw["ignores"] = cfg.ignores + tuple(ignores)
    return replace(cfg, **kw)


def _ignore_entry(e, key: str, field_name: str, source: str | None) -> IgnoreEntry:
    if not isinstance(e, dict):
        raise ConfigError(f"{key}: each entry is a table with {field_name}, rules and reason")
    extra = set(e) - {field_name, "rules", "reason"}
    if extra:
        raise ConfigError(f"{key}: unknown keys: {', '.join(sorted(extra))}")
    pattern, rules, reason = e.get(field_name), e.get("rules"), e.get("reason")
    if not isinstance(pattern, str) or not pattern.strip():
        raise ConfigError(f"{key}: `{field_name}` (a glob) is required")
    if isinstance(rules, str):
        rules = [rules]
    if not rules or not all(isinstance(r, str) and r for r in rules):
        raise ConfigError(f"{key} {pattern!r}: `rules` (rule ids or prefixes) is required")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(f"{key} {pattern!r}: `reason` is required (the reports show it)")
    return IgnoreEntry(rules=tuple(rules), reason=reason.strip(), source=source, **{field_name: pattern})


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def find_config_file(start: Path) -> Path | None:
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else [start.parent, *start.parent.parents]:
        for name in ("vbqppl-check.toml", "pyproject.toml"):
            f = folder / name
            if f.is_file():
                if name == "pyproject.toml":
                    try:
                        text = f.read_text("utf-8")
                        # without the name in its text the file has no [tool.vbqppl-check] table: not
                        # parsed (nor tomllib imported) at every start in a Python project
                        if "vbqppl-check" not in text:
                            continue
                        import tomllib
                        if "vbqppl-check" not in tomllib.loads(text).get("tool", {}):
                            continue
                    except (ValueError, OSError, UnicodeDecodeError):   # TOMLDecodeError is a ValueError
                        continue
                return f
    return None


def load_config(path: str | Path | None = None, *, start: str | Path | None = None) -> Config:
    """Load a config file (explicit path, or searched upwards from `start`)."""
    f = Path(path) if path else (find_config_file(Path(start)) if start else None)
    if f is None:
        return Config()
    import tomllib
    try:
        data = tomllib.loads(f.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{f}: {exc}") from exc
    if f.name == "pyproject.toml":
        data = data.get("tool", {}).get("vbqppl-check", {})
    return replace(from_mapping(data, source=str(f)), root=str(f.resolve().parent))
