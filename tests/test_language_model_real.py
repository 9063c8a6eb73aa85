"""The defects named in issue 14, each found by an NN1xx rule in the real document it was seen in
(../shared/corpus; read by the real readers, parsed by the real parser), plus the model's size and
loading contract."""
from __future__ import annotations

import gzip
import json

import pytest

from vbqppl_check.config import Config
from vbqppl_check.engine import run_checks
from vbqppl_check.parse import parse
from vbqppl_check.readers import read

CFG = Config(select=("NN1",))


def _vbpl(corpus, source_file: str) -> str:
    with gzip.open(corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("source_file") == source_file:
                return "\n".join(x for x in (rec.get("title"), rec.get("text")) if x)
    raise AssertionError(f"{source_file} not in the vbpl corpus")


def _findings(doc):
    return [(f.rule, f.found, f.suggestion) for f in run_checks(doc, CFG)]


def _text_doc(text: str):
    return parse(read(text.encode("utf-8"), name="doc.txt"))


def _has(findings, rule, found_part, sugg_part=None):
    return any(r == rule and found_part in (f or "") and (sugg_part is None or sugg_part in (s or ""))
               for r, f, s in findings)


@pytest.mark.parametrize("rel,rule,found,sugg", [
    # issue 14: "Căn cứ Thông số 17/2025/TT-…", "Chịu trách trước pháp luật", "luật an toàn thực phẩm"
    ("tvpl-2025-md/docs/27009faffc98b8aa.md", "NN104", "Thông số", "Thông tư"),
    ("tvpl-2025-md/docs/27009faffc98b8aa.md", "NN101", "trách trước", "trách nhiệm trước"),
    ("tvpl-2025-md/docs/27009faffc98b8aa.md", "NN105", "luật an toàn thực phẩm", "Luật An toàn thực phẩm"),
    # "công nhận công nhận", "biết được biết" (across a line break)
    ("tvpl-2025-md/docs/adc1d34379e9829f.md", "NN106", "công nhận công nhận", "công nhận"),
    ("tvpl-2025-md/docs/005d8820eb95c1cb.md", "NN106", "biết được biết", None),
    # "Luật ban hành văn bản …" in a căn cứ (Công báo text)
    ("congbao-pdf-8topics/txt/quyet-dinh-so-135-qd-bldtbxh-41357.txt", "NN105", "Luật ban hành văn bản",
     "Luật Ban hành văn bản"),
    # "ngày 06 \ntháng 11 tháng 2025" (the date broken over two lines)
    ("congbao-pdf-8topics/txt/thong-tu-so-148-2025-tt-btc-468756.txt", "NN102", "tháng 11 tháng 2025",
     "tháng 11 năm 2025"),
    # "Hàng hỏa" (a real-word error: valid syllables, wrong tone)
    ("tvpl-2025-md/docs/f6ed9374d8eb2ea7.md", "NN100", "hỏa", "hóa"),
])
def test_issue_examples_in_their_documents(corpus, rel, rule, found, sugg):
    doc = parse(read(corpus / rel))
    got = _findings(doc)
    assert _has(got, rule, found, sugg), [g for g in got if g[0] == rule]


def test_vbpl_title_date_and_law_name(corpus):
    doc = _text_doc(_vbpl(corpus, "doc_000137.html"))   # title: "… ngày 06 tháng 11 tháng 2025 …"
    assert _has(_findings(doc), "NN102", "ngày 06 tháng 11 tháng 2025", "ngày 06 tháng 11 năm 2025")
    doc = _text_doc(_vbpl(corpus, "doc_000263.html"))   # "Căn cứ Luật ban hành văn bản quy phạm pháp luật số …"
    assert _has(_findings(doc), "NN105", "Luật ban hành văn bản", "Luật Ban hành văn bản quy phạm pháp luật")


def test_number_without_hyphen_in_real_texts(corpus):
    """"13/2020/TT BTC" and "54/2019/NĐ_CP" as published on vbpl.vn. (The issue's "289/2025/NĐ CP"
    is what our PDF reader makes of "NĐ-" at a line end and "CP" on the next line of the Công báo
    PDF of TT 148/2025/TT-BTC: a reader artefact, not a defect of the document, so it is not
    asserted here.)"""
    got = _findings(_text_doc(_vbpl(corpus, "doc_000009.html")))
    assert _has(got, "NN103", "13/2020/TT BTC", "13/2020/TT-BTC")
    got = _findings(_text_doc(_vbpl(corpus, "doc_000143.html")))
    assert _has(got, "NN103", "54/2019/NĐ_CP", "54/2019/NĐ-CP")


def test_date_broken_over_lines_in_the_congbao_pdf(corpus):
    doc = parse(read(corpus / "congbao-pdf-8topics/pdf/thong-tu-so-148-2025-tt-btc-468756.pdf"))
    assert _has(_findings(doc), "NN102", "tháng 11 tháng 2025", "tháng 11 năm 2025")


def test_the_corrected_texts_are_clean(corpus):
    """The same passages written correctly give no NN1xx finding."""
    text = ("Căn cứ Thông tư số 17/2025/TT-BNNMT ngày 19 tháng 6 năm 2025 của Bộ trưởng Bộ Nông nghiệp và "
            "Môi trường;\nCăn cứ Nghị định số 15/2018/NĐ-CP quy định chi tiết thi hành một số điều của Luật An "
            "toàn thực phẩm;\nCăn cứ Nghị định số 289/2025/NĐ-CP ngày 06 tháng 11 năm 2025 của Chính phủ;\n"
            "1. Chịu trách nhiệm trước pháp luật và Chủ tịch Ủy ban nhân dân tỉnh về kết quả công nhận kết quả "
            "thăm dò khoáng sản.\nHàng hóa đề nghị xác định trước mã số do tổ chức, cá nhân cung cấp.")
    assert _findings(_text_doc(text)) == []


def test_model_size_and_lazy_loading():
    """The model stays small (≤ 30 MB installed; it is ≈ 2.3 MB) and is not loaded by importing
    the checks."""
    import sys

    from vbqppl_check.data import corpora_path
    total = sum(p.stat().st_size for p in corpora_path("lexicon").glob("lm_*"))
    assert total < 5 * 1024 * 1024, total
    import subprocess
    code = ("import vbqppl_check.checks.language_model, vbqppl_check.engine as e; e.load_catalogue(); "
            "from vbqppl_check.nlp import langmodel; print(langmodel.model.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
