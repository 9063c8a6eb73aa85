"""Kỹ thuật trình bày (KT) of the body structure: numerals, numbering sequence, titles, the điểm
letters, the style of the Phần/Chương and Điều headings, no bullets inside a điểm (VBQPPL)."""
from __future__ import annotations

import re

from ..engine import check
from ..model import LegalDocument, StructureNode
from ._layout_util import letter_runs

ROMAN = re.compile(r"^(?=[IVXLCDM])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})([a-zđ]\d*)?$")
ARABIC = re.compile(r"^\d+([a-zđ]\d*)?$")
# The điểm letters in the order used by ND30 itself and in practice (no f, j, w, z; no ă â ê ô ơ ư).
DIEM_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()


def _appendix_start(doc: LegalDocument) -> int | None:
    """The first "Phụ lục" / "Mẫu số" heading after the signature: forms and tables follow, whose
    "Điều 1:" (a model contract) or numbering are not the document's structure."""
    from ._layout_util import component_blocks
    closing = component_blocks(doc, "chu_ky", "quyen_han_ky", "chuc_vu", "ho_ten")
    if not closing:
        return None
    for b in doc.source.blocks[min(closing):]:
        if b.kind not in ("header", "footer") and _APPENDIX.match(b.text.strip()):
            return b.index
    return None


def _nodes(doc: LegalDocument, *kinds: str):
    from ._layout_util import continues_previous, ocr_text
    if ocr_text(doc):
        return
    stop = _appendix_start(doc)
    for n in doc.nodes():
        if stop is not None and n.block_start >= stop:
            continue
        # a PDF line "Điều 10." that ends the sentence of the line before is no heading
        if n.kind in kinds and not doc.in_quotation(n.block_start) and not (
                n.kind in _HEADINGS and continues_previous(doc, n.block_start)):
            yield n


