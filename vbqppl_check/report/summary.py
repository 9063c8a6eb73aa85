"""The self-inspection summary (báo cáo kết quả tự kiểm tra): counts officers put in their report.

Documents checked, unreadable, with findings, with error-severity findings; per category (thẩm
quyền, căn cứ, thể thức, kỹ thuật trình bày, hiệu lực, viện dẫn, ngôn ngữ) the documents affected
and the findings; the same by issuer and by year. Used by the text/markdown summary writers and by
the XLSX and HTML reports.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import IO, Any, Iterable

from ..model.finding import CATEGORY_VI
from ..result import DocumentResult

# The order of the officers' report: legality of authority and basis first, then form.
REPORT_CATEGORIES = ("authority", "legal_basis", "format", "layout", "effect", "reference", "language")
CATEGORY_LABEL = {
    "vi": {"authority": "Thẩm quyền", "legal_basis": "Căn cứ ban hành", "format": "Thể thức",
           "layout": "Kỹ thuật trình bày", "effect": "Hiệu lực", "reference": "Viện dẫn",
           "language": "Ngôn ngữ, chính tả"},
    "en": {"authority": "Authority", "legal_basis": "Legal basis", "format": "Format (thể thức)",
           "layout": "Layout", "effect": "Effect", "reference": "References", "language": "Language"},
}
assert set(CATEGORY_LABEL["vi"]) == set(CATEGORY_VI)
UNKNOWN = {"vi": "(không xác định)", "en": "(unknown)"}


def issuer_of(r: DocumentResult, lang: str = "vi") -> str:
    return (r.metadata.issuer if r.metadata and r.metadata.issuer else None) or UNKNOWN[lang]


def year_of(r: DocumentResult) -> int | None:
    md = r.metadata
    if md and md.date and md.date[:4].isdigit():
        return int(md.date[:4])
    if md and md.number:  # VBQPPL numbers carry the year: 15/2026/QĐ-UBND
        parts = md.number.split("/")
        if len(parts) >= 3 and parts[1].isdigit() and len(parts[1]) == 4:
            return int(parts[1])
    return None


@dataclass
class Summary:
    documents: int = 0
    unreadable: int = 0
    with_findings: int = 0
    with_errors: int = 0                       # some error-severity finding
    findings: int = 0                          # defects (one finding per defect, see consolidate.py)
    occurrences: int = 0                       # the places they occur at (a finding "×5" counts 5)
    suppressed_baseline: int = 0               # findings accepted in the baseline, not reported
    suppressed_config: int = 0                 # findings the configuration's ignores cover, not reported
    # (kind, reason) -> Counter(rule -> findings): what was suppressed and why
    suppressed_reasons: dict = field(default_factory=lambda: defaultdict(Counter))
    with_unread_pages: int = 0                 # documents with image-only pages not checked (TT400)
    unread_pages: int = 0
    with_ocr_pages: int = 0                    # documents with scanned pages read by OCR (TT410)
    ocr_pages: int = 0
    by_severity: Counter = field(default_factory=Counter)
    docs_by_category: Counter = field(default_factory=Counter)      # documents with ≥1 finding of it
    findings_by_category: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    by_rule_occurrences: Counter = field(default_factory=Counter)
    occurrences_by_category: Counter = field(default_factory=Counter)
    error_codes: Counter = field(default_factory=Counter)
    # (issuer, year) -> {"documents": n, "with_findings": n, category: findings}
    by_issuer_year: dict = field(default_factory=lambda: defaultdict(Counter))

    def add(self, r: DocumentResult, lang: str = "vi") -> None:
        self.documents += 1
        key = (issuer_of(r, lang), year_of(r))
        row = self.by_issuer_year[key]
        row["documents"] += 1
        if r.status == "error":
            self.unreadable += 1
            self.error_codes[r.error_code or "error"] += 1
            row["unreadable"] += 1
            return
        if r.findings:
            self.with_findings += 1
            row["with_findings"] += 1
        if r.has_errors:
            self.with_errors += 1
        if r.unread_pages:
            self.with_unread_pages += 1
            self.unread_pages += len(r.unread_pages)
            row["unread_pages"] += len(r.unread_pages)
        if r.ocr_pages:
            self.with_ocr_pages += 1
            self.ocr_pages += len(r.ocr_pages)
        for sup in r.suppressed:
            kind = sup.suppression.kind
            if kind == "baseline":
                self.suppressed_baseline += 1
            else:
                self.suppressed_config += 1
            self.suppressed_reasons[(kind, sup.suppression.reason)][sup.finding.rule] += 1
        cats = set()
        for f in r.findings:
            self.findings += 1
            self.occurrences += f.occurrences
            self.by_rule_occurrences[f.rule] += f.occurrences
            self.occurrences_by_category[f.category] += f.occurrences
            self.by_severity[f.severity] += 1
            self.findings_by_category[f.category] += 1
            self.by_rule[f.rule] += 1
            row[f.category] += 1
            cats.add(f.category)
        for c in sorted(cats):  # sorted: the JSON summary's key order must not follow the hash seed
            self.docs_by_category[c] += 1

    @property
    def checked(self) -> int:
        return self.documents - self.unreadable

    def suppressed_rows(self) -> list[tuple[tuple[str, str], Counter]]:
        return sorted(self.suppressed_reasons.items(), key=lambda kv: (kv[0][0], -sum(kv[1].values()), kv[0][1]))

    def issuer_year_rows(self) -> list[tuple[str, int | None, Counter]]:
        return [(i, y, c) for (i, y), c in sorted(self.by_issuer_year.items(),
                                                   key=lambda kv: (kv[0][0], kv[0][1] or 0))]


def summarize(results: Iterable[DocumentResult], lang: str = "vi") -> Summary:
    s = Summary()
    for r in results:
        s.add(r, lang)
    return s


# labels: strings, and dicts of names ("kind_names", "sev_names")
TEXT: dict[str, dict[str, Any]] = {
    "vi": {"title": "BÁO CÁO KẾT QUẢ TỰ KIỂM TRA VĂN BẢN", "docs": "Tổng số văn bản", "checked": "Số văn bản đã kiểm tra",
           "unreadable": "Số tệp không đọc được", "with": "Số văn bản có phát hiện",
           "with_err": "Số văn bản có lỗi (mức lỗi)", "findings": "Tổng số phát hiện",
           "unread": "Số văn bản có trang chưa kiểm tra (chỉ có ảnh, không OCR)",
           "unread_pages": "Số trang chưa kiểm tra", "unread_col": "Trang chưa kiểm tra",
           "ocr": "Số văn bản có trang quét được đọc bằng OCR", "ocr_pages": "Số trang đọc bằng OCR",
           "ocr_col": "Trang đọc bằng OCR",
           "cat": "Theo nhóm nội dung", "cat_docs": "văn bản", "cat_n": "phát hiện", "cat_occ": "lần xuất hiện",
           "sev": "Theo mức độ", "issuer": "Theo cơ quan ban hành và năm", "year": "Năm",
           "rules": "Quy tắc gặp nhiều nhất", "codes": "Lỗi đọc tệp",
           "occurrences": "Số lần xuất hiện (một phát hiện có thể ở nhiều chỗ)",
           "sup_baseline": "Số phát hiện đã chấp nhận (baseline), không báo lại",
           "sup_config": "Số phát hiện được bỏ qua theo cấu hình",
           "suppressed": "Phát hiện không báo (đã chấp nhận hoặc bỏ qua) và lý do",
           "kind_names": {"baseline": "baseline", "config": "cấu hình"},
           "sev_names": {"error": "Lỗi", "warning": "Cảnh báo", "info": "Lưu ý"},
           "n_docs": "Số VB", "n_with": "Có phát hiện", "issuer_col": "Cơ quan ban hành"},
    "en": {"title": "DOCUMENT SELF-INSPECTION REPORT", "docs": "Documents", "checked": "Documents checked",
           "unreadable": "Unreadable files", "with": "Documents with findings",
           "with_err": "Documents with error-severity findings", "findings": "Findings",
           "unread": "Documents with pages not checked (image only, no OCR)",
           "unread_pages": "Pages not checked", "unread_col": "Pages not checked",
           "ocr": "Documents with scanned pages read by OCR", "ocr_pages": "Pages read by OCR",
           "ocr_col": "Pages read by OCR",
           "cat": "By category", "cat_docs": "documents", "cat_n": "findings", "cat_occ": "occurrences",
           "sev": "By severity", "issuer": "By issuer and year", "year": "Year",
           "rules": "Most frequent rules", "codes": "Read errors",
           "occurrences": "Occurrences (a finding may be at several places)",
           "sup_baseline": "Findings accepted in the baseline, not reported",
           "sup_config": "Findings ignored by the configuration",
           "suppressed": "Findings not reported (accepted or ignored) and why",
           "kind_names": {"baseline": "baseline", "config": "configuration"},
           "sev_names": {"error": "Error", "warning": "Warning", "info": "Info"},
           "n_docs": "Documents", "n_with": "With findings", "issuer_col": "Issuer"},
}


def render_text(s: Summary, lang: str = "vi", markdown: bool = False) -> str:
    T, C = TEXT[lang], CATEGORY_LABEL[lang]
    out: list[str] = []
    h = (lambda t: f"## {t}") if markdown else (lambda t: f"{t}\n{'-' * len(t)}")
    out.append(f"# {T['title']}" if markdown else T["title"])
    out.append("")
    li = "- " if markdown else "  "
    for key, value in (("docs", s.documents), ("checked", s.checked), ("unreadable", s.unreadable),
                       ("with", s.with_findings), ("with_err", s.with_errors), ("findings", s.findings),
                       ("occurrences", s.occurrences), ("sup_baseline", s.suppressed_baseline),
                       ("sup_config", s.suppressed_config),
                       ("unread", s.with_unread_pages), ("unread_pages", s.unread_pages),
                       ("ocr", s.with_ocr_pages), ("ocr_pages", s.ocr_pages)):
        out.append(f"{li}{T[key]}: {value}")
    out.append("")
    out.append(h(T["cat"]))
    if markdown:
        out += [f"| | {T['cat_docs']} | {T['cat_n']} | {T['cat_occ']} |", "|---|---:|---:|---:|"]
    for i, c in enumerate(REPORT_CATEGORIES, 1):
        if markdown:
            out.append(f"| {i}. {C[c]} | {s.docs_by_category[c]} | {s.findings_by_category[c]} | "
                       f"{s.occurrences_by_category[c]} |")
        else:
            out.append(f"  {i}. {C[c]}: {s.docs_by_category[c]} {T['cat_docs']}, "
                       f"{s.findings_by_category[c]} {T['cat_n']} ({s.occurrences_by_category[c]} {T['cat_occ']})")
    out.append("")
    out.append(h(T["sev"]))
    for sev in ("error", "warning", "info"):
        out.append(f"{li}{T['sev_names'][sev]}: {s.by_severity[sev]}")
    out.append("")
    out.append(h(T["issuer"]))
    rows = [[issuer, str(year or "-"), str(row["documents"]), str(row["with_findings"])] +
            [str(row[c]) for c in REPORT_CATEGORIES] for issuer, year, row in s.issuer_year_rows()]
    if markdown:
        cols = [T["issuer_col"], T["year"], T["n_docs"], T["n_with"]] + [C[c] for c in REPORT_CATEGORIES]
        out += ["| " + " | ".join(cols) + " |", "|" + "---|" * 2 + "---:|" * (len(cols) - 2)]
        out += ["| " + " | ".join(v.replace("|", "/") for v in vals) + " |" for vals in rows]
    else:  # a fixed-width table; category columns by their rule prefix, with a legend
        from ..engine import PREFIX_OF_CATEGORY
        cols = [T["issuer_col"], T["year"], T["n_docs"], T["n_with"]] + [PREFIX_OF_CATEGORY[c] for c in REPORT_CATEGORIES]
        width = min(48, max([len(cols[0])] + [len(r[0]) for r in rows]))
        fmt = lambda vals: "  " + vals[0][:width].ljust(width) + "".join(v.rjust(max(6, len(cols[i]) + 2))
                                                                         for i, v in enumerate(vals[1:], 1))
        out.append(fmt(cols))
        out += [fmt(vals) for vals in rows]
        out.append("  (" + ", ".join(f"{PREFIX_OF_CATEGORY[c]}: {C[c]}" for c in REPORT_CATEGORIES) + ")")
    if s.by_rule:
        out.append("")
        out.append(h(T["rules"]))
        for rule, n in s.by_rule.most_common(15):
            occ = s.by_rule_occurrences[rule]
            out.append(f"{li}{rule}: {n}" + (f" (×{occ})" if occ != n else ""))
    if s.suppressed_reasons:
        out.append("")
        out.append(h(T["suppressed"]))
        for (kind, reason), rules in s.suppressed_rows():
            listed = ", ".join(f"{r} {n}" for r, n in sorted(rules.items()))
            out.append(f"{li}[{T['kind_names'].get(kind, kind)}] {reason}: {sum(rules.values())} ({listed})")
    if s.error_codes:
        out.append("")
        out.append(h(T["codes"]))
        for code, n in s.error_codes.most_common():
            out.append(f"{li}{code}: {n}")
    return "\n".join(out) + "\n"


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", **_options) -> None:
    stream.write(render_text(summarize(results, lang), lang))
