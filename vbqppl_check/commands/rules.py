"""`vbqppl-check rules [--category C] [--regime R] [--format text|json]`: list the catalogue."""
from __future__ import annotations

import json
import sys

from ..engine import load_catalogue
from ..model.finding import CATEGORIES, CATEGORY_VI

VERIFICATION_VI = {"verified": "đã kiểm chứng văn bản", "secondary": "nguồn thứ cấp",
                   "practice": "thực tiễn", "memory": "chưa kiểm chứng"}


def add_arguments(p) -> None:
    p.add_argument("--category", "-c", default=None, choices=CATEGORIES,
                   help="chỉ liệt kê một nhóm / only one category")
    p.add_argument("--regime", "-r", default=None,
                   help="chỉ quy tắc áp dụng cho chế độ này (nd30, tt01, nd34, nd78, nd78_187)")
    p.add_argument("--format", "-f", default="text", choices=("text", "json"))
    p.add_argument("--lang", choices=("vi", "en"), default="vi")


def rule_summary(rule, lang: str = "vi") -> dict:
    """The JSON form of one rule as listed by `rules` (also used by `rule` and the docs)."""
    a = rule.applies
    return {
        "id": rule.id, "category": rule.category, "severity": rule.severity,
        "title": rule.title[lang], "reference": rule.reference_text,
        "quote": rule.reference.get("quote"), "verification": rule.verification,
        "applies": {"kinds": a.get("kinds", []), "regimes": a.get("regimes", []),
                    "from": a["from"].isoformat() if a.get("from") else None,
                    "until": a["until"].isoformat() if a.get("until") else None,
                    "formats": a.get("formats", []), "needs": a.get("needs", [])},
    }


def select(category: str | None, regime: str | None) -> list:
    out = []
    for rule in sorted(load_catalogue().values(), key=lambda r: r.id):
        if category and rule.category != category:
            continue
        regimes = rule.applies.get("regimes")
        if regime and regimes and regime not in regimes:
            continue
        out.append(rule)
    return out


def run(args) -> int:
    lang = args.lang or "vi"
    rules = select(args.category, args.regime)
    if args.format == "json":
        json.dump([rule_summary(r, lang) for r in rules], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for r in rules:
        cat = CATEGORY_VI[r.category] if lang == "vi" else r.category
        ver = VERIFICATION_VI[r.verification] if lang == "vi" else r.verification
        regimes = ",".join(r.applies.get("regimes", [])) or "*"
        print(f"{r.id}  {r.severity:<7}  {cat:<20}  {r.title[lang]}")
        print(f"       {r.reference_text}  [{ver}; {regimes}]")
    print(f"\n{len(rules)} quy tắc / rules", file=sys.stderr)
    return 0
