"""XLSX for officers (openpyxl, write-only so that 100k findings stay in bounded memory).

Sheets: "Tổng hợp" (the self-inspection summary, then a table by issuer × year × category),
"Phát hiện" (one row per finding, Vietnamese headers, autofilter, frozen header row),
"Lỗi đọc tệp" (files that could not be read) and "Văn bản" (one row per document).
"""
from __future__ import annotations

from typing import IO, Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..model.finding import CATEGORY_VI, SEVERITY_VI
from ..result import DocumentResult
from .summary import CATEGORY_LABEL, REPORT_CATEGORIES, TEXT, Summary, issuer_of, year_of

BINARY = True
FINDING_HEADERS = {
    "vi": ("Tệp", "Số, ký hiệu", "Cơ quan ban hành", "Năm", "Mã quy tắc", "Nhóm", "Mức độ", "Vị trí",
           "Trang", "Đoạn", "Nội dung phát hiện", "Trích đoạn", "Thực tế", "Yêu cầu", "Đề xuất sửa",
           "Căn cứ pháp lý", "Mức xác minh", "Số lần xuất hiện", "Các vị trí khác"),
    "en": ("File", "Number", "Issuer", "Year", "Rule", "Category", "Severity", "Location", "Page", "Paragraph",
           "Message", "Excerpt", "Found", "Required", "Suggestion", "Legal reference", "Verification",
           "Occurrences", "Other places"),
}
WIDTHS = (40, 20, 30, 7, 10, 18, 10, 24, 7, 7, 60, 40, 25, 25, 40, 45, 12, 10, 40)
SUPPRESSED_HEADERS = {
    "vi": ("Tệp", "Số, ký hiệu", "Mã quy tắc", "Mức độ", "Vị trí", "Đoạn", "Nội dung phát hiện", "Thực tế",
           "Số lần xuất hiện", "Loại", "Lý do", "Nguồn"),
    "en": ("File", "Number", "Rule", "Severity", "Location", "Paragraph", "Message", "Found", "Occurrences",
           "Kind", "Reason", "Source"),
}
DOC_HEADERS = {
    "vi": ("Tệp", "Trạng thái", "Loại văn bản", "Số, ký hiệu", "Cơ quan ban hành", "Ngày ban hành", "Trích yếu",
           "Người ký", "Số phát hiện", "Số lỗi", "Trang chưa kiểm tra", "Trang đọc bằng OCR", "SHA-256"),
    "en": ("File", "Status", "Type", "Number", "Issuer", "Date", "Title", "Signer", "Findings", "Errors",
           "Pages not checked", "Pages read by OCR", "SHA-256"),
}
ERROR_HEADERS = {"vi": ("Tệp", "Mã lỗi", "Mô tả"), "en": ("File", "Error code", "Message")}
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_SEV_FILL = {"error": PatternFill("solid", fgColor="F8CBAD"), "warning": PatternFill("solid", fgColor="FFE699")}


def _head(ws, values):
    cells = []
    for v in values:
        c = WriteOnlyCell(ws, value=v)
        c.font, c.fill = _BOLD, _HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(c)
    ws.append(cells)


