"""Issue 11 (recall on seeded defects): references resolved against the right Điều tree, the effect of
Quốc hội texts, căn cứ punctuation of VBQPPL under NĐ 34 and of Quốc hội texts, the tên loại of a
Quốc hội text, and the error-severity findings met on the unmutated evaluation documents (the true
ones kept here with the reason, the false ones fixed).

Every case takes a real document of ../shared/corpus (vbpl.vn, Công báo, thư viện pháp luật), checks
the unmutated text, changes one thing and checks the finding at that place."""
from __future__ import annotations


import pytest

from realdocs import vbpl_text

from vbqppl_check import check
from vbqppl_check.config import Config


_vbpl = vbpl_text


def _file(corpus, rel: str) -> str:
    p = corpus / rel
    if not p.exists():
        pytest.skip(f"{rel} not in this corpus copy")
    return p.read_text(encoding="utf-8")


def _got(text: str, rules: tuple[str, ...], name: str = "x.txt") -> list[tuple[str, str]]:
    res = check(text.encode("utf-8"), Config(select=rules), name=name)
    assert res.status == "ok"
    return [(f.rule, f.found) for f in res.findings]


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


# -- VD001: "Điều N <loại> này" in documents with amending parts or listing titles -----------------

def test_own_reference_in_a_publishing_decision(corpus):
    """A Quyết định công bố thủ tục hành chính (tvpl b1bac569be973504.md): its title ("công bố",
    "danh mục") once made every reference count as pointing into another document. "Điều 10 Quyết
    định này" names this decision (3 Điều) and is reported."""
    name = "b1bac569be973504.md"
    text = _file(corpus, f"tvpl-2025-md/docs/{name}")
    assert _got(text, ("VD001",), name) == []
    bad = _replace_once(text, "nêu tại khoản 1 Điều này", "nêu tại Điều 10 Quyết định này")
    assert ("VD001", "Điều 10") in _got(bad, ("VD001",), name)


def test_own_reference_in_a_decree_that_also_amends_others(corpus):
    """Nghị định (vbpl doc_000111.html) whose last chapter amends other decrees: the amending articles
    are skipped, "khoản 19 Điều 13 Nghị định này" in its own Điều is reported."""
    text = _vbpl(corpus, "doc_000111.html")
    assert _got(text, ("VD001",)) == []
    bad = _replace_once(text, "quy định tại điểm c khoản 2 Điều 13 Nghị định này",
                        "quy định tại điểm c khoản 19 Điều 13 Nghị định này")
    assert ("VD001", "khoản 19 Điều 13") in _got(bad, ("VD001",))


# -- item 5: the attached Quy chế's own Điều tree ----------------------------------------------------

def test_attached_quy_che_has_its_own_article_tree(corpus):
    """Nghị định 315/2025/NĐ-CP (vbpl doc_000600.html): 3 Điều, and the attached Quy chế làm việc mẫu
    with its own Điều 1–36. "Điều 21 Quy chế này" resolves in the Quy chế; "Điều 40 Quy chế này" does
    not exist there; "Điều 15 Nghị định này" does not exist in the decree, although the Quy chế has an
    Điều 15 (the two trees were merged before)."""
    text = _vbpl(corpus, "doc_000600.html")
    base = _got(text, ("VD001",))
    # TRUE finding kept: inside the Quy chế, "… quy định tại Điều 6 Nghị định này" — the decree has 3
    # Điều; the Ủy viên's duties are in Điều 6 of the Quy chế (a slip of the published text)
    assert base == [("VD001", "Điều 6")]
    bad = _replace_once(text, "tại Điều 21 Quy chế này", "tại Điều 40 Quy chế này")
    assert ("VD001", "Điều 40") in _got(bad, ("VD001",))
    own = _replace_once(text, "có liên quan chịu trách nhiệm thi hành Nghị định này",
                        "có liên quan chịu trách nhiệm thi hành Điều 15 Nghị định này")
    assert ("VD001", "Điều 15") in _got(own, ("VD001",))


# -- VD100: a điểm of a khoản that has none ---------------------------------------------------------

