"""Post-OCR correction (nlp.ocr_correct) and the OCR path with the shipped best model (readers.ocr).

The Tesseract tests skip when Tesseract is not installed; the corpus tests skip without ../shared/corpus.
"""
from __future__ import annotations

import gzip
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from vbqppl_check.limits import Limits
from vbqppl_check.nlp.ocr_correct import correct, repair_grammar
from vbqppl_check.parse.document import parse_structure
from vbqppl_check.readers import ocr, read

needs_tesseract = pytest.mark.skipif(not ocr.ocr_available(),
                                     reason="Tesseract with a Vietnamese model is not installed")


# Readings Tesseract gave of the real scans in real-pdf-local-2025 (issue #19), and the printed text.
@pytest.mark.parametrize("ocr_text, printed", [
    ("Ban hành Kê hoạch tông kêt 15 năm thi hành Luật Nuôi con nuôi",
     "Ban hành Kế hoạch tổng kết 15 năm thi hành Luật Nuôi con nuôi"),
    ("Số: 2307 /QĐÐ-UBND", "Số: 2307/QĐ-UBND"),
    ("ỦY BAN NHÂN DÂN THÀNH PHÔ CẦN THƠ", "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"),
    ("các câp, quôc phòng", "các cấp, quốc phòng"),
    # a first letter Tesseract dropped (Cần Thơ, Sơn La scans; a tuning page)
    ("chịu rách nhiệm thi hành", "chịu trách nhiệm thi hành"),
    ("Luật Nuôi con uôi", "Luật Nuôi con uôi"),   # a vowel-initial word takes no onset ("ấy" is not "lấy")
    ("trong trường hợp ấy thì", "trong trường hợp ấy thì"),
    ("Các Bộ trưởng, Thủ rưởng cơ quan ngang Bộ", "Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ"),
    # synthetic scans of tuning-half Công báo pages (benchmarks/ocr_accuracy.py): a capital N read "A"/"À",
    # a "y" read "a", the month 6 read "ó", a marked capital inside a word, a fraction slash for "/"
    ("Căn cứ Aghị định số 40/2025/NĐ-CP của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cầu tổ chức",
     "Căn cứ Nghị định số 40/2025/NĐ-CP của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức"),
    ("một số nội dung tại Àghị định số 289/2025/NĐ- CP", "một số nội dung tại Nghị định số 289/2025/NĐ-CP"),
    ("trừ trường hợp qua định tại", "trừ trường hợp quy định tại"),
    ("phiên họp thứ 9 thông qua ngày 23 tháng 3 năm", "phiên họp thứ 9 thông qua ngày 23 tháng 3 năm"),
    ("Căn cứ Luật Thủ đô ngày 28 tháng ó năm 2024;", "Căn cứ Luật Thủ đô ngày 28 tháng 6 năm 2024;"),
    ("tại Thông tư sỐ 44/2022/TT-BTC, trừ cụm từ", "tại Thông tư số 44/2022/TT-BTC, trừ cụm từ"),
    ("Số: 13⁄2022/TT-BLĐTBXH", "Số: 13/2022/TT-BLĐTBXH"),
    ("xác thực điện tử eKYC", "xác thực điện tử eKYC"),   # an unmarked capital inside a word is kept
])
def test_correction_of_real_ocr_readings(ocr_text, printed):
    assert correct(ocr_text) == printed


def test_grammar_repairs_numbers_and_dates():
    assert repair_grammar("Số: 15 / 2O25 / NĐ - CP") == "Số: 15/2025/NĐ-CP"
    assert repair_grammar("Hà Nội, ngày 1l tháng O9 năm 2O25") == "Hà Nội, ngày 11 tháng 09 năm 2025"
    assert repair_grammar("Ðiều 3") == "Điều 3"
    assert repair_grammar("Luật số 30/2023/QHI5.") == "Luật số 30/2023/QH15."
    assert repair_grammar("“2, Sửa đổi khoản 3") == "“2. Sửa đổi khoản 3"
    assert repair_grammar("ngày 2, 3 và 4") == "ngày 2, 3 và 4"
    assert repair_grammar("ngày J1 tháng 5 năm 2026") == "ngày 11 tháng 5 năm 2026"
    # text that is already right is left alone
    line = "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ;"
    assert repair_grammar(line) == line


