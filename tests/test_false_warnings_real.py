"""Regressions for false WARNING findings met on real web copies (tvpl Markdown).

The causes were in the Markdown reader's joining of hard-wrapped lines: a point "a) …" after a
short khoản line, a list marker alone on its line ("2." / text), an emphasised marker
("1.** **Phạm vi …") and a word broken after its hyphen ("16/2024/NQ-" / "HĐND"). Each case has a
text built here in the shape of the website copy and, where met, the real corpus file; each also
checks that the true defect next to it is still reported."""
from __future__ import annotations

import pytest

from vbqppl_check import check
from vbqppl_check.config import Config
from vbqppl_check.readers import read

# (no "|" cell bars: a short text after them would be read as one table cell)
HEAD = """**ỦY BAN NHÂN DÂN**
**TỈNH NGHỆ AN**
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**Độc lập - Tự do - Hạnh phúc**
Số: 3783/QĐ-UBND
*Nghệ An, ngày 20 tháng 11 năm 2025*

**QUYẾT ĐỊNH**
**Về việc công bố thủ tục hành chính**
**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN**
*Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;*
**QUYẾT ĐỊNH:**
**Điều 1.** Công bố kèm theo Quyết định này thủ tục hành chính.
**Điều 2. Trách nhiệm Sở
Nội vụ**
"""


def _rules(md: str, *rules: str) -> list[str]:
    res = check(md.encode(), Config(select=rules), name="x.md")
    assert res.status == "ok"
    return [f.rule for f in res.findings]


def _texts(md: str) -> list[str]:
    return [b.text for b in read(md.encode(), name="x.md").blocks]


def _tvpl(corpus, file: str) -> str:
    path = corpus / "tvpl-2025-md" / "docs" / file
    if not path.is_file():
        pytest.skip(f"{file} is not in this corpus copy")
    return str(path)


# -- a point "a) …" right after a short khoản line ("1. Sở Nội vụ" / "a) Tổ chức …") -------------

POINTS = """1. Sở Nội vụ
a) Tổ chức triển khai thực
hiện tiếp nhận hồ sơ;
{second}) Rà soát, đánh giá điều
kiện thực hiện.
"""


def test_point_after_short_clause_line_is_its_own_block():
    texts = _texts(HEAD + POINTS.format(second="b"))
    assert "1. Sở Nội vụ" in texts
    assert "a) Tổ chức triển khai thực hiện tiếp nhận hồ sơ;" in texts
    assert _rules(HEAD + POINTS.format(second="b"), "KT043") == []
    # a real gap in the letters is still reported
    assert _rules(HEAD + POINTS.format(second="c"), "KT043") == ["KT043"]


def test_point_after_short_clause_line_real(corpus):
    res = check(_tvpl(corpus, "128b34e0abc1c504.md"), Config(select=("KT043",)))
    assert [f.rule for f in res.findings] == []


# -- a khoản marker alone on its line ("2." / "Giao Thường trực …") -------------------------------

BARE = """1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện.
2.
Giao Thường trực Hội đồng nhân dân tỉnh giám sát.
{third}. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tham gia giám sát.
"""


def test_bare_clause_marker_joins_its_text():
    assert "2. Giao Thường trực Hội đồng nhân dân tỉnh giám sát." in _texts(HEAD + BARE.format(third=3))
    assert _rules(HEAD + BARE.format(third=3), "KT042") == []
    assert _rules(HEAD + BARE.format(third=4), "KT042") == ["KT042"]


def test_bare_clause_marker_real(corpus):
    res = check(_tvpl(corpus, "d5f01e57dbf5a890.md"), Config(select=("KT042",)))
    assert [f.rule for f in res.findings] == []


# -- an emphasised khoản marker after an article heading ("1.** **Phạm vi điều chỉnh") -----------

EMPH = """**Điều
3. Phạm vi điều chỉnh và đối tượng áp dụng**
1.** **Phạm vi điều chỉnh
Quyết định này quy định danh mục tài sản.
{second}. Đối tượng áp dụng
"""


def test_emphasised_clause_marker_is_not_joined_to_the_heading():
    texts = _texts(HEAD + EMPH.format(second=2))
    assert "Điều 3. Phạm vi điều chỉnh và đối tượng áp dụng" in texts
    assert _rules(HEAD + EMPH.format(second=2), "KT042") == []
    assert _rules(HEAD + EMPH.format(second=3), "KT042") == ["KT042"]


def test_emphasised_clause_marker_real(corpus):
    res = check(_tvpl(corpus, "44bc41ecfb3f3b21.md"), Config(select=("KT042",)))
    assert [f.rule for f in res.findings] == []


# -- a số ký hiệu broken after its hyphen in a table cell ("16/2024/NQ-" / "HĐND ngày …") ---------

