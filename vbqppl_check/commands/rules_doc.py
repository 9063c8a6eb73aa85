"""Generate docs/rules.md from the catalogue: `python -m vbqppl_check.commands.rules_doc docs/rules.md`."""
from __future__ import annotations

import sys
from pathlib import Path

from ..engine import load_catalogue
from ..law.regime import formatting_regimes
from ..model.finding import CATEGORIES, CATEGORY_VI
from .rules import VERIFICATION_VI

HEADER = """# Quy tắc kiểm tra / Rule reference

Generated from `rules/catalogue/*.yaml` by `python -m vbqppl_check.commands.rules_doc docs/rules.md`
(`make docs`). Do not edit by hand.

Severity follows the verification of the legal reference: `verified` (text of the instrument read)
may be `error`; `secondary` (third-party quotation or summary) is at most `warning`; `practice` and
`memory` are `info`. A rule applies only to the regimes it lists (the formatting law in force on the
document's date for its kind, see `rules/regimes.yaml`); rules that need formatting (fonts, sizes)
or the author's page setup (margins, paper) are skipped for inputs that do not carry them (plain
text; PDFs have no page setup of the author). Parameter values (sizes, margins, tolerances) are in
each rule's `params`: a value that differs between regimes is a separate rule with its own
reference and verification.
"""


def render() -> str:
    rules = sorted(load_catalogue().values(), key=lambda r: r.id)
    out = [HEADER, "## Chế độ / Regimes\n", "| id | kind | from | until | instrument | verification |",
           "|---|---|---|---|---|---|"]
    for g in formatting_regimes():
        out.append(f"| {g.id} | {g.kind} | {g.start or ''} | {g.end or ''} | {g.instrument} | {g.verification} |")
    out.append("")
    out.append(f"## Tổng hợp / Summary ({len(rules)} rules)\n")
    out.append("| id | category | severity | verification | title | reference | regimes |")
    out.append("|---|---|---|---|---|---|---|")
    for r in rules:
        out.append(f"| [{r.id}](#{r.id.lower()}) | {r.category} | {r.severity} | {r.verification} | "
                   f"{r.title['vi']} | {r.reference_text} | {', '.join(r.applies.get('regimes', [])) or '*'} |")
    for cat in CATEGORIES:
        group = [r for r in rules if r.category == cat]
        if not group:
            continue
        out.append(f"\n## {CATEGORY_VI[cat]} ({cat})\n")
        for r in group:
            a = r.applies
            out.append(f"### {r.id}\n")
            out.append(f"**{r.title['vi']}** / {r.title['en']}\n")
            out.append(f"- Severity: `{r.severity}`; verification: `{r.verification}` ({VERIFICATION_VI[r.verification]})")
            out.append(f"- Reference: {r.reference_text}")
            if r.reference.get("quote"):
                out.append(f"  > {r.reference['quote']}")
            if r.reference.get("source"):
                out.append(f"  (source: {r.reference['source']})")
            for regime_id, ref in (r.reference.get("by_regime") or {}).items():
                parts_ = [ref["instrument"]] + [ref[k] for k in ("article", "appendix", "item") if ref.get(k)]
                out.append(f"- Reference under `{regime_id}`: {', '.join(parts_)}")
            parts = []
            for key in ("kinds", "regimes", "formats", "needs"):
                if a.get(key):
                    parts.append(f"{key}: {', '.join(a[key])}")
            for key in ("from", "until"):
                if a.get(key):
                    parts.append(f"{key}: {a[key]}")
            out.append(f"- Applies: {'; '.join(parts) or 'all documents'}")
            out.append(f"- Message: {r.message['vi']} / {r.message['en']}")
            if r.params:
                out.append(f"- Parameters: `{r.params}`")
            if r.notes:
                out.append(f"- Notes: {' '.join(r.notes.split())}")
            fix = getattr(r, "fix", None)
            if fix:
                opt = f", only with `--{fix['option']}`" if fix.get("option") else ""
                out.append(f"- Sửa tự động / fixable by `vbqppl-check fix` (docs/fix.md): remedy "
                           f"`{fix['remedy']}`{opt}")
            if r.supersedes:
                out.append(f"- Supersedes (same defect at the same place, this finding is kept): "
                           f"{', '.join(r.supersedes)}")
            out.append("")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if argv and argv[0] != "-":
        Path(argv[0]).parent.mkdir(parents=True, exist_ok=True)
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
