"""The closing: nơi nhận (with "Lưu: VT, …") and the signature block (quyền hạn ký TM./KT./Q./TL./TUQ., chức vụ,
the signer's name). Readers give the two side-by-side cells in either order, so both are looked for in the
closing region wherever they stand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Component, Recipients, Signature
from .header import is_upper_line
from .lines import Line, is_separator

NOI_NHAN_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
LUU_RE = re.compile(r"^[-–+•]?\s*Lưu\s*:?", re.IGNORECASE)
AUTH_RE = re.compile(r"^(?P<auth>TM|KT|Q|TL|TUQ)\s*\.\s*(?P<rest>\S.*)$")
_POS_WORDS = (
    "CHỦ TỊCH", "THỦ TƯỚNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "CHÁNH ÁN", "VIỆN TRƯỞNG",
    "TỔNG KIỂM TOÁN", "KIỂM TOÁN TRƯỞNG", "THỐNG ĐỐC", "CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG", "TRƯỞNG BAN", "CHỦ NHIỆM",
    "TỔNG THƯ KÝ", "HIỆU TRƯỞNG", "CHÁNH THANH TRA", "TỔNG THANH TRA", "TRƯỞNG PHÒNG", "VỤ TRƯỞNG", "CHI CỤC TRƯỞNG",
    "TỔNG GIÁM ĐỐC", "BÍ THƯ", "TRƯỞNG ĐOÀN", "THỦ TRƯỞNG", "TƯ LỆNH", "CHỈ HUY TRƯỞNG", "TRƯỞNG CÔNG AN", "VIỆN TRƯỞNG",
    "KẾ TOÁN TRƯỞNG", "TRƯỞNG KHOA", "CHÁNH", "TRƯỞNG",
)
POSITION_RE = re.compile(r"^(?:PHÓ\s+|Q\.\s*)?(?:" + "|".join(sorted(map(re.escape, _POS_WORDS), key=len, reverse=True))
                         + r")(?:\s+[^\W\d_][^\n:;]*)?$")
SIGNED_RE = re.compile(r"^[\[(\s]*(?:[Đđ]ã\s+k[ýí]|Ký\s+tên|Chữ\s+ký|Ký,?\s+ghi\s+rõ|daky|Ký\s+số)[^\n]{0,40}$", re.IGNORECASE)
NAME_RE = re.compile(r"^(?:[^\W\d_][^\W\d_]*\.?\s+){1,5}[^\W\d_]+$")
VBHN_AUTH_RE = re.compile(r"^XÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT$")


def is_position(t: str) -> bool:
    return len(t) < 90 and bool(POSITION_RE.match(t)) and is_upper_line(t)


def closing_start(lines: list[Line], start: int, end: int, in_quote: set[int]) -> int | None:
    """The first line of the closing: "Nơi nhận:", a quyền hạn ký line or a chức vụ line standing alone."""
    for i in range(start, end):
        t = lines[i].text
        if not t or i in in_quote:
            continue
        if _opens_recipients(t) or (AUTH_RE.match(t) and is_upper_line(t)):
            return i
        if is_position(t) and _name_follows(lines, i, end):
            # a chức vụ line alone opens the closing only when a signer's name follows (a "GIÁM ĐỐC" cell
            # of a table inside an article does not)
            return i
    return None


def _opens_recipients(t: str) -> bool:
    """"Nơi nhận:", "Nơi nhận" alone, or "Nơi nhận: - Như Điều 3; …" on one line; not a sentence or a table
    heading of the body ("Nơi nhận báo cáo", "1. Nơi nhận Báo cáo tài chính của NHNN:"; issue #12)."""
    m = NOI_NHAN_RE.match(t)
    if not m:
        return False
    head = re.match(r"^Nơi\s+nhận", t, re.IGNORECASE)
    assert head is not None   # NOI_NHAN_RE matched, and it starts the same way
    after = t[head.end():].lstrip()
    return not after or after.startswith((":", "-", "–", "+", "•"))


def _no_letters(t: str) -> bool:
    """Separators, brackets, the seal's or signature image's placeholder ("[", "(*)")."""
    return not any(c.isalpha() for c in t)


def _name_follows(lines: list[Line], i: int, end: int) -> bool:
    for k in range(i + 1, min(end, i + 6)):
        t = lines[k].text
        if not t or SIGNED_RE.match(t) or is_position(t) or _no_letters(t):
            continue
        return bool(NAME_RE.match(t)) and not is_upper_line(t) and len(t) < 50
    return False


@dataclass
class Closing:
    components: list[Component] = field(default_factory=list)
    signature: Signature | None = None
    recipients: Recipients | None = None
    end: int = 0
    claimed: set[int] = field(default_factory=set)


def parse_closing(lines: list[Line], start: int, end: int) -> Closing:
    c = Closing(end=start)
    i = start
    auth: list[str] = []
    auth_idx: list[int] = []
    position = name = None
    pos_idx: list[int] = []
    name_idx: list[int] = []
    seen_recipients = False
    last = start
    while i < end and i < start + 80:
        t = lines[i].text
        if not t or _no_letters(t) or SIGNED_RE.match(t):
            i += 1
            continue
        m = NOI_NHAN_RE.match(t)
        if m and not seen_recipients:
            seen_recipients = True
            idx = [i]
            items: list[str] = []
            if m.group("rest").strip():
                items.append(m.group("rest").strip())
            luu = None
            k = i + 1
            while k < end and len(idx) < 60:
                u = lines[k].text
                if not u:
                    k += 1
                    continue
                if AUTH_RE.match(u) and is_upper_line(u) or is_position(u):
                    break
                if re.match(r"^[-–+•]", u) or LUU_RE.match(u) or (items and not items[-1].rstrip().endswith((";", ".", ":"))):
                    if LUU_RE.match(u):
                        luu = re.sub(r"^[-–+•]\s*", "", u)
                        idx.append(k)
                        k += 1
                        # "Lưu: VT, …" may wrap onto one more line.
                        if k < end and lines[k].text and not lines[k].text.startswith(("-", "+")) and not (
                                is_upper_line(lines[k].text)) and not luu.rstrip().endswith("."):
                            luu += " " + lines[k].text
                            idx.append(k)
                            k += 1
                        break
                    if re.match(r"^[-–+•]", u) or not items:
                        items.append(re.sub(r"^[-–+•]\s*", "", u))
                    else:
                        items[-1] += " " + u
                    idx.append(k)
                    k += 1
                    continue
                break
            blocks = tuple(lines[x].block for x in idx)
            c.recipients = Recipients(label=t.split(":")[0].strip() + ":", items=tuple(items), luu=luu, blocks=blocks)
            c.components.append(Component("noi_nhan", "\n".join(lines[x].text for x in idx), blocks))
            if luu is not None:
                c.components.append(Component("luu", luu, (lines[idx[-1]].block,)))
            c.claimed.update(idx)
            last = max(last, k)
            i = k
            continue
        am = AUTH_RE.match(t)
        if am and is_upper_line(t) and name is None:
            auth.append(t)
            auth_idx.append(i)
            i += 1
            # a wrapped authority line ("TM. ỦY BAN" / "NHÂN DÂN")
            while i < end and lines[i].text and is_upper_line(lines[i].text) and not is_position(lines[i].text) and not (
                    AUTH_RE.match(lines[i].text)) and len(auth_idx) < 6:
                auth[-1] += " " + lines[i].text
                auth_idx.append(i)
                i += 1
            last = i
            continue
        if is_position(t) and name is None:
            if position is None:
                position = t
                pos_idx = [i]
            i += 1
            last = i
            continue
        if (auth or position) and name is None and NAME_RE.match(t) and len(t) < 50 and ":" not in t:
            name = t
            name_idx = [i]
            i += 1
            last = i
            if seen_recipients:
                break
            continue
        if name is not None or (auth or position):
            break  # past the signature
        i += 1
    if auth or position or name:
        prefixes = tuple(m.group("auth") + "." for a in auth if (m := AUTH_RE.match(a)))   # auth: lines AUTH_RE matched
        blocks = tuple(lines[x].block for x in auth_idx + pos_idx + name_idx)
        c.signature = Signature(authority=prefixes, authority_lines=tuple(auth), position=position, name=name,
                                blocks=blocks)
        if auth:
            c.components.append(Component("quyen_han_ky", "\n".join(auth), tuple(lines[x].block for x in auth_idx)))
        if position:
            c.components.append(Component("chuc_vu", position, tuple(lines[x].block for x in pos_idx)))
        if name:
            c.components.append(Component("ho_ten", name, tuple(lines[x].block for x in name_idx)))
        c.components.append(Component("chu_ky", "\n".join([*auth, *([position] if position else []),
                                                           *([name] if name else [])]), blocks))
        c.claimed.update(auth_idx + pos_idx + name_idx)
    c.end = max(last, start)
    return c
