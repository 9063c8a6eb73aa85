"""A standalone HTML report: the self-inspection summary, then every document with its findings
highlighted in its own text (needs results checked with keep_text; otherwise findings only).

One file, no external assets (inline CSS, no script), every value escaped.
"""
from __future__ import annotations

import html
from typing import IO, Iterable

from .. import __version__
from ..model.finding import SEVERITY_VI
from ..result import DocumentResult
from .summary import CATEGORY_LABEL, REPORT_CATEGORIES, TEXT, Summary

SEV_RANK = {"error": 3, "warning": 2, "info": 1}
CSS = """
body{font-family:"Times New Roman",serif;margin:2em auto;max-width:72em;color:#222;line-height:1.45}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .5em;vertical-align:top}
th{background:#ddebf7;text-align:left}td.n{text-align:right}
mark{padding:0 .1em;border-radius:2px}mark.error{background:#f8cbad}mark.warning{background:#ffe699}
mark.info{background:#ddebf7}p.blk{margin:.15em 0;white-space:pre-wrap}
p.flag-error{border-left:4px solid #c00;padding-left:.4em}p.flag-warning{border-left:4px solid #d90;padding-left:.4em}
p.flag-info{border-left:4px solid #69c;padding-left:.4em}.text{border:1px solid #ddd;padding:1em;background:#fcfcfc}
.err{color:#a00}small{color:#666}sup{font-size:.7em;color:#555}
"""
L = {
    "vi": {"doc": "Văn bản", "findings": "Phát hiện", "rule": "Mã", "sev": "Mức độ", "where": "Vị trí",
           "msg": "Nội dung", "ref": "Căn cứ", "text": "Toàn văn (phần được đánh dấu là nơi có phát hiện)",
           "notext": "Không lưu văn bản gốc trong kết quả này (chạy với keep_text để xem).",
           "none": "Không có phát hiện.", "unreadable": "Không đọc được tệp", "para": "đoạn",
           "meta": ("Loại", "Số, ký hiệu", "Cơ quan ban hành", "Ngày", "Trích yếu", "Người ký"),
           "found": "Thực tế", "expected": "Yêu cầu", "suggest": "Đề xuất", "also": "Cũng ở",
           "superseded": "Gộp với", "suppressed": "Phát hiện không báo", "reason": "Lý do"},
    "en": {"doc": "Document", "findings": "Findings", "rule": "Rule", "sev": "Severity", "where": "Location",
           "msg": "Message", "ref": "Provision", "text": "Full text (highlighted where findings are)",
           "notext": "The document's text was not kept in this result (run with keep_text to see it).",
           "none": "No findings.", "unreadable": "Unreadable file", "para": "paragraph",
           "meta": ("Type", "Number", "Issuer", "Date", "Title", "Signer"),
           "found": "Found", "expected": "Required", "suggest": "Suggestion", "also": "Also at",
           "superseded": "Also reported as", "suppressed": "Findings not reported", "reason": "Reason"},
}


def e(v) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def highlight(text: str, marks: list[tuple[int, int, str, str, str]]) -> str:
    """`text` with <mark>s for (start, end, severity, title, anchor id); overlapping ranges are split
    into segments, each coloured by its worst finding and titled with all of them."""
    cuts = {0, len(text)}
    for s, t, *_ in marks:
        cuts.update((max(0, min(s, len(text))), max(0, min(t, len(text)))))
    points = sorted(cuts)
    out, anchored = [], set()
    for a, b in zip(points, points[1:]):
        seg = text[a:b]
        cover = [m for m in marks if m[0] <= a and b <= m[1] and m[0] < m[1]]
        if not cover:
            out.append(e(seg))
            continue
        sev = max(cover, key=lambda m: SEV_RANK.get(m[2], 0))[2]
        title = " | ".join(m[3] for m in cover)
        ids = [m[4] for m in cover if m[4] not in anchored]
        anchored.update(ids)
        id_attr = f' id="{e(ids[0])}"' if ids else ""
        out.append(f'<mark class="{e(sev)}" title="{e(title)}"{id_attr}>{e(seg)}</mark>')
    return "".join(out)