def _cells(ws, values) -> list:
    """Cells for a row; text is always text (a finding quoting "=..." must never become a formula)."""
    out = []
    for v in values:
        c = WriteOnlyCell(ws, value=v)
        if isinstance(v, str):
            c.data_type = "s"
        out.append(c)
    return out


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", **_options) -> None:
    wb = Workbook(write_only=True)
    ws_sum = wb.create_sheet("Tổng hợp" if lang == "vi" else "Summary")
    ws_f = wb.create_sheet("Phát hiện" if lang == "vi" else "Findings")
    ws_doc = wb.create_sheet("Văn bản" if lang == "vi" else "Documents")
    ws_err = wb.create_sheet("Lỗi đọc tệp" if lang == "vi" else "Read errors")
    ws_sup = wb.create_sheet("Không báo" if lang == "vi" else "Not reported")
    for ws, headers, widths in ((ws_f, FINDING_HEADERS[lang], WIDTHS),
                                (ws_doc, DOC_HEADERS[lang], (40, 10, 16, 20, 30, 12, 60, 22, 10, 8, 14, 14, 20)),
                                (ws_err, ERROR_HEADERS[lang], (50, 16, 80)),
                                (ws_sup, SUPPRESSED_HEADERS[lang], (40, 20, 10, 10, 24, 7, 60, 25, 10, 10, 50, 30))):
        ws.freeze_panes = "A2"
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w
        _head(ws, headers)
    s = Summary()
    n_f = n_d = n_e = n_s = 1
    for r in results:
        s.add(r, lang)
        md = r.metadata
        n_d += 1
        ws_doc.append(_cells(ws_doc, (r.path, r.status, md.type if md else None, md.number if md else None,
                                          md.issuer if md else None, md.date if md else None,
                                          md.title if md else None, md.signer if md else None, len(r.findings),
                                          sum(f.severity == "error" for f in r.findings),
                                          ", ".join(map(str, r.unread_pages)) or None,
                                          ", ".join(map(str, r.ocr_pages)) or None, r.sha256)))
        if r.status == "error":
            n_e += 1
            ws_err.append(_cells(ws_err, (r.path, r.error_code, r.error_en if lang == "en" else r.error_vi)))
            continue
        issuer, year = issuer_of(r, lang), year_of(r)
        for sup in r.suppressed:
            f, why = sup.finding, sup.suppression
            ws_sup.append(_cells(ws_sup, (r.path, md.number if md else None, f.rule,
                                          SEVERITY_VI[f.severity] if lang == "vi" else f.severity,
                                          f.location.path or f.location.component,
                                          None if f.location.block is None else f.location.block + 1,
                                          f.message(lang), f.found, f.occurrences,
                                          TEXT[lang]["kind_names"].get(why.kind, why.kind), why.reason, why.source)))
            n_s += 1
        for f in r.findings:
            loc = f.location
            where = loc.path or loc.component
            sev = SEVERITY_VI[f.severity] if lang == "vi" else f.severity
            cat = CATEGORY_VI[f.category] if lang == "vi" else f.category
            cells = _cells(ws_f, (r.path, md.number if md else None, issuer, year, f.rule, cat, sev, where,
                                      loc.page, None if loc.block is None else loc.block + 1, f.message(lang),
                                      f.excerpt, f.found, f.expected, f.suggestion, f.reference, f.verification,
                                      f.occurrences, _other_places(f, lang)))
            if f.severity in _SEV_FILL:
                cells[6].fill = _SEV_FILL[f.severity]
            ws_f.append(cells)
            n_f += 1
    for ws, n, cols in ((ws_f, n_f, len(FINDING_HEADERS[lang])), (ws_doc, n_d, len(DOC_HEADERS[lang])),
                        (ws_err, n_e, 3), (ws_sup, n_s, len(SUPPRESSED_HEADERS[lang]))):
        ws.auto_filter.ref = f"A1:{get_column_letter(cols)}{max(n, 1)}"
    _summary_sheet(ws_sum, s, lang)
    wb.save(stream)


def _other_places(f, lang: str) -> str | None:
    """The other places of a finding found at several ("đoạn 12 (Điều 3); đoạn 40")."""
    if not f.more_locations:
        return None
    para = "đoạn" if lang == "vi" else "paragraph"
    out = []
    for loc in f.more_locations:
        where = f"{para} {loc.block + 1}" if loc.block is not None else ""
        label = loc.path or loc.component
        out.append(f"{where} ({label})" if where and label else (where or label or "?"))
    return "; ".join(out)


def _summary_sheet(ws, s: Summary, lang: str) -> None:
    T, C = TEXT[lang], CATEGORY_LABEL[lang]
    ws.column_dimensions["A"].width = 45
    for col in "BCDEFGHIJK":
        ws.column_dimensions[col].width = 14
    title = WriteOnlyCell(ws, value=T["title"])
    title.font = Font(bold=True, size=14)
    ws.append([title])
    ws.append([])
    for key, value in (("docs", s.documents), ("checked", s.checked), ("unreadable", s.unreadable),
                       ("with", s.with_findings), ("with_err", s.with_errors), ("findings", s.findings),
                       ("occurrences", s.occurrences), ("sup_baseline", s.suppressed_baseline),
                       ("sup_config", s.suppressed_config),
                       ("unread", s.with_unread_pages), ("unread_pages", s.unread_pages),
                       ("ocr", s.with_ocr_pages), ("ocr_pages", s.ocr_pages)):
        ws.append([T[key], value])
    ws.append([])
    _head(ws, [T["cat"], T["cat_docs"], T["cat_n"], T["cat_occ"]])
    for i, c in enumerate(REPORT_CATEGORIES, 1):
        ws.append([f"{i}. {C[c]}", s.docs_by_category[c], s.findings_by_category[c], s.occurrences_by_category[c]])
    ws.append([])
    _head(ws, [T["sev"], T["cat_n"]])
    for sev in ("error", "warning", "info"):
        ws.append([T["sev_names"][sev], s.by_severity[sev]])
    ws.append([])
    _head(ws, [T["issuer_col"], T["year"], T["n_docs"], T["n_with"]] + [C[c] for c in REPORT_CATEGORIES])
    for issuer, year, row in s.issuer_year_rows():
        ws.append(_cells(ws, [issuer, year, row["documents"], row["with_findings"]] + [row[c] for c in REPORT_CATEGORIES]))
    if s.suppressed_reasons:
        ws.append([])
        _head(ws, [T["suppressed"], T["cat_n"], "", ""])
        for (kind, reason), rules in s.suppressed_rows():
            listed = ", ".join(f"{r} {n}" for r, n in sorted(rules.items()))
            ws.append(_cells(ws, [f"[{T['kind_names'].get(kind, kind)}] {reason}", sum(rules.values()), listed]))
