"""Recognise the issuing body from the header lines (cơ quan chủ quản + cơ quan ban hành).

recognise_issuer(lines, parent_lines) -> IssuerInfo | None. `lines` are the header lines in capitals as
printed (possibly wrapped: "ỦY BAN NHÂN" / "DÂN" / "TỈNH HÀ TĨNH"); the last organ named is the issuer and
the ones before it its cơ quan chủ quản. Names are given in normal case ("Ủy ban nhân dân tỉnh Ninh Bình").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..data import load_yaml, rules_path
from ..model import IssuerInfo

# Old and new tone-mark placement ("HOÀ"/"HÒA", "UỶ"/"ỦY") are both in use: match on one form.
_TONE = {"OÀ": "ÒA", "OÁ": "ÓA", "OẢ": "ỎA", "OÃ": "ÕA", "OẠ": "ỌA", "UỶ": "ỦY", "UÝ": "ÚY", "UỲ": "ỦY",
         "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "uỷ": "ủy", "uý": "úy"}
_TONE_RE = re.compile("|".join(_TONE))


def norm_tone(text: str) -> str:
    return _TONE_RE.sub(lambda m: _TONE[m.group(0)], text)


def norm_upper(text: str) -> str:
    """Upper case, tone placement unified, spaces collapsed, "-" spaced, trailing punctuation dropped."""
    t = norm_tone(text.upper())
    t = re.sub(r"^(BỘ|SỞ|CỤC)(?=[^\W\d_])", r"\1 ", t)   # "BỘKHOA HỌC…": a space lost by PDF extraction
    t = re.sub(r"\s*[-–—]\s*", " - ", t)
    t = re.sub(r"\s+", " ", t).strip(" .,;:")
    return t


@dataclass(frozen=True)
class _Central:
    upper: str
    name: str
    abbrs: tuple[str, ...]
    body: str


@functools.lru_cache(maxsize=1)
def _data():
    data = load_yaml(rules_path("issuers.yaml"))
    central = {norm_upper(c["upper"]): _Central(norm_upper(c["upper"]), c["name"], tuple(c.get("abbr") or ()),
                                                c["body"]) for c in data["central"]}
    cities = {norm_upper(c) for c in data["centrally_run_cities"]}
    return central, cities


def central_by_abbr(abbr: str) -> _Central | None:
    key = abbr.upper().replace("Ð", "Đ")
    return next((c for c in _data()[0].values() if any(a.upper() == key for a in c.abbrs)), None)


# Words that open the name of an organ; a header line starting with one begins a new organ.
_ORGAN_HEADS = (
    "ỦY BAN", "UBND", "HỘI ĐỒNG", "HĐND", "BỘ", "SỞ", "CỤC", "TỔNG CỤC", "CHI CỤC", "VĂN PHÒNG", "BAN",
    "CHÍNH PHỦ", "THỦ TƯỚNG", "QUỐC HỘI", "CHỦ TỊCH", "TÒA ÁN", "VIỆN KIỂM SÁT", "KIỂM TOÁN", "NGÂN HÀNG",
    "THANH TRA", "TRƯỜNG", "TRUNG TÂM", "CÔNG AN", "PHÒNG", "BỆNH VIỆN", "ĐẠI HỌC", "HỌC VIỆN", "VIỆN",
    "TẬP ĐOÀN", "TỔNG CÔNG TY", "CÔNG TY", "BẢO HIỂM XÃ HỘI", "KHO BẠC", "ĐẢNG", "TỈNH ỦY", "THÀNH ỦY",
    "HUYỆN ỦY", "ĐOÀN", "MẶT TRẬN", "LIÊN ĐOÀN", "BỘ CHỈ HUY", "BỘ TƯ LỆNH", "HỘI", "ĐÀI", "BÁO",
)
_HEAD_RE = re.compile(r"^(?:" + "|".join(sorted(map(re.escape, _ORGAN_HEADS), key=len, reverse=True)) + r")(?=\s|$)")

_UNIT_RE = re.compile(r"(?:^|\s)(?P<ut>THÀNH PHỐ|TP\.?|TỈNH|HUYỆN|QUẬN|THỊ XÃ|THỊ TRẤN|XÃ|PHƯỜNG|ĐẶC KHU)\s+"
                      r"(?P<name>[^\W\d_][\w\s.\-']*)$")
_LOCAL_RE = re.compile(r"^(?P<chair>CHỦ TỊCH\s+)?(?P<org>ỦY BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)(?:\s+(?P<rest>.*))?$")
_UNIT_LEVEL = {"TỈNH": "province", "THÀNH PHỐ": None, "HUYỆN": "district", "QUẬN": "district",
               "THỊ XÃ": "district", "XÃ": "commune", "PHƯỜNG": "commune", "THỊ TRẤN": "commune",
               "ĐẶC KHU": "commune"}
_SPECIAL_WORDS = {"CÔNG THƯƠNG": "Công Thương"}


def title_case(name: str) -> str:
    """A proper name: every syllable capitalised ("BÀ RỊA - VŨNG TÀU" → "Bà Rịa - Vũng Tàu")."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def organ_case(upper: str) -> str:
    """Normal case of an organ name per the capitalisation rule of ND30 Phụ lục II: the head word and the first
    syllable of each phrase naming a field ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo")."""
    words = upper.split()
    out = []
    cap_next = True
    for i, w in enumerate(words):
        low = w.lower()
        if w in ("VÀ", "-", ",") or w.endswith(","):
            out.append(low)
            cap_next = True
            continue
        if cap_next or i == 1:
            out.append(low[:1].upper() + low[1:])
            cap_next = False
        else:
            out.append(low)
    text = " ".join(out)
    for k, v in _SPECIAL_WORDS.items():
        text = re.sub(re.escape(k.lower()), v, text, flags=re.IGNORECASE) if k.lower() in text.lower() else text
    return text