def test_point_of_a_clause_without_points_real(corpus):
    """Thông tư 26/2026/TT-BNNMT (Công báo): Điều 7 khoản 4 điểm b refers to "điểm a khoản 1 Điều
    này", but khoản 1 of Điều 7 is one sentence without điểm — a TRUE slip of the published text
    (the list is in khoản 4); any other letter is reported too."""
    rel = "congbao-pdf-8topics/txt/thong-tu-so-26-2026-tt-bnnmt-469701.txt"
    text = _file(corpus, rel)
    assert _got(text, ("VD100",), "t.txt") == [("VD100", "điểm a khoản 1 Điều 7")]
    bad = _replace_once(text, "quy định tại điểm a khoản 1 Điều này", "quy định tại điểm y khoản 1 Điều này")
    assert _got(bad, ("VD100",), "t.txt") == [("VD100", "điểm y khoản 1 Điều 7")]


# -- HL110: a Quốc hội text taking effect "kể từ ngày ký" -------------------------------------------

@pytest.mark.parametrize("source_file,old", [
    ("doc_000126.html", "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026"),   # Luật 103/2025/QH15
    ("doc_000303.html", "Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026"),  # NQ 254/2025/QH15
])
def test_parliament_text_effect_from_signing(corpus, source_file, old):
    text = _vbpl(corpus, source_file)
    assert _got(text, ("HL110",)) == []
    bad = _replace_once(text, old, old.split(" từ ngày")[0] + " kể từ ngày ký")
    assert _got(bad, ("HL110",)) == [("HL110", "kể từ ngày ký")]


def test_ubtvqh_resolution_from_signing_not_reported(corpus):
    """NQ 80/2025/UBTVQH15 takes effect "từ ngày ký ban hành": the Chủ tịch Quốc hội signs the UBTVQH's
    resolutions to issue them; only the Quốc hội's own adopted texts are reported."""
    assert _got(_vbpl(corpus, "doc_000732.html"), ("HL110",)) == []


# -- TT310: căn cứ punctuation of VBQPPL under NĐ 34 and of Quốc hội / UBTVQH texts ----------------