def _summary(s: Summary, lang: str) -> str:
    T, C = TEXT[lang], CATEGORY_LABEL[lang]
    rows = "".join(f"<tr><th>{e(T[k])}</th><td class=n>{v}</td></tr>" for k, v in (
        ("docs", s.documents), ("checked", s.checked), ("unreadable", s.unreadable), ("with", s.with_findings),
        ("with_err", s.with_errors), ("findings", s.findings), ("occurrences", s.occurrences),
        ("sup_baseline", s.suppressed_baseline), ("sup_config", s.suppressed_config)))
    cats = "".join(f"<tr><td>{i}. {e(C[c])}</td><td class=n>{s.docs_by_category[c]}</td>"
                   f"<td class=n>{s.findings_by_category[c]}</td><td class=n>{s.occurrences_by_category[c]}</td></tr>"
                   for i, c in enumerate(REPORT_CATEGORIES, 1))
    sev = "".join(f"<tr><td>{e(T['sev_names'][k])}</td><td class=n>{s.by_severity[k]}</td></tr>"
                  for k in ("error", "warning", "info"))
    head = "".join(f"<th>{e(x)}</th>" for x in [T["issuer_col"], T["year"], T["n_docs"], T["n_with"]] +
                   [C[c] for c in REPORT_CATEGORIES])
    iy = "".join("<tr>" + f"<td>{e(i)}</td><td>{e(y or '-')}</td><td class=n>{r['documents']}</td>"
                 f"<td class=n>{r['with_findings']}</td>" + "".join(f"<td class=n>{r[c]}</td>" for c in REPORT_CATEGORIES)
                 + "</tr>" for i, y, r in s.issuer_year_rows())
    return (f'<section id="summary"><table class="totals">{rows}</table>'
            f'<h2>{e(T["cat"])}</h2><table class="categories"><tr><th></th><th>{e(T["cat_docs"])}</th>'
            f'<th>{e(T["cat_n"])}</th><th>{e(T["cat_occ"])}</th></tr>{cats}</table>'
            f'<h2>{e(T["sev"])}</h2><table class="severity">{sev}</table>'
            f'<h2>{e(T["issuer"])}</h2><table class="issuers"><tr>{head}</tr>{iy}</table>{_suppressed_summary(s, lang)}'
            '</section>')


def _suppressed_summary(s: Summary, lang: str) -> str:
    if not s.suppressed_reasons:
        return ""
    T = TEXT[lang]
    rows = "".join(f"<tr><td>{e(T['kind_names'].get(kind, kind))}</td><td>{e(reason)}</td>"
                   f"<td class=n>{sum(rules.values())}</td>"
                   f"<td>{e(', '.join(f'{r} {n}' for r, n in sorted(rules.items())))}</td></tr>"
                   for (kind, reason), rules in s.suppressed_rows())
    return f'<h2>{e(T["suppressed"])}</h2><table class="suppressed">{rows}</table>'


