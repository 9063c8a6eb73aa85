"""Layout of one PDF page: characters → visual lines → column segments → reading-order units.

Choices (documented for the parser):
- A visual line is a set of glyphs sharing a baseline (within ~0.45 em). It is cut into segments at
  table borders (thin vertical paths), at gaps wider than HARD_EM em, and at gaps wider than SOFT_EM
  em that line up with a hard cut of a nearby line (a column gutter): the two cells of the header
  table (issuer | quốc hiệu), "Số: …" | "Hà Nội, ngày …", "Nơi nhận:" | "TM. …", and table cells
  never interleave, while a blank left for the number in a draft ("Số:      /QĐ-UBND") does not cut.
- A two-column region (consecutive lines cut into exactly two segments around one common gap, plus
  the lines in between that sit wholly in one column) is read column by column — left column, then
  right column — when it is the page-1 header or the signature area (a left column that starts with
  "Nơi nhận"/"Nơi gửi"). Other regions (tables) keep row order.
- Body lines are merged into one unit per paragraph when a line runs to the right edge of the text
  and the next one starts at the left edge with no indent and no structural marker (Điều, khoản,
  điểm, a dash); column segments, centred lines and table cells stay one unit per visual line.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from .pdf_chars import OCR_FONT, Char, Style

HARD_EM = 3.8           # a gap wider than this (in em) always cuts a line into segments
SOFT_EM = 1.2           # a gap wider than this cuts when a nearby line has a hard cut there
WEAK_EM = 0.7           # a word gap this wide may separate two centred column cells
NEAR_LINES = 3
SPACE_EM = 0.15         # a gap wider than this between glyphs is a word space
_STRUCTURAL = re.compile(
    r"^(Điều\s+\d+[a-zđ]?\s*\.|Chương\s+[IVXLC\d]+\b|Mục\s+\d+\b|Phần\s+(thứ|[IVXLC\d])|"
    r"[a-zđ]\)|\d{1,2}(\.\d{1,2})*\.?\s|[-+•–]\s|PHỤ LỤC|Phụ lục\b)")
_BASELINE, _X0, _X1 = attrgetter("baseline"), attrgetter("x0"), attrgetter("x1")
_TOP, _BOTTOM = attrgetter("top"), attrgetter("bottom")
_CLOSING_LEFT = re.compile(r"^\s*(Nơi nhận|Nơi gửi)\b", re.I)


@dataclass
class Segment:
    chars: list[Char]
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    pieces: list[tuple[str, Style]] = field(default_factory=list)
    role: str = "body"          # "body" | "header" | "footer"

    @property
    def text(self) -> str:
        return "".join(p for p, _ in self.pieces)

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Unit:
    """What becomes one Block: one or more segments read as one line group."""

    segments: list[Segment]
    role: str = "body"
    fixed: bool = False         # part of a column region or a table row: never merged into a paragraph


def _clusters(chars: list[Char]) -> list[Char]:
    """Attach combining marks drawn as separate glyphs to their base character."""
    out: list[Char] = []
    for c in chars:
        if out and c.ch >= "\u0300" and len(c.ch) == 1 and unicodedata.combining(c.ch):   # marks are ≥ U+0300
            p = out[-1]
            out[-1] = Char(p.ch + c.ch, p.x0, min(p.top, c.top), max(p.x1, c.x1), max(p.bottom, c.bottom),
                           p.baseline, p.style)
        else:
            out.append(c)
    return out


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """Cluster glyphs by baseline; each line sorted left to right."""
    chars = sorted(_clusters(chars), key=_BASELINE)
    lines: list[list[Char]] = []
    ref = None
    ref_size = 0.0
    for c in chars:
        size = c.style.size
        if size < 4.0:      # max(size, 4.0) without the call: once per glyph
            size = 4.0
        if ref is not None and abs(c.baseline - ref) <= 0.45 * (size if size > ref_size else ref_size):
            lines[-1].append(c)
            if size > ref_size:
                ref_size = size
            continue
        lines.append([c])
        ref, ref_size = c.baseline, size
    for line in lines:
        line.sort(key=_X0)
    return lines


def _dedupe(chars: list[Char]) -> list[Char]:
    """Drop glyphs painted twice at the same place (fake bold by overprinting)."""
    out: list[Char] = []
    for c in chars:
        if out and c.ch == out[-1].ch and abs(c.x0 - out[-1].x0) < 0.1 * max(c.style.size, 1) and \
                abs(c.baseline - out[-1].baseline) < 0.5:
            continue
        out.append(c)
    return out


def _gaps(line: list[Char], rules: Sequence[tuple[float, float, float]]) -> list[tuple[int, float, float, int]]:
    """Candidate cuts of a line: (index of the glyph after the gap, gap start, gap end, strength).

    Strength 3: a table border between the glyphs; 2: a gap wider than HARD_EM em; 1: a gap wider
    than SOFT_EM em (cut only when a nearby line has a strong cut at the same place, i.e. a column).
    A gap mostly filled with typed spaces ("Số:      /QĐ-UBND") is one level weaker.
    """
    if rules:
        top = min(c.top for c in line)
        bottom = max(c.bottom for c in line)
        xs = [x for x, rt, rb in rules if rt < bottom - 1 and rb > top + 1]
    else:
        xs = []
    out = []
    last = None
    typed = 0.0
    for i, c in enumerate(line):
        if c.ch == " ":
            if not c.generated:
                typed += max(c.x1 - c.x0, 0.0)
            continue
        if last is not None:
            gap = c.x0 - last.x1
            if gap <= 7.0 and not xs:   # below every threshold (each is at least 7 pt): no candidate
                last = c
                typed = 0.0
                continue
            size = max(last.style.size, c.style.size, 4.0)
            if any(last.x1 - 1 <= x <= c.x0 + 1 for x in xs):
                out.append((i, last.x1, c.x0, 3))
            elif gap > max(SOFT_EM * size, 12.0):
                strength = 2 if gap > max(HARD_EM * size, 40.0) else 1
                if typed >= 0.5 * gap:
                    strength -= 1
                out.append((i, last.x1, c.x0, strength))
            elif gap > max(WEAK_EM * size, 7.0):
                out.append((i, last.x1, c.x0, 0))
        last = c
        typed = 0.0
    return out


def segment_lines(lines: list[list[Char]], rules: Sequence[tuple[float, float, float]] = ()) -> list[list[Segment]]:
    """Cut every visual line of a page into segments (columns, table cells)."""
    lines = [_dedupe(line) for line in lines]
    gaps = [_gaps(line, rules) for line in lines]
    cuts: list[list[int]] = []
    for k, line in enumerate(lines):
        mine = []
        for i, x0, x1, strength in gaps[k]:
            if strength == 0:
                continue
            if strength >= 2:
                mine.append(i)
                continue
            near = range(max(0, k - NEAR_LINES), min(len(lines), k + NEAR_LINES + 1))
            if any(s2 == 2 and a < x1 and b > x0 for j in near if j != k for _, a, b, s2 in gaps[j]):
                mine.append(i)
        cuts.append(mine)
    segs = [_cut(line, c) for line, c in zip(lines, cuts)]
    # Columns set closer than SOFT_EM: cut where the part beyond a word gap is centred exactly
    # like a segment of a nearby line (the cells of the header table centre their lines).
    for k, line in enumerate(lines):
        weak = [g for g in gaps[k] if g[0] not in cuts[k]]
        if not weak:
            continue
        extra = _centred_cuts(line, cuts[k], weak, segs, k)
        if extra:
            cuts[k] = sorted(cuts[k] + extra)
            segs[k] = _cut(line, cuts[k])
    return segs


def _centred_cuts(line: list[Char], done: list[int], weak, segs: list[list[Segment]], k: int) -> list[int]:
    near = [s for j in range(max(0, k - NEAR_LINES), min(len(segs), k + NEAR_LINES + 1)) if j != k
            for s in segs[j] if s.x1 - s.x0 > 4 * s.size]
    if not near:
        return []
    bounds = [0] + done + [len(line)]
    out = []
    for i, left_end, right_start, _strength in weak:
        a = max(b for b in bounds if b <= i)
        b = min(b for b in bounds if b > i)
        inked = [c for c in line[a:b] if c.ch.strip()]
        if not inked:
            continue
        size = max(c.style.size for c in inked)
        tol = max(3.0, 0.3 * size)
        right_c = (right_start + inked[-1].x1) / 2
        left_c = (inked[0].x0 + left_end) / 2
        if any(s.x0 >= left_end - 1 and abs(s.center - right_c) <= tol for s in near) or \
                any(s.x1 <= right_start + 1 and abs(s.center - left_c) <= tol for s in near):
            out.append(i)
    return out


def _cut(line: list[Char], cuts: list[int]) -> list[Segment]:
    bounds = [0] + cuts + [len(line)]
    segs = []
    for a, b in zip(bounds, bounds[1:]):
        g = line[a:b]
        inked = [c for c in g if c.ch.strip()]
        if not inked:
            continue
        seg = Segment(chars=g, x0=min(map(_X0, inked)), x1=max(map(_X1, inked)),     # C-level passes
                      top=min(map(_TOP, inked)), bottom=max(map(_BOTTOM, inked)),
                      baseline=_mode([round(c.baseline, 1) for c in inked]),
                      size=_mode([c.style.size for c in inked]))
        seg.pieces = _pieces(g)
        segs.append(seg)
    return segs


def _mode(values: list[float]) -> float:
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _pieces(chars: list[Char]) -> list[tuple[str, Style]]:
    """Text pieces with their style, one per run of glyphs in the same style; word spaces inferred
    from gaps, runs of spaces collapsed."""
    out: list[tuple[str, Style]] = []
    prev = None
    for c in chars:
        ch = c.ch
        if prev is not None:
            if ch == " " and out[-1][0] == " ":
                continue
            if ch != " " and prev.ch != " " and (c.x0 - prev.x1 > SPACE_EM * (sz if (sz := c.style.size) > 1.0 else 1.0)
                                                 or c.style.font == OCR_FONT == prev.style.font):
                # OCR pseudo-glyphs are whole words (Tesseract's word boxes): always a space between
                out.append((" ", prev.style))
        elif ch == " ":
            continue
        out.append((ch, c.style))
        prev = c
    while out and out[-1][0] == " ":
        out.pop()
    if len(out) < 2:
        return out
    runs: list[tuple[str, Style]] = []
    text: list[str] = []
    style = out[0][1]
    for ch, st in out:   # one piece per style run (the same Style object, or an equal one)
        if st is not style and st != style:
            runs.append(("".join(text), style))
            text = []
            style = st
        text.append(ch)
    runs.append(("".join(text), style))
    return runs


def order_page(lines: list[list[Segment]], page_no: int, page_width: float) -> list[Unit]:
    """Reading-order units for one page (segments already carry their role)."""
    body_lines = [[s for s in line if s.role == "body"] for line in lines]
    heads = [Unit([s], s.role) for line in lines for s in line if s.role == "header"]
    feet = [Unit([s], s.role) for line in lines for s in line if s.role == "footer"]
    body_lines = [line for line in body_lines if line]
    units: list[Unit] = []
    i = 0
    first_body = True
    lead: list[Segment] = []
    if page_no == 1:
        lead_end = _header_lead(body_lines)
        if lead_end:
            lead = [line[0] for line in body_lines[:lead_end]]
            i = lead_end
    while i < len(body_lines):
        region = _region(body_lines, i, page_width)
        if region is not None and lead:
            # header lines above the first two-cell line (issuer and quốc hiệu on different baselines)
            end, left, right = region
            lo, hi = body_lines[i][0].x1, body_lines[i][1].x0
            mid = (lo + hi) / 2
            left = [s for s in lead if s.center < mid] + left
            right = [s for s in lead if s.center >= mid] + right
            region = end, left, right
            lead = []
        if region is not None:
            end, left, right = region
            closing = bool(left) and _CLOSING_LEFT.match(left[0].text or "") is not None
            if (page_no == 1 and first_body) or closing:
                units.extend(Unit([s], fixed=True) for s in left)
                units.extend(Unit([s], fixed=True) for s in right)
            else:
                for line in body_lines[i:end]:
                    units.extend(Unit([s], fixed=True) for s in line)
            i = end
            first_body = False
            continue
        first_body = False
        units.extend(Unit([s], fixed=len(body_lines[i]) > 1) for s in body_lines[i])
        i += 1
    return heads + _merge_paragraphs(units, body_lines) + feet


def _header_lead(lines: list[list[Segment]]) -> int:
    """Page 1: how many single-segment lines precede the first two-cell line of the header, when
    each of them sits wholly on one side of that line's gap (0: no such lead)."""
    for r in range(1, min(6, len(lines))):
        if len(lines[r]) == 2:
            lo, hi = lines[r][0].x1, lines[r][1].x0
            if all(len(line) == 1 and (line[0].x1 <= hi or line[0].x0 >= lo) and
                   not (line[0].x0 < lo and line[0].x1 > hi) for line in lines[:r]):
                return r
            return 0
        if len(lines[r]) > 2:
            return 0
    return 0