CELL = """|
Nghị quyết số 16/2024/NQ-
HĐND ngày 11/12/2024 của HĐND tỉnh Bắc Ninh
|
{other}
|
"""


def test_symbol_broken_after_hyphen_is_one_word():
    md = HEAD + CELL.format(other="Quyết định số 1717/QĐ-UBND")
    assert "Nghị quyết số 16/2024/NQ-HĐND ngày 11/12/2024 của HĐND tỉnh Bắc Ninh" in _texts(md)
    assert _rules(md, "NN016") == []
    # a space typed inside the symbol on one line is still reported
    assert _rules(HEAD + CELL.format(other="Quyết định số 1717/QĐ- UBND"), "NN016") == ["NN016"]


def test_symbol_broken_after_hyphen_real(corpus):
    blocks = read(_tvpl(corpus, "ea34a356cafcb1aa.md")).blocks
    assert any(b.text.startswith("Nghị quyết số 16/2024/NQ-HĐND ngày 11/12/2024") for b in blocks)
    assert not any(b.text.endswith("16/2024/NQ-") for b in blocks)


# -- a stray "**" inside one căn cứ must not glue the next ones to it ------------------------------

STRAY = """*Căn cứ Luật Đất
đai **số 31/2024/QH15 được sửa đổi, bổ sung bởi Luật số
43/2024/QH15;*
*Căn cứ Nghị định số 102/2024/NĐ-CP của Chính
phủ quy định chi tiết thi hành một số điều của Luật Đất đai;*
*Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.*
"""


def test_stray_bold_marker_does_not_join_preamble_lines():
    texts = _texts(STRAY)
    assert any(t.startswith("Căn cứ Luật Đất đai") and t.endswith("43/2024/QH15;") for t in texts)
    assert any(t.startswith("Căn cứ Nghị định số 102/2024/NĐ-CP") for t in texts)


def test_stray_bold_marker_real(corpus):
    res = check(_tvpl(corpus, "5a80798bbf985e87.md"), Config(select=("TT116",)))
    assert [f.rule for f in res.findings] == []


# -- a letter quoting a law's article in italics, without quotation marks --------------------------

LETTER = """**BỘ TÀI CHÍNH**
**CỤC THUẾ**
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**Độc lập - Tự do - Hạnh phúc**
Số: 5662/CT-CS
*Hà Nội, ngày 01 tháng 12 năm 2025*
V/v chính sách thuế

Kính gửi: Thuế tỉnh Nghệ An.

Cục Thuế nhận được công văn của Thuế tỉnh Nghệ An. Về vấn đề này, Cục Thuế có ý kiến như sau:
- Tại Điều 116 Luật Quản lý thuế số 38/2019/QH14 quy định:
*Điều 116. Nhiệm vụ, quyền hạn của người ra quyết định thanh tra thuế*
*1. Người ra quyết định thanh tra thuế có các nhiệm vụ, quyền hạn sau đây:*
*…*
{own}Đề nghị Thuế tỉnh Nghệ An căn cứ quy định nêu trên để thực hiện.
"""


def test_italic_quoted_article_is_not_numbered():
    assert _rules(LETTER.format(own=""), "KT042") == []
    # an upright (own) article numbered out of sequence is still reported
    assert _rules(LETTER.format(own="Điều 3. Tổ chức thực hiện\nĐiều 5. Hiệu lực\n"), "KT042") != []


def test_italic_quoted_article_real(corpus):
    res = check(_tvpl(corpus, "416ea29602e7fef9.md"), Config(select=("KT042", "KT043", "VD001")))
    assert [f.rule for f in res.findings] == []


# -- a reference by the short name the document itself defined ("sau đây viết tắt là Nghị định") ---

PLAN = """**ỦY BAN NHÂN DÂN**
**TỈNH LAI CHÂU**
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**Độc lập - Tự do - Hạnh phúc**
Số: 980/KH-UBND
*Lai Châu, ngày 20 tháng 11 năm 2025*

**KẾ HOẠCH**
**Triển khai thi hành Nghị định về phòng thủ dân sự**

Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai thi hành Nghị định số 200/2025/NĐ-CP ngày 09/7/2025 của Chính phủ quy định chi tiết một số điều của Luật Phòng thủ dân sự{alias}.

Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

1. Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh theo quy định tại khoản 4 Điều 51 Nghị định.
"""


def test_reference_by_defined_short_name():
    assert _rules(PLAN.format(alias=" (sau đây viết tắt là Nghị định)"), "VD002") == []
    # without the definition the document is still not named
    assert _rules(PLAN.format(alias=""), "VD002") == ["VD002"]


def test_reference_by_defined_short_name_real(corpus):
    res = check(_tvpl(corpus, "c5d930a5fc8373cd.md"), Config(select=("VD002",)))
    assert [f.rule for f in res.findings] == []
