"""Recall on realistic seeded typos and encoding defects (target ≥ 90 %), and no finding on the clean
sentences they were made from.

Each case: a clean sentence of the kind found in real documents, the substring to damage, the damaged
form and the rules allowed to report it. The damaged sentence goes through the real text reader,
parser and engine; the case is found when a finding of an accepted rule covers the damaged span.
"""
from __future__ import annotations

import unicodedata

import pytest

from vbqppl_check.config import Config
from vbqppl_check.engine import run_checks
from vbqppl_check.nlp.legacy import to_tcvn3, to_vni
from vbqppl_check.parse import parse
from vbqppl_check.readers import read

SPELL = ("NN001", "NN002")
NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731

# (clean sentence, substring, replacement, accepted rules)
CASES = [
    # invalid syllables
    ("Thông tư này được áp dụng đối với cơ quan nhà nước.", "được", "đươc", SPELL),
    ("Người đứng đầu cơ quan chịu trách nhiệm trước pháp luật.", "Người", "Nguời", SPELL),
    ("Tổ chức thực hiện việc rà soát văn bản quy phạm pháp luật.", "thực", "thưc", SPELL),
    ("Cơ quan chủ trì phối hợp với các cơ quan liên quan giải quyết công việc.", "việc", "viêc", SPELL),
    ("Sở Tư pháp hướng dẫn thực hiện thủ tục hành chính.", "hướng", "huớng", SPELL),
    ("Các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành.", "tổ chức", "tổchức", SPELL),
    ("Quyết định này có hiệu lực kể từ ngày ký.", "Quyết", "Quyêt", SPELL),
    ("Hồ sơ gồm văn bản đề nghị của cơ quan quản lý.", "của", "cuả", SPELL),
    ("Trường hợp đặc biệt do Thủ tướng Chính phủ quyết định.", "đặc", "đăc", SPELL),
    ("Doanh nghiệp nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia.", "nghiệp", "nghiệpp", SPELL),
    ("Văn bản hành chính phải được trình bày đúng thể thức.", "hành chính", "hành chínhh", SPELL),
    ("Điều này được sửa đổi như sau.", "Điều", "Điềuu", SPELL),
    # curated confusions
    ("Cá nhân có thành tích xuất sắc được xem xét khen thưởng theo quy định.", "khen thưởng", "khen thường", SPELL),
    ("Các sở, ngành rà soát thủ tục hành chính thuộc phạm vi quản lý.", "rà soát", "ra soát", SPELL),
    ("Thông tư sửa đổi, bổ sung một số điều của Thông tư số 13/2015/TT-BTC.", "bổ sung", "bố sung", SPELL),
    ("Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP.", "sửa đổi", "sửa đôi", SPELL),
    ("Cơ quan có thẩm quyền xử lý vi phạm theo quy định của pháp luật.", "xử lý", "sử lý", SPELL),
    ("Nhà nước hỗ trợ kinh phí đào tạo cho người lao động.", "hỗ trợ", "hổ trợ", SPELL),
    ("Công chức vi phạm bị xử lý kỷ luật theo quy định.", "kỷ luật", "kỹ luật", SPELL),
    ("Cơ quan có thẩm quyền ban hành văn bản quy phạm pháp luật.", "thẩm quyền", "thẫm quyền", SPELL),
    ("Cơ quan thanh tra tiến hành kiểm tra định kỳ hằng năm.", "tiến hành", "tiền hành", SPELL),
    ("Bộ trưởng Bộ Tư pháp quy định chi tiết thi hành Luật này.", "quy định", "quy đinh", SPELL),
    # statistics
    ("Nội dung thực hiện theo quy định tại Điều 73 Nghị định số 214/2025/NĐ-CP.", "Nghị định", "Nghị đính", SPELL),
    ("Đơn vị xây dựng báo cáo kết quả thu thập tư liệu.", "xây dựng", "xây dưng", SPELL),
    ("Quy định này áp dụng đối với cơ quan, tổ chức, cá nhân có liên quan.", "đối với", "đổi với", SPELL),
    ("Cơ quan nhà nước có thẩm quyền quyết định việc thu hồi.", "thẩm quyền", "thấm quyền", SPELL),
    # look-alike characters
    ("Căn cứ Thông tư số 06/2026/TT-BTC của Bộ trưởng Bộ Tài chính;", "BTC", "BTС", ("NN005",)),
    ("Căn cứ Nghị định số 07/2025/NĐ-CP của Chính phủ;", "CP", "СР", ("NN005",)),
    ("Số: 125/QĐ-UBND", "QĐ", "QÐ", ("NN005",)),
    ("Vi phạm quy định tại điểm a khoản 2 Điều 5 Nghị định này.", "điểm a", "điểm а", ("NN005",)),
    ("Gửi Tòa án NDTC và Viện KSNDTC để phối hợp.", "NDTC", "NDТС", ("NN005",)),
    ("Giao Sở Tư pháp chủ trì thực hiện.", "Sở", "Ѕở", ("NN005",)),
    ("Số: 12/KH-UBND", "KH", "ΚΗ", ("NN005",)),
    ("Thông tư số 144/2025/TT-BTC hướng dẫn bố trí nguồn kinh phí.", "BTC", "BTCС", ("NN005",)),
    # decomposed text
    ("Điều 1. Phạm vi điều chỉnh", "Phạm vi điều chỉnh", NFD("Phạm vi điều chỉnh"), ("NN006",)),
    ("Hồ sơ đề nghị cấp giấy phép gồm các giấy tờ sau đây.", "Hồ sơ", NFD("Hồ sơ"), ("NN006",)),
    ("Thủ trưởng cơ quan chịu trách nhiệm thi hành.", "trưởng", NFD("trưởng"), ("NN006",)),
    # invisible characters
    ("Số: 15/2025/NĐ-CP", "NĐ-CP", "NĐ\u200b-CP", ("NN007",)),
    ("Cơ sở lưu giữ chất thải phóng xạ.", "lưu giữ", "lưu giữ\u200e", ("NN007",)),
    ("- Lưu: VT, TCCB.", "Lưu", "L\u00adu", ("NN007",)),
    ("Quyết định này có hiệu lực kể từ ngày ký.", "hiệu lực", "hiệu\ufeff lực", ("NN007",)),
    # legacy encodings
    ("Ban hành kèm theo Quyết định của Bộ trưởng Bộ Xây dựng về việc đào tạo", None, "tcvn3", ("NN008",)),
    ("Ủy ban nhân dân tỉnh chịu trách nhiệm tổ chức thực hiện Nghị quyết này", None, "tcvn3", ("NN008",)),
    ("Điều 2. Chánh Văn phòng, Giám đốc các sở, ngành chịu trách nhiệm thi hành", None, "tcvn3", ("NN008",)),
    ("Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc", None, "vni", ("NN008",)),
    ("Quyết định này có hiệu lực kể từ ngày ký ban hành", None, "vni", ("NN008",)),
    ("Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan hướng dẫn thực hiện", None, "vni", ("NN008",)),
    # doubled words
    ("Trách nhiệm của Ủy ban nhân dân các cấp.", "của", "của của", ("NN014",)),
    ("Hồ sơ được tiếp nhận và giải quyết trong ngày.", "được", "được được", ("NN014",)),
    ("Các cơ quan có liên quan phối hợp thực hiện.", "Các", "Các các", ("NN014",)),
    ("Thực hiện theo quy định của pháp luật.", "theo", "theo theo", ("NN014",)),
    # spacing
    ("Các sở, ngành có trách nhiệm thực hiện.", "sở,", "sở ,", ("NN015",)),
    ("Chi thuê hàng hóa, dịch vụ theo dự toán.", "hóa, dịch", "hóa,dịch", ("NN015",)),
    ("Số: 1732/QĐ-UBND", "1732/QĐ", "1732 /QĐ", ("NN016",)),
    ("Văn bản hợp nhất số 8376/VBHN-BTP", "8376/VBHN", "8376 /VBHN", ("NN016",)),
    ("Bãi bỏ Thông tư số 38/2020/TT-BGTVT ngày 31/12/2020.", "TT-BGTVT", "TT- BGTVT", ("NN016",)),
    ("Căn cứ Quyết định số 15/QĐ-UBND ngày 22/11/2019;", "22/11/2019", "22 /11/2019", ("NN016",)),
    # capitalisation
    ("Việc xử lý thực hiện theo quy định tại khoản 2 Điều 5 của Nghị định này.", "Điều 5", "điều 5", ("NN009",)),
    ("Việc xử lý thực hiện theo quy định tại khoản 2 Điều 5 của Nghị định này.", "khoản 2", "Khoản 2", ("NN009",)),
    ("Nội dung quy định tại Chương II của Luật này.", "Chương II", "chương II", ("NN009",)),
    ("Giao Sở Tài chính tỉnh Bình Dương chủ trì thực hiện.", "Bình Dương", "bình dương", ("NN010",)),
    ("Ủy ban nhân dân tỉnh Ninh Bình tổ chức triển khai.", "tỉnh Ninh Bình", "Tỉnh Ninh Bình", ("NN010",)),
    ("Giao Bộ Tài chính chủ trì, phối hợp với các bộ.", "Bộ Tài chính", "Bộ tài chính", ("NN011",)),
    ("Báo cáo Thủ tướng Chính phủ kết quả thực hiện.", "Thủ tướng Chính phủ", "Thủ tướng chính phủ", ("NN011",)),
    ("Gửi Văn phòng Quốc hội để tổng hợp.", "Văn phòng Quốc hội", "Văn phòng quốc hội", ("NN011",)),
    ("Hà Nội, ngày 05 tháng 3 năm 2020", "tháng 3 năm", "Tháng 3 Năm", ("NN012",)),
    ("Hải Phòng, ngày 12 tháng 8 năm 2025", "tháng", "Tháng", ("NN012",)),
]


