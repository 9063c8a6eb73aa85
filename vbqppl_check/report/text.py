"""Plain-text output for a terminal: file, paragraph or page, structural path, message, provision."""
from __future__ import annotations

from typing import IO, Iterable

from ..model.finding import CATEGORY_VI, SEVERITY_VI
from ..result import DocumentResult

LABELS = {
    "vi": {"page": "trang", "para": "đoạn", "ref": "Căn cứ", "expected": "Yêu cầu", "found": "Thực tế",
           "suggest": "Đề xuất", "none": "Không phát hiện lỗi.", "error": "KHÔNG ĐỌC ĐƯỢC",
           "total": "Tổng cộng: {docs} văn bản, {bad} văn bản có lỗi (error), {n} phát hiện."},
    "en": {"page": "page", "para": "paragraph", "ref": "Provision", "expected": "Required", "found": "Found",
           "suggest": "Suggestion", "none": "No findings.", "error": "UNREADABLE",
           "total": "Total: {docs} documents, {bad} with errors, {n} findings."},
}


def where(f, lang: str) -> str:
    L = LABELS[lang]
    loc = f.location
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
    docs = bad = n = 0
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
            sev = f.severity if lang == "en" else SEVERITY_VI[f.severity]
            stream.write(f"  {r.path}:{where(f, lang)}: {f.rule} [{sev}] {f.message(lang)}\n")
            if f.expected or f.found:
                stream.write(f"      {L['expected']}: {f.expected or '-'} | {L['found']}: {f.found or '-'}\n")
            if f.suggestion:
                stream.write(f"      {L['suggest']}: {f.suggestion}\n")
            stream.write(f"      {L['ref']}: {f.reference}\n")
        stream.write("\n")
    stream.write(L["total"].format(docs=docs, bad=bad, n=n) + "\n")