@pytest.mark.parametrize("rel,old", [
    # Luật 103/2025/QH15: the one căn cứ, then "Quốc hội ban hành Luật …"
    ("vbpl:doc_000126.html", "theo Nghị quyết số 203/2025/QH15;"),
    # NQ 17/2022/UBTVQH15 (Công báo print): the first căn cứ
    ("congbao-pdf-8topics/txt/nghi-quyet-so-17-2022-ubtvqh15-36956.txt", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"),
    # NĐ 74/2025/NĐ-CP of 31/3/2025 (NĐ 34 regime, Công báo print)
    ("congbao-pdf-8topics/txt/nghi-dinh-so-74-2025-nd-cp-44712.txt", "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;"),
])
def test_can_cu_comma_nd34_and_parliament(corpus, rel, old):
    text = _vbpl(corpus, rel[5:]) if rel.startswith("vbpl:") else _file(corpus, rel)
    assert _got(text, ("TT310",)) == []
    bad = _replace_once(text, old, old[:-1] + ",")
    assert _got(bad, ("TT310",)) == [("TT310", ",")]


# -- tên loại of a Quốc hội text: the type from "Luật số: …" -----------------------------------------

def test_law_without_its_type_line_real(corpus):
    """Luật 103/2025/QH15 (vbpl doc_000126.html) with the "LUẬT" line removed: the number line "Luật
    số: 103/2025/QH15" still says it is a Luật, so the missing tên loại is reported."""
    text = _vbpl(corpus, "doc_000126.html")
    assert _got(text, ("TT014",)) == []
    bad = _replace_once(text, "\nLUẬT\n", "\n")
    assert [r for r, _ in _got(bad, ("TT014", "TT300", "TT301"))] == ["TT014"]


# -- error-severity findings on the unmutated evaluation documents (docs/recall.md) ----------------

def test_recipient_group_with_member_lines_real(corpus):
    """FALSE TT025 (fixed): "- Văn phòng UBND tỉnh:" over "+ LĐVP, TPKTTH, KGVX, TH;" (tvpl
    00e8b0e4daffc2ef.md) is one group of recipients and its members, each on its own line; a member
    line without its ";" and a recipient without "-" are still reported."""
    name = "00e8b0e4daffc2ef.md"
    text = _file(corpus, f"tvpl-2025-md/docs/{name}")
    assert _got(text, ("TT025",), name) == []
    no_semicolon = _replace_once(text, "+ LĐVP, TPKTTH, KGVX, TH;", "+ LĐVP, TPKTTH, KGVX, TH")
    assert [r for r, _ in _got(no_semicolon, ("TT025",), name)] == ["TT025"]
    no_dash = _replace_once(text, "- Bộ Công Thương;", "Bộ Công Thương;")
    assert [r for r, _ in _got(no_dash, ("TT025",), name)] == ["TT025"]


@pytest.mark.parametrize("rel", [
    "congbao-pdf-8topics/txt/quyet-dinh-so-1205-qd-bkhdt-41976.txt",   # "Theo đề nghị của Vụ trưởng Vụ Pháp chế,"
    "tvpl-2025-md/docs/3c5c52374e60b28b.md",                            # "Xét đề nghị của Giám đốc Sở …,"
    "tvpl-2025-md/docs/fe1e8de161e04a1e.md",                            # "Xét đề nghị của Giám đốc Sở Tư pháp,"
])
def test_true_error_last_preamble_line_ends_with_comma(corpus, rel):
    """TRUE TT017: an administrative Quyết định whose last preamble line ("Theo/Xét đề nghị của …")
    ends with "," before "QUYẾT ĐỊNH:"; NĐ 30/2020 Phụ lục I II.6.a and mẫu 1.2/1.3 (verified): the last
    line ends with "."."""
    got = check(_file(corpus, rel).encode("utf-8"), Config(select=("TT017",)), name=rel.rsplit("/", 1)[-1])
    assert [(f.rule, f.found, f.severity) for f in got.findings] == [("TT017", ",", "error")]


def test_true_errors_thong_tu_54_2025_nhnn(corpus):
    """TRUE errors in Thông tư 54/2025/TT-NHNN (vbpl doc_000457.html), as vbpl.vn prints it:
    TT002 — the Tiêu ngữ reads "Độc lập - Tự Do - Hạnh Phúc" (NQ/NĐ: "Độc lập - Tự do - Hạnh phúc");
    KT045 — six "-" bullets inside điểm b of Điều 14 khoản 3 (under "(i)", "(ii)"): one idea per điểm,
    no other symbols (NĐ 78 Điều 63 k2, like NQ 351 Điều 10 k2)."""
    got = check(_vbpl(corpus, "doc_000457.html").encode("utf-8"), Config(select=("TT002", "KT045")), name="x.txt")
    rules = sorted(f.rule for f in got.findings if f.severity == "error")
    assert rules == ["KT045"] * 6 + ["TT002"]


def test_true_error_luu_line_of_a_cong_dien(corpus):
    """TRUE TT026: the Công điện in tvpl 44aeb2fd86d07d4a.md ends its recipients with "- Lưu: Văn thư,
    KTTH (2) Nam 15b" — "Văn thư" not abbreviated "VT" and no closing "." (NĐ 30 Phụ lục I II.9.d,
    verified: "chữ viết tắt “VT” … cuối cùng là dấu chấm")."""
    name = "44aeb2fd86d07d4a.md"
    got = check(_file(corpus, f"tvpl-2025-md/docs/{name}").encode("utf-8"), Config(select=("TT026",)), name=name)
    assert [(f.rule, f.severity) for f in got.findings] == [("TT026", "error")]


def test_docx_article_heading_alone_is_bold(corpus):
    """FALSE KT025 on the DOCX the benchmark builds from tvpl 71153021e3559f5e.md: the builder wrote an
    "Điều 3." line with nothing after it in plain weight (tests/docbuilder.py, fixed); built bold, it is
    not reported, and made plain it still is."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent))
    from docbuilder import build_docx_bytes
    spec_lines = [("dieu", "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính."),
                  ("dieu", "Điều 2."),
                  ("text", "Quyết định này có hiệu lực thi hành kể từ ngày ký.")]
    _file(corpus, "tvpl-2025-md/docs/71153021e3559f5e.md")   # the real shape this case comes from
    spec = {"kind": "hanh_chinh", "body_lines": spec_lines}
    ok = check(build_docx_bytes(spec), Config(select=("KT025",)), name="x.docx")
    assert [f.rule for f in ok.findings] == []
    bad = check(build_docx_bytes({**spec, "override": {"component": "dieu", "bold": False}}),
                Config(select=("KT025",)), name="x.docx")
    assert [f.rule for f in bad.findings] == ["KT025"]


def test_can_cu_comma_when_the_parser_takes_no_can_cu(corpus):
    """NQ 78/2025/UBTVQH15 (Công báo): with "Căn cứ Hiến pháp …," the parser takes no căn cứ at all;
    the lines from the first "Căn cứ" to the enacting words are still judged."""
    text = _file(corpus, "congbao-pdf-8topics/txt/nghi-quyet-so-78-2025-ubtvqh15-45003.txt")
    assert _got(text, ("TT310",), "t.txt") == []
    bad = _replace_once(text, "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
                        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam,")
    assert _got(bad, ("TT310",), "t.txt") == [("TT310", ",")]


def test_typed_number_over_ve_viec_is_not_a_cong_van(corpus):
    """Quyết định 1373/QĐ-BKHĐT (Công báo) without its "QUYẾT ĐỊNH" line: "Về việc đính chính …" under a
    number whose symbol says QĐ is the trích yếu of a Quyết định that lacks its tên loại, not a công
    văn's V/v."""
    rel = "congbao-pdf-8topics/txt/quyet-dinh-so-1373-qd-bkhdt-37639.txt"
    text = _file(corpus, rel)
    assert _got(text, ("TT014",), "t.txt") == []
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines[:40]) if ln.strip() == "QUYẾT ĐỊNH")
    bad = "\n".join(lines[:i] + lines[i + 1:])
    assert [r for r, _ in _got(bad, ("TT014",), "t.txt")] == ["TT014"]


