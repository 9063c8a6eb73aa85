"""Viện dẫn (VD…): in-text references resolve in the document's own tree; other documents are named.

Facts: ../shared/reference/legal-framework.md §6 (NĐ 78 Điều 68 k1–k2).
"""
from __future__ import annotations

import bisect
import re
from itertools import islice

from ..engine import check
from .layout_structure import _all_italic
from .legal_basis import citations

_DIEU = re.compile(r"^\s*Điều\s+(\d+\w*)\s*[.:]")
_KHOAN = re.compile(r"^\s*(\d+\w*)\.\s")


def article_tree(doc) -> dict[str, set[str]] | None:
    """Điều label → its khoản labels: from the parsed tree, else from the "Điều N." heading lines."""
    tree: dict[str, set[str]] = {}
    # the parsed tree, plus every "Điều N." heading line: a Quyết định carries its attached Quy chế's
    # articles after the signature, outside the decision's own tree
    for n in doc.nodes():
        if n.kind == "dieu":
            tree.setdefault(n.label, set()).update(k.label for k in n.children if k.kind == "khoan")
    _add_headings(doc, doc.source.blocks, tree)
    return tree or None


def _add_headings(doc, blocks, tree: dict[str, set[str]]) -> None:
    """Add the "Điều N." heading lines of these blocks, and the "1." khoản lines under each, to tree."""
    current = None
    for b in blocks:
        if doc.in_quotation(b.index):
            continue
        m = _DIEU.match(b.text)
        if m:
            current = m.group(1)
            tree.setdefault(current, set())
            continue
        m = _KHOAN.match(b.text)
        if m and current:
            tree[current].add(m.group(1))


_AMEND_TITLE = re.compile(r"sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế|đính\s+chính|hết\s+hiệu\s+lực|ngưng\s+hiệu\s+lực|danh\s+mục|"
                          r"kết\s+quả\s+(?:hệ\s+thống\s+hóa|rà\s+soát)|công\s+bố", re.IGNORECASE)
# ("rà soát" alone is a subject too: "Quy định mức chi … công tác rà soát …" is an ordinary document)


def _amending(doc, ctx) -> bool:
    """Amending, correcting (đính chính) or listing documents, and consolidated texts (VBHN, whose
    footnotes cite the amending documents' articles): their bare references point elsewhere."""
    if doc.metadata.title and _AMEND_TITLE.search(doc.metadata.title):
        return True
    if _consolidated(doc):
        return True
    return sum(1 for c in citations(doc, ctx) if c.kind == "amendment_target") >= 2


_OTHER_DOC = re.compile(r"\d+/\d{4}/|\b(Luật|Bộ luật|Pháp lệnh|Nghị định|Thông tư|Nghị quyết|Quyết định)\s+[A-ZĐ\d]")


_UNIT_WORDS = {"điều", "khoản", "điểm", "mục", "chương", "phần", "tên", "các", "và", "hoặc"}
_NEXT_DOC = re.compile(r"^[^.;]{0,90}?(?<!\w)(của\s+)?(Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị\s+định|Thông\s+tư|"
                       r"Quyết\s+định|Nghị\s+quyết|Hiến\s+pháp|luật|nghị\s+định|thông\s+tư|quyết\s+định)(?!\s+này)")


_PIN_LIST = re.compile(r"^(?:\s*(?:[,;]|và|hoặc|\([^()]*\)|(?:điểm|khoản|Điều|Chương|Mục|Phần)\s+[\w.]+"
                       r"(?:\s*,\s*[a-zđ0-9]{1,3}\b)*))+")


def _clearly_self(doc, c) -> bool:
    """"… của Quyết định này", or a reference inside a sentence of this document that names no other
    document; a bare list of provisions (a table cell of a danh mục) may belong to another document."""
    if c.text.rstrip().endswith("này"):
        return True
    text = doc.block(c.span.block).text
    before = text[:c.span.start]
    sentence = re.split(r"[.;:]\s", before)[-1]
    # "… một số điều của Luật Di sản văn hóa, bao gồm: khoản 4 Điều 13, khoản 7 Điều 25, …"
    intro = re.split(r"\.\s", before)[-1]
    m = re.search(r"\bgồm\s*:", intro)
    if m and _OTHER_DOC.search(intro[:m.start()]) and ":" not in intro[m.end():]:
        return False
    words = [w for w in re.findall(r"[^\W\d_]{2,}", sentence) if w.lower() not in _UNIT_WORDS]
    if len(words) < 2 or _OTHER_DOC.search(sentence):
        return False
    # a PDF line may end inside the reference: "… tại Điều 24" / "Luật Quảng cáo" on the next line
    rest = text[c.span.end:] if c.span.end is not None else ""
    # the first items of a list whose document is named after the last one: "khoản 4 Điều 10;
    # điểm b, d khoản 1 Điều 11 và Điều 31 của Nghị quyết số 222/2025/QH15"
    if _NEXT_DOC.match(_PIN_LIST.sub("", rest, count=1)):
        return False
    if len(rest.strip()) <= 25 and c.span.block + 1 < len(doc.source.blocks):
        tail = rest + " " + doc.block(c.span.block + 1).text
        if _NEXT_DOC.match(tail):
            return False
    return True


