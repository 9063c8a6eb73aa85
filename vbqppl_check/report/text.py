"""Plain-text output for a terminal: file, paragraph or page, structural path, message, provision."""
from __future__ import annotations

from typing import IO, Iterable

from ..model.finding import CATEGORY_VI, SEVERITY_VI
from ..result import DocumentResult

MAX_PLACES = 20   # other places of a finding listed on its "also at" line

LABELS = {
    "vi": {"page": "trang", "para": "đoạn", "ref": "Căn cứ", "expected": "Yêu cầu", "found": "Thực tế",
           "suggest": "Đề xuất", "none": "Không phát hiện lỗi.", "error": "KHÔNG ĐỌC ĐƯỢC",
           "also": "Cũng ở", "superseded": "Gộp với",
           "suppressed": "Không báo {n} phát hiện: {baseline} đã chấp nhận (baseline), {config} bỏ qua theo cấu hình.",
           "total": "Tổng cộng: {docs} văn bản, {bad} văn bản có lỗi (error), {n} phát hiện ({occ} lần xuất hiện)."},
    "en": {"page": "page", "para": "paragraph", "ref": "Provision", "expected": "Required", "found": "Found",
           "suggest": "Suggestion", "none": "No findings.", "error": "UNREADABLE",
           "also": "Also at", "superseded": "Also reported as",
           "suppressed": "{n} findings not reported: {baseline} accepted in the baseline, {config} ignored by the configuration.",
           "total": "Total: {docs} documents, {bad} with errors, {n} findings ({occ} occurrences)."},
}


def where(f, lang: str, loc=None) -> str:
    L = LABELS[lang]
    loc = loc or f.location
    parts = []
    if loc.page is not None:
        parts.append(f"{L['page']} {loc.page}")
    if loc.block is not None:
        parts.append(f"{L['para']} {loc.block + 1}")
    if loc.path:
        parts.append(loc.path)
    if loc.component and not loc.path:
        parts.append(loc.component)
    return ", ".join(parts) or "-"


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", **_options) -> None:
    L = LABELS[lang]
    docs = bad = n = occ = sup_b = sup_c = 0
    for r in results:
        docs += 1
        stream.write(f"== {r.path}\n")
        if r.status == "error":
            bad += 1
            stream.write(f"  [{L['error']}] {r.error_en if lang == 'en' else r.error_vi}\n\n")
            continue
        bad += r.has_errors
        if not r.findings:
            stream.write(f"  {L['none']}\n\n")
        for f in r.findings:
            n += 1
            occ += f.occurrences
            sev = f.severity if lang == "en" else SEVERITY_VI[f.severity]
            times = f" ×{f.occurrences}" if f.occurrences > 1 else ""
            stream.write(f"  {r.path}:{where(f, lang)}: {f.rule} [{sev}]{times} {f.message(lang)}\n")
            if f.more_locations:
                places = [where(f, lang, loc) for loc in f.more_locations[:MAX_PLACES]]
                more = len(f.more_locations) - MAX_PLACES
                stream.write(f"      {L['also']}: {'; '.join(places)}{f'; … (+{more})' if more > 0 else ''}\n")
            if f.superseded:
                stream.write(f"      {L['superseded']}: {', '.join(rule for rule, _ in f.superseded)}\n")
            if f.expected or f.found:
                stream.write(f"      {L['expected']}: {f.expected or '-'} | {L['found']}: {f.found or '-'}\n")
            if f.suggestion:
                stream.write(f"      {L['suggest']}: {f.suggestion}\n")
            stream.write(f"      {L['ref']}: {f.reference}\n")
        if r.suppressed:
            b = sum(s.suppression.kind == "baseline" for s in r.suppressed)
            sup_b, sup_c = sup_b + b, sup_c + len(r.suppressed) - b
            stream.write("  " + L["suppressed"].format(n=len(r.suppressed), baseline=b,
                                                       config=len(r.suppressed) - b) + "\n")
        stream.write("\n")
    stream.write(L["total"].format(docs=docs, bad=bad, n=n, occ=occ) + "\n")
    if sup_b or sup_c:
        stream.write(L["suppressed"].format(n=sup_b + sup_c, baseline=sup_b, config=sup_c) + "\n")
