"""The citation tokenizer's fast path (issue #16): its pattern turns away white space at once, unless a
symbol with its number left blank starts there. The tokens must be those of the plain pattern."""
import re
from pathlib import Path

from vbqppl_check.parse import citation_grammar as cg

FIXTURES = Path(__file__).parent / "fixtures"


def _plain_tokens(text: str) -> list[tuple]:
    """The tokens of the pattern without its leading lookahead, through the same tokenize loop."""
    plain = re.compile(cg._TOKEN_RE.pattern.replace(r"(?=\S|\s/)", "", 1))
    assert plain.pattern != cg._TOKEN_RE.pattern
    saved = cg._TOKEN_RE
    cg._TOKEN_RE = plain
    try:
        return [tuple(t) for t in cg.tokenize(text)]
    finally:
        cg._TOKEN_RE = saved


def test_same_tokens_as_the_plain_pattern_on_real_paragraphs():
    paragraphs = []
    for f in sorted((FIXTURES / "tvpl-2025-md" / "docs").glob("*.md")):
        paragraphs += [p for p in f.read_text(encoding="utf-8").split("\n") if cg.may_refer(p)]
    assert len(paragraphs) > 200
    for p in paragraphs:
        assert [tuple(t) for t in cg.tokenize(p)] == _plain_tokens(p)


def test_a_blank_number_symbol_still_starts_at_the_space():
    text = "Quyết định số     /2025/QĐ-UBND ngày …/…/2025 và Nghị định số 123 /2024/NĐ-CP."
    toks = cg.tokenize(text)
    assert [tuple(t) for t in toks] == _plain_tokens(text)
    symbols = [t for t in toks if t.kind == "numsym"]
    assert [t.text.strip() for t in symbols] == ["/2025/QĐ-UBND", "123 /2024/NĐ-CP"]
    assert symbols[0].text.startswith(" ")   # as before: the blank's last space belongs to the symbol
    assert all(not t.text[:1].isspace() for t in toks if t.kind != "numsym")
