"""The preamble: căn cứ lines, "Theo đề nghị của …", "Xét …", "Thực hiện …" and the enacting line.

Each căn cứ (or đề nghị …) is one component, over several lines when the reader wrapped it (a line that does
not end in ";", "." or ":" continues onto the next one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Component
from .lines import Line, is_separator

MARKERS = (
    ("can_cu", re.compile(r"^Căn\s+cứ\b", re.IGNORECASE)),
    # "Xét đề nghị của …" plays the role of "Theo đề nghị" in hành chính documents (ND30 Phụ lục III mẫu 1.2).
    ("de_nghi", re.compile(r"^(?:Theo|Xét)\s+đề\s+nghị\b|^Theo\s+(?:Tờ\s+trình|văn\s+bản)\b", re.IGNORECASE)),
    ("xet", re.compile(r"^Xét\b", re.IGNORECASE)),
    ("thuc_hien", re.compile(r"^Thực\s+hiện\b", re.IGNORECASE)),
)
# The enacting line on its own: "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:", "NGHỊ QUYẾT:".
ENACT_LINE_RE = re.compile(r"^(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|NGHỊ\s+QUYẾT|CHỈ\s+THỊ|LỆNH|CÔNG\s+BỐ|BAN\s+HÀNH)\s*:?\s*$")
# The enacting sentence: "Chính phủ ban hành Nghị định …", "Bộ trưởng Bộ Tài chính ban hành Thông tư …".
ENACT_SENTENCE_RE = re.compile(r"^[^.;:]{0,200}?\bban\s+hành\s+(?:Luật|Bộ\s+luật|Nghị\s+định|Thông\s+tư|Nghị\s+quyết|"
                               r"Quyết\s+định|Pháp\s+lệnh|Lệnh)\b")
# Lines that open the body and so end the preamble.
BODY_START_RE = re.compile(r"^(?:Điều\s+\d|ĐIỀU\s+\d|Chương\s+[IVXLC\d]|CHƯƠNG\s+[IVXLC\d]|Phần\s+(?:thứ|[IVX\d])|PHẦN\s+)")


@dataclass
class Preamble:
    components: list[Component] = field(default_factory=list)
    end: int = 0                      # first line index after the preamble
    claimed: set[int] = field(default_factory=set)


def _is_issuer_line(t: str) -> bool:
    from .closing import is_position
    from .header import _names_organ, is_upper_line
    return is_upper_line(t) and len(t) < 120 and (is_position(t) or _names_organ(t))


def _ends_clause(text: str) -> bool:
    return text.rstrip(" *_").endswith((";", ".", ":", "./."))


def parse_preamble(lines: list[Line], start: int, limit: int | None = None) -> Preamble:
    p = Preamble(end=start)
    n = len(lines) if limit is None else min(len(lines), limit)
    cur_name: str | None = None
    cur: list[int] = []

    def close():
        nonlocal cur_name, cur
        if cur_name and cur:
            p.components.append(Component(cur_name, "\n".join(lines[i].text for i in cur),
                                          tuple(lines[i].block for i in cur)))
            p.claimed.update(cur)
        cur_name, cur = None, []

    i = start
    while i < n:
        t = lines[i].text
        if not t or is_separator(t):
            i += 1
            continue
        if BODY_START_RE.match(t):
            break
        if ENACT_LINE_RE.match(t):
            close()
            p.components.append(Component("ban_hanh", t, (lines[i].block,)))
            p.claimed.add(i)
            i += 1
            break
        if not p.components and cur_name is None and _is_issuer_line(t):
            # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" / "ỦY BAN THƯỜNG VỤ QUỐC HỘI" stands above the căn cứ
            i += 1
            continue
        name = next((nm for nm, rx in MARKERS if rx.match(t)), None)
        if name:
            close()
            cur_name, cur = name, [i]
            i += 1
            continue
        if cur_name and cur and not _ends_clause(lines[cur[-1]].text):
            cur.append(i)
            i += 1
            continue
        if ENACT_SENTENCE_RE.match(t):
            close()
            idx = [i]
            k = i + 1
            while not _ends_clause(lines[idx[-1]].text) and k < n and len(idx) < 12 and not BODY_START_RE.match(lines[k].text):
                if lines[k].text:
                    idx.append(k)
                k += 1
            p.components.append(Component("ban_hanh", "\n".join(lines[x].text for x in idx),
                                          tuple(lines[x].block for x in idx)))
            p.claimed.update(idx)
            i = k
            break
        # Other preamble sentences ("Sau khi thống nhất với …") continue the preamble only while a marker
        # has been seen and the next line is still preamble; otherwise the body begins here.
        if cur_name and i + 1 < n and any(rx.match(lines[i + 1].text) for _, rx in MARKERS):
            close()
            i += 1
            continue
        break
    close()
    p.end = i
    return p
