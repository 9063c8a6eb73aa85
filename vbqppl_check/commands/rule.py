"""`vbqppl-check rule ID`: explain one rule (title, message, reference with quote, verification,
when it applies, parameters, examples)."""
from __future__ import annotations

import json
import sys

from ..engine import implementations, load_catalogue
from ..model.finding import CATEGORY_VI
from .rules import VERIFICATION_VI, rule_summary


def add_arguments(p) -> None:
    p.add_argument("rule_id", metavar="ID", help="mã quy tắc, ví dụ TT001 / a rule id")
    p.add_argument("--format", "-f", default="text", choices=("text", "json"))
    p.add_argument("--lang", choices=("vi", "en"), default="vi")


def explain(rule, lang: str = "vi") -> str:
    a = rule.applies
    lines = [f"{rule.id} — {rule.title[lang]}",
             f"  {'Nhóm' if lang == 'vi' else 'Category'}: {rule.category} ({CATEGORY_VI[rule.category]})",
             f"  {'Mức độ' if lang == 'vi' else 'Severity'}: {rule.severity}",
             f"  {'Kiểm chứng' if lang == 'vi' else 'Verification'}: {rule.verification}"
             f" ({VERIFICATION_VI[rule.verification]})",
             f"  {'Căn cứ' if lang == 'vi' else 'Reference'}: {rule.reference_text}"]
    if rule.reference.get("quote"):
        lines.append(f"    “{rule.reference['quote']}”")
    if rule.reference.get("source"):
        lines.append(f"    ({rule.reference['source']})")
    lines.append(f"  {'Thông báo' if lang == 'vi' else 'Message'}: {rule.message[lang]}")
    applies = []
    if a.get("kinds"):
        applies.append("kinds=" + ",".join(a["kinds"]))
    if a.get("regimes"):
        applies.append("regimes=" + ",".join(a["regimes"]))
    if a.get("from"):
        applies.append(f"from={a['from']}")
    if a.get("until"):
        applies.append(f"until={a['until']}")
    if a.get("formats"):
        applies.append("formats=" + ",".join(a["formats"]))
    if a.get("needs"):
        applies.append("needs=" + ",".join(a["needs"]))
    lines.append(f"  {'Áp dụng' if lang == 'vi' else 'Applies'}: {'; '.join(applies) or '*'}")
    if rule.params:
        lines.append(f"  {'Tham số' if lang == 'vi' else 'Parameters'}: "
                     f"{json.dumps(rule.params, ensure_ascii=False, default=str)}")
    for outcome in ("fail", "pass"):
        for ex in rule.examples[outcome]:
            label = ("Ví dụ sai" if outcome == "fail" else "Ví dụ đúng") if lang == "vi" else (
                "Failing example" if outcome == "fail" else "Passing example")
            if "text" in ex:
                body = "\n      ".join(ex["text"].strip().splitlines()[:12])
            else:
                kind = "docx" if "docx" in ex else "pdf"
                body = kind + " " + json.dumps(ex[kind], ensure_ascii=False)
            extra = {k: ex[k] for k in ("config", "as_of", "note") if k in ex}
            if extra:
                body += "  " + json.dumps(extra, ensure_ascii=False, default=str)
            lines.append(f"  {label}: {body}")
    if rule.notes:
        lines.append(f"  {'Ghi chú' if lang == 'vi' else 'Notes'}: {rule.notes.strip()}")
    fix = getattr(rule, "fix", None)
    if fix:
        opt = f" (--{fix['option']})" if fix.get("option") else ""
        lines.append(f"  {'Sửa tự động (vbqppl-check fix)' if lang == 'vi' else 'Fixable (vbqppl-check fix)'}: "
                     f"{fix['remedy']}{opt}")
    if rule.id not in implementations():
        lines.append("  (chưa có mã kiểm tra / not implemented)")
    return "\n".join(lines)


def run(args) -> int:
    rule = load_catalogue().get(args.rule_id.strip().upper())
    if rule is None:
        print(f"Không có quy tắc {args.rule_id} / no rule {args.rule_id}", file=sys.stderr)
        return 2
    if args.format == "json":
        data = rule_summary(rule, args.lang)
        data.update(message=rule.message[args.lang], params=rule.params, examples=rule.examples,
                    notes=rule.notes, reference_detail=rule.reference, fix=getattr(rule, "fix", None))
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(explain(rule, args.lang))
    return 0