def _damage(clean: str, sub: str | None, repl: str) -> tuple[str, int, int]:
    if sub is None:
        text = to_tcvn3(clean) if repl == "tcvn3" else to_vni(clean)
        return text, 0, len(text)
    i = clean.index(sub)
    return clean[:i] + repl + clean[i + len(sub):], i, i + len(repl)


def _findings(text: str):
    doc = parse(read(text.encode("utf-8"), name="seeded.txt"))
    return doc, run_checks(doc, Config(select=("NN",)), strict=True)


def _found(text: str, start: int, end: int, rules) -> bool:
    doc, findings = _findings(text)
    block = doc.source.blocks[0]
    # offsets in the NFC text (the reader normalises; NFD seeds shrink)
    s = len(unicodedata.normalize("NFC", text[:start]))
    e = len(unicodedata.normalize("NFC", text[:end]))
    for f in findings:
        if f.rule not in rules or f.location.block != block.index:
            continue
        fs, fe = f.location.start, f.location.end
        if fs is None or (fs < max(e, s + 1) and fe > s):
            return True
    return False


def test_there_are_enough_seeded_cases():
    assert len(CASES) >= 50


def test_recall_on_seeded_defects():
    missed = []
    for clean, sub, repl, rules in CASES:
        text, s, e = _damage(clean, sub, repl)
        if not _found(text, s, e, rules):
            missed.append((text, rules))
    recall = 1 - len(missed) / len(CASES)
    assert recall >= 0.90, f"recall {recall:.2%}; missed: {missed}"


@pytest.mark.parametrize("clean", sorted({c[0] for c in CASES}))
def test_clean_sentences_have_no_language_finding(clean):
    _, findings = _findings(clean)
    assert [(f.rule, f.found) for f in findings if f.severity != "info"] == []
