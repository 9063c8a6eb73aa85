"""The standalone HTML report: one self-contained file that opens offline, in the look of the web
page (vbqppl_check/web): totals, inline-SVG charts by category, rule, issuer and year (click a bar
to filter), a sortable, filterable table of the documents, and each document's findings one click
away, highlighted in its text (results checked with keep_text) with the rule's explanation.

The data is JSON in the page, rendered on demand by web/static/report.js (with web/static/common.js
and app.css, inlined): at 6,000 documents the file stays under 20 MB and the table responsive. The
document texts are kept whole while they fit the size budget, else only their paragraphs with
findings. The summary tables (occurrences, suppressed findings) are also written as plain HTML,
and for small reports every document as plain HTML in <noscript>, readable without JavaScript.
No external asset, every value escaped.
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
.tables table,noscript table{border-collapse:collapse;margin:.5em 0}
.tables td,.tables th,section.document td,section.document th{border:1px solid #ccd;padding:.2em .5em;vertical-align:top}
.tables th,section.document th{background:#eef3fa;text-align:left}td.n{text-align:right}
section.document{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.8em 1em;margin:1em 0}
p.blk{margin:.15em 0;white-space:pre-wrap}.text{border:1px solid #ddd;padding:1em;background:#fcfcfc;font-family:serif}
p.flag-error{border-left:4px solid #c00;padding-left:.4em}p.flag-warning{border-left:4px solid #d90;padding-left:.4em}
p.flag-info{border-left:4px solid #69c;padding-left:.4em}small{color:#666}sup{font-size:.7em;color:#555}
"""
L = {
    "vi": {"doc": "Văn bản", "findings": "Phát hiện", "rule": "Mã", "sev": "Mức độ", "where": "Vị trí",
           "msg": "Nội dung", "ref": "Căn cứ", "text": "Toàn văn (phần được đánh dấu là nơi có phát hiện)",
           "notext": "Không lưu văn bản gốc trong kết quả này (chạy với keep_text để xem).",
           "none": "Không có phát hiện.", "unreadable": "Không đọc được tệp", "para": "đoạn",
           "meta": ("Loại", "Số, ký hiệu", "Cơ quan ban hành", "Ngày", "Trích yếu", "Người ký"),
           "found": "Thực tế", "expected": "Yêu cầu", "suggest": "Đề xuất", "also": "Cũng ở",
           "superseded": "Gộp với", "suppressed": "Phát hiện không báo", "reason": "Lý do",
           "tables": "Bảng số liệu tổng hợp"},
    "en": {"doc": "Document", "findings": "Findings", "rule": "Rule", "sev": "Severity", "where": "Location",
           "msg": "Message", "ref": "Provision", "text": "Full text (highlighted where findings are)",
           "notext": "The document's text was not kept in this result (run with keep_text to see it).",
           "none": "No findings.", "unreadable": "Unreadable file", "para": "paragraph",
           "meta": ("Type", "Number", "Issuer", "Date", "Title", "Signer"),
           "found": "Found", "expected": "Required", "suggest": "Suggestion", "also": "Also at",
           "superseded": "Also reported as", "suppressed": "Findings not reported", "reason": "Reason",
           "tables": "Summary tables"},
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


MAX_BYTES = 20 * 1024 * 1024     # the whole file
TEXT_BUDGET = 12 * 1024 * 1024   # document texts in the data, beyond which only paragraphs with findings are kept
NOSCRIPT_MAX_DOCS = 300          # plain-HTML documents for readers without JavaScript, in small reports
SEVS = ("error", "warning", "info")


# What is given up, in this order, when the data would not fit MAX_BYTES: whole texts (then only the
# paragraphs with findings), those paragraphs, the expected/found/suggestion details, message length.
# (text budget, details, longest message); the page says which step was taken.
TIERS = ((TEXT_BUDGET, True, None), (0, True, None), (0, False, None), (0, False, 200), (0, False, 80))


def _short(text: str | None, n: int | None) -> str | None:
    return text if text is None or n is None or len(text) <= n else text[: n - 1] + "…"


def _finding_row(f, lang: str, refs: dict[str, int], details: bool = True, msg_max: int | None = None) -> list:
    ref = refs.setdefault(f.reference or "", len(refs))
    locs = [[loc.block, loc.start, loc.end, loc.page, loc.path or loc.component] for loc in f.locations]
    return [f.rule, SEVS.index(f.severity) if f.severity in SEVS else 2,
            REPORT_CATEGORIES.index(f.category) if f.category in REPORT_CATEGORIES else 0,
            _short(f.message(lang), msg_max), locs, f.expected if details else None,
            f.found if details else None, f.suggestion if details else None, ref, f.occurrences]


def _doc_row(r: DocumentResult, lang: str, refs: dict[str, int], details: bool = True,
             msg_max: int | None = None) -> dict:
    md = r.metadata
    row: dict = {"p": r.path, "st": 0 if r.status == "ok" else 1, "fm": r.format}
    if r.status == "error":
        row.update(ec=r.error_code, em=r.error_en if lang == "en" else r.error_vi)
    if md:
        for key, value in (("k", md.kind), ("t", md.type), ("n", md.number), ("d", md.date), ("i", md.issuer),
                           ("ti", md.title), ("sg", md.signer)):
            if value:
                row[key] = value
    if r.regime:
        row.update(rg=r.regime, jo=r.judged_on, ds=r.date_source)
    row["F"] = [_finding_row(f, lang, refs, details, msg_max) for f in r.findings]
    if r.suppressed:
        row["S"] = [[x.finding.rule, x.finding.message(lang), x.suppression.reason, x.finding.occurrences]
                    for x in r.suppressed]
    return row


def _texts(results: list[DocumentResult], rows: list[dict], budget: int) -> bool:
    """Put the documents' texts in their rows: whole while they fit `budget`, else the paragraphs with
    findings. Returns True when texts were cut."""
    full = sum(len(t) for r in results for t in (r.block_texts or ()))
    cut = full * 1.3 > budget   # JSON escaping and UTF-8 of Vietnamese: about 1.3 bytes a character
    for r, row in zip(results, rows):
        if not r.block_texts:
            continue
        if not cut:
            row["B"] = list(r.block_texts)
            continue
        keep = sorted({loc.block for f in r.findings for loc in f.locations
                       if loc.block is not None and 0 <= loc.block < len(r.block_texts)})
        row["B"] = {str(i): r.block_texts[i] for i in keep}
        row["om"] = 1
    return cut


def report_data(results: list[DocumentResult], lang: str = "vi", *, text_budget: int = TEXT_BUDGET,
                details: bool = True, msg_max: int | None = None) -> dict:
    """The data the page renders: documents (compact rows), rules with their explanation, references."""
    from ..commands.rule import explain
    from ..engine import load_catalogue
    refs: dict[str, int] = {}
    rows = [_doc_row(r, lang, refs, details, msg_max) for r in results]
    if text_budget > 0:
        _texts(results, rows, text_budget)
    catalogue = load_catalogue()
    rules: dict[str, dict] = {}
    for r in results:
        for f in r.findings:
            if f.rule not in rules:
                rule = catalogue.get(f.rule)
                rules[f.rule] = {"v": f.verification, "ti": rule.title[lang] if rule else None,
                                 "x": explain(rule, lang) if rule else None}
    return {"version": __version__, "lang": lang, "categories": list(REPORT_CATEGORIES),
            "refs": list(refs), "rules": rules, "docs": rows}


def _json_for_script(data) -> str:
    import json
    # "<" only occurs inside JSON strings: escaping it keeps "</script>" and "<!--" out of the page
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def write(results: Iterable[DocumentResult], stream: IO, *, lang: str = "vi", **_options) -> None:
    from ..web import asset
    results = list(results)
    T = TEXT[lang]
    s = Summary()
    for r in results:
        s.add(r, lang)
    noscript = ""
    if len(results) <= NOSCRIPT_MAX_DOCS:
        noscript = "<noscript>" + "".join(_document(n, r, lang) for n, r in enumerate(results, 1)) + "</noscript>"
    room = MAX_BYTES - 1024 * 1024 - len(noscript.encode("utf-8")) - len(_summary(s, lang).encode("utf-8"))
    for step, (budget, details, msg_max) in enumerate(TIERS):
        payload = report_data(results, lang, text_budget=budget, details=details, msg_max=msg_max)
        # what the page says was left out (report.js REDUCED): 1 texts cut to the paragraphs with
        # findings, 2 no texts, 3 no details, 4 messages shortened
        cut = any(d.get("om") for d in payload["docs"])
        payload["reduced"] = (1 if cut else 0) if step == 0 else min(step + 1, 4)
        data = _json_for_script(payload)
        if len(data.encode("utf-8")) <= room:
            break
    stream.write(f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                 '<meta name="viewport" content="width=device-width, initial-scale=1">'
                 f'<meta name="generator" content="vbqppl-check {e(__version__)}">'
                 f'<title>{e(T["title"])}</title><style>{asset("static/app.css")}{CSS}</style></head>'
                 f'<body data-lang="{e(lang)}"><header class="top"><h1>{e(T["title"])}</h1>'
                 f'<span class="ver">vbqppl-check {e(__version__)}</span><span class="langsw">'
                 '<button type="button" data-lang="vi">Tiếng Việt</button> '
                 '<button type="button" data-lang="en">English</button></span></header><main>'
                 '<div id="app"></div>'
                 f'<details class="panel tables"><summary>{e(L[lang]["tables"])}</summary>{_summary(s, lang)}</details>')
    stream.write(noscript)
    stream.write(f'</main><script type="application/json" id="vb-data">{data}</script>'
                 f'<script>{asset("static/common.js")}</script><script>{asset("static/report.js")}</script>'
                 "</body></html>\n")
