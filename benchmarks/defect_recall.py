"""Defect-injection recall over the real corpus (issue 11).

    .venv/bin/python benchmarks/defect_recall.py [--half evaluation|tuning|all] [--limit N] [--markdown docs/recall.md]

Every operator below seeds ONE defect into a real document of ../shared/corpus (vbpl.vn full texts,
Công báo texts, thư viện pháp luật Markdown pages) where it applies: the document is checked before and
after; the defect counts as found when the mutated document has a finding of the operator's category
at the defect's place (the component it names, or a block within 3 of the changed line) that the
unmutated document does not have. Documents are split by benchmarks/_split.py (sha1 of the
corpus-relative path; vbpl records by "vbpl-central-2025/vbpl_central.jsonl.gz#<source_file>").

Also reported: the error-severity findings on the unmutated documents (by rule).
"""
from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("VBQPPL_CORPUS", ROOT.parent / "shared" / "corpus"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _split import half  # noqa: E402

CATEGORIES = ("format", "layout", "authority", "legal_basis", "reference", "effect", "language")


# -- documents ------------------------------------------------------------------------------------

@dataclass
class Doc:
    key: str          # corpus-relative id (split key)
    name: str         # file name given to the reader (extension picks the reader)
    text: str
    source: str       # vbpl | congbao | tvpl


_VI_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùũýĐ")


def is_vietnamese(text: str) -> bool:
    """vbpl.vn also serves English translations: they are not documents as issued."""
    sample = text[:4000]
    letters = sum(ch.isalpha() for ch in sample)
    return letters > 0 and sum(ch in _VI_LETTERS for ch in sample.lower()) / letters > 0.05


def load_documents() -> list[Doc]:
    docs: list[Doc] = []
    path = CORPUS / "vbpl-central-2025" / "vbpl_central.jsonl.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("has_fulltext") in (True, "True") and rec.get("text") and is_vietnamese(rec["text"]):
                    docs.append(Doc(f"vbpl-central-2025/vbpl_central.jsonl.gz#{rec['source_file']}",
                                    rec["source_file"].replace(".html", ".txt"), rec["text"], "vbpl"))
    for p in sorted((CORPUS / "congbao-pdf-8topics" / "txt").glob("*.txt")):
        docs.append(Doc(p.relative_to(CORPUS).as_posix(), p.name, p.read_text(encoding="utf-8"), "congbao"))
    for p in sorted((CORPUS / "tvpl-2025-md" / "docs").glob("*.md")):
        docs.append(Doc(p.relative_to(CORPUS).as_posix(), p.name, p.read_text(encoding="utf-8"), "tvpl"))
    return docs


# -- operators ------------------------------------------------------------------------------------

@dataclass
class Mutation:
    text: str
    marker: str | None          # a text near the defect, to find its block in the mutated document
    components: tuple[str, ...] = ()


@dataclass
class Operator:
    name: str
    category: str
    fn: Callable[[list[str], "Ctx"], Mutation | None]


@dataclass
class Ctx:
    doc: Doc
    parsed: object               # the LegalDocument of the unmutated text
    rng: random.Random


OPERATORS: list[Operator] = []


def op(name: str, category: str):
    def deco(fn):
        OPERATORS.append(Operator(name, category, fn))
        return fn
    return deco


def _join(lines: list[str]) -> str:
    return "\n".join(lines)


def _find(lines: list[str], rx: str, flags=0, start: int = 0, stop: int | None = None) -> int | None:
    r = re.compile(rx, flags)
    for i in range(start, len(lines) if stop is None else min(stop, len(lines))):
        if r.search(lines[i]):
            return i
    return None


def _next_text(lines: list[str], i: int) -> str | None:
    for j in range(i, min(len(lines), i + 8)):
        t = lines[j].strip(" |*#")
        if len(t) >= 6:
            return t[:40]
    return None


def _drop(lines: list[str], i: int, comps: tuple[str, ...], n: int = 1) -> Mutation:
    out = lines[:i] + lines[i + n:]
    return Mutation(_join(out), _next_text(out, i), comps)


def _marker(text: str, n: int = 40) -> str | None:
    """The first n characters of a changed line, to find its block; never cut inside a letter written
    as base + combining marks (an NFD line cut after "ọ" of "ộ" would match no block)."""
    import unicodedata
    t = text.strip(" |*#")
    k = min(n, len(t))
    while 0 < k < len(t) and unicodedata.combining(t[k]):
        k -= 1
    return t[:k] or None


def _replace_line(lines: list[str], i: int, new: str, comps: tuple[str, ...]) -> Mutation:
    out = list(lines)
    out[i] = new
    return Mutation(_join(out), _marker(new), comps)


def _header_stop(lines: list[str]) -> int:
    i = _find(lines, r"^\W*(Căn cứ|Điều 1\b|Kính gửi|Thực hiện)")
    return i if i is not None else min(len(lines), 40)


def _closing_start(lines: list[str]) -> int | None:
    return _find(lines, r"^\W*Nơi nhận", re.IGNORECASE)


def _sub_once(lines, i, rx, rep, comps, flags=0):
    new, n = re.subn(rx, rep, lines[i], count=1, flags=flags)
    if n == 0 or new == lines[i]:
        return None
    return _replace_line(lines, i, new, comps)


# format: components removed
@op("drop_quoc_hieu", "format")
def _(lines, c):
    i = _find(lines, r"CỘNG\s+H[ÒO]À?\s+XÃ\s+HỘI", stop=_header_stop(lines))
    return _drop(lines, i, ("quoc_hieu",)) if i is not None else None


@op("drop_tieu_ngu", "format")
def _(lines, c):
    i = _find(lines, r"Độc lập\s*[-–]\s*Tự do", stop=_header_stop(lines))
    return _drop(lines, i, ("tieu_ngu",)) if i is not None else None


@op("drop_so_ky_hieu", "format")
def _(lines, c):
    i = _find(lines, r"^\W*Số\s*:\s*\d", stop=_header_stop(lines))
    if i is None or re.search(r"ngày\s+\d", lines[i]):
        return None   # the number shares its line (a table row) with the date
    return _drop(lines, i, ("so_ky_hieu",))


@op("drop_date_line", "format")
def _(lines, c):
    i = _find(lines, r"^\W*[^\d|]{2,40},\s*ngày\s+\d+\s+tháng", stop=_header_stop(lines))
    if i is None or re.search(r"Số\s*:", lines[i]):
        return None
    return _drop(lines, i, ("dia_danh_ngay",))


@op("drop_ten_loai", "format")
def _(lines, c):
    tl = c.parsed.component("ten_loai")
    if tl is None or c.parsed.metadata.type in (None, "Văn bản hợp nhất"):
        return None
    i = _find(lines, r"^\W*" + re.escape(tl.text.split("\n")[0].strip()) + r"\W*$", stop=_header_stop(lines) + 5)
    return _drop(lines, i, ("ten_loai",)) if i is not None else None


@op("drop_kinh_gui", "format")
def _(lines, c):
    if c.parsed.metadata.type != "Công văn":
        return None
    # near the number line: web copies put their own banner (tens of lines) above the document
    top = _find(lines, r"(?i)\bSố\s*:") or 0
    i = _find(lines, r"^\W*Kính\s+gửi", start=top, stop=top + 40)
    if i is None:
        return None
    n = 1
    if re.search(r":\s*\W*$", lines[i]):  # recipients on the following lines
        while i + n < len(lines) and re.match(r"^\W*[-–+]\s", lines[i + n]):
            n += 1
    return _drop(lines, i, ("kinh_gui",), n)


@op("drop_end_mark", "format")
def _(lines, c):
    if c.doc.source == "congbao":
        return None   # the gazette leaves the end mark out
    end = _closing_start(lines) or len(lines)
    idx = [i for i in range(end) if "./." in lines[i]]
    if len(idx) != 1:
        return None
    i = idx[0]
    return _replace_line(lines, i, lines[i].replace("./.", ".", 1), ("dau_ket_thuc", "noi_dung"))


def _main_recipients_line(lines, c) -> int | None:
    """The line of the document's own "Nơi nhận" (not one of a form in an appendix)."""
    rec = c.parsed.recipients
    if rec is None or not rec.blocks:
        return None
    label = re.compile(r"^\W*Nơi\s*nhận", re.IGNORECASE)
    k = sum(1 for b in c.parsed.source.blocks[:rec.blocks[0]] if label.match(b.text))
    idx = [i for i, ln in enumerate(lines) if label.match(ln)]
    return idx[k] if k < len(idx) else None


@op("drop_noi_nhan", "format")
def _(lines, c):
    if c.doc.source == "congbao":
        return None   # the gazette leaves the nơi nhận out: nothing is missing there
    i = _main_recipients_line(lines, c)
    if i is None:
        return None
    j = i + 1
    while j < len(lines) and j < i + 40 and not re.search(r"Lưu\s*:?\s*VT|^\W*-?\s*Lưu\b", lines[j]):
        j += 1
    if j >= len(lines) or j >= i + 40:
        return None
    if re.search(r"(TM|KT|TL|TUQ)\.|CHỦ TỊCH|TRƯỞNG|GIÁM ĐỐC|THỦ TƯỚNG", " ".join(lines[i:j + 1])):
        return None   # the recipients share lines with the signature (a table flattened)
    return _drop(lines, i, ("noi_nhan",), j - i + 1)


@op("drop_position_line", "format")
def _(lines, c):
    sig = c.parsed.signature
    if sig is None or not sig.position or not sig.authority_lines or not sig.name:
        return None
    i = _find(lines, r"^\W*" + re.escape(sig.position.strip()) + r"\W*$", start=max(0, len(lines) - 80))
    return _drop(lines, i, ("chuc_vu", "chu_ky", "quyen_han_ky")) if i is not None else None


@op("drop_signature", "format")
def _(lines, c):
    sig = c.parsed.signature
    if sig is None or not sig.name or not (sig.position or sig.authority_lines):
        return None
    first = (sig.authority_lines or (sig.position,))[0].strip()
    i = _find(lines, r"^\W*" + re.escape(first) + r"\W*$", start=max(0, len(lines) - 80))
    k = _find(lines, r"^\W*" + re.escape(sig.name.strip()) + r"\W*$", start=i or 0) if i is not None else None
    if i is None or k is None or k - i > 5:
        return None
    return _drop(lines, i, ("chu_ky", "chuc_vu", "ho_ten", "quyen_han_ky"), k - i + 1)


@op("drop_ban_hanh", "format")
def _(lines, c):
    if c.parsed.metadata.kind != "hanh_chinh" or c.parsed.metadata.type not in ("Quyết định", "Nghị quyết"):
        return None
    i = _find(lines, r"^\W*(QUYẾT ĐỊNH|QUYẾT NGHỊ)\s*:\W*$")
    return _drop(lines, i, ("ban_hanh",)) if i is not None else None


@op("drop_luu", "format")
def _(lines, c):
    j = _main_recipients_line(lines, c)
    i = _find(lines, r"^\W*[-–]?\s*Lưu\s*:", start=j, stop=j + 40) if j is not None else None
    return _drop(lines, i, ("luu", "noi_nhan")) if i is not None else None


# format: components malformed
@op("so_no_colon", "format")
def _(lines, c):
    i = _find(lines, r"^\W*Số\s*:\s*\d", stop=_header_stop(lines))
    return _sub_once(lines, i, r"Số\s*:\s*", "Số ", ("so_ky_hieu",)) if i is not None else None


@op("so_stray_space", "format")
def _(lines, c):
    i = _find(lines, r"Số\s*:\s*\d+/", stop=_header_stop(lines))
    return _sub_once(lines, i, r"(Số\s*:\s*\d+)/", r"\1 /", ("so_ky_hieu",)) if i is not None else None


@op("date_no_comma", "format")
def _(lines, c):
    i = _find(lines, r"[^\W\d_]\s*,\s*ngày\s+\d+\s+tháng", stop=_header_stop(lines))
    return _sub_once(lines, i, r",\s*ngày", " ngày", ("dia_danh_ngay",)) if i is not None else None


@op("date_impossible", "format")
def _(lines, c):
    i = _find(lines, r"ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}", stop=_header_stop(lines))
    return _sub_once(lines, i, r"ngày\s+\d+\s+tháng\s+\d+", "ngày 30 tháng 02", ("dia_danh_ngay",)) if i is not None else None


@op("quoc_hieu_typo", "format")
def _(lines, c):
    i = _find(lines, r"VIỆT NAM", stop=_header_stop(lines))
    return _sub_once(lines, i, "VIỆT NAM", "VIỆTNAM", ("quoc_hieu",)) if i is not None else None


@op("tieu_ngu_no_spaces", "format")
def _(lines, c):
    i = _find(lines, r"Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc", stop=_header_stop(lines))
    return _sub_once(lines, i, r"Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc", "Độc lập-Tự do-Hạnh phúc",
                     ("tieu_ngu",)) if i is not None else None


@op("can_cu_comma", "format")
def _(lines, c):
    i = _find(lines, r"^\W*Căn cứ .*;\s*$")
    return _sub_once(lines, i, r";\s*$", ",", ("can_cu",)) if i is not None else None


@op("authority_no_dot", "format")
def _(lines, c):
    i = _find(lines, r"^\W*(KT|TM)\.\s+[A-ZĐỦ]", start=max(0, len(lines) - 80))
    return _sub_once(lines, i, r"(KT|TM)\.\s+", r"\1 ", ("quyen_han_ky",)) if i is not None else None


@op("noi_nhan_no_colon", "format")
def _(lines, c):
    i = _main_recipients_line(lines, c)
    return _sub_once(lines, i, r"Nơi nhận\s*:", "Nơi nhận", ("noi_nhan",)) if i is not None else None


# layout: numbering
def _dieu_lines(lines):
    return [i for i, ln in enumerate(lines) if re.match(r"^\W*Điều\s+\d+\s*\.", ln)]


def _own_numbering(c) -> bool:
    """An amending document reproduces the amended articles' numbers: its numbering is not its own."""
    return not re.search(r"sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế", c.parsed.metadata.title or "", re.IGNORECASE)


@op("dieu_number_skip", "layout")
def _(lines, c):
    if not _own_numbering(c):
        return None
    idx = _dieu_lines(lines)
    if len(idx) < 3:
        return None
    i = idx[len(idx) // 2]
    m = re.match(r"^(\W*Điều\s+)(\d+)", lines[i])
    return _replace_line(lines, i, lines[i][:m.start(2)] + str(int(m.group(2)) + 2) + lines[i][m.end(2):],
                         ("noi_dung", "dieu", "khoan", "diem", "chuong"))


@op("dieu_no_dot", "layout")
def _(lines, c):
    if not _own_numbering(c):
        return None
    idx = _dieu_lines(lines)
    if not idx:
        return None
    i = idx[len(idx) // 2]
    return _sub_once(lines, i, r"^(\W*Điều\s+\d+)\s*\.", r"\1", ("noi_dung", "dieu", "khoan", "diem", "chuong"))


@op("khoan_number_skip", "layout")
def _(lines, c):
    if not _own_numbering(c):
        return None
    for i in range(1, len(lines) - 1):
        if re.match(r"^1\.\s+\S", lines[i - 1]) and re.match(r"^2\.\s+\S", lines[i]):
            return _replace_line(lines, i, "3." + lines[i][2:], ("noi_dung", "dieu", "khoan", "diem", "chuong"))
    return None


@op("diem_letter_skip", "layout")
def _(lines, c):
    if not _own_numbering(c):
        return None
    for i in range(1, len(lines)):
        if re.match(r"^a\)\s", lines[i - 1]) and re.match(r"^b\)\s", lines[i]):
            return _replace_line(lines, i, "c)" + lines[i][2:], ("noi_dung", "dieu", "khoan", "diem", "chuong"))
    return None


@op("diem_bad_letter", "layout")
def _(lines, c):
    if not _own_numbering(c):
        return None
    for i in range(1, len(lines)):
        if re.match(r"^d\)\s", lines[i - 1]) and re.match(r"^đ\)\s", lines[i]):
            return _replace_line(lines, i, "f)" + lines[i][2:], ("noi_dung", "dieu", "khoan", "diem", "chuong"))
    return None


# The thể thức regimes whose text we have for a rule (reference/format-rules.md): Roman Phần/Chương
# numbers (NĐ 30 PL I II.6.đ; NĐ 34 Điều 62 k5; NĐ 78 Điều 64 k3) and a justified body (NĐ 30 PL I II.6.e;
# NĐ 34/NĐ 78 as secondary sources). TT 01/2011 (administrative documents before 05/03/2020) and the
# rules for VBQPPL before 01/07/2016 (TT 25/2011/TT-BTP: only its Điều 1–3 were read) are not known:
# a defect of these kinds is not seeded there.
_STATED_REGIMES = ("nd30", "nd34", "nd78", "nd78_187")


def _regime_id(kind: str | None, day) -> str | None:
    from vbqppl_check.law.regime import formatting_regime
    r = formatting_regime(kind, day) if kind and day else None
    return r.id if r is not None else None


@op("chuong_arabic", "layout")
def _(lines, c):
    if _regime_id(c.parsed.metadata.kind, _doc_year(c)) not in _STATED_REGIMES:
        return None
    i = _find(lines, r"^\W*Chương\s+[IVX]+\W*$")
    if i is None:
        return None
    return _sub_once(lines, i, r"Chương\s+[IVX]+", "Chương 1", ("noi_dung", "dieu", "khoan", "diem", "chuong"))


# authority
@op("tm_body_swap", "authority")
def _(lines, c):
    i = _find(lines, r"^\W*TM\.\s+(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CHÍNH PHỦ)", start=max(0, len(lines) - 80))
    if i is None:
        return None
    swap = "HỘI ĐỒNG NHÂN DÂN" if "ỦY BAN" in lines[i] or "UỶ BAN" in lines[i] or "CHÍNH PHỦ" in lines[i] else "ỦY BAN NHÂN DÂN"
    return _sub_once(lines, i, r"(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CHÍNH PHỦ)", swap, ("quyen_han_ky",))


@op("kt_head_as_position", "authority")
def _(lines, c):
    sig = c.parsed.signature
    if sig is None or "KT." not in sig.authority or not sig.position:
        return None
    kt = next((a for a in sig.authority_lines if a.upper().startswith("KT")), None)
    head = re.sub(r"^KT\.\s*", "", kt or "").strip()
    i = _find(lines, r"^\W*" + re.escape(sig.position.strip()) + r"\W*$", start=max(0, len(lines) - 80))
    if i is None or not head:
        return None
    return _replace_line(lines, i, head, ("chuc_vu", "quyen_han_ky"))


@op("deputy_without_kt", "authority")
def _(lines, c):
    sig = c.parsed.signature
    if sig is None or "KT." not in sig.authority or not sig.position:
        return None
    i = _find(lines, r"^\W*KT\.\s", start=max(0, len(lines) - 80))
    return _drop(lines, i, ("chuc_vu", "quyen_han_ky")) if i is not None else None


@op("symbol_issuer_swap", "authority")
def _(lines, c):
    i = _find(lines, r"Số\s*:\s*\d+/(\d{4}/)?[A-ZĐ]+-(UBND|HĐND|CP|TTg|BTC|BYT|BXD|BCT)\b", stop=_header_stop(lines))
    if i is None:
        return None
    m = re.search(r"-(UBND|HĐND|CP|TTg|BTC|BYT|BXD|BCT)\b", lines[i])
    other = {"UBND": "HĐND", "HĐND": "UBND", "CP": "BTP", "TTg": "BTP", "BTC": "BYT", "BYT": "BTC",
             "BXD": "BTC", "BCT": "BTC"}[m.group(1)]
    return _replace_line(lines, i, lines[i][:m.start(1)] + other + lines[i][m.end(1):], ("so_ky_hieu",))


@op("type_symbol_mismatch", "authority")
def _(lines, c):
    i = _find(lines, r"Số\s*:\s*\d+/\d{4}/(NĐ|TT|QĐ|NQ)-", stop=_header_stop(lines))
    if i is None:
        return None
    m = re.search(r"/(NĐ|TT|QĐ|NQ)-", lines[i])
    other = {"NĐ": "TT", "TT": "NĐ", "QĐ": "NQ", "NQ": "QĐ"}[m.group(1)]
    return _replace_line(lines, i, lines[i][:m.start(1)] + other + lines[i][m.end(1):], ("so_ky_hieu",))


@op("tl_on_vbqppl", "authority")
def _(lines, c):
    if c.parsed.metadata.kind != "vbqppl":
        return None
    i = _find(lines, r"^\W*(TM|KT)\.\s", start=max(0, len(lines) - 80))
    return _sub_once(lines, i, r"(TM|KT)\.\s", "TL. ", ("quyen_han_ky",)) if i is not None else None


# legal basis
def _doc_year(c):
    d = c.parsed.date
    return d.value if d is not None and d.value is not None else None


@op("cancu_future_year", "legal_basis")
def _(lines, c):
    day = _doc_year(c)
    if day is None:
        return None
    i = _find(lines, r"^\W*Căn cứ\s+(Nghị định|Thông tư|Quyết định|Nghị quyết)\s+(số\s+)?\d+/\d{4}/")
    if i is None:
        return None
    y = day.year + 1
    new = re.sub(r"(\d+/)\d{4}(/)", rf"\g<1>{y}\2", lines[i], count=1)
    new = re.sub(r"(ngày\s+\d+\s+tháng\s+\d+\s+năm\s+)\d{4}", rf"\g<1>{y}", new, count=1)
    new = re.sub(r"(ngày\s+\d{1,2}/\d{1,2}/)\d{4}", rf"\g<1>{y}", new, count=1)
    return _replace_line(lines, i, new, ("can_cu",))


@op("cancu_impossible_date", "legal_basis")
def _(lines, c):
    i = _find(lines, r"^\W*Căn cứ\s.*ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}")
    return _sub_once(lines, i, r"ngày\s+\d+\s+tháng\s+\d+", "ngày 31 tháng 4", ("can_cu",)) if i is not None else None


@op("cancu_year_mismatch", "legal_basis")
def _(lines, c):
    i = _find(lines, r"^\W*Căn cứ\s.*\d+/\d{4}/[^\s;,]+\s+ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}")
    if i is None:
        return None
    m = re.search(r"\d+/(\d{4})/[^\s;,]+\s+ngày\s+\d+\s+tháng\s+\d+\s+năm\s+(\d{4})", lines[i])
    y = int(m.group(1)) - 1
    return _replace_line(lines, i, lines[i][:m.start(2)] + str(y) + lines[i][m.end(2):], ("can_cu",))


def _replaced_entries():
    """Registry entries replaced by another document, with the date they ended (the registry's own data)."""
    import json as _json
    from vbqppl_check.data import corpora_path
    out = []
    for p in sorted(corpora_path("registry").glob("*relations*.jsonl")):
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                r = _json.loads(line)
                if r.get("expiry") and r.get("replaced_by") and r.get("type") in ("Nghị định", "Thông tư", "Quyết định"):
                    out.append(r)
    return out


@op("cancu_replaced", "legal_basis")
def _(lines, c):
    day = _doc_year(c)
    if day is None:
        return None
    import datetime as _dt
    cands = [r for r in _replaced_entries() if _dt.date.fromisoformat(r["expiry"]) < day]
    i = _find(lines, r"^\W*Căn cứ\s")
    if not cands or i is None:
        return None
    r = cands[c.rng.randrange(len(cands))]
    new = f"Căn cứ {r['type']} số {r['number']};"
    return Mutation(_join(lines[:i + 1] + [new] + lines[i + 1:]), new[:40], ("can_cu",))


@op("cancu_expired_law", "legal_basis")
def _(lines, c):
    day = _doc_year(c)
    if day is None or day.year < 2026:
        return None
    i = _find(lines, r"^\W*Căn cứ Luật Ban hành văn bản quy phạm pháp luật")
    if i is None:
        return None
    new = re.sub(r"(Luật Ban hành văn bản quy phạm pháp luật)[^;.]*", r"\1 số 80/2015/QH13", lines[i], count=1)
    return _replace_line(lines, i, new, ("can_cu",))


# reference
_AMEND_TITLE = re.compile(r"sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế|đính\s+chính", re.IGNORECASE)


def _ref_start(lines, c) -> int | None:
    """Where the document's own provisions start; None for an amending document, whose references
    point into the amended one."""
    if _AMEND_TITLE.search(c.parsed.metadata.title or ""):
        return None
    return _find(lines, r"^\W*Điều\s+1\s*\.") or 0


def _max_dieu(c) -> int:
    nums = [int(n.label) for n in c.parsed.nodes() if n.kind == "dieu" and n.label.isdigit()]
    return max(nums) if nums else 0


@op("dangling_dieu_ref", "reference")
def _(lines, c):
    top = _max_dieu(c)
    if top < 2:
        return None
    start = _ref_start(lines, c)
    if start is None:
        return None
    i = _find(lines, r"(tại|theo|quy định tại)\s+Điều\s+\d+\s+(của\s+)?(Nghị định|Thông tư|Quyết định|Nghị quyết)\s+này",
              start=start)
    if i is None:
        return None
    return _sub_once(lines, i, r"(?<=Điều )\d+(?=\s+(của\s+)?(Nghị định|Thông tư|Quyết định|Nghị quyết)\s+này)",
                     str(top + 7), ("noi_dung", "dieu", "khoan", "diem", "chuong"))


@op("dangling_khoan_ref", "reference")
def _(lines, c):
    start = _ref_start(lines, c)
    if start is None:
        return None
    i = _find(lines, r"khoản\s+\d+\s+Điều\s+\d+\s+(của\s+)?(Nghị định|Thông tư|Quyết định|Nghị quyết)\s+này", start=start)
    if i is None:
        return None
    return _sub_once(lines, i, r"khoản\s+\d+(?=\s+Điều\s+\d+\s+(của\s+)?(Nghị định|Thông tư|Quyết định|Nghị quyết)\s+này)",
                     "khoản 19", ("noi_dung", "dieu", "khoan", "diem", "chuong"))


@op("dangling_khoan_this_dieu", "reference")
def _(lines, c):
    start = _ref_start(lines, c)
    if start is None:
        return None
    i = _find(lines, r"khoản\s+\d+\s+Điều này", start=start)
    return _sub_once(lines, i, r"khoản\s+\d+(?=\s+Điều này)", "khoản 19", ("noi_dung", "dieu", "khoan", "diem", "chuong")) if i is not None else None


@op("dangling_diem_ref", "reference")
def _(lines, c):
    start = _ref_start(lines, c)
    if start is None:
        return None
    i = _find(lines, r"điểm\s+[a-zđ]\s+khoản\s+\d+\s+(Điều này|Điều\s+\d+\s+(của\s+)?(Nghị định|Thông tư|Quyết định|Nghị quyết)\s+này)",
              start=start)
    return _sub_once(lines, i, r"điểm\s+[a-zđ](?=\s+khoản)", "điểm y", ("noi_dung", "dieu", "khoan", "diem", "chuong")) if i is not None else None


# effect
def _effect_line(lines):
    return _find(lines, r"có hiệu lực (thi hành )?(kể )?từ ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}")


@op("drop_effect_clause", "effect")
def _(lines, c):
    if c.parsed.metadata.kind != "vbqppl":
        return None
    i = _effect_line(lines)
    if i is None or len([ln for ln in lines if "có hiệu lực" in ln]) != 1:
        return None
    new = re.sub(r"[^.;]*có hiệu lực[^.;]*[.;]?", "", lines[i], count=1).strip() or "."
    return _replace_line(lines, i, new, ("noi_dung", "dieu", "khoan", "diem", "chuong"))


@op("effect_retroactive", "effect")
def _(lines, c):
    day = _doc_year(c)
    if day is None or c.parsed.metadata.kind != "vbqppl":
        return None
    i = _effect_line(lines)
    if i is None:
        return None
    y = day.year - 1
    return _sub_once(lines, i, r"(có hiệu lực (thi hành )?(kể )?từ ngày\s+\d+\s+tháng\s+\d+\s+năm\s+)\d{4}",
                     rf"\g<1>{y}", ("noi_dung", "dieu", "khoan", "diem", "chuong"))


@op("effect_from_signing", "effect")
def _(lines, c):
    if c.parsed.metadata.kind != "vbqppl":
        return None
    i = _effect_line(lines)
    return _sub_once(lines, i, r"có hiệu lực (thi hành )?(kể )?từ ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}",
                     "có hiệu lực kể từ ngày ký", ("noi_dung", "dieu", "khoan", "diem", "chuong")) if i is not None else None


# language
def _own_lines(lines, c) -> list[int]:
    """Indices of the lines that are the document's own text. A thuvienphapluat page also carries the
    site's banner, property table, summary and trailer (its notices to members, "Thực hiện Nghị định
    13/2023/NĐ-CP, chúng tôi cập nhật …"): the site's words, which the Markdown reader drops by the
    site's fixed phrases (readers/text.strip_boilerplate); a defect seeded there is not in the document."""
    if c.doc.source != "tvpl":
        return list(range(len(lines)))
    from vbqppl_check.readers.text import strip_boilerplate
    kept = set(strip_boilerplate(lines))
    return [i for i, ln in enumerate(lines) if ln in kept]


def _body_line(lines, c, min_len=60):
    own = _own_lines(lines, c)
    rx = re.compile(r"^\W*(Điều\s+1\s*\.|Kính gửi|Căn cứ)")
    start = next((i for i in own if rx.search(lines[i])), own[0] if own else 0)
    cands = [i for i in own if i >= start and len(lines[i]) >= min_len and not lines[i].lstrip().startswith("|")]
    if not cands:
        return None
    return cands[len(cands) // 3]


@op("cyrillic_o", "language")
def _(lines, c):
    i = _body_line(lines, c)
    if i is None or " cho " not in lines[i]:
        return None
    return _sub_once(lines, i, " cho ", " ch\u043e ", ("noi_dung", "dieu", "khoan", "diem", "chuong"))


@op("icelandic_eth", "language")
def _(lines, c):
    i = _find(lines, r"Số\s*:\s*\d+/(\d{4}/)?[A-Z]*Đ", stop=_header_stop(lines))
    return _sub_once(lines, i, "Đ", "Ð", ("so_ky_hieu",)) if i is not None else None


@op("nfd_paragraph", "language")
def _(lines, c):
    import unicodedata
    i = _body_line(lines, c)
    if i is None or any(unicodedata.combining(ch) for ch in lines[i]):
        return None   # the line is already decomposed: nothing new to seed
    new = unicodedata.normalize("NFD", lines[i])
    return _replace_line(lines, i, new, ("noi_dung", "dieu", "khoan", "diem", "chuong")) if new != lines[i] else None


_CONFUSIONS = (("quy định", "quy đinh"), ("thực hiện", "thực hiên"), ("trách nhiệm", "trách nhiêm"),
               ("kiểm tra", "kiễm tra"), ("hỗ trợ", "hổ trợ"), ("văn bản", "văn bàn"))


@op("misspelling_term", "language")
def _(lines, c):
    i = _body_line(lines, c)
    if i is None:
        return None
    for right, wrong in _CONFUSIONS:
        if right in lines[i]:
            return _sub_once(lines, i, right, wrong, ("noi_dung", "dieu", "khoan", "diem", "chuong"))
    return None


@op("invalid_syllable", "language")
def _(lines, c):
    i = _body_line(lines, c)
    if i is None or "được" not in lines[i]:
        return None
    return _sub_once(lines, i, "được", "đươc", ("noi_dung", "dieu", "khoan", "diem", "chuong"))


@op("doubled_word", "language")
def _(lines, c):
    i = _body_line(lines, c)
    if i is None:
        return None
    return _sub_once(lines, i, r"\b(các)\b", r"\1 \1", ("noi_dung", "dieu", "khoan", "diem", "chuong"))


@op("space_in_number_citation", "language")
def _(lines, c):
    i = _find(lines, r"^\W*Căn cứ\s.*số\s+\d+/\d{4}/")
    return _sub_once(lines, i, r"(số\s+\d+)/", r"\1 /", ("can_cu",)) if i is not None else None


@op("zero_width", "language")
def _(lines, c):
    i = _body_line(lines, c)
    if i is None:
        return None
    return _sub_once(lines, i, r"(?<=\w) (?=\w)", "\u200b ", ("noi_dung", "dieu", "khoan", "diem", "chuong"))


# -- DOCX built from real texts in the real layouts --------------------------------------------------
# tests/docbuilder.py lays a document out as NĐ 30 shows it: the two-column header table (issuer, with
# or without the cơ quan chủ quản line | quốc hiệu, tiêu ngữ; số | địa danh, ngày), the body, and the
# signature table (nơi nhận | quyền hạn, chức vụ, họ tên). Every text comes from the real document.

def docx_spec(doc) -> dict | None:
    """A docbuilder spec carrying a parsed real document's own texts; None when a part is missing."""
    comp = {c.name: c for c in doc.components}
    need = ("quoc_hieu", "tieu_ngu", "co_quan_ban_hanh", "so_ky_hieu", "dia_danh_ngay", "ten_loai", "trich_yeu")
    sig, rec = doc.signature, doc.recipients
    if any(n not in comp for n in need) or not doc.body or sig is None or not sig.name or rec is None:
        return None
    issuer = [x.strip(" *|") for x in comp["co_quan_ban_hanh"].text.split("\n") if x.strip(" *|")]
    chu_quan = None
    if "co_quan_chu_quan" in comp and len(issuer) >= 2:
        chu_quan, issuer = issuer[0], issuer[1:]
    src = doc.source.blocks
    can_cu = [src[b].text.strip() for c in doc.components_named("can_cu") for b in c.blocks]
    de_nghi = [src[b].text.strip() for c in doc.components_named("de_nghi") for b in c.blocks]
    starts = {n.block_start: n.kind for n in doc.nodes()}
    first = min(n.block_start for n in doc.body)
    closing = [b for c in doc.components if c.name in ("noi_nhan", "chu_ky", "quyen_han_ky", "chuc_vu", "ho_ten")
               for b in c.blocks if b > first]
    if not closing:
        return None
    body = []
    for b in src[first:min(closing)]:
        t = b.text.strip(" |")
        if not t or b.kind in ("header", "footer"):
            continue
        kind = starts.get(b.index, "text")
        if kind == "dieu":
            t = " ".join(t.split())     # a heading the web copy wrapped over two lines is one line in Word
        body.append(({"dieu": "dieu", "khoan": "khoan", "diem": "diem", "chuong": "chuong"}.get(kind, "text"), t))
    if len(body) < 2 or len(body) > 400:
        return None
    noi_nhan = []
    for b in rec.blocks:
        noi_nhan += [x.strip() for x in src[b].text.split("\n") if x.strip()]
    signature = list(sig.authority_lines) + ([sig.position] if sig.position else []) + [sig.name]
    return {"kind": "vbqppl" if doc.metadata.kind == "vbqppl" else "hanh_chinh",
            "quoc_hieu": comp["quoc_hieu"].text.strip(" *"), "tieu_ngu": comp["tieu_ngu"].text.strip(" *"),
            "chu_quan": chu_quan, "co_quan": issuer, "so_ky_hieu": comp["so_ky_hieu"].text.strip(" *|"),
            "dia_danh_ngay": comp["dia_danh_ngay"].text.strip(" *|"),
            "ten_loai": comp["ten_loai"].text.strip(" *"), "trich_yeu": " ".join(comp["trich_yeu"].text.split()),
            "authority_line": None, "can_cu": can_cu or [], "de_nghi": " ".join(de_nghi) or "",
            "ban_hanh": comp["ban_hanh"].text.strip(" *") if "ban_hanh" in comp else None,
            "body_lines": body, "signature": signature, "noi_nhan": noi_nhan or ["Nơi nhận:", "- Lưu: VT."]}


def _ov(component, **kw):
    return {"override": {"component": component, **kw}}


# (name, category, spec change, components where the finding must be)
DOCX_OPERATORS = [
    ("docx_issuer_not_bold", "layout", _ov("co_quan", bold=False), ("co_quan_ban_hanh",)),
    ("docx_quoc_hieu_14pt", "layout", _ov("quoc_hieu", size=14), ("quoc_hieu",)),
    ("docx_tieu_ngu_not_bold", "layout", _ov("tieu_ngu", bold=False), ("tieu_ngu",)),
    ("docx_so_14pt", "layout", _ov("so_ky_hieu", size=14), ("so_ky_hieu",)),
    ("docx_date_upright", "layout", _ov("dia_danh_ngay", italic=False), ("dia_danh_ngay",)),
    ("docx_ten_loai_not_bold", "layout", _ov("ten_loai", bold=False), ("ten_loai",)),
    ("docx_body_12pt", "layout", {"body": {"size": 12}}, ("noi_dung", "dieu", "khoan", "diem", "chuong")),
    ("docx_body_left", "layout", {"body": {"alignment": "left"}}, ("noi_dung", "dieu", "khoan", "diem", "chuong")),
    ("docx_font_arial", "layout", {"font": "Arial"}, ()),
    ("docx_margin_left_20", "layout", {"margins_mm": {"left": 20}}, ()),
    ("docx_paper_a5", "layout", {"paper": "A5"}, ()),
]


def _black_text_required(kind: str | None, day) -> bool:
    """Where the law requires black text: NĐ 30/2020 Phụ lục I mục I.4 ("… TCVN 6909:2001, màu đen"),
    administrative documents from 05/03/2020. TT 01/2011 (administrative documents before) and the
    thể thức of VBQPPL (NĐ 34/2016, NĐ 78/2025 Phụ lục I, NQ 351/2017) say nothing about colour in the
    texts we have (reference/format-rules.md §3.2 FMT-FONT-002; legal-texts-addendum.md: NĐ 78
    Phụ lục I not available): a coloured text there is no defect the law names, so it is not seeded."""
    import datetime as _dt
    return kind == "hanh_chinh" and day is not None and day >= _dt.date(2020, 3, 5)


def _docx_ops_for(spec: dict, day=None) -> list[tuple[str, str, dict, tuple]]:
    """The DOCX operators for one spec; `day` is the document's date (the colour rule depends on it)."""
    ops = [o for o in DOCX_OPERATORS if o[0] != "docx_body_left" or _regime_id(spec["kind"], day) in _STATED_REGIMES]
    if _black_text_required(spec["kind"], day):
        # red text in a body line the document has (a letter or a short decision may have no khoản)
        present = {k for k, _ in spec["body_lines"]}
        comp = next((k for k in ("khoan", "text", "dieu", "diem") if k in present), None)
        if comp is not None:
            ops.append(("docx_red_text", "layout", _ov(comp, color="FF0000"), ()))
    # component removals in the DOCX layout
    ops.append(("docx_drop_quoc_hieu", "format", {"quoc_hieu": ""}, ("quoc_hieu",)))
    ops.append(("docx_drop_so_ky_hieu", "format", {"so_ky_hieu": ""}, ("so_ky_hieu",)))
    if len(spec["signature"]) >= 3:
        ops.append(("docx_drop_position", "format", {"signature": spec["signature"][:-2] + spec["signature"][-1:]},
                    ("chuc_vu", "chu_ky", "quyen_han_ky")))
    return ops


# -- running --------------------------------------------------------------------------------------

def _sig(f) -> tuple:
    return (f.rule, f.location.component, f.found, (f.excerpt or "")[:50])


def _blocks_with(doc, marker: str | None) -> list[int]:
    if not marker:
        return []
    import unicodedata
    clean = lambda t: " ".join(unicodedata.normalize("NFC", t).replace("*", " ").replace("_", " ").split())  # noqa: E731
    m2 = clean(marker)[:30]
    return [b.index for b in doc.source.blocks if m2 and m2 in clean(b.text)]


# -- running: one worker per core, each document parsed and checked once unmutated -------------------
# Speed without changing what counts as found:
#  - the unmutated document is read, parsed and checked once; its parse also gives the DOCX spec;
#  - an operator whose function returns None (it does not apply) costs nothing;
#  - a mutated document is checked by the rules of the operator's category only, plus the rules that
#    supersede one of them (catalogue `supersedes`, consolidate.py): a finding of that category is the
#    same as in the full default run (every check is a function of the document alone; ctx.cache only
#    memoises), and only findings of that category can count; tests/test_defect_recall.py compares the
#    two on real documents;
#  - pure functions of one paragraph's text (parse/citations._references, parse/lines.clean,
#    parse/closing.is_position) are memoised: a mutation changes one line, the others come back unchanged;
#  - documents are spread over --jobs worker processes (fork); the figures do not depend on the order.

_STATE: dict = {}


def _category_configs(cfg) -> dict:
    """category → a Config selecting the default-selected rules of that category and their superseders."""
    import dataclasses
    from vbqppl_check.engine import is_selected, load_catalogue
    cat = load_catalogue()
    out = {}
    for c in CATEGORIES:
        need = {rid for rid, r in cat.items() if r.category == c}
        grew = True
        while grew:
            more = {rid for rid, r in cat.items() if rid not in need and any(s in need for s in r.supersedes)}
            need |= more
            grew = bool(more)
        ids = tuple(sorted(rid for rid in need if is_selected(rid, cfg)))
        out[c] = dataclasses.replace(cfg, select=ids or ("NONE",), ignore=())
    return out


def _memoise_citations(maxsize: int = 50000) -> None:
    """Memoise pure functions of one paragraph's text that the parser calls on every line of every
    mutated copy: the in-text citation grammar, the line cleaning and the chức vụ test of the closing.
    Each is looked up by name in its own module at call time, so the module attribute is replaced."""
    import functools
    from vbqppl_check.parse import citations, closing, lines
    # citations._references: the grammar per paragraph, already memoised by the package itself
    for mod, name in ((citations, "_references"), (closing, "is_position"), (lines, "clean")):
        fn = getattr(mod, name)
        if not hasattr(fn, "cache_info"):
            setattr(mod, name, functools.lru_cache(maxsize=maxsize)(fn))


def _init_state(docx: bool, restrict: bool = True) -> None:
    from vbqppl_check.config import Config
    cfg = Config()
    _STATE.update(cfg=cfg, docx=docx, by_cat=_category_configs(cfg) if restrict else None)
    if restrict:
        _memoise_citations()


def _found(got, base_sigs, category, comps, near, anywhere: bool = False) -> bool:
    left = collections.Counter(base_sigs)
    for f in got:
        s = _sig(f)
        if left[s] > 0:
            left[s] -= 1
            continue
        if f.category != category:
            continue
        b = f.location.block
        if anywhere or f.location.component in comps or b is None or any(abs(b - x) <= 3 for x in near):
            return True
    return False


def _check_for(doc, category):
    from vbqppl_check.engine import run_checks
    by_cat = _STATE["by_cat"]
    return run_checks(doc, by_cat[category] if by_cat else _STATE["cfg"])


def check_document(d: Doc, operators: set | None = None) -> dict:
    """Every operator that applies to one document (and to the DOCX built from it): a result record."""
    from vbqppl_check.engine import run_checks
    from vbqppl_check.parse import parse
    from vbqppl_check.readers import read
    cfg = _STATE["cfg"]
    res = {"key": d.key, "ok": False, "vbhn": False, "docx": False, "errors": [], "cases": [], "log": []}
    try:
        base_doc = parse(read(d.text.encode("utf-8"), name=d.name))
        base = run_checks(base_doc, cfg)
    except Exception as exc:  # noqa: BLE001
        res["log"].append(f"unreadable {d.key}: {exc}")
        return res
    res["ok"] = True
    res["errors"] = [(d.key, f.rule, f.location.component, (f.found or "")[:50]) for f in base if f.severity == "error"]
    base_sigs = collections.Counter(_sig(f) for f in base)
    dtype = base_doc.metadata.type or "(không rõ)"
    if dtype == "Văn bản hợp nhất":
        res["vbhn"] = True
        return res   # a consolidated text has its own form (not modelled yet): no operator applies
    lines = d.text.split("\n")
    ctx = Ctx(d, base_doc, random.Random(int(hashlib.sha1(d.key.encode("utf-8")).hexdigest()[:8], 16)))
    for o in OPERATORS:
        if operators is not None and o.name not in operators:
            continue
        try:
            m = o.fn(lines, ctx)
        except Exception as exc:  # noqa: BLE001 - an operator that cannot apply
            res["log"].append(f"operator {o.name} failed on {d.key}: {exc}")
            m = None
        if m is None or m.text == d.text:
            continue
        mdoc = parse(read(m.text.encode("utf-8"), name=d.name))
        hit = _found(_check_for(mdoc, o.category), base_sigs, o.category, m.components, _blocks_with(mdoc, m.marker))
        res["cases"].append((o.name, o.category, dtype, hit))
    if not _STATE["docx"] or d.source == "congbao":
        return res   # the gazette's own layout: not a document as its issuer sends it
    try:
        spec = docx_spec(base_doc)
    except Exception:  # noqa: BLE001
        spec = None
    if spec is None:
        return res
    day = base_doc.date.value if base_doc.date is not None else None   # the real text's date
    sys.path.insert(0, str(ROOT / "tests"))
    from docbuilder import build_docx_bytes
    try:
        base_doc = parse(read(build_docx_bytes(spec), name="real.docx"))
    except Exception as exc:  # noqa: BLE001
        res["log"].append(f"docx build failed {d.key}: {exc}")
        return res
    res["docx"] = True
    base = run_checks(base_doc, cfg)
    res["errors"] += [("docx:" + d.key, f.rule, f.location.component, (f.found or "")[:50])
                      for f in base if f.severity == "error"]
    base_sigs = collections.Counter(_sig(f) for f in base)
    dtype = (base_doc.metadata.type or "(không rõ)") + " (DOCX)"
    for name, cat, change, comps in _docx_ops_for(spec, day):
        if operators is not None and name not in operators:
            continue
        mspec = {**spec, **{k: v for k, v in change.items()}}
        if "quoc_hieu" in change and not change["quoc_hieu"]:
            mspec["quoc_hieu"] = " "
        if "so_ky_hieu" in change and not change["so_ky_hieu"]:
            mspec["so_ky_hieu"] = " "
        try:
            got = _check_for(parse(read(build_docx_bytes(mspec), name="real.docx")), cat)
        except Exception as exc:  # noqa: BLE001
            res["log"].append(f"docx operator {name} failed on {d.key}: {exc}")
            continue
        # a DOCX defect has no changed line: a finding at the component, or without a block; a
        # page-wide change (font, margins, paper, colour) names no component: any new finding of the category
        hit = _found(got, base_sigs, cat, comps, (), anywhere=not comps)
        res["cases"].append((name, cat, dtype, hit))
    return res


def _work(i: int) -> dict:
    t, c = time.perf_counter(), time.process_time()
    r = check_document(_STATE["docs"][i], _STATE.get("operators"))
    r["secs"], r["cpu"], r["source"] = time.perf_counter() - t, time.process_time() - c, _STATE["docs"][i].source
    return r


def _load() -> str:
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


GENERATED = ("Recall per category", "Recall per operator", "Recall per document type and category",
             "Error-severity findings on the unmutated documents")


def _kept_sections(path: Path) -> list[str]:
    """The sections of an existing report this script does not write (notes written by hand)."""
    if not path.exists():
        return []
    out, keep = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep = line[3:].strip() not in GENERATED
        if keep:
            out.append(line)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", default="evaluation", choices=("evaluation", "tuning", "all"))
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per source (a fixed-seed sample)")
    ap.add_argument("--markdown", default=None, help="write the report here (docs/recall.md)")
    ap.add_argument("--misses", type=int, default=0, help="print N missed cases per operator")
    ap.add_argument("--no-docx", dest="docx", action="store_false", help="skip the DOCX built from real texts")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2; 1 runs in this process)")
    ap.add_argument("--operators", default=None,
                    help="comma-separated operator names: run only these (development; not for the report)")
    ap.add_argument("--full-checks", action="store_true",
                    help="check every mutated document with the whole rule set (slower; same figures)")
    args = ap.parse_args(argv)

    docs = load_documents()
    if args.half != "all":
        docs = [d for d in docs if half(d.key, "") == args.half]
    if args.limit:
        rng = random.Random(11)
        by_src = collections.defaultdict(list)
        for d in docs:
            by_src[d.source].append(d)
        docs = [d for src in sorted(by_src) for d in sorted(rng.sample(by_src[src], min(args.limit, len(by_src[src]))),
                                                             key=lambda d: d.key)]
    _init_state(args.docx, restrict=not args.full_checks)
    _STATE["docs"] = docs
    _STATE["operators"] = set(args.operators.split(",")) if args.operators else None
    load_before = _load()
    t0 = time.perf_counter()
    cpu0 = os.times()
    results: list[dict] = [None] * len(docs)   # type: ignore[list-item]
    jobs = max(1, args.jobs)
    if jobs == 1:
        it = ((i, _work(i)) for i in range(len(docs)))
    else:
        import multiprocessing as mp
        pool = mp.get_context("fork").Pool(jobs)
        # the longest texts first, so that a long one does not start last
        order = sorted(range(len(docs)), key=lambda i: -len(docs[i].text))
        it = zip(order, pool.imap(_work, order, chunksize=1))
    done = 0
    for i, r in it:
        results[i] = r
        done += 1
        for msg in r["log"]:
            print(msg, file=sys.stderr)
        if done % 25 == 0 or done == len(docs):
            el = time.perf_counter() - t0
            print(f"[{done}/{len(docs)}] {el:.0f} s, {done / el:.2f} docs/s, load {_load()}", file=sys.stderr)
    if jobs > 1:
        pool.close()
        pool.join()
    secs = time.perf_counter() - t0
    cpu1 = os.times()
    cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system) + (cpu1.children_user - cpu0.children_user) \
        + (cpu1.children_system - cpu0.children_system)

    tried = collections.Counter()
    found = collections.Counter()
    by_type = collections.defaultdict(lambda: [0, 0])
    misses = collections.defaultdict(list)
    errors = collections.Counter()
    cat_of_docx: dict[str, str] = {}
    skipped_vbhn = sum(1 for r in results if r["vbhn"])
    ndocx = sum(1 for r in results if r["docx"])
    text_ops = {o.name for o in OPERATORS}
    for r in results:
        for _key, rule, _comp, _found_text in r["errors"]:
            errors[rule] += 1
        for name, cat, dtype, hit in r["cases"]:
            if name not in text_ops:
                cat_of_docx.setdefault(name, cat)
            tried[name] += 1
            by_type[(cat, dtype)][0] += 1
            if hit:
                found[name] += 1
                by_type[(cat, dtype)][1] += 1
            else:
                misses[name].append(r["key"])
    if args.docx:
        print(f"DOCX built from real texts: {ndocx}", file=sys.stderr)
    if args.limit:
        # what the whole half would cost: the sample's CPU seconds per document of each source
        everyone = collections.Counter(d.source for d in load_documents()
                                       if args.half == "all" or half(d.key, "") == args.half)
        per = collections.defaultdict(list)
        for r in results:
            per[r["source"]].append(r["cpu"])
        est = sum(everyone[src] * sum(v) / len(v) for src, v in per.items())
        print(f"CPU per document: " + ", ".join(f"{src} {sum(v) / len(v):.2f} s" for src, v in sorted(per.items()))
              + f"; the whole {args.half} half ({sum(everyone.values())} texts): ≈ {est:.0f} CPU s, "
              f"≈ {est / jobs / 60:.0f} min with {jobs} free cores", file=sys.stderr)

    cat_of = {o.name: o.category for o in OPERATORS}
    cat_of.update(cat_of_docx)
    nseeded = sum(tried.values())
    out = [f"# Defect-injection recall ({args.half} half)", "",
           f"Reproduce: `.venv/bin/python benchmarks/defect_recall.py --half {args.half}"
           + (f" --limit {args.limit}" if args.limit else "") + (f" --jobs {jobs}" if jobs != 2 else "")
           + (" --no-docx" if not args.docx else "")
           + (f" --operators {args.operators}" if args.operators else "") + " --markdown docs/recall.md`", "",
           f"Documents: {len(docs)} real texts (vbpl.vn, Công báo, thư viện pháp luật) and {ndocx} DOCX built from "
           f"them; operators: {len(cat_of)}; seeded defects: {nseeded}.", "",
           f"Run time {secs:.0f} s wall, {cpu:.0f} s CPU, {jobs} worker process(es) "
           f"({len(docs) / secs:.2f} documents/s, {nseeded / secs:.1f} seeded defects/s); "
           f"load average (1/5/15 min) before {load_before}, after {_load()}; {os.cpu_count()} cores.", "",
           f"Văn bản hợp nhất (consolidated texts, their own form, not modelled): {skipped_vbhn}, checked for errors "
           "but not seeded.", "",
           "A defect is found when the mutated document has a finding of the operator's category at the defect's "
           "place (the component, or a block within 3 of the changed line) that the unmutated document lacks.", "",
           "## Recall per category", "", "| category | seeded | found | recall |", "|---|---:|---:|---:|"]
    for cat in CATEGORIES:
        n = sum(tried[o] for o in tried if cat_of[o] == cat)
        k = sum(found[o] for o in tried if cat_of[o] == cat)
        out.append(f"| {cat} | {n} | {k} | {100 * k / n:.1f} % |" if n else f"| {cat} | 0 | 0 | — |")
    out += ["", "## Recall per operator", "", "| operator | category | seeded | found | recall |", "|---|---|---:|---:|---:|"]
    for name, cat in list((o.name, o.category) for o in OPERATORS) + sorted(cat_of_docx.items()):
        n, k = tried[name], found[name]
        out.append(f"| {name} | {cat} | {n} | {k} | {100 * k / n:.1f} % |" if n else f"| {name} | {cat} | 0 | 0 | — |")
    out += ["", "## Recall per document type and category", "", "| type | category | seeded | found | recall |",
            "|---|---|---:|---:|---:|"]
    for (cat, t), (n, k) in sorted(by_type.items(), key=lambda x: (x[0][1], x[0][0])):
        out.append(f"| {t} | {cat} | {n} | {k} | {100 * k / n:.1f} % |")
    out += ["", "## Error-severity findings on the unmutated documents", "",
            f"{sum(errors.values())} errors on {len(docs)} documents.", "", "| rule | errors |", "|---|---:|"]
    for r, n in errors.most_common():
        out.append(f"| {r} | {n} |")
    text = "\n".join(out) + "\n"
    print(text)
    if args.misses:
        for name, keys in misses.items():
            print(name, keys[: args.misses])
    if args.markdown:
        kept = _kept_sections(Path(args.markdown))
        Path(args.markdown).write_text(text + ("\n" + "\n".join(kept) + "\n" if kept else ""), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
