"""The body tree: Phần, Chương, Mục, Tiểu mục, Điều, khoản, điểm — with inserted units (Điều 5a, khoản 2a,
điểm a1) — and the quoted text of amendments kept out of the document's own structure.

Headings are recognised by their form and by sequence: a "2." opens khoản 2 only after khoản 1 (or as the
first khoản), so a wrapped line that happens to start with a number is not taken for a khoản.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import StructureNode
from .lines import Line

_ROMAN = r"[IVXLC]+"
PHAN_RE = re.compile(r"^(?:PHẦN|Phần)\s+(?P<label>(?:THỨ|thứ)\s+[^\W\d_]+|" + _ROMAN + r"|\d+)\b\s*[.:\-–]?\s*(?P<title>.*)$")
CHUONG_RE = re.compile(r"^(?:CHƯƠNG|Chương)\s+(?P<label>" + _ROMAN + r"|\d+[a-z]?)\b\s*[.:\-–]?\s*(?P<title>.*)$")
MUC_RE = re.compile(r"^(?:MỤC|Mục)\s+(?P<label>\d+[a-z]?|" + _ROMAN + r")\b\s*[.:\-–]?\s*(?P<title>.*)$")
TIEU_MUC_RE = re.compile(r"^(?:TIỂU MỤC|Tiểu mục)\s+(?P<label>\d+[a-z]?|" + _ROMAN + r")\b\s*[.:\-–]?\s*(?P<title>.*)$")
DIEU_RE = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<label>\d+[a-zđ]?)\s*[.:]\s*(?P<title>.*)$")
KHOAN_RE = re.compile(r"^(?P<label>\d+[a-zđ]?)\s*\.(?!\d)\s*(?P<title>\S.*)$")
DIEM_RE = re.compile(r"^(?P<label>[a-zđ]\d?)\s*\)\s*(?P<title>.*)$")
ALPHABET = "abcdđeghiklmnopqrstuvxy"

_LEVELS = ("phan", "chuong", "muc", "tieu_muc", "dieu", "khoan", "diem")


def _rank(kind: str) -> int:
    return _LEVELS.index(kind)


def _num(label: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", label)
    return (int(m.group(1)), m.group(2)) if m else (0, label)


def roman_to_int(s: str) -> int | None:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    s = s.upper()
    if not s or any(c not in vals for c in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total


def _is_title_text(t: str) -> bool:
    """A heading title in capitals, or empty (the title is on the next line)."""
    letters = [c for c in t if c.isalpha()]
    return not letters or sum(c.isupper() for c in letters) / len(letters) >= 0.8


@dataclass
class _Open:
    kind: str
    label: str
    title: str | None
    start: int          # block index
    heading: str
    children: list


def _quote_ranges(lines: list[Line], start: int, end: int) -> list[tuple[int, int]]:
    """Line index ranges (inclusive) of quoted text: from an unbalanced opening quote to its closing quote."""
    out = []
    i = start
    while i < end:
        t = lines[i].text
        opens, closes = t.count("“"), t.count("”")
        straight_open = t.lstrip("*_ ").startswith('"') and t.count('"') % 2 == 1
        if opens > closes or straight_open:
            depth = opens - closes
            k = i
            closed = False
            while k + 1 < end and k - i < 3000:
                k += 1
                u = lines[k].text
                if straight_open:
                    if u.count('"') % 2 == 1:
                        closed = True
                        break
                    continue
                depth += u.count("“") - u.count("”")
                if depth <= 0:
                    closed = True
                    break
            if closed:
                # The opening line belongs to the quotation only when it starts with the quote mark.
                first = i if t.lstrip("*_ ").startswith(("“", '"')) else i + 1
                if first <= k:
                    out.append((first, k))
                i = k + 1
                continue
        i += 1
    return out


def build_tree(lines: list[Line], start: int, end: int, skip: set[int] | None = None
               ) -> tuple[list[StructureNode], list[tuple[int, int]]]:
    """Parse lines[start:end] into structure nodes; returns (top-level nodes, quotation block ranges)."""
    skip = skip or set()
    quotes = _quote_ranges(lines, start, end)
    in_quote: set[int] = set()
    for a, b in quotes:
        in_quote.update(range(a, b + 1))
    stack: list[_Open] = []
    roots: list[StructureNode] = []
    last_block = lines[end - 1].block if end > start else 0
    # sequence state
    last_dieu: tuple[int, str] | None = None
    last_khoan: tuple[int, str] | None = None
    last_diem: str | None = None
    last_chuong: int | None = None
    prev_block = None

    def close_to(rank: int, end_block: int):
        while stack and _rank(stack[-1].kind) >= rank:
            o = stack.pop()
            node = StructureNode(o.kind, o.label, o.title or None, o.start, max(o.start, end_block),
                                 tuple(o.children), o.heading)
            (stack[-1].children if stack else roots).append(node)

    i = start
    while i < end:
        ln = lines[i]
        t = ln.text
        if not t or i in skip or i in in_quote:
            i += 1
            continue
        kind = label = title = None
        m = None
        if (m := DIEU_RE.match(t)):
            n = _num(m.group("label"))
            # in sequence: after the previous article, a small gap at most (a wrapped "Điều 31." of running
            # text, or an article quoted without quote marks, is not the next article)
            if last_dieu is None or (n > last_dieu and n[0] - last_dieu[0] <= 3):
                kind, label, title = "dieu", m.group("label"), m.group("title").strip()
                last_dieu, last_khoan, last_diem = n, None, None
        elif (m := CHUONG_RE.match(t)) and _is_title_text(m.group("title")):
            v = roman_to_int(m.group("label")) or _num(m.group("label"))[0]
            if last_chuong is None or v > last_chuong:
                kind, label, title = "chuong", m.group("label"), m.group("title").strip()
                last_chuong = v
        elif (m := PHAN_RE.match(t)) and _is_title_text(m.group("title")):
            kind, label, title = "phan", m.group("label"), m.group("title").strip()
        elif (m := TIEU_MUC_RE.match(t)) and _is_title_text(m.group("title")):
            kind, label, title = "tieu_muc", m.group("label"), m.group("title").strip()
        elif (m := MUC_RE.match(t)) and _is_title_text(m.group("title")) and any(o.kind in ("chuong", "phan") for o in stack):
            kind, label, title = "muc", m.group("label"), m.group("title").strip()
        elif stack and stack[-1].kind in ("dieu", "khoan", "diem") and (m := KHOAN_RE.match(t)):
            n = _num(m.group("label"))
            ok = (last_khoan is None and n[0] == 1 and not n[1]) or (last_khoan is not None and (
                (n[0] == last_khoan[0] + 1 and not n[1]) or (n[0] == last_khoan[0] and n[1] > last_khoan[1])))
            if ok:
                kind, label, title = "khoan", m.group("label"), None
                last_khoan, last_diem = n, None
        elif stack and stack[-1].kind in ("dieu", "khoan", "diem") and (m := DIEM_RE.match(t)):
            lab = m.group("label")
            letter, digit = lab[0], lab[1:]
            if last_diem is None:
                ok = lab == "a"
            else:
                pl, pd = last_diem[0], last_diem[1:]
                ok = bool((not digit and letter in ALPHABET and pl in ALPHABET and ALPHABET.index(letter) == ALPHABET.index(pl) + 1) or (
                    digit and letter == pl and (not pd or int(digit) == int(pd) + 1)))
            if ok:
                kind, label, title = "diem", lab, None
                last_diem = lab
        if kind is None:
            i += 1
            continue
        assert label is not None   # set together with kind
        # Titles of Phần/Chương/Mục usually stand on the next line.
        heading = t
        if kind in ("phan", "chuong", "muc", "tieu_muc") and not title:
            k = i + 1
            parts: list[str] = []
            while k < end and lines[k].text and len(parts) < 4 and _is_title_text(lines[k].text) and not (
                    DIEU_RE.match(lines[k].text) or MUC_RE.match(lines[k].text) or CHUONG_RE.match(lines[k].text)):
                parts.append(lines[k].text)
                k += 1
            title = " ".join(parts) or None
        close_to(_rank(kind), (lines[i - 1].block if i > start else ln.block))
        if kind in ("phan", "chuong", "muc", "tieu_muc"):
            last_khoan = last_diem = None
        if kind == "khoan":
            last_diem = None
        stack.append(_Open(kind, label, title, ln.block, heading, []))
        i += 1
    close_to(0, last_block)
    qranges = [(lines[a].block, lines[b].block) for a, b in quotes]
    return roots, qranges