def test_missing_effect_clause_is_reported_at_the_effect_article(corpus):
    """Thông tư 18/2026/TT-BXD (Công báo) issues a Chương trình with its own Điều and phụ lục: with the
    effect sentence removed, HL001 points at "Điều 2. Hiệu lực thi hành" of the Thông tư itself, not at
    the last article of the attachment."""
    rel = "congbao-pdf-8topics/txt/thong-tu-so-18-2026-tt-bxd-469591.txt"
    text = _file(corpus, rel)
    assert _got(text, ("HL001",), "t.txt") == []
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines) if "có hiệu lực" in ln and ln.lstrip().startswith("1."))
    bad = "\n".join(lines[:i] + ["1."] + lines[i + 1:])
    res = check(bad.encode("utf-8"), Config(select=("HL001",)), name="t.txt")
    [f] = res.findings
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read
    doc = parse(read(bad.encode("utf-8"), name="t.txt"))
    assert f.location.component == "dieu" and doc.source.blocks[f.location.block].text.startswith("Điều 2.")


def test_effect_from_signing_under_an_impossible_date(corpus):
    """Thông tư 51/2024/TT-BTNMT (vbpl doc_000234.html) is dated "ngày 32 tháng 12 năm 2024" (sic): made
    to take effect "kể từ ngày ký", the gap is 0 days whatever the day; the law in force is read from
    the month and year (Luật 80/2015: central ≥ 45 days; info, the shortened procedure is often unsaid)."""
    text = _vbpl(corpus, "doc_000234.html")
    assert _got(text, ("HL003",)) == []
    bad = _replace_once(text, "có hiệu lực thi hành kể từ ngày 15 tháng 02 năm 2025", "có hiệu lực kể từ ngày ký")
    assert _got(bad, ("HL003",)) == [("HL003", "0 ngày/days")]


# -- errors on the unmutated evaluation texts judged FALSE blind (tests/data/recall_errors_verdicts.jsonl) ----

def _sev(text: str, rules: tuple[str, ...], name: str) -> list[tuple[str, str]]:
    res = check(text.encode("utf-8"), Config(select=rules), name=name)
    assert res.status == "ok"
    return [(f.rule, f.severity) for f in res.findings]


def test_can_cu_sentence_of_a_cong_van_is_not_a_preamble(corpus):
    """Công văn 17986/BTC-CT opens its letter with "Căn cứ …; Căn cứ …": no căn cứ block, no TT016."""
    text = _file(corpus, "tvpl-2025-md/docs/9063e901ca3fd0c3.md")
    assert _sev(text, ("TT016",), "x.md") == []


def test_missing_recipients_in_a_web_copy_is_information(corpus):
    """QĐ 2844/QĐ-UBND Quảng Trị on thuvienphapluat: the site left the recipients' cell of the signature
    table empty. In the web copy the absence is an info; the same text as a Word file is an error."""
    text = _file(corpus, "tvpl-2025-md/docs/626bc5de0254525c.md")
    assert _sev(text, ("TT024",), "x.md") == [("TT024", "info")]


def test_lower_case_issuer_line_is_the_issuer(corpus):
    """vbpl.vn's copy of TT 54/2025/TT-BCT opens with its template's "BỘ giao thông vận tải": an issuer line
    (whose name does not match the symbol BCT: TQ101), not a missing issuer (TT003)."""
    text = _vbpl(corpus, "doc_000632.html")
    got = _sev(text, ("TT003", "TQ101"), "x.txt")
    assert ("TT003", "error") not in got and [r for r, _ in got] == ["TQ101"]