def _article_list(tree) -> str:
    """"Điều 1–3" when the articles run without a gap, else every label: "Điều 1, 2, 4"."""
    labels = list(tree)
    if labels == [str(i) for i in range(1, len(labels) + 1)]:
        return f"Điều 1–{len(labels)}" if len(labels) > 1 else "Điều 1"
    return "Điều " + ", ".join(labels)


# -- which Điều tree a reference points into (issue 11 item 5) ---------------------------------------
# A Quyết định (or Thông tư, Nghị quyết) with an attached Quy định/Quy chế has two trees: its own Điều
# ("Điều 3 của Quyết định này") and those of the attached text ("Điều 3 Quy định ban hành kèm theo
# Quyết định này", "khoản 2 Điều 4 của Quy chế này", or a bare "Điều 4" inside the Quy chế).

_TYPES = (r"(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết(?:\s+liên\s+tịch)?|Quyết\s+định|"
          r"Thông\s+tư(?:\s+liên\s+tịch)?|Chỉ\s+thị|Lệnh)")
_ATTACHED = (r"(?:Quy\s+định|Quy\s+chế|Điều\s+lệ|Quy\s+trình|Hướng\s+dẫn|Chương\s+trình|Kế\s+hoạch|"
             r"Phương\s+án|Đề\s+án|Tiêu\s+chuẩn|Chế\s+độ)")
# what follows the pinpoints: "… Quy định ban hành kèm theo Quyết định này", "… của Quy chế này"
_AFTER_ATTACHED = re.compile(r"^\s*(?:của\s+)?" + _ATTACHED + r"\b")
_AFTER_OWN = re.compile(r"^\s*(?:của\s+)?(" + _TYPES + r")\s+này\b")


def _span_region(doc, block: int):
    """The attached text (phụ lục node) that holds the block, or None for the document's own text."""
    for n in doc.body:
        if n.kind in ("phu_luc", "mau") and n.block_start <= block <= n.block_end:
            return n
    return None


def _attached_with_dieu(doc) -> list:
    """The attachments with Điều. They are read as ONE attached text: a heading in capitals inside an
    attached Quy chế ("CHƯƠNG TRÌNH CÔNG TÁC …") may split it into several phụ lục nodes."""
    return [n for n in doc.body if n.kind == "phu_luc" and any(x.kind == "dieu" for x in n.walk())]


def _region_tree(doc, region) -> dict[str, set[str]]:
    """Điều label → khoản labels of the document's own text (region None) or of the attached text(s)
    (any attachment node) — parsed nodes plus "Điều N." heading lines in their blocks."""
    tree: dict[str, set[str]] = {}
    nodes = [n for n in doc.body if n.kind not in ("phu_luc", "mau")] if region is None else \
        _attached_with_dieu(doc)
    for top in nodes:
        for n in top.walk():
            if n.kind == "dieu":
                tree.setdefault(n.label, set()).update(k.label for k in n.children if k.kind == "khoan")
    if region is None:
        spans = [(0, min([n.block_start for n in doc.body if n.kind in ("phu_luc", "mau")] or [len(doc.source.blocks)]))]
    else:
        spans = [(n.block_start, n.block_end + 1) for n in nodes]
    _add_headings(doc, (b for lo, hi in spans for b in doc.source.blocks[lo:hi]), tree)
    return tree


def _norm_type(t: str) -> str:
    return re.sub(r"\s+", " ", t).strip().lower()


def target_region(doc, c) -> tuple[str, object, bool]:
    """Which text the self-reference c points into: ("own", None) this document's own Điều,
    ("attached", node) one attached text, ("merged", None) cannot tell between them, ("unknown", None)
    an attached text is named but none with Điều is attached; and whether the reference names its
    text ("… Quyết định này", "… Quy định ban hành kèm theo Quyết định này", "… Quy chế này")."""
    text = doc.block(c.span.block).text
    rest = text[c.span.end:] if c.span.end is not None else ""
    attached = _AFTER_ATTACHED.match(rest) or re.search(_ATTACHED + r"(?:\s+\S+){0,6}\s+này\s*$", c.text)
    own = _AFTER_OWN.match(rest) or re.search(r"(?:của\s+)?(" + _TYPES + r")\s+này\s*$", c.text)
    here = _span_region(doc, c.span.block)
    with_dieu = _attached_with_dieu(doc)
    if attached:
        return ("attached", with_dieu[0], True) if with_dieu else ("unknown", None, True)
    if own:
        if _norm_type(own.group(1)) == _norm_type(doc.metadata.type or ""):
            return "own", None, True
        return "merged", None, True
    if here is not None and here in with_dieu:
        return "attached", here, False
    if here is not None:
        return "merged", None, False      # a phụ lục without Điều (a table, a form): bare numbers are not ours
    return "own", None, False