@pytest.mark.corpus
def test_correction_leaves_born_digital_text_alone(corpus: Path):
    """On the text layer of Công báo pages (evaluation half) the corrector changes almost nothing:
    it corrects OCR's marks, not the author's words (≤ 0.5 % of words changed)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from _split import is_evaluation
    files = sorted(p for p in (corpus / "congbao-pdf-8topics" / "pdf").glob("*.pdf") if is_evaluation(p, corpus))[:6]
    assert files
    total = changed = 0
    for pdf in files:
        for b in read(pdf).blocks:
            if b.page != 1:
                continue
            before, after = b.text.split(), correct(b.text).split()
            total += len(before)
            changed += sum(x != y for x, y in zip(before, after)) + abs(len(before) - len(after))
    assert total > 1000
    assert changed / total <= 0.005, (changed, total)


def test_shipped_model_is_packaged_and_noted():
    src = ocr.shipped_model()
    assert src.is_file()
    with gzip.open(src, "rb") as fh:
        assert len(fh.read(1 << 16)) == 1 << 16
    notice = src.with_name("NOTICE.txt").read_text(encoding="utf-8")
    assert "Apache License" in notice and "tessdata_best" in notice


@needs_tesseract
def test_ocr_uses_the_shipped_model(tmp_path, monkeypatch):
    monkeypatch.setenv("VBQPPL_CHECK_CACHE_DIR", str(tmp_path))
    ocr.model_dir.cache_clear()
    try:
        d = ocr.model_dir()
        assert d is not None
        with gzip.open(ocr.shipped_model(), "rb") as fh:
            assert Path(d, "vie.traineddata").read_bytes() == fh.read()
        assert ocr.model_args()[:2] == ["--tessdata-dir", d]
        out = subprocess.run(["tesseract", "--tessdata-dir", d, "--list-langs"], capture_output=True, text=True)
        assert "vie" in out.stdout.split()
    finally:
        ocr.model_dir.cache_clear()


SCANS = "real-pdf-local-2025"


@needs_tesseract
@pytest.mark.corpus
def test_cached_rerun_does_not_call_tesseract(corpus: Path, tmp_path, monkeypatch):
    monkeypatch.setenv("VBQPPL_CHECK_CACHE_DIR", str(tmp_path))
    ocr.model_dir.cache_clear()
    try:
        pdf = corpus / SCANS / "sonla_QD-2307-QD-UBND_2025-09-11_scan.pdf"
        limits = Limits(ocr_max_pages=1)
        first = read(pdf, limits=limits)
        calls = ocr.CALLS
        again = read(pdf, limits=limits)
        assert ocr.CALLS == calls
        assert [b.text for b in again.blocks] == [b.text for b in first.blocks]
        assert first.ocr and all(b.origin == "ocr" for b in first.blocks if b.page == 1)
    finally:
        ocr.model_dir.cache_clear()


# Header fields as printed on the scans (read by eye; PROVENANCE.md of the set). The Trường Đại học
# Công Thương plan has a handwritten number and day: only its issuer and type are checked.
REAL = [
    ("sonla_QD-2307-QD-UBND_2025-09-11_scan.pdf",
     {"number": "2307/QĐ-UBND", "date": "2025-09-11", "type": "Quyết định", "issuer": "ủy ban nhân dân tỉnh sơn la"}),
    ("cantho_KH-70-KH-UBND_2025-09-15_saoy_scan.pdf",
     {"number": "70/KH-UBND", "date": "2025-09-15", "type": "Kế hoạch",
      "issuer": "ủy ban nhân dân thành phố cần thơ"}),
    # printed: "BỘ CÔNG THƯƠNG / TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG / THÀNH PHỐ HỒ CHÍ MINH" (number and day handwritten)
    ("dh-congthuong-hcm_KH-xx-KH-DCT_2026-06_scan.pdf",
     {"type": "Kế hoạch", "issuer": "trường đại học công thương thành phố hồ chí minh"}),
]


def _norm(s):
    return " ".join(str(s or "").lower().replace("uỷ", "ủy").split())


@needs_tesseract
@pytest.mark.corpus
@pytest.mark.parametrize("name, want", REAL)
def test_real_scan_header_fields(corpus: Path, name, want):
    src = read(corpus / SCANS / name, limits=Limits(ocr_max_pages=1))
    md = parse_structure(replace(src, blocks=tuple(b for b in src.blocks if b.page == 1))).metadata
    got = {k: _norm(getattr(md, k)) for k in want}
    assert got == {k: _norm(v) for k, v in want.items()}


@pytest.mark.parametrize("read_as, printed", [
    ("ỦY BAN NHÂN DÂN THÀNH PHÓ CÀN THƠ", "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"),   # the Cần Thơ scan's reading
    ("UBND TINH SON LA", "UBND TỈNH SƠN LA"),
    ("xã Tân Hòa, huyện Phú Tân", "xã Tân Hòa, huyện Phú Tân"),                 # right already: kept
    ("tỉnh Hoà Bình", "tỉnh Hoà Bình"),                                         # the old tone placement is kept
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),  # not a unit's name
])
def test_place_names_against_the_administrative_units(read_as, printed):
    from vbqppl_check.nlp.ocr_correct import repair_places
    assert repair_places(read_as) == printed