def _roman_value(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


_SCAN = (
    # a label is a numeral (Roman or Arabic, with an inserted letter): "Chương trình …" is no heading
    ("phan", re.compile(r"^(?:Phần|PHẦN)\s+([IVXLCDM]+[a-zđ]?|\d+[a-zđ]?)\s*[.:]?(?:\s+(.*))?$")),
    ("chuong", re.compile(r"^(?:Chương|CHƯƠNG)\s+([IVXLCDM]+[a-zđ]?|\d+[a-zđ]?)\s*[.:]?(?:\s+(.*))?$")),
    ("muc", re.compile(r"^(?:Mục|MỤC)\s+([IVXLCDM]+[a-zđ]?|\d+[a-zđ]?)\s*[.:]?(?:\s+(.*))?$")),
    ("dieu", re.compile(r"^(?:Điều|ĐIỀU)\s+([IVXLCDM]+[a-zđ]?|\d+[a-zđ]?)\s*[.:](?:\s+(.*))?$")),
    ("roman", re.compile(r"^([IVXLC]+)\.\s+(.*)$")),
    ("khoan", re.compile(r"^(\d+[a-zđ]?)\.\s+(.*)$")),
    ("diem", re.compile(r"^([^\W\d_]\d*)\)\s+(.*)$")),
)


_HEADINGS = ("phan", "chuong", "muc", "tieu_muc", "dieu")
_APPENDIX = re.compile(r"^(PHỤ LỤC|Phụ lục|MẪU SỐ|Mẫu số|BIỂU MẪU|Biểu mẫu)\b")


def attached_ranges(doc: LegalDocument) -> list[tuple[int, int, bool]]:
    """(first block, last block, starts a new text) of the texts attached after the signature with their
    own Điều ("Quy định ban hành kèm theo Quyết định này", a Quy chế): the parser gives each as a Phụ lục
    node, sometimes split in two (a node holding only "Chương I", the next one its Điều). Only those
    before the first "Phụ lục" / "Mẫu số" heading: the forms after it (a model contract's "Điều 1:")
    are not the document's structure."""
    stop = _appendix_start(doc)
    tops = [n for n in doc.body if n.kind == "phu_luc" and (stop is None or n.block_start < stop)]
    has_dieu = [any(x.kind == "dieu" for x in n.walk()) for n in tops]
    out: list[tuple[int, int, bool]] = []
    for k, n in enumerate(tops):
        headings_only = not has_dieu[k] and any(x.kind in ("phan", "chuong") for x in n.walk())
        if not has_dieu[k] and not (headings_only and k + 1 < len(tops) and has_dieu[k + 1]):
            continue
        # the parser may also cut one text in two anywhere (Chương I–IV, then Điều 18 … Chương V): only
        # the first range is marked as a new text; a second attached text restarts Phần, Chương and Điều
        # at 1, which the sequence checks accept without a mark
        end = n.block_end if stop is None else min(n.block_end, stop - 1)
        out.append((n.block_start, end, not out))
    return out


def scan_labels(doc: LegalDocument, *, attached: bool = False) -> list[tuple[int, str, str]]:
    """(block, kind, label) of every numbered line of the body, as printed; with `attached`, also of
    the texts attached after the signature (attached_ranges), each new one after an "appendix" mark.

    The parser accepts a unit only when its number follows the previous one, so a skipped or
    wrong number is not a node: the numbering checks read the lines themselves.
    Computed once per document and mode (four rules ask; the document is immutable).
    """
    memo = doc.__dict__.setdefault("_scan_labels", {})
    if attached not in memo:
        memo[attached] = _scan_labels(doc, attached)
    return list(memo[attached])


def _scan_labels(doc: LegalDocument, attached: bool) -> list[tuple[int, str, str]]:
    from ._layout_util import body_blocks, continues_previous, ocr_text
    if ocr_text(doc):
        return []   # OCR misreads numbers and letters ("1" / "l", "đ" / "d"): no numbering judgement
    out = []
    quoted = False
    blocks: list[int | tuple] = list(body_blocks(doc, include_headings=True))
    if attached:
        seen = set(blocks)
        src = doc.source.blocks
        for start, end, new_text in attached_ranges(doc):
            if new_text:
                blocks.append(("appendix", start))
            for k in range(start, end + 1):
                if k not in seen and 0 <= k < len(src) and src[k].kind not in ("header", "footer", "cell") \
                        and src[k].table is None:
                    blocks.append(k)
    for b in blocks:
        if isinstance(b, tuple):
            out.append((b[1], "appendix", ""))
            quoted = False
            continue
        text = doc.source.blocks[b].text.strip()
        # amending texts quote whole units (“3. …”): the quoted numbering is not the document's
        opens, closes = text.count("“") + text.count("\u201e"), text.count("”")
        starts_quoted = quoted or text[:1] in "“\"'«"
        if opens > closes:
            quoted = True
        elif closes > opens:
            quoted = False
        if not text or starts_quoted or doc.in_quotation(b) or _all_italic(doc.source.blocks[b]):
            continue
        if _APPENDIX.match(text):
            out.append((b, "appendix", ""))
            continue
        for kind, rx in _SCAN:
            m = rx.match(text)
            if m:
                if kind == "diem" and len(m.group(1)) > 3:
                    break
                if kind == "khoan" and len(m.group(1)) >= 4:
                    break   # "2025. Hiện nay …": a year wrapped to the start of a line, no list number
                # "… quy định tại" / "Điều 6." : a reference wrapped onto a new PDF line, no heading
                if kind in _HEADINGS and continues_previous(doc, b):
                    break
                out.append((b, kind, m.group(1)))
                break
    return out


def _all_italic(block) -> bool:
    """A numbered line set wholly in italics is quoted text (a letter quoting a law's article
    without quotation marks): Điều, khoản and điểm of the document itself are never italic."""
    runs = [r for r in block.runs if r.text.strip()]
    return bool(runs) and all(r.format is not None and r.format.italic for r in runs) and \
        sum(len(r.text) for r in runs) >= len(block.text.strip()) - 2


class _Label:
    """A scanned label with the attributes _value and the finding helpers need."""

    def __init__(self, block: int, kind: str, label: str):
        self.block_start, self.kind, self.label = block, kind, label


def attached_headings(doc: LegalDocument) -> list[StructureNode]:
    """Phần and Chương of a text attached after the signature ("Quy định ban hành kèm theo Quyết định
    này", a Quy chế, an Điều lệ): the parser gives it as a Phụ lục with its own Chương and Điều. Its
    numbering is the document's own (NĐ 30 PL I II.6.đ, NĐ 34 Điều 62 k5, NĐ 78 Điều 64 k3 speak of the
    văn bản's phần and chương), but body_blocks() stops at the signature."""
    from ._layout_util import ocr_text
    if ocr_text(doc):
        return []
    flat = list(doc.nodes())          # document order
    in_attached: set[int] = set()
    for top in doc.body:
        if top.kind == "phu_luc":
            in_attached.update(id(n) for n in top.walk())
    out = []
    for k, n in enumerate(flat):
        if n.kind not in ("phan", "chuong") or id(n) not in in_attached:
            continue
        # a Phần or Chương of articles: the next Điều comes before the next unit of its level (the parser
        # may put the Chương and its Điều under two Phụ lục nodes); a tariff list's "Chương 76 Nhôm …"
        # (HS chapters) has no Điều
        stop = ("phan",) if n.kind == "phan" else ("phan", "chuong")
        nxt = next((m for m in flat[k + 1:] if m.kind == "dieu" or m.kind in stop), None)
        if nxt is None or nxt.kind != "dieu":
            continue
        blk = doc.source.blocks[n.block_start] if 0 <= n.block_start < len(doc.source.blocks) else None
        if blk is None or doc.in_quotation(n.block_start) or blk.table is not None or \
                blk.kind in ("cell", "header", "footer"):
            continue
        out.append(n)
    return out


@check("KT040")
def roman_numerals(doc: LegalDocument, ctx, rule):
    seen = set()
    for b, kind, label in scan_labels(doc):
        if kind in ("phan", "chuong") and not ROMAN.match(label) and not label.lower() in (
                "nhất", "thứ"):
            name = StructureNode.KIND_NAMES[kind]
            seen.add(b)
            yield rule.finding(ctx, block=b, component=kind, found=f"{name} {label}",
                               expected=f"{name} <số La Mã>")
    for n in attached_headings(doc):
        if n.block_start not in seen and ARABIC.match(n.label):   # "Chương 1" (a word label is left alone)
            name = StructureNode.KIND_NAMES[n.kind]
            seen.add(n.block_start)
            yield rule.finding(ctx, block=n.block_start, component=n.kind, found=f"{name} {n.label}",
                               expected=f"{name} <số La Mã>")


@check("KT041")
def arabic_numerals(doc: LegalDocument, ctx, rule):
    kinds = rule.params.get("kinds", ["muc", "dieu"])
    for b, kind, label in scan_labels(doc):
        if kind in kinds and not ARABIC.match(label):
            name = StructureNode.KIND_NAMES[kind]
            yield rule.finding(ctx, block=b, component=kind, found=f"{name} {label}",
                               expected=f"{name} <số Ả Rập>")


def _value(n) -> tuple[int, str] | None:
    m = re.match(r"^(\d+)([a-zđ]\d*)?$", n.label)
    if m:
        return int(m.group(1)), m.group(2) or ""
    m = re.match(r"^([IVXLCDM]+)([a-zđ]\d*)?$", n.label)
    if m and ROMAN.match(n.label):
        return _roman_value(m.group(1)), m.group(2) or ""
    return None


def _sequence(nodes, rule, ctx, *, restart_ok: bool, cells=()):
    """`cells`: (block, number) of numbered lines set in table cells — the body scan leaves tables out,
    but a list may put an item in a table row ("1. Hàng hóa đề nghị …" heading a table, then "2. …"
    as text: issue #12); such an item between the previous one and this one fills the gap."""
    prev = None
    prev_block = -1
    for n in nodes:
        v = _value(n)
        if v is None:
            prev = None
            continue
        num, suffix = v
        if prev is None:
            ok, expected = num == 1 and not suffix, 1
        else:
            pnum = prev[0]
            # the next number, an inserted unit ("5a" after 5), or a new sequence (an attached text)
            ok = (num == pnum + 1 and not suffix) or (num == pnum and bool(suffix)) or \
                (restart_ok and num == 1 and not suffix)
            expected = pnum + 1
        if not ok and not suffix and cells:
            between = sorted(c for b, c in cells if prev_block < b < n.block_start)
            ok = bool(between) and between[-1] == num - 1 and between[0] == expected and \
                between == list(range(expected, num))
        prev_block = n.block_start
        if not ok:
            name = StructureNode.KIND_NAMES.get(n.kind, n.kind)
            yield rule.finding(ctx, block=n.block_start, component=n.kind, found=f"{name} {n.label}",
                               expected=f"{name} {_label_like(n, expected)}")
        prev = v


def _label_like(n, value: int) -> str:
    if ROMAN.match(n.label) and not n.label.isdigit():
        out, vals = "", [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        for v, s in vals:
            while value >= v:
                out, value = out + s, value - v
        return out
    return str(value)


def _groups(labels, kind: str, parents: tuple[str, ...]):
    """Runs of `kind` labels, a new run starting after each label of a parent kind."""
    run: list = []
    for b, k, label in labels:
        if k in parents:
            if run:
                yield run
            run = []
        elif k == kind:
            run.append(_Label(b, k, label))
    if run:
        yield run


@check("KT042")
def numbering_sequence(doc: LegalDocument, ctx, rule):
    labels = scan_labels(doc, attached=True)
    # Phần, Chương, Điều run through the document (an attached text may start again at 1);
    # Mục restart in each Chương, khoản in each Điều (or Roman-numbered section), Roman sections in a Chương.
    # an appendix (Phụ lục, Mẫu số) starts every sequence again
    for kind in ("phan", "chuong", "dieu"):
        for run in _groups(labels, kind, ("appendix",)):
            yield from _sequence(run, rule, ctx, restart_ok=True)
    for run in _groups(labels, "muc", ("phan", "chuong", "appendix")):
        yield from _sequence(run, rule, ctx, restart_ok=False)
    for run in _groups(labels, "roman", ("phan", "chuong", "dieu", "appendix")):
        yield from _sequence(run, rule, ctx, restart_ok=False)
    cells = _cell_items(doc)
    for run in _groups(labels, "khoan", ("phan", "chuong", "muc", "dieu", "roman", "appendix")):
        yield from _sequence(run, rule, ctx, restart_ok=False, cells=cells)


_CELL_ITEM = re.compile(r"^\W{0,2}(\d{1,2})\.\s+\S")


def _cell_items(doc: LegalDocument) -> list[tuple[int, int]]:
    """(block, number) of table-cell paragraphs that open with a list number ("1. Hàng hóa …")."""
    out = []
    for b in doc.source.blocks:
        if b.kind == "cell" or b.table is not None:
            m = _CELL_ITEM.match(b.text)
            if m:
                out.append((b.index, int(m.group(1))))
    return out


@check("KT043", "KT143")
def diem_letters(doc: LegalDocument, ctx, rule):
    labels = scan_labels(doc, attached=True)
    for run in _groups(labels, "diem", ("phan", "chuong", "muc", "dieu", "roman", "khoan", "appendix")):
        prev = -1
        for d in run:
            m = re.match(r"^([^\W\d_])(\d*)$", d.label)
            if not m:
                continue
            letter, digits = m.group(1), m.group(2)
            if letter not in DIEM_LETTERS:
                if letter.isupper():
                    continue  # "A)" is another list style, not a điểm
                yield rule.finding(ctx, block=d.block_start, component="diem", found=f"{d.label})",
                                   expected="chữ cái tiếng Việt: " + " ".join(DIEM_LETTERS))
                prev = -1
                continue
            idx = DIEM_LETTERS.index(letter)
            ok = idx == prev if digits else idx == prev + 1   # an inserted "a1)" follows "a)"
            if not ok:
                exp = DIEM_LETTERS[prev + 1] if 0 <= prev + 1 < len(DIEM_LETTERS) else "a"
                yield rule.finding(ctx, block=d.block_start, component="diem", found=f"{d.label})",
                                   expected=f"{exp})", severity=rule.params.get("order_severity"))
            if not digits:
                prev = idx      # an inserted "a1)" does not move the sequence on


@check("KT044")
def titles_required(doc: LegalDocument, ctx, rule):
    from ._layout_util import param
    from ._layout_util import continues_previous
    for n in _nodes(doc, *param(rule, ctx, "kinds", ["phan", "chuong", "muc", "tieu_muc", "dieu"])):
        if not (n.title or "").strip() and not continues_previous(doc, n.block_start) and \
                not _title_on_next_line(doc, n):
            name = StructureNode.KIND_NAMES[n.kind]
            yield rule.finding(ctx, block=n.block_start, component=n.kind, found=f"{name} {n.label}",
                               expected=f"{name} {n.label} có tên (tiêu đề)")


def _title_on_next_line(doc: LegalDocument, n) -> bool:
    """A Phần/Chương/Mục whose title in capitals (or an Điều whose bold title) is on the next line
    (the parser may not attach it)."""
    if n.kind not in ("phan", "chuong", "muc", "tieu_muc", "dieu"):
        return False
    src = doc.source.blocks
    b = n.block_start + 1
    while b < len(src) and (src[b].kind in ("header", "footer") or not src[b].text.strip()):
        b += 1
    if b >= len(src):
        return False
    text = src[b].text.strip()
    if n.kind == "dieu":
        # "**Điều 3**." / "**Điều khoản thi hành.**": a web copy put the bold title on its own line;
        # the content of an article is not bold (a plain-text copy has no bold: nothing is assumed)
        runs = [r for r in src[b].runs if r.text.strip()]
        return bool(runs) and all(r.format.bold for r in runs) and len(text.split()) <= 20 and \
            not any(rx.match(text) for _, rx in _SCAN)
    return text == text.upper() and any(ch.isalpha() for ch in text) and not any(
        rx.match(text) for _, rx in _SCAN)


_BULLET = re.compile(r"^\s*[-–+•·*]\s")


@check("KT045")
def no_bullets_in_diem(doc: LegalDocument, ctx, rule):
    src = doc.source.blocks
    for d in _nodes(doc, "diem"):
        legend = False
        for b in range(d.block_start, d.block_end + 1):
            if b >= len(src) or doc.in_quotation(b):
                continue
            if re.search(r"[Tt]rong đó\s*:\s*$", src[b].text):
                legend = True   # the symbols of a formula are listed after "trong đó:" — not ideas of the điểm
            if b == d.block_start or legend:
                continue
            blk = src[b]
            bullet = _BULLET.match(blk.text) or (blk.paragraph is not None and blk.paragraph.numbering)
            if bullet:
                yield rule.finding(ctx, block=b, component="diem", found=blk.text[:60],
                                   expected="một ý trong một điểm, không gạch đầu dòng")


_DIEU_FORM = re.compile(r"^Điều\s+\d+[a-zđ]?\.(\s|$)")


@check("KT046")
def dieu_heading_form(doc: LegalDocument, ctx, rule):
    for n in _nodes(doc, "dieu"):
        text = (n.heading_text or doc.source.blocks[n.block_start].text).strip()
        if not _DIEU_FORM.match(text):
            head = text[:40]
            yield rule.finding(ctx, block=n.block_start, component="dieu", found=head,
                               expected=f"Điều {n.label}. <tên điều>")


def _head_runs(doc: LegalDocument, block: int, end: int | None = None):
    blk = doc.source.blocks[block]
    return [r for r in letter_runs(blk) if end is None or r.start < end]


@check("KT025", "KT125")
def dieu_heading_style(doc: LegalDocument, ctx, rule):
    """"Điều N." and a title on the same line: bold, lower case ("Điều", not "ĐIỀU")."""
    for n in _nodes(doc, "dieu"):
        blk = doc.source.blocks[n.block_start]
        text = blk.text
        m = re.match(r"\s*(Điều|ĐIỀU|điều)\s+\S+?\.?(?=\s|$)", text)
        if not m:
            continue
        problems = []
        if m.group(1) != "Điều":
            problems.append(f"“{m.group(1)}”")
        # the title is bold too when the line holds only the heading (content follows on new lines)
        rest = text[m.end():].strip()
        # the rest of the line is a title (bold) unless it is a sentence of content ("Điều 2. Nghị
        # quyết này có hiệu lực …."), as in the ND30 mẫu of administrative decisions
        title_only = bool(rest) and not rest.endswith((".", ";", ":")) and len(rest) <= 80
        runs = _head_runs(doc, n.block_start, None if title_only else m.end())
        if any(r.format.bold is False for r in runs):
            problems.append("không đậm")
        if any(r.format.italic for r in runs):
            problems.append("nghiêng")
        if problems:
            yield rule.finding(ctx, block=n.block_start, component="dieu", found="; ".join(problems),
                               expected="“Điều”, số và tên điều: chữ in thường, đứng, đậm")


@check("KT026")
def part_chapter_heading_style(doc: LegalDocument, ctx, rule):
    src = doc.source.blocks
    for n in _nodes(doc, "phan", "chuong", "muc", "tieu_muc"):
        blk = src[n.block_start]
        problems = []
        word = blk.text.strip().split(" ")[0] if blk.text.strip() else ""
        name = StructureNode.KIND_NAMES[n.kind]
        if word and word != name.split(" ")[0] and word.isupper():
            problems.append(f"“{word}” in hoa")
        if any(r.format.bold is False for r in letter_runs(blk)):
            problems.append("không đậm")
        p = blk.paragraph
        if p is not None and p.alignment is not None and p.alignment != "center":
            problems.append(f"căn {p.alignment}")
        # the title on the next line: capitals, bold
        nxt = n.block_start + 1
        title_line = nxt < len(src) and src[nxt].text.strip() and not any(
            rx.match(src[nxt].text.strip()) for _, rx in _SCAN) and (
            not n.title or n.title.strip() in src[nxt].text) and len(src[nxt].text) < 200
        if title_line:
            tb = src[nxt]
            title = tb.text.strip()
            if title != title.upper() and not all(r.format.caps for r in letter_runs(tb)):
                problems.append("tên không in hoa")
            if any(r.format.bold is False for r in letter_runs(tb)):
                problems.append("tên không đậm")
        if problems:
            yield rule.finding(ctx, block=n.block_start, component=n.kind, found="; ".join(problems),
                               expected=f"“{name} …” chữ thường, đậm, căn giữa; tên in hoa, đậm")