def target_tree(doc, c, merged: dict[str, set[str]], trees: dict | None = None,
                ) -> tuple[dict[str, set[str]] | None, bool]:
    """The Điều tree (Điều label → khoản labels) the self-reference c points into (see target_region);
    None when it cannot be told. `trees`: a dict the caller keeps for one document, so that each region's
    tree is built once, not once per reference (a long amending text has thousands)."""
    where, node, named = target_region(doc, c)
    if where == "unknown":
        return None, named
    if where == "merged":
        return merged, named
    if trees is None:
        return _region_tree(doc, node) or merged, named
    if id(node) not in trees:   # (the nodes belong to doc, alive while the caller holds it)
        trees[id(node)] = _region_tree(doc, node)
    return trees[id(node)] or merged, named


def _has_amendment_target(target_blocks: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of the blocks of amendment targets has one in start..end (by bisection)."""
    i = bisect.bisect_left(target_blocks, start)
    return i < len(target_blocks) and target_blocks[i] <= end


def amend_units(doc, ctx) -> list[tuple[int, int]]:
    """Điều of an amending document that carry another document's wording (an amendment target or a
    quotation inside, or an amending heading): their "Điều này", "Nghị định này" are the amended text's."""
    cites = citations(doc, ctx)
    amending = _amending(doc, ctx)
    targets = sorted(c.span.block for c in cites if c.kind == "amendment_target")
    return [(n.block_start, n.block_end) for n in doc.nodes() if n.kind == "dieu" and (
        _has_amendment_target(targets, n.block_start, n.block_end)
        or any(a <= n.block_end and n.block_start <= b for a, b in doc.quotations)
        or (amending and _AMEND_WORDS.search(n.heading_text or "")))]


_AMENDING_TITLE = re.compile(r"sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế|đính\s+chính|hết\s+hiệu\s+lực|ngưng\s+hiệu\s+lực",
                             re.IGNORECASE)
_AMEND_WORDS = re.compile(r"sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ", re.IGNORECASE)


@check("VD001")
def reference_points_nowhere(doc, ctx, rule):
    merged = article_tree(doc)
    if not merged or _consolidated(doc):
        return
    # In an amending (or listing) document unqualified references mostly point into the amended one;
    # one that names this document ("Điều 10 Quyết định này") outside the amending articles is ours.
    amending = _amending(doc, ctx)
    if amending and _AMENDING_TITLE.search(doc.metadata.title or ""):
        return     # an amending text: its own articles quote the amended one and their numbering is not ours
    skip = amend_units(doc, ctx) if amending else []
    trees: dict = {}
    for c in citations(doc, ctx):
        if c.kind != "reference" or c.target != "self" or doc.in_quotation(c.span.block):
            continue
        if _all_italic(doc.source.blocks[c.span.block]):
            continue    # a law quoted in italics without quotation marks: its Điều are not ours
        if c.text.startswith(("“", '"')) or not _clearly_self(doc, c):
            continue
        tree, named = target_tree(doc, c, merged, trees)
        if tree is None or (amending and (not named or any(a <= c.span.block <= b for a, b in skip))):
            continue
        for p in c.pinpoints:
            if p.relative or p.range:
                continue
            for dieu in p.dieu:
                if dieu not in tree:
                    yield rule.finding(ctx, block=c.span.block, start=c.span.start, end=c.span.end,
                                       found=f"Điều {dieu}", expected=_article_list(tree))
                elif p.khoan and tree[dieu]:
                    for k in p.khoan:
                        if k not in tree[dieu]:
                            yield rule.finding(ctx, block=c.span.block, start=c.span.start, end=c.span.end,
                                               found=f"khoản {k} Điều {dieu}",
                                               expected=f"khoản {', '.join(sorted(tree[dieu]))}")


def _consolidated(doc) -> bool:
    """A văn bản hợp nhất reproduces the wording of the texts it consolidates; it is not drafted."""
    return (doc.metadata.type or "") == "Văn bản hợp nhất" or "VBHN" in (doc.metadata.number or "")


def _continues_with_identity(doc, c) -> bool:
    """The citation ends a block and the next block carries the number ("… Thông tư" / "số 02/2023/…")."""
    text = doc.block(c.span.block).text
    rest = text[c.span.end:] if c.span.end is not None else ""
    if rest.strip() or c.span.block + 1 >= len(doc.source.blocks):
        return False
    return bool(re.match(r"^\s*(số\b|\d|này\b|[A-ZĐ])", doc.block(c.span.block + 1).text))