def split_organs(lines: list[str]) -> list[str]:
    """Group header lines into organ names: a line opening with an organ word starts a new organ."""
    central, _ = _data()
    segs: list[str] = []
    for line in lines:
        u = norm_upper(line)
        joint_break = segs and segs[-1].endswith(" -")
        if not u:
            continue
        if segs and segs[-1].endswith(" -") and _HEAD_RE.match(u):
            segs[-1] = segs[-1][:-2]
            segs.append(u)
            continue
        if segs and u == segs[-1]:
            continue   # the same name twice (a gazette's section heading repeating the issuer)
        if segs and not _HEAD_RE.match(u):
            segs[-1] = segs[-1] + " " + u
        elif segs and any(k.startswith(segs[-1] + " " + u) for k in central):
            segs[-1] = segs[-1] + " " + u   # "VĂN PHÒNG" / "CHÍNH PHỦ" is one organ
        elif segs and segs[-1] in ("ỦY BAN", "ỦY BAN NHÂN", "HỘI ĐỒNG", "HỘI ĐỒNG NHÂN"):
            segs[-1] = segs[-1] + " " + u
        else:
            segs.append(u)
    # a wrapped repeat of the same name (a gazette's section heading above the header) counts once
    out: list[str] = []
    for seg in segs:
        if not out or seg.rstrip(" -") != out[-1].rstrip(" -"):
            out.append(seg)
    return out


@dataclass(frozen=True)
class _Organ:
    name: str
    body: str
    level: str | None
    unit_type: str | None = None
    unit_name: str | None = None