def _document(n: int, r: DocumentResult, lang: str) -> str:
    W = L[lang]
    parts = [f'<section class="document" id="doc-{n}"><h2>{e(W["doc"])} {n}: {e(r.path)}</h2>']
    if r.status == "error":
        parts.append(f'<p class="err">{e(W["unreadable"])}: [{e(r.error_code)}] '
                     f'{e(r.error_en if lang == "en" else r.error_vi)}</p></section>')
        return "".join(parts)
    md = r.metadata
    if md:
        vals = (md.type, md.number, md.issuer, md.date, md.title, md.signer)
        parts.append("<table class=meta>" + "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>"
                                                     for k, v in zip(W["meta"], vals) if v) + "</table>")
    if not r.findings:
        parts.append(f"<p>{e(W['none'])}</p>")
    else:
        parts.append(f'<table class="findings"><tr><th>#</th><th>{e(W["rule"])}</th><th>{e(W["sev"])}</th>'
                     f'<th>{e(W["where"])}</th><th>{e(W["msg"])}</th><th>{e(W["ref"])}</th></tr>')
        for j, f in enumerate(r.findings, 1):
            loc = f.location
            where = ", ".join(x for x in (f"{W['para']} {loc.block + 1}" if loc.block is not None else None,
                                          loc.path or loc.component) if x)
            also = "; ".join(", ".join(x for x in (f"{W['para']} {m.block + 1}" if m.block is not None else None,
                                                   m.path or m.component) if x) for m in f.more_locations)
            detail = "".join(f"<br><small>{e(lbl)}: {e(v)}</small>" for lbl, v in (
                (W["found"], f.found), (W["expected"], f.expected), (W["suggest"], f.suggestion),
                (W["also"], also), (W["superseded"], ", ".join(r for r, _ in f.superseded))) if v)
            if f.occurrences > 1:
                where = f"{where} ×{f.occurrences}"
            link = f'<a href="#doc-{n}-f-{j}">{j}</a>' if loc.block is not None and r.block_texts else str(j)
            sev = SEVERITY_VI[f.severity] if lang == "vi" else f.severity
            parts.append(f'<tr class="{e(f.severity)}"><td>{link}</td><td>{e(f.rule)}</td><td>{e(sev)}</td>'
                         f'<td>{e(where)}</td><td>{e(f.message(lang))}{detail}</td><td>{e(f.reference)}</td></tr>')
        parts.append("</table>")
    if r.suppressed:
        parts.append(f'<details class="suppressed"><summary>{e(W["suppressed"])}: {len(r.suppressed)}</summary>'
                     f'<table><tr><th>{e(W["rule"])}</th><th>{e(W["msg"])}</th><th>{e(W["reason"])}</th></tr>')
        for sup in r.suppressed:
            times = f" ×{sup.finding.occurrences}" if sup.finding.occurrences > 1 else ""
            parts.append(f"<tr><td>{e(sup.finding.rule)}{times}</td><td>{e(sup.finding.message(lang))}</td>"
                         f"<td>{e(sup.suppression.reason)}</td></tr>")
        parts.append("</table></details>")
    if r.block_texts is None:
        parts.append(f"<p><small>{e(W['notext'])}</small></p>")
    else:
        parts.append(_text(n, r, lang))
    parts.append("</section>")
    return "".join(parts)


def _text(n: int, r: DocumentResult, lang: str) -> str:
    W = L[lang]
    by_block: dict[int, list] = {}
    for j, f in enumerate(r.findings, 1):
        for k, loc in enumerate(f.locations):
            if loc.block is not None and 0 <= loc.block < len(r.block_texts or ()):
                by_block.setdefault(loc.block, []).append((j, f, loc, k))
    out = [f'<details{" open" if r.findings else ""}><summary>{e(W["text"])}</summary><div class="text">']
    for i, text in enumerate(r.block_texts or ()):
        marks, whole = [], []
        for j, f, loc, k in by_block.get(i, ()):
            title = f"{f.rule}: {f.message(lang)}"
            anchor = f"doc-{n}-f-{j}" + (f"-{k + 1}" if k else "")
            if loc.start is not None and loc.end is not None and loc.end > loc.start:
                marks.append((loc.start, loc.end, f.severity, title, anchor))
            else:
                whole.append((j, f, title, anchor))
        cls = ""
        if whole:
            worst = max(whole, key=lambda w: SEV_RANK.get(w[1].severity, 0))[1].severity
            cls = f" flag-{worst}"
        anchors = "".join(f'<sup id="{e(a)}" title="{e(t)}">[{j} {e(f.rule)}]</sup>' for j, f, t, a in whole)
        out.append(f'<p class="blk{cls}" id="doc-{n}-b-{i}">{highlight(text, marks)}{anchors}</p>')
    out.append("</div></details>")
    return "".join(out)


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", **_options) -> None:
    T = TEXT[lang]
    s = Summary()
    body = []
    for n, r in enumerate(results, 1):
        s.add(r, lang)
        body.append(_document(n, r, lang))
    stream.write(f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                 f'<meta name="generator" content="vbqppl-check {e(__version__)}">'
                 f'<title>{e(T["title"])}</title><style>{CSS}</style></head><body>'
                 f'<h1>{e(T["title"])}</h1>{_summary(s, lang)}')
    for chunk in body:
        stream.write(chunk)
    stream.write("</body></html>\n")