_ALIAS = re.compile(r"\(\s*sau\s+đây\s+(?:được\s+)?(?:gọi|viết)(?:\s+(?:tắt|gọn|chung))?\s+là\s*:?\s*"
                    r"[“\"]?([^()“”\"]{2,60}?)[”\"]?\s*\)", re.IGNORECASE)


_ALIAS_NUMBER = re.compile(r"\(\s*sau\s+đây\s+(?:được\s+)?(?:gọi|viết)(?:\s+(?:tắt|gọn|chung))?\s+là[^()]{0,80}?"
                           r"\bsố\s+(\d[\w./&Đđ-]*)\s*\)", re.IGNORECASE)


def _aliases(doc) -> set[str]:
    """Short names the document defines: "… Nghị định số 200/2025/NĐ-CP … (sau đây viết tắt là
    Nghị định)" — a later "Điều 7 Nghị định" then names that document."""
    return {m.group(1).strip().lower() for b in doc.source.blocks if "sau đây" in b.text.lower()
            for m in _ALIAS.finditer(b.text)}


@check("VD002")
def other_document_not_named(doc, ctx, rule):
    if _consolidated(doc) or _amending(doc, ctx):
        return      # "khoản 1 Điều 2 Nghị quyết" in an amending text means the amended one
    aliases = _aliases(doc)
    for c in citations(doc, ctx):
        if _continues_with_identity(doc, c):
            continue
        if c.kind == "reference" and c.target == "previous" and c.document is not None \
                and not c.document.number and not c.document.title \
                and (c.document.doc_type or "").lower() not in aliases:
            yield rule.finding(ctx, block=c.span.block, start=c.span.start, end=c.span.end, found=c.text,
                               expected=f"{c.text} số …")


_SENTENCE_END = re.compile(r"[.;:]\s")   # (two characters, the second a space: matches never overlap)
_WORD = re.compile(r"[^\W\d_]{2,}")


@check("VD003")
def first_mention_incomplete(doc, ctx, rule):
    if _consolidated(doc) or _amending(doc, ctx):
        return      # lists of documents (tables) and amending texts identify documents in their title
    # documents already identified in the header (trích yếu) count as mentioned
    header = " ".join(c.text for c in doc.components if c.name in ("trich_yeu", "ten_loai", "vv"))
    header += " " + (doc.metadata.title or "")
    seen: set[str] = {m.group(0).replace(" ", "") for m in re.finditer(r"\d+[\d.]*/\d{4}/[\wĐđ-]+", header)}
    # numbers given as short names ("(sau đây viết tắt là Thông tư liên tịch số 06/2018)", possibly over
    # two PDF lines): the grammar does not read these clauses as citations; a later "… số 06/2018" names
    # the document identified just before the clause
    joined = " ".join(b.text for b in doc.source.blocks if b.text)
    if "đây" in joined:
        seen |= {m.group(1).replace(" ", "") for m in _ALIAS_NUMBER.finditer(joined)}
    sentence_ends: dict[int, list[int]] = {}
    for c in citations(doc, ctx):
        d = c.document
        if d is None or not d.number or d.doc_type in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp") or d.party:
            continue
        if d.number in seen or re.search(r"\.\.|…|_|^/", d.number) or c.text.isupper():
            continue        # blanks of a form ("số …/2022/QĐ-TTg"), form titles in capitals
        seen.add(d.number)
        before = doc.block(c.span.block).text[:c.span.start]
        if re.search(r"\(\s*sau\s+đây[^)]*$", before):
            continue        # "(sau đây viết tắt là Thông tư liên tịch số 06/2018)": an alias
        if re.search(r"sửa\s+đổi,?\s+(bổ\s+sung\s+)?(một\s+số\s+điều\s+)?(bởi|tại|theo)\s*$", before):
            continue        # an amending document in a "được sửa đổi, bổ sung bởi …" chain: type + number suffice
        # the sentence before the citation: from the last "." ";" ":" + space (their places are found once
        # per block: a paragraph with thousands of citations stays linear)
        ends = sentence_ends.get(c.span.block)
        if ends is None:
            ends = sentence_ends[c.span.block] = [m.end() for m in _SENTENCE_END.finditer(doc.block(c.span.block).text)]
        k = bisect.bisect_right(ends, len(before)) - 1
        if sum(1 for _ in islice(_WORD.finditer(before, ends[k] if k >= 0 else 0), 3)) < 3:
            continue        # a table cell or a list item, not a sentence (fewer than 3 words)
        if c.kind == "reference" and not d.issuer and not d.date:
            yield rule.finding(ctx, block=c.span.block, start=c.span.start, end=c.span.end, found=c.text,
                               expected=f"{d.doc_type} số {d.number} ngày … của … về …")
