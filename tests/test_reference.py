"""VD checks and provision references."""
from __future__ import annotations

from vbqppl_check.config import Config
from vbqppl_check.engine import run_checks
from vbqppl_check.parse import parse
from vbqppl_check.parse.citation_grammar import find_references
from vbqppl_check.readers import read


def _pins(text):
    return [[(p.diem, p.khoan, p.dieu, p.range, p.relative) for p in c.pins] for c in find_references(text)]


def test_lists_ranges_and_targets():
    assert _pins("điểm a, b và c khoản 2 Điều 5 của Luật này") == [[(["a", "b", "c"], ["2"], ["5"], False, None)]]
    assert _pins("khoản 1, khoản 2 Điều 3") == [[([], ["1", "2"], ["3"], False, None)]]
    assert _pins("từ Điều 5 đến Điều 9") == [[([], [], ["5", "9"], True, None)]]
    assert _pins("khoản 4 Điều này") == [[([], ["4"], [], False, "dieu")]]
    c = find_references("theo khoản 2 Điều 5 Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ")[0]
    assert c.target == "named" and c.mention.number == "15/2020/NĐ-CP" and c.mention.issuer == "Chính phủ"
    assert find_references("theo khoản 2 Điều 5 của Nghị định nêu trên")[0].target == "previous"
    assert find_references("Tài khoản trên Nền tảng") == []


def test_reference_to_missing_article_is_reported():
    text = "Điều 1. Phạm vi\nQuy định này.\nĐiều 2. Đối tượng\nTheo khoản 1 Điều 7 của Quyết định này.\n"
    doc = parse(read(text.encode(), name="x.txt"))
    found = run_checks(doc, Config(select=("VD001",)), strict=True)
    assert [f.found for f in found] == ["Điều 7"]