def classify(upper: str, cities=None) -> _Organ:
    central, city_set = _data()
    cities = city_set if cities is None else cities
    u = norm_upper(upper)
    if u in central:
        c = central[u]
        return _Organ(c.name, c.body, "central")
    m = _LOCAL_RE.match(u)
    if m:
        org = m.group("org")
        full = "Ủy ban nhân dân" if org in ("ỦY BAN NHÂN DÂN", "UBND") else "Hội đồng nhân dân"
        body = ("chu_tich_ubnd" if m.group("chair") else "ubnd") if full.startswith("Ủy") else "hdnd"
        head = ("Chủ tịch " + full[0].lower() + full[1:]) if m.group("chair") else full
        rest = (m.group("rest") or "").strip()
        um = _UNIT_RE.search(" " + rest) if rest else None
        if um:
            ut = "THÀNH PHỐ" if um.group("ut").startswith("TP") else um.group("ut")
            uname = title_case(um.group("name").strip(" .-"))
            level = _UNIT_LEVEL[ut]
            if level is None:
                level = "province" if norm_upper(uname) in cities else "district"
            return _Organ(f"{head} {ut.lower()} {uname}", body, level, ut.lower(), uname)
        return _Organ(head + (" " + organ_case(rest) if rest else ""), body, None)
    if u.startswith("BỘ ") and not u.startswith(("BỘ CHỈ HUY", "BỘ TƯ LỆNH")):
        return _Organ(organ_case(u), "bo", "central")
    if u.startswith("SỞ "):
        return _Organ(organ_case(u), "so", "province")
    um = _UNIT_RE.search(" " + u)
    if um and _HEAD_RE.match(u):
        # "PHÒNG TƯ PHÁP HUYỆN X", "CÔNG AN XÃ Y": organ + unit; the name keeps the unit as a proper name.
        head = u[: um.start("ut") - 1].strip()
        ut = "THÀNH PHỐ" if um.group("ut").startswith("TP") else um.group("ut")
        uname = title_case(um.group("name").strip(" .-"))
        return _Organ(f"{organ_case(head)} {ut.lower()} {uname}", "other", None, ut.lower(), uname)
    return _Organ(organ_case(u), "other", None)


def recognise_issuer(lines, parent_lines=(), blocks: tuple[int, ...] = ()) -> IssuerInfo | None:
    """lines: the issuer's header lines (the last organ is the issuer); parent_lines: extra lines known to
    name the cơ quan chủ quản (when the reader separated them)."""
    segs = split_organs(list(parent_lines) + list(lines))
    if not segs:
        return None
    if len(segs) > 1 and any(norm_tone(ln.upper()).rstrip().endswith(("-", "–")) for ln in lines) and not all(
            x.rstrip(" -") == segs[0].rstrip(" -") for x in segs):
        # A joint document (thông tư liên tịch): the bodies are listed joined by "-", none is the chủ quản.
        parts: list[str] = []
        for seg in segs:
            for piece in seg.rstrip(" -–").split(" - "):
                if parts and not _HEAD_RE.match(piece):
                    parts[-1] += " - " + piece    # "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" stays whole
                else:
                    parts.append(piece)
        organs = [classify(x) for x in dict.fromkeys(parts)]
        level = "central" if all(o.level == "central" for o in organs) else None
        return IssuerInfo(name=" - ".join(o.name for o in organs), body="lien_tich", level=level,
                          blocks=tuple(blocks))
    issuer = classify(segs[-1])
    parents = [classify(s) for s in segs[:-1]]
    parent = parents[-1] if parents else None
    level = issuer.level
    province = commune = None
    # A local issuer's province/commune comes from itself or from its chủ quản line.
    for o in ([issuer] + parents[::-1]):
        if o.unit_type in ("tỉnh",) or (o.unit_type == "thành phố" and o.level == "province"):
            province = province or f"{o.unit_type.capitalize()} {o.unit_name}"
        if o.unit_type in ("xã", "phường", "thị trấn", "đặc khu"):
            commune = commune or f"{o.unit_type.capitalize()} {o.unit_name}"
    if level is None and parent is not None:
        level = parent.level
        if issuer.body == "other" and parent.unit_type in ("xã", "phường", "thị trấn", "đặc khu"):
            level = "commune"
    if issuer.body == "so" and parent is not None and parent.level == "province":
        level = "province"
    return IssuerInfo(name=issuer.name, body=issuer.body, level=level, unit_type=issuer.unit_type,
                      unit_name=issuer.unit_name, province=province, commune=commune,
                      parent=" – ".join(p.name for p in parents) or None, blocks=tuple(blocks))