def _region(lines: list[list[Segment]], start: int, page_width: float):
    """A two-column region starting at line `start`: (end index, left segments, right segments)."""
    first = lines[start]
    if len(first) != 2:
        return None
    lo, hi = first[0].x1, first[1].x0
    left, right = [first[0]], [first[1]]
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if len(line) == 2:
            nlo, nhi = max(lo, line[0].x1), min(hi, line[1].x0)
            if nlo >= nhi:
                break
            lo, hi = nlo, nhi
            left.append(line[0])
            right.append(line[1])
        elif len(line) == 1:
            seg = line[0]
            right_center = sum(s.center for s in right) / len(right)
            if seg.x1 <= hi and seg.x0 < lo:
                left.append(seg)
            elif seg.x0 >= lo and abs(seg.center - right_center) <= 0.08 * page_width:
                right.append(seg)
            else:
                break
        else:
            break
        end += 1
    return end, left, right


def _size_tolerance(seg: Segment) -> float:
    # OCR "sizes" are word-box heights, which vary from line to line of one paragraph
    return 0.3 * seg.size if seg.chars and seg.chars[0].style.font == OCR_FONT else 1.0


def _merge_paragraphs(units: list[Unit], lines: list[list[Segment]]) -> list[Unit]:
    """Join wrapped body lines of one paragraph into one unit."""
    segs = [s for line in lines for s in line]
    if not segs:
        return units
    left = min(s.x0 for s in segs)
    right = max(s.x1 for s in segs)
    out: list[Unit] = []
    for u in units:
        seg = u.segments[0]
        if out and not u.fixed and not out[-1].fixed:
            a = out[-1].segments[-1]
            size = max(a.size, seg.size)
            pitch = seg.baseline - a.baseline
            if (a.x1 >= right - 2.0 * a.size and seg.x0 <= left + 0.6 * seg.size
                    and 0 < pitch <= 2.2 * size and abs(a.size - seg.size) <= _size_tolerance(seg)
                    and not _STRUCTURAL.match(seg.text)):
                out[-1].segments.append(seg)
                continue
        out.append(Unit(list(u.segments), u.role, u.fixed))
    return out
