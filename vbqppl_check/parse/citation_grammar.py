"""A grammar for Vietnamese legal citations: a tokenizer and a recursive-descent parser over tokens.

Shape (after Indigo's provision_refs.peg):

    basis_line   := "Căn cứ" [list_header] item (SEP item)*
    list_header  := "các" TYPE ["của" issuer] ":"            (Căn cứ các Nghị định của Chính phủ: …)
    item         := [pinpoints ["của"]] mention | "số" NUMSYM …  (list member inherits type and issuer)
    mention      := TYPE ( ["số"] NUMSYM [name] | name ["số" NUMSYM] ) modifier* [title] [amended]
    modifier     := date | "của" issuer
    date         := "ngày" (INT "tháng" INT "năm" INT | DATE | "…" "tháng" "…" "năm" INT) | "năm" INT
    amended      := [","] ["đã"] "được sửa đổi, bổ sung" ["một số điều"] ("bởi"|"theo"|"tại") mention ((","|"và") mention)*
    pinpoints    := chain (("," | "và" | "hoặc") chain)*  |  "từ" unit "đến" unit
    chain        := [điểm LABEL+] [khoản INT+] [Điều INT+ | Điều này] [Mục] [Chương] [Phần] | Phụ lục ROMAN
    target       := TYPE "này" (self) | mention (named) | TYPE ["nêu trên"|"đó"] (previous) | ε

The parser works on tokens, never on raw characters; every token keeps its character offsets so
citations map back to the text exactly.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

# -- tokens ---------------------------------------------------------------------------------

_SYM = r"[A-ZĐÐa-zđ\u0400-\u04FF](?:[\w&.\u0400-\u04FF]|-\s?(?=[\w\u0400-\u04FF]))*"
_TOKEN_RE = re.compile(
    # Only a symbol with its number left blank ("số  /2025/QĐ-UBND") can start at white space, and only
    # before "/": the lookahead turns away the space between two words at once, where the regex engine
    # tried every alternative (40 % less time in the pattern, the same tokens on 40,976 vbpl paragraphs).
    r"(?=\S|\s/)(?:"
    # a token that starts with a letter can only be a word ("alnum" below, the same match): tried first, it
    # spares most positions four failing alternatives (a quarter of the tokenizer's time)
    r"(?P<word>[^\W\d_][^\W_]*)"
    r"|(?P<party>\d+[a-z]?-[A-ZĐÐ][\wĐđ]*/[A-ZĐÐ][\w]*)"                       # 18-NQ/TW, 35-QĐi/TW
    r"|(?P<date>\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,5}(?![\d/]))"           # 08/6/2010, 08/6/20210
    r"|(?P<numsym>(?:\d[\d.]*[a-zA-Z]?|…+|\.{2,}|_+)?\s?/\s?\d{4}\s?/\s?" + _SYM  # 63/2010/NĐ-CP, …/2025/NĐ-CP
    + r"|\d[\d.]*\s?/\s?[A-ZĐÐ\u0400-\u04FF]" + _SYM[_SYM.index("(?:"):] + r")"  # 1656/NQ-UBTVQH15, 54/VBHN-VPQH
    r"|(?P<ellipsis>…+|\.{2,}|_{2,})"
    r"|(?P<alnum>[^\W_]+)"
    r"|(?P<punct>[;:,.()\[\]\"“”'‘’\-–—/])"
    r")"
)


class Token(NamedTuple):
    """A NamedTuple, not a dataclass: millions are made per archive and tuples are cheap to build."""

    kind: str       # party | date | numsym | ellipsis | int | word | label | punct
    text: str
    low: str
    start: int
    end: int

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    append, new = out.append, tuple.__new__   # Token(...) without the namedtuple's Python-level __new__
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or ""   # never empty: every alternative of _TOKEN_RE is a named group
        s, e = m.span()
        tok = m.group()
        if kind == "numsym" or kind == "party":
            # a sentence-final "." or "-" belongs to the sentence, not to the symbol
            while tok and tok[-1] in ".-":
                tok, e = tok[:-1], e - 1
            kind = "numsym"
        elif kind == "alnum" or kind == "word":
            if tok.isdigit():
                kind = "int"
            elif tok.isalpha():
                kind = "word"
            else:
                kind = "label"     # 5a, a1
        append(new(Token, (kind, tok, tok.lower(), s, e)))
    return out


# -- vocabulary -----------------------------------------------------------------------------

# (words, canonical type, needs a number to count as a mention in running text)
_TYPES: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("văn", "bản", "hợp", "nhất"), "Văn bản hợp nhất", True),
    (("thông", "tư", "liên", "tịch"), "Thông tư liên tịch", False),
    (("nghị", "quyết", "liên", "tịch"), "Nghị quyết liên tịch", False),
    (("hiến", "pháp"), "Hiến pháp", False),
    (("bộ", "luật"), "Bộ luật", False),
    (("pháp", "lệnh"), "Pháp lệnh", False),
    (("nghị", "quyết"), "Nghị quyết", True),
    (("nghị", "định"), "Nghị định", True),
    (("quyết", "định"), "Quyết định", True),
    (("thông", "tư"), "Thông tư", True),
    (("chỉ", "thị"), "Chỉ thị", True),
    (("công", "văn"), "Công văn", True),
    (("công", "điện"), "Công điện", True),
    (("kế", "hoạch"), "Kế hoạch", True),
    (("thông", "báo"), "Thông báo", True),
    (("kết", "luận"), "Kết luận", True),
    (("hướng", "dẫn"), "Hướng dẫn", True),
    (("quy", "định"), "Quy định", True),
    (("tờ", "trình"), "Tờ trình", True),
    (("báo", "cáo"), "Báo cáo", True),
    (("văn", "bản"), "Văn bản", True),
    (("luật",), "Luật", False),
    (("lệnh",), "Lệnh", True),
)
# _TYPES grouped by first word, order kept: doc_type_at runs at every token, so it must be O(1)
# for the common case of a token that starts no type name.
_TYPES_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], str, bool], ...]] = {}
for _entry in _TYPES:
    _TYPES_BY_FIRST[_entry[0][0]] = _TYPES_BY_FIRST.get(_entry[0][0], ()) + (_entry,)

NAMED_TYPES = {"Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh"}   # cited by name (and date) in older styles

# Words that end an issuer and start a title ("của Chính phủ quy định …").
_ISSUER_STOPS = (
    ("quy", "định"), ("quy", "chế"), ("về",), ("hướng", "dẫn"), ("sửa", "đổi"), ("bổ", "sung"),
    ("ban", "hành"), ("bãi", "bỏ"), ("phê", "duyệt"), ("thay", "thế"), ("thành", "lập"),
    ("công", "bố"), ("giao",), ("phân", "cấp"), ("phân", "quyền"), ("triển", "khai"), ("thi", "hành"),
    ("điều", "chỉnh"), ("tiếp", "tục"), ("đẩy", "mạnh"), ("tăng", "cường"), ("thực", "hiện"),
    ("kéo", "dài"), ("miễn",), ("giảm",), ("xử", "lý"), ("chi", "tiết"), ("cơ", "chế"), ("tại",),
    ("thì",), ("đã",), ("được",), ("có",), ("theo",), ("là",), ("nêu",), ("này",), ("đó",), ("cho",),
    ("để",), ("đối",), ("trong",), ("ngày",), ("số",), ("năm",), ("và", "các"), ("quản", "lý"),
    ("chính", "sách"), ("một", "số"), ("những",), ("các",), ("tổ", "chức", "thực"), ("kiện", "toàn"),
    ("sắp", "xếp"), ("chuyển",), ("đặt",), ("đổi",), ("bảo", "đảm"), ("đảm", "bảo"), ("hỗ", "trợ"),
    ("nâng",), ("phát", "triển"), ("xây", "dựng"), ("đối", "với"), ("khi",), ("nhằm",), ("như",),
    ("hủy",), ("huỷ",), ("quyết", "định"), ("công", "nhận"), ("cho", "phép"), ("đặt", "tên"), ("áp", "dụng"),
    ("công", "khai"), ("trên",), ("thông", "qua"), ("gửi",), ("yêu", "cầu"), ("đề", "nghị"), ("hết",),
    ("cùng",),
)
_ISSUER_STOPS_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _stop in _ISSUER_STOPS:
    _ISSUER_STOPS_BY_FIRST[_stop[0]] = _ISSUER_STOPS_BY_FIRST.get(_stop[0], ()) + (_stop,)
_CLOSED_ISSUERS = tuple(tuple(x.split()) for x in (
    "ủy ban thường vụ quốc hội", "thủ tướng chính phủ", "văn phòng chính phủ", "chính phủ", "quốc hội",
    "chủ tịch nước", "bộ chính trị", "ban bí thư"))
_LAW_NAME_STOPS_TEXT = {"của", "và", "hoặc", "thì", "đã", "được", "có", "để", "theo", "tại", "là", "này",
                        "về", "cho", "với", "trong", "khi", "đối", "nhưng", "mà", "như", "hiện", "do",
                        "quy", "trên", "đó", "sau", "trước", "năm", "ngày", "số", "gồm", "phải", "không"}
_MONTH_WORDS = {"tháng"}
_SUA, _DOI = {"sửa", "sủa", "sữa", "sửă"}, {"đổi", "đỗi", "đối"}          # misprints seen in căn cứ lines
_BO, _SUNG = {"bổ", "bố", "bồ", "bỗ"}, {"sung", "xung"}
_RELATION_VERBS = {("bỏ", "cụm"): "amend", ("bỏ", "từ"): "amend", ("thay", "cụm"): "amend", ("thay", "từ"): "amend",
                   ("sửa", "đổi"): "amend", ("bổ", "sung"): "amend", ("bãi", "bỏ"): "repeal",
                   ("thay", "thế"): "replace", ("bãi", "bỏ", "một", "phần"): "repeal"}

_NOT_UNIT_BEFORE = {"khoan": ("tài", "điều"), "diem": ("thời", "địa", "đặc", "quan", "ưu", "nhược",
                                                                      "trọng", "khởi", "mốc", "giao", "một")}
_HEADING_LINE = re.compile(r"^\s*[“\"']?\s*(Điều\s+\d+\w*\s*[.:]|Chương\s+[IVXLC]+\b|Mục\s+\d+\s*[.:]|Phần\s+(thứ\s+\w+|[IVXLC]+)\b|"
                           r"PHỤ\s+LỤC\b|Phụ\s+lục\s+[IVXLC\d.]+\s+[A-ZĐ]{2,}|(PHẦN|CHƯƠNG|MỤC)\s+[IVXLC\d]+\b|"
                           r"Phụ\s+lục\s+[IVXLC\d]+\s*$|Điều\s+\d+\w*\s*$)")
_ROMAN = re.compile(r"^[IVXLC]+$")
_CYR_LATIN = str.maketrans("АВСЕНКМОРТХаеорсух", "ABCEHKMOPTXaeopcyx")
_DIEM_LABEL = re.compile(r"^[a-zđ][0-9]?$")
_UNIT_WORDS = {"điểm": "diem", "khoản": "khoan", "điều": "dieu", "mục": "muc", "chương": "chuong",
               "phần": "phan", "phụ": "phu_luc"}


@functools.lru_cache(maxsize=1)
def _law_names() -> dict[tuple[str, str], tuple[tuple[str, ...], ...]]:
    """Names of laws, codes and ordinances (registry titles), as token words, by first word, longest first.

    Running text cuts a law's name at words such as "của", "về", "trong" that can also be part of it
    ("Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam"); a known name
    wins when it is longer than what the stop words allow."""
    import json

    from ..data import corpora_path
    names: set[tuple[str, ...]] = set()
    for fname in ("core.jsonl", "vbpl_central_2025.jsonl", "cited_central.jsonl"):   # the bundled registry
        path = corpora_path("registry", fname)
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                title = unicodedata.normalize("NFC", (r.get("title") or "").strip())
                if r.get("type") not in NAMED_TYPES or "/" in title or not re.match(r"(?i)(luật|bộ luật|pháp lệnh|hiến pháp)\b", title):
                    continue
                title = re.sub(r"\s+(năm\s+)?\d{4}$", "", title)
                words = tuple(t.low for t in tokenize(title))
                if len(words) >= 3:
                    names.add(words)
    out: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for w in sorted(names, key=len, reverse=True):
        out.setdefault((w[0], w[1]), []).append(w)
    return {k: tuple(v) for k, v in out.items()}


# -- results --------------------------------------------------------------------------------

@dataclass
class PDate:
    raw: str
    iso: str | None = None
    valid: bool | None = None
    year: int | None = None


@dataclass
class PMention:
    doc_type: str | None
    number: str | None = None
    date: PDate | None = None
    issuer: str | None = None
    title: str | None = None
    party: bool = False
    amended_by: list["PMention"] = field(default_factory=list)
    amended_raw: str | None = None       # "được sửa đổi, bổ sung năm 2019" without a document
    generic: bool = False                # the type was read from the symbol ("văn bản số 12/TTr-…")
    start: int = 0
    end: int = 0


@dataclass
class PPin:
    phan: str | None = None
    chuong: str | None = None
    muc: str | None = None
    dieu: list[str] = field(default_factory=list)
    khoan: list[str] = field(default_factory=list)
    diem: list[str] = field(default_factory=list)
    phu_luc: str | None = None
    range: bool = False
    relative: str | None = None
    more_phu_luc: list[str] = field(default_factory=list)


def _split_annexes(pins: list[PPin]) -> list[PPin]:
    out = []
    for p in pins:
        out.append(p)
        for lab in p.more_phu_luc:
            out.append(PPin(phan=p.phan, chuong=p.chuong, muc=p.muc, phu_luc=lab, relative=p.relative))
        p.more_phu_luc = []
    return out


@dataclass
class PCitation:
    kind: str                             # basis | reference | amendment_target
    start: int
    end: int
    mention: PMention | None = None
    target: str = "named"                 # self | previous | named
    pins: list[PPin] = field(default_factory=list)
    relation: str | None = None


# -- helpers --------------------------------------------------------------------------------

def normalize_number(raw: str) -> str:
    """Canonical form of a số ký hiệu: no spaces, Đ for look-alikes, Latin for Cyrillic letters."""
    s = re.sub(r"\s+", "", raw)
    s = s.replace("Ð", "Đ").replace("đ", "đ")
    cyr = str.maketrans("АВСЕНКМОРТХсаеорх", "ABCEHKMOPTXcaeopx")
    return s.translate(cyr)


_TYPE_CODES = {"TTR": "Tờ trình", "BC": "Báo cáo", "QĐ": "Quyết định", "NĐ": "Nghị định", "NQ": "Nghị quyết",
               "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "CT": "Chỉ thị", "KH": "Kế hoạch", "TB": "Thông báo",
               "PL": "Pháp lệnh", "VBHN": "Văn bản hợp nhất", "CĐ": "Công điện", "HD": "Hướng dẫn", "KL": "Kết luận",
               "QC": "Quy chế", "QYĐ": "Quy định", "NQLT": "Nghị quyết liên tịch", "L": "Lệnh", "QH": "Luật"}
_QUALIFIED_TYPES = {"Báo cáo", "Tờ trình", "Văn bản", "Công văn"}


def _year(m: PMention) -> int | None:
    """The year of a mention: from its date, else from its number ("63/2010/NĐ-CP")."""
    if m.date is not None and m.date.year:
        return m.date.year
    y = re.match(r"^[^/]*/(\d{4})/", m.number or "")
    return int(y.group(1)) if y else None


def type_of_number(number: str) -> str:
    """The document type a số ký hiệu shows by its type code (NĐ 30/2020 Phụ lục I; party documents
    "57-NQ/TW"); a symbol without a type code ("3065/SVHTTDL-VP") is a công văn."""
    m = re.match(r"^[^/]*?-([A-ZĐa-zđ]+)/", number)       # "296-QĐ/TW": party document
    if m and m.group(1).upper() != "QĐ":
        code = m.group(1).upper()
    elif m:
        return "Quy định"                                   # "-QĐ/TW" is a Quy định of the Party
    else:
        parts = number.split("/")
        rest = parts[2] if len(parts) > 2 and re.fullmatch(r"\d{4}", parts[1]) else (parts[1] if len(parts) > 1 else "")
        code = re.split(r"[-–]", rest)[0].upper()
        if re.fullmatch(r"QH\d+", code):
            return "Luật"
    return _TYPE_CODES.get(code, "Công văn")


def make_date(day: int | None, month: int | None, year_text: str, raw: str) -> PDate:
    year = int(year_text) if year_text.isdigit() else None
    if day is None or month is None:
        return PDate(raw=raw, year=year if year and 1000 <= year <= 9999 else None)
    if len(year_text) in (5, 6) and year_text[4] != "0" and 1900 <= int(year_text[:4]) <= 2100:
        # "ngày 08/10/20181": a footnote mark glued to the year in PDF text (marks start at 1, never 0;
        # "08/6/20210" stays an impossible date)
        year_text, year = year_text[:4], int(year_text[:4])
    if len(year_text) != 4 or year is None or not (1900 <= year <= 2100):
        return PDate(raw=raw, valid=False)
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return PDate(raw=raw, valid=False, year=year)
    return PDate(raw=raw, iso=d.isoformat(), valid=True, year=year)


class _Parser:
    def __init__(self, text: str, toks: list[Token]):
        self.text = text
        self.t = toks
        self.n = len(toks)
        self.lows = [t.low for t in toks]

    # token predicates (called at every token: list lookups, no per-call generator)
    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.n else ""

    def kind(self, i: int) -> str:
        return self.t[i].kind if 0 <= i < self.n else ""

    def words(self, i: int, seq: tuple[str, ...]) -> bool:
        width = len(seq)
        if width and 0 <= i and i + width <= self.n:
            lows = self.lows
            return lows[i] == seq[0] and (width == 1 or tuple(lows[i:i + width]) == seq)
        return all(self.low(i + k) == w for k, w in enumerate(seq))

    def span_text(self, i: int, j: int) -> str:
        """Text of tokens i..j-1 as written."""
        if j <= i:
            return ""
        return self.text[self.t[i].start:self.t[j - 1].end]

    def doc_type_at(self, i: int) -> tuple[str, int, bool] | None:
        for words, name, needs_number in _TYPES_BY_FIRST.get(self.low(i), ()):
            if self.words(i, words):
                return name, len(words), needs_number
        return None

    # -- dates ----------------------------------------------------------------------------
    def date_at(self, i: int) -> tuple[PDate, int] | None:
        """"ngày 19 tháng 6 năm 2015" | "ngày 08/6/2010" | "ngày … tháng … năm 2025" | "năm 2025"."""
        if self.low(i) == "ngày":
            j = i + 1
            if self.low(j) == "ngày":
                j += 1          # "ngày ngày 08 tháng 6 năm 2010": a doubled word
            if self.kind(j) == "date":
                parts = re.split(r"\s?[/.-]\s?", self.t[j].text)
                d = make_date(int(parts[0]), int(parts[1]), parts[2], self.span_text(i, j + 1))
                return d, j + 1
            if self.kind(j) in ("int", "ellipsis") and self.low(j + 1) in _MONTH_WORDS \
                    and self.kind(j + 2) in ("int", "ellipsis") and self.low(j + 3) == "năm" \
                    and self.kind(j + 4) in ("int", "ellipsis"):
                raw = self.span_text(i, j + 5)
                if self.kind(j) == "int" and self.kind(j + 2) == "int" and self.kind(j + 4) == "int":
                    return make_date(int(self.t[j].text), int(self.t[j + 2].text), self.t[j + 4].text, raw), j + 5
                return make_date(None, None, self.t[j + 4].text, raw), j + 5
            return None
        if self.low(i) == "năm" and self.kind(i + 1) == "int" and len(self.t[i + 1].text) == 4:
            return make_date(None, None, self.t[i + 1].text, self.span_text(i, i + 2)), i + 2
        return None

    # -- issuer ---------------------------------------------------------------------------
    def issuer_at(self, i: int) -> tuple[str, int] | None:
        """After "của": words up to a title verb, a date, punctuation or the next document."""
        j = i
        while j < self.n and j - i < 16:
            tk = self.t[j]
            if tk.kind == "punct":
                if tk.text in "-–" and j > i:
                    j += 1
                    continue
                if tk.text == "," and j > i and self.kind(j + 1) == "word" and self.t[j + 1].cap \
                        and self.doc_type_at(j + 1) is None and self.low(j + 1) not in _UNIT_WORDS:
                    j += 1
                    continue
                break
            if tk.kind not in ("word", "int", "label"):
                break
            if j > i and self.doc_type_at(j) is not None and tk.cap and self.low(j) != "quy":
                break
            if j > i and any(self.words(j, s) for s in _ISSUER_STOPS_BY_FIRST.get(tk.low, ())) \
                    and not (tk.cap and self.low(j) in ("thành", "giao")) \
                    and not (tk.low == "giao" and self.low(j - 1) == "ngoại"):     # "Bộ Ngoại giao"
                if not (tk.cap and self.low(j) in ("phát", "xây", "quản", "chính", "bảo", "hỗ")):
                    break
            if tk.low == "và" and not (self.kind(j + 1) == "word" and self.t[j + 1].cap):
                break
            if j == i and not tk.cap:
                return None
            j += 1
        while j > i and self.kind(j - 1) == "punct":
            j -= 1
        if j == i:
            return None
        # a closed-list issuer followed by a lowercase word ("Quốc hội thí điểm …"): the title starts there
        for name in _CLOSED_ISSUERS:
            w = len(name)
            if self.words(i, name) and j > i + w and self.kind(i + w) == "word" and not self.t[i + w].cap:
                j = i + w
                break
        return self.span_text(i, j), j

    # -- document mentions ----------------------------------------------------------------
    def number_at(self, i: int) -> tuple[str, int] | None:
        j = i
        if self.low(j) == "số":
            j += 1
            if self.low(j) == "số":
                j += 1          # "Nghị định số số 268/2025/NĐ-CP": a doubled word
            if self.low(j) == ":" and self.kind(j + 1) == "numsym":
                j += 1          # "các văn bản số: 8004/BNNMT-ĐCKS …"
        if self.kind(j) == "numsym":
            tk, nx = self.t[j], self.t[j + 1] if j + 1 < self.n else None
            if nx is not None and nx.start == tk.end + 1 and tk.text[-1:].isalpha():
                last = tk.text.rsplit("/", 1)[-1]
                if nx.kind == "word" and nx.text.isupper() and len(nx.text) >= 2 and "-" not in last \
                        and self.doc_type_at(j + 1) is None:
                    return normalize_number(tk.text + "-" + nx.text), j + 2     # "13/2020/TT BTC"
                if nx.kind == "int" and len(nx.text) <= 2 and last.upper().endswith("QH"):
                    return normalize_number(tk.text + nx.text), j + 2            # "28/2018/QH 14"
            n2 = self.t[j + 2] if j + 2 < self.n else None
            if nx is not None and n2 is not None and nx.text in "-–" and nx.start - tk.end <= 1 \
                    and n2.start - nx.end <= 1 and n2.kind == "word" and n2.text.isupper() and len(n2.text) >= 2:
                return normalize_number(tk.text + "-" + n2.text), j + 3          # "127/TTr - HĐQT"
            return normalize_number(self.t[j].text), j + 1
        # "Thông tư liên tịch số 06/2018": a short form without the symbol (tokenized as int / int)
        if j > i and self.kind(j) == "int" and self.low(j + 1) == "/" and self.kind(j + 2) == "int" \
                and len(self.t[j + 2].text) == 4 and self.low(j + 3) != "/":
            return self.span_text(j, j + 3).replace(" ", ""), j + 3
        return None

    def law_name_end(self, i: int, basis: bool) -> int:
        """End of a name such as "Luật Tổ chức chính quyền địa phương" (i: first word after the type)."""
        j = i
        amending = self.low(i) in ("sửa", "bổ")   # "Luật sửa đổi, bổ sung … của Luật A và Luật B"
        inner = False           # an amending law's name listing the amended laws with their numbers
        while j < self.n:
            tk = self.t[j]
            if amending and (tk.kind == "numsym" or (tk.low == "số" and self.kind(j + 1) == "numsym")):
                k = j + (2 if tk.low == "số" else 1)
                if self.low(k) in (",", "và") and (_dt1 := self.doc_type_at(k + 1)) and self.t[k + 1].cap \
                        and _dt1[0] in NAMED_TYPES:
                    inner, j = True, k      # "… của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15, …"
                    continue
                if inner:
                    j = k                   # the last law of that list
                    continue
                break
            if tk.kind in ("numsym", "date", "ellipsis"):
                break
            if tk.kind == "int" and len(tk.text) == 4 and j > i and 1900 <= int(tk.text) <= 2100 \
                    and self.kind(j - 1) == "word":
                break                       # "Luật Ngân sách nhà nước 2015": the year, not the name
            if tk.kind == "punct":
                if tk.text == "," and self.doc_type_at(j + 1) and self.t[j + 1].cap and not amending:
                    break
                if tk.text == "," and (basis or amending or j == i + 1 or self.low(j + 1) in ("bổ",)):
                    j += 1
                    continue
                if tk.text in "-–":
                    j += 1
                    continue
                break
            if tk.low == "số" and self.kind(j + 1) == "numsym":
                break
            if self.date_at(j) is not None:
                break
            if tk.low in ("được", "đã") and (self._verb_at(j + 1) > j + 1 or self._verb_at(j + 2) > j + 2):
                break
            if not basis and not amending and tk.low in _LAW_NAME_STOPS_TEXT and not (
                    tk.low == "quy" and self.low(j + 1) != "định"):
                break
            if amending and j > i + 6 and tk.low == "và" and (self._verb_at(j + 1) > j + 1 or self.low(j + 1) in (
                    "quy", "hướng", "ban", "thay", "bãi")) and self.kind(j + 1) == "word" and not self.t[j + 1].cap:
                break                        # "… và Luật Quản lý thuế và sửa đổi một số điều tại các Thông tư …"
            if not basis and amending and j > i + 6 and (tk.low in ("có", "thì", "hết", "kể", "được", "đã", "nhằm", "để")
                                                     or tk.low == "," and self.low(j + 1) in ("có", "thì", "được", "đã")):
                break                        # "Luật số 09/2026/QH16 sửa đổi … Luật Thuế tiêu thụ đặc biệt, có hiệu lực …"
            if basis and not amending and (tk.low == "về" or self.words(j, ("quy", "định"))):
                break
            if tk.low == "này" or tk.low == "nêu":
                break
            if not basis and j > i + 6 and not amending:
                break
            j += 1
        while j > i and self.kind(j - 1) == "punct":
            j -= 1
        return j

    def _known_name_end(self, i: int) -> int:
        """End of the longest known law name (corpora/registry titles) starting at the type word i, else i."""
        names = _law_names().get((self.low(i), self.low(i + 1)))
        if names:
            lows = self.lows
            for name in names:               # longest first
                if tuple(lows[i:i + len(name)]) == name:
                    return i + len(name)
        return i

    def _numbered_at(self, j: int) -> bool:
        """A document identified by a number starts at j: "Nghị định số 92/2017/NĐ-CP", "Thông tư 17/2021/…"."""
        hit = self.doc_type_at(j)
        if hit is None or not self.t[j].cap:
            return False
        k = j + len(hit[0].split())
        return self.kind(k) == "numsym" or (self.low(k) == "số" and self.kind(k + 1) == "numsym")

    def title_end(self, i: int) -> int:
        """A trích yếu runs to ";" or the end, or up to an amendment chain, or up to "và" / "," and the
        next document of a list — unless the title itself lists documents ("sửa đổi, bổ sung một số
        điều của Nghị định số A …, Nghị định số B …")."""
        j = i
        listing = False          # the title has named a numbered document: a "," / "và" list continues it
        while j < self.n:
            tk = self.t[j]
            if tk.low in ("và", ",") and not listing and self._numbered_at(j + 1):
                break            # "… về kiểm soát thủ tục hành chính và Nghị định số 92/2017/NĐ-CP …"
            if j > i and not listing and self._numbered_at(j):
                listing = True
            if tk.kind == "punct" and tk.text in ";":
                # "…; quy định chi tiết …": a lowercase clause after ";" still belongs to the title
                nxt = self.t[j + 1] if j + 1 < self.n else None
                if nxt is None or nxt.kind != "word" or nxt.cap or self.doc_type_at(j + 1) or nxt.low in (
                        "số", "và") or self.unit_word(j + 1):
                    break
            if tk.kind == "punct" and tk.text == "(":
                # "(sau đây …)", "(gọi tắt là …)" and "(được sửa đổi …)" end the title; "(ODA)", "(HIV/AIDS)" are in it
                k = j + 1
                if self.low(k) in ("sau", "gọi", "viết", "được", "đã") or self._verb_at(k) > k:
                    break
                depth, k = 1, j + 1
                while k < self.n and depth and k - j < 40:
                    depth += {"(": 1, ")": -1}.get(self.t[k].text, 0)
                    if self.t[k].text == ";":
                        break
                    k += 1
                if depth:
                    break
                j = k
                continue
            if tk.kind == "punct" and tk.text == "." and j == self.n - 1:
                break
            if self.amended_at(j, probe=True):
                break
            if tk.low in ("và", ",") and self.low(j + 1) == "số" and self.kind(j + 2) == "numsym":
                break      # "số 48/2013/NĐ-CP ngày … và số 92/2017/NĐ-CP …": the list goes on
            if tk.kind == "word" and self.words(j, ("theo", "đề", "nghị")) or self.words(j, ("xét", "đề", "nghị")):
                break      # the next preamble line run into this one
            j += 1
        while j > i and self.kind(j - 1) == "punct" and self.t[j - 1].text in ",.:":
            j -= 1
        return j

    def mention_at(self, i: int, *, basis: bool, with_title: bool, inherit: PMention | None = None
                   ) -> PMention | None:
        start = i
        if inherit is not None and (self.low(i) == "số" or self.kind(i) == "numsym"):
            dtype, j, needs = (None if inherit.generic else inherit.doc_type), i, False
        else:
            hit = self.doc_type_at(i)
            if hit is None:
                return None
            dtype, width, needs = hit
            j = i + width
            if dtype in _QUALIFIED_TYPES and self.kind(j) == "word" and self.low(j) != "số":
                # "Báo cáo thẩm tra số …", "Văn bản thẩm định số …", "Tờ trình đề nghị số …"
                k = j            # "Báo cáo giải trình, tiếp thu số 466/BC-UBND"
                while k < j + 5 and (self.kind(k) == "word" and not self.t[k].cap and self.low(k) != "số"
                                     or self.low(k) == "," and self.kind(k + 1) == "word"):
                    k += 1
                if self.low(k) == "số" and self.number_at(k) is not None:
                    j = k
            if not self.t[i].cap and self.low(j) != "số" and self.kind(j) != "numsym":
                return None
        m = PMention(doc_type=dtype, start=self.t[start].start)
        title_start = None
        num = self.number_at(j)
        if num is not None:
            m.number, j = num
            m.party = "/TW" in m.number.upper() or "-KL/" in m.number.upper()
            if dtype in NAMED_TYPES and self._verb_at(j) > j and self.kind(j) == "word" and not self.t[j].cap:
                # "Luật số 09/2026/QH16 sửa đổi, bổ sung một số điều của Luật A, Luật B …": the name follows
                e = self.law_name_end(j, basis)
                if e > j:
                    m.title, j = self.span_text(j, e), e
        elif dtype in NAMED_TYPES and self.kind(j) == "word" and (
                self.t[j].cap or self.low(j) in ("sửa", "bổ") or (basis and self.low(j) not in (
                    "này", "số", "và", "của", "đã", "được", "năm", "ngày", "nêu", "trên", "đó"))):
            # a law cited by its name: the name is the title
            title_start = i
            name_end = max(self.law_name_end(j, basis), self._known_name_end(i))
            j = name_end
            num = self.number_at(j)
            if num is not None:
                m.number, j = num
        elif dtype == "Hiến pháp":
            title_start, name_end = i, i + 2
        elif needs or not basis:
            return None
        if title_start is not None:
            m.title = self.span_text(title_start, name_end if dtype != "Hiến pháp" else (
                self.law_name_end(i + 1, basis) if self.kind(i + 2) == "word" else i + 2))
            if dtype == "Hiến pháp" and self.low(i + 2) != "nước":
                m.title = "Hiến pháp"
        if title_start is not None and dtype in NAMED_TYPES and self.kind(j) == "int" and len(self.t[j].text) == 4 \
                and 1900 <= int(self.t[j].text) <= 2100:
            m.date, j = PDate(raw=self.t[j].text, year=int(self.t[j].text)), j + 1   # "Luật Ngân sách nhà nước 2015"
        # modifiers in any order: date, issuer
        if m.number and self.kind(j) == "date" and self.low(j + 1) == "của":
            # "Quyết định số 52/2021/QĐ-UBND 16/11/2021 của …": the date written without "ngày"
            parts = re.split(r"\s?[/.-]\s?", self.t[j].text)
            m.date, j = make_date(int(parts[0]), int(parts[1]), parts[2], self.t[j].text), j + 1
        for _ in range(3):
            if self.low(j) == "," and m.date is None and self.low(j + 1) == "ngày" and self.date_at(j + 1):
                j += 1          # "Quyết định số 52/2021/QĐ-UBND, ngày 16/11/2021 của …"
            d = self.date_at(j)
            if d is not None and m.date is None:
                m.date, j = d
                continue
            if self.low(j) == "của" and m.issuer is None:
                iss = self.issuer_at(j + 1)
                if iss is not None:
                    m.issuer, j = iss
                    continue
            break
        if m.date is not None and m.date.valid and m.number:
            # "ngày 09/6/20205" read as 2020 + a footnote mark, but the number says 2025: a typo, not a note
            ym = re.match(r"^[^/]*/(\d{4})/", m.number)
            yr = re.search(r"(\d{5,6})\s*$", m.date.raw)
            if ym and yr and yr.group(1)[:4] != ym.group(1):
                m.date = PDate(raw=m.date.raw, valid=False)
        if inherit is not None:
            m.issuer = m.issuer or inherit.issuer
            if m.title is None and dtype in NAMED_TYPES and inherit.title and basis:
                m.title = inherit.title     # "Luật Ngân sách nhà nước số 89/2025/QH15, 83/2015/QH13": two laws
        if m.number and m.doc_type in (None, "Văn bản"):
            m.doc_type, m.generic = type_of_number(m.number), True   # "văn bản số 661/TTr-BCA" is a Tờ trình
        title_k = None
        if with_title and m.title is None and (m.number or m.date or m.issuer):
            k = j
            if self.kind(k) == "punct" and self.t[k].text in ",":
                k += 1
            e = self.title_end(k)
            if e > k:
                m.title = self.span_text(k, e)
                title_k, j = k, e
                if dtype in NAMED_TYPES and self.words(k, ("ban", "hành")) and (_dt2 := self.doc_type_at(k + 2)) \
                        and _dt2[0] == dtype:
                    m.title = self.span_text(k + 2, e)   # "Luật số 57/2024/QH15 … ban hành Luật sửa đổi …"
        am = self.amended_at(j)
        if am is not None:
            own = _year(m)
            years = [_year(a) for a in am[0]]
            if title_k is not None and own and years and all(y and y < own for y in years) \
                    and re.search(r"\d/\d{4}/", m.title or ""):
                # "TT 139/2025 … sửa đổi … Thông tư số 57/2021/TT-BTC … được sửa đổi, bổ sung bởi Thông tư số
                # 69/2023/TT-BTC": an older document cannot amend a newer one — the chain belongs to the
                # document named in the title, and is part of that title
                m.title = self.text[self.t[title_k].start:self.t[am[2] - 1].end].rstrip(" ,;")
                j = am[2]
            else:
                m.amended_by, m.amended_raw, j = am
        if j == i or (m.number is None and m.title is None and m.date is None and m.issuer is None):
            return None
        m.end = self.t[j - 1].end
        m._next = j  # type: ignore[attr-defined]
        return m

    def _verb_at(self, j: int) -> int:
        """End of "sửa đổi" / "bổ sung" (and their misprints "sủa đổi", "bố sung", "bổ xung") at j, else j."""
        if self.low(j) in _SUA and self.low(j + 1) in _DOI:
            return j + 2
        if self.low(j) in _BO and self.low(j + 1) in _SUNG:
            return j + 2
        return j

    def amended_at(self, i: int, probe: bool = False):
        """[","] ["("] ["đã"] "được sửa đổi, bổ sung" ["một số điều"] ("bởi"|"theo"|"tại") [pinpoints] mentions [")"];
        "được" may be left out inside parentheses."""
        j = i
        if self.low(j) == ",":
            j += 1
        if self.words(j, ("và", "các")) and (_dt3 := self.doc_type_at(j + 2)) is not None:
            k = j + 2 + len(_dt3[0].split())
            if self._verb_at(k) > k:
                # "… về quản lý hoạt động hàng hải và các Nghị định sửa đổi, bổ sung": amended, by no named document
                if probe:
                    return True
                e = k
                while e < self.n and self.low(e) not in (";", ".") :
                    e += 1
                return [], self.span_text(j, e), e
        paren = self.low(j) == "("
        if paren:
            j += 1
        if self.low(j) == "đã":
            j += 1
        if self.low(j) == "được" and self._verb_at(j + 1) > j + 1:
            j += 1
        elif not (paren and self._verb_at(j) > j):
            return None     # without "được" only in parentheses: "(sửa đổi, bổ sung tại Luật … số 72/2025/QH15)"
        if probe:
            return self.amended_at(i) is not None
        j = self._verb_at(j)
        if self.low(j) == ",":
            j += 1
        j = self._verb_at(j)
        if self.words(j, ("một", "số", "điều")):
            j += 3
        if self.low(j) in ("bởi", "theo", "tại"):
            j += 1
        if self.low(j) == "các":
            j += 1          # "bởi các Luật số 43/2024/QH15, số 47/2024/QH15 … và số 95/2025/QH15"
        out: list[PMention] = []
        while True:
            prev = out[-1] if out else None
            k = j
            pp = self.pinpoints_at(k) if self.unit_word(k) else None
            if pp is not None:      # "(được sửa đổi, bổ sung tại khoản 25 Điều 1 Luật số 90/2025/QH15)"
                k = pp[1] + (1 if self.low(pp[1]) in ("của", "tại") else 0)
            mm = self.mention_at(k, basis=True, with_title=False,
                                 inherit=prev if prev is not None and self.low(k) in ("số",) else None)
            if mm is None:
                break
            out.append(mm)
            j = mm._next  # type: ignore[attr-defined]
            nxt = lambda k: self.doc_type_at(k) is not None or (self.low(k) == "số" and self.kind(k + 1) == "numsym") \
                or self.unit_word(k) is not None  # noqa: E731
            if self.low(j) in (",", "và", ";") and nxt(j + 1) and (paren or self.low(j) != ";"):
                j += 1
                continue
            if self.low(j) == "," and self.low(j + 1) == "và" and nxt(j + 2):
                j += 2
                continue
            break
        if paren and out:
            if self.low(j) != ")":
                return None     # "(được sửa đổi … bởi Luật số A về …)": not a plain chain, leave it
            j += 1
        if not out:
            if not (self.low(j) == "năm" and self.kind(j + 1) == "int"):
                return None     # "thủ tục hành chính được sửa đổi, bổ sung trong lĩnh vực …": title words
            # "được sửa đổi, bổ sung năm 2017, 2019" (NĐ 78 original style): keep the words
            k = j
            while k < self.n and not (self.kind(k) == "punct" and self.t[k].text in (";", ")")):
                k += 1
            if paren and self.low(k) == ")":
                return [], self.span_text(i, k + 1).lstrip(", "), k + 1
            return [], self.span_text(i, k).lstrip(", "), k
        return out, None, j

    # -- provision references -------------------------------------------------------------
    def label_at(self, i: int, unit: str) -> str | None:
        tk = self.t[i] if 0 <= i < self.n else None
        if tk is None:
            return None
        if unit == "diem":
            lab = tk.text.translate(_CYR_LATIN) if tk.kind in ("word", "label") else ""
            return lab if _DIEM_LABEL.match(lab) else None    # "điểm а" (Cyrillic а) is điểm a
        if unit in ("khoan", "dieu", "muc"):
            if tk.kind == "int" or (tk.kind == "label" and tk.text[0].isdigit()):
                return tk.text
            return None
        if unit in ("chuong", "phan", "phu_luc"):
            if tk.kind == "word" and _ROMAN.match(tk.text):
                if unit == "phu_luc" and self.low(i + 1) == "." and self.kind(i + 2) == "int" \
                        and self.t[i + 1].start == tk.end and self.t[i + 2].start == self.t[i + 1].end:
                    return self.span_text(i, i + 3)      # "Phụ lục II.8"
                return tk.text
            if tk.kind == "int":
                return tk.text
            if unit == "phan" and tk.low == "thứ" and self.kind(i + 1) == "word":
                return self.span_text(i, i + 2)
        return None

    def leading_item(self, i: int) -> tuple[str, int] | None:
        """"mục số 7 điểm a khoản 3 Điều 1", "mục n khoản 1 điều 5": an item of a list inside a điểm or
        khoản, written before it. Returns its label and where the điểm/khoản starts."""
        if self.low(i) != "mục":
            return None
        k = i + 2 if self.low(i + 1) == "số" else i + 1
        tk = self.t[k] if k < self.n else None
        if tk is None or not (tk.kind == "int" or (tk.kind in ("word", "label") and _DIEM_LABEL.match(tk.text))):
            return None
        if _UNIT_WORDS.get(self.low(k + 1)) not in ("diem", "khoan"):
            return None
        return tk.text, k + 1

    def unit_word(self, i: int) -> str | None:
        lw = self.low(i)
        if lw == "mục" and self.leading_item(i) is not None:
            return "muc"
        if lw == "phụ":
            return "phu_luc" if self.low(i + 1) == "lục" else None
        u = _UNIT_WORDS.get(lw)
        if u in ("chuong", "phan", "muc") and not self.t[i].cap:
            # "chương trình", "mục tiêu": lowercase chương/mục are words, unless a label follows ("mục 3")
            nk = self.kind(i + 1)
            if not (u == "muc" and nk == "int" or u == "chuong" and nk == "word" and _ROMAN.match(self.t[i + 1].text)):
                return None
        if u == "dieu" and not self.t[i].cap:
            nk = self.kind(i + 1)    # "điều kiện", "điều chỉnh" are words; "điều 3", "các điều 10, 11" are units
            return u if nk == "int" or (nk == "label" and self.t[i + 1].text[0].isdigit()) else None
        if u in ("diem", "khoan") and self.t[i].cap and i > 0 and self.kind(i - 1) != "punct":
            return u
        return u

    def unit_list(self, i: int, unit: str, stop_on_repeat: bool = False
                  ) -> tuple[list[str], int, bool, str | None] | None:
        """điểm a, b và c | khoản 1, khoản 2 | Điều 5 đến Điều 9 | Điều này.

        stop_on_repeat: the chain already has lower units ("khoản 4, 5, 6 Điều 28, Điều 30"): a unit
        word written again starts a new provision (Điều 30), it does not extend this one."""
        width = 2 if unit == "phu_luc" else 1
        j = i + width
        if i > 0 and self.low(i - 1) in _NOT_UNIT_BEFORE.get(unit, ()):
            return None        # "tài khoản", "thời điểm", "điều khoản": ordinary words
        if self.low(j) == "này" or (self.low(j) == "đó" and unit in ("dieu", "khoan")):
            return [], j + 1, False, unit if self.low(j) == "này" else None
        first = self.label_at(j, unit)
        if first is None:
            if unit == "phu_luc" and (self.low(j) in ("ban", "kèm", "của", "tại", "theo", "thuộc", "đính") or (
                    self.low(j) == "," and self.kind(j + 1) != "word")):
                return ["*"], j, False, None     # "Phụ lục ban hành kèm theo Thông tư này": an unnumbered annex
            return None
        if unit == "phan" and " " in first:
            j += 1
        if unit == "phu_luc" and "." in first:
            j += 2
        labels, j = [first], j + 1
        rng = False
        while j < self.n:
            k = j
            if self.low(k) in (",", "và", "hoặc") or (self.low(k) == "," and self.low(k + 1) == "và"):
                k += 2 if self.low(k) == "," and self.low(k + 1) in ("và", "hoặc") else 1
            elif self.low(k) in ("đến", "-", "–") and unit in ("dieu", "khoan", "diem", "chuong", "phu_luc"):
                k += 1
                rng = True
            else:
                break
            if self.unit_word(k) == unit:
                if stop_on_repeat and not rng:
                    break
                k += width
            lab = self.label_at(k, unit)
            if lab is None or (unit == "diem" and self.kind(k + 1) == "word" and self.low(k + 1) not in
                               ("khoản", "điều", "và", "hoặc", "của", "này") and self.low(k + 1) not in _UNIT_WORDS):
                if rng:
                    rng = False
                break
            if unit in ("khoan", "dieu") and self.low(k + 1) in ("ngày", "tháng", "năm", "người", "lần", "%"):
                break
            labels.append(lab)
            j = k + 1
            if unit == "phu_luc" and "." in lab:
                j += 2
            if rng:
                break
        return labels, j, rng, None

    def chain_at(self, i: int) -> tuple[PPin, int] | None:
        pin = PPin()
        j = i
        seen = False
        order = ("diem", "khoan", "dieu", "muc", "chuong", "phan", "phu_luc")
        level = 0
        item = self.leading_item(i)
        if item is not None:
            j = item[1]
        while j < self.n:
            u = self.unit_word(j)
            if u is None or u not in order or order.index(u) < level:
                break
            res = self.unit_list(j, u, stop_on_repeat=level > 0)
            if res is None:
                break
            labels, j2, rng, rel = res
            level = order.index(u) + 1
            seen = True
            if rel:
                pin.relative = rel
            if u in ("diem", "khoan", "dieu"):
                getattr(pin, u).extend(labels)
            elif labels:
                setattr(pin, u, labels[0])
                if u == "phu_luc" and len(labels) > 1 and rng:
                    pin.phu_luc = ",".join(labels)       # "Phụ lục I đến Phụ lục VII": phu_luc="I,VII", range
                elif u == "phu_luc" and len(labels) > 1:
                    pin.more_phu_luc = labels[1:]      # "Phụ lục I, II": one path per annex
            pin.range = pin.range or rng
            j = j2
            if self.low(j) in ("của", "thuộc", "tại") and self.unit_word(j + 1) in order[level:] and self.unit_word(j + 1):
                j += 1
            elif self.low(j) == "," and self.unit_word(j + 1) in order[level:] and self.unit_word(j + 1) \
                    and u in ("diem", "khoan") and self.unit_word(j + 1) != u:
                j += 1          # "Khoản 1, Điều 2": one provision written with a comma
        if not seen:
            return None
        if item is not None and not pin.muc:
            pin.muc = item[0]
        return pin, j

    def pinpoints_at(self, i: int) -> tuple[list[PPin], int] | None:
        j = i
        if self.low(j) == "các":
            j += 1
        if self.low(j) == "từ":
            a = self.chain_at(j + 1)
            if a is None or self.low(a[1]) != "đến":
                return None
            b = self.chain_at(a[1] + 1)
            if b is None:
                return None
            pa, pb = a[0], b[0]
            merged = PPin(dieu=pa.dieu + pb.dieu, khoan=pa.khoan + pb.khoan, diem=pa.diem + pb.diem,
                          chuong=pa.chuong, range=True)
            _inherit([merged, pb])
            if pb.dieu and not pa.dieu and pa.khoan:
                merged.dieu = list(pb.dieu)
            return _split_annexes([merged]), b[1]
        first = self.chain_at(j)
        if first is None:
            return None
        pins, j = [first[0]], first[1]
        f = pins[0]
        if (f.chuong or f.muc or f.phan) and not (f.dieu or f.khoan or f.diem) and self.low(j) == "từ":
            rng = self.pinpoints_at(j) or self.pinpoints_at(j + 1)   # "Chương IV từ Điều 14 đến Điều 18": one path
            if rng is not None and len(rng[0]) == 1 and rng[0][0].range:
                r = rng[0][0]
                r.chuong, r.muc, r.phan = r.chuong or f.chuong, r.muc or f.muc, r.phan or f.phan
                return rng[0], rng[1]
        while self.low(j) in (",", "và", "hoặc") or self.words(j, ("vào", "sau")) or self.words(j, ("vào", "trước")):
            k = j + 1
            if self.low(j) == "vào":
                k = j + 2       # "Bổ sung khoản 3a vào sau khoản 3 Điều 4": both khoản of Điều 4
            elif self.low(j) == "," and self.low(k) in ("và", "hoặc"):
                k += 1
            if self.low(k) in ("tại", "theo") and self.low(k + 1) in {"các"} | set(_UNIT_WORDS):
                k += 1          # "tại các Điều 3, 9 và tại các khoản 1, 3 Điều 10 Thông tư số …"
            if self.low(k) == "các":
                k += 1
            nxt = self.chain_at(k)
            if nxt is None:
                break
            pins.append(nxt[0])
            j = nxt[1]
        _inherit(pins)
        return _split_annexes(pins), j


def _inherit(pins: list[PPin]) -> None:
    """"điểm a khoản 1 và điểm b khoản 2 Điều 5": earlier chains take the higher units of later ones."""
    for k in range(len(pins) - 2, -1, -1):
        p, q = pins[k], pins[k + 1]
        if not p.dieu and q.dieu and (p.khoan or p.diem) and p.relative is None:
            p.dieu = list(q.dieu)
            p.relative = p.relative or q.relative
            if not p.khoan and q.khoan and p.diem:
                p.khoan = list(q.khoan)
        if p.diem and not p.khoan and q.khoan:
            p.khoan = list(q.khoan)
            if not p.dieu:
                p.dieu = list(q.dieu)
        if q.relative and not p.relative and not p.dieu and (p.khoan or p.diem):
            p.relative = q.relative
        if not p.chuong and q.chuong and p.muc:
            p.chuong = q.chuong


_SELF_TYPES = {"luật", "bộ luật", "pháp lệnh", "nghị định", "nghị quyết", "quyết định", "thông tư",
               "thông tư liên tịch", "chỉ thị", "quy chế", "quy định", "văn bản", "hiến pháp", "kế hoạch",
               "hướng dẫn", "điều lệ", "quy trình", "chương trình", "đề án", "phương án", "lệnh", "quy hoạch"}


def _target_at(p: _Parser, j: int) -> tuple[str, int, PMention | None]:
    """What follows a pinpoint: "của Luật này" | a named document | "của Nghị định nêu trên" | nothing."""
    k = j
    if p.words(k, ("ban", "hành", "kèm", "theo")):
        k += 4
    elif p.words(k, ("ban", "hành", "kèm")):
        k += 3
    elif p.words(k, ("kèm", "theo")):
        k += 2
    elif p.low(k) in ("của", "tại", "thuộc", "theo"):
        k += 1
    elif p.low(k) == "," and p.mention_at(k + 1, basis=False, with_title=False) is not None:
        k += 1                  # "Khoản 1, Điều 2, Quyết định số 31/2017/QĐ-UBND"
    # "… này" (Luật này, Quyết định này, Quy chế này)
    for width in (3, 2, 1):
        words = " ".join(p.low(k + x) for x in range(width))
        if words in _SELF_TYPES and p.low(k + width) == "này":
            hit = p.doc_type_at(k)   # "… của Luật này": this document, of the type written
            return "self", k + width + 1, PMention(doc_type=hit[0] if hit else p.span_text(k, k + width).capitalize())
        if words in _SELF_TYPES and p.low(k + width) in ("nêu", "trên", "đó"):
            end = k + width + (2 if p.low(k + width) == "nêu" and p.low(k + width + 1) == "trên" else 1)
            hit = p.doc_type_at(k)
            return "previous", end, PMention(doc_type=hit[0] if hit else None)
    m = p.mention_at(k, basis=False, with_title=False)
    if m is not None:
        return "named", m._next, m  # type: ignore[attr-defined]
    hit = p.doc_type_at(k)
    if hit is not None and p.t[k].cap and hit[0] not in ("Quy định", "Văn bản", "Hướng dẫn") and \
            p.low(k + len(hit[0].split())) not in ("này",):
        # "khoản 2 Điều 5 của Nghị định" — a document type without an identity
        return "previous", k + len(hit[0].split()), PMention(doc_type=hit[0])
    return "self", j, None


# -- public API -----------------------------------------------------------------------------

BASIS_START = re.compile(r"^\s*(?:[-–•*]\s*)?(căn\s+cứ|thực\s+hiện|theo)\b", re.IGNORECASE)


def parse_basis(text: str) -> list[PCitation]:
    """Parse one căn cứ line ("Căn cứ …;") into citations; also for "Thực hiện …" lines."""
    toks = tokenize(text)
    p = _Parser(text, toks)
    i = 0
    if p.words(0, ("căn", "cứ")):
        i = 2
    elif p.words(0, ("thực", "hiện")):
        i = 2
    out: list[PCitation] = []
    header: PMention | None = None
    # "Căn cứ các Nghị định của Chính phủ:" — a list header
    if p.low(i) == "các":
        hit = p.doc_type_at(i + 1)
        if hit is not None:
            j = i + 1 + len(hit[0].split())
            issuer = None
            if p.low(j) == "của":
                iss = p.issuer_at(j + 1)
                if iss:
                    issuer, j = iss
            if p.low(j) == ":" or (p.low(j) == "số" and p.kind(j + 1) == "numsym"):
                header = PMention(doc_type=hit[0], issuer=issuer)
                i = j + 1 if p.low(j) == ":" else j
    last: PMention | None = header
    seps: list[str] = []
    while i < p.n:
        if p.words(i, ("theo", "đề", "nghị")) or p.words(i, ("xét", "đề", "nghị")) or p.words(i, ("xét", "tờ", "trình")):
            break          # "…;* *Theo đề nghị của …": the next preamble line run into this one
        start_i = i
        pins: list[PPin] = []
        pp = p.pinpoints_at(i)
        if pp is not None:
            pins, i = pp
            if p.low(i) in ("của", "tại"):
                i += 1
        if p.low(i) == "(":
            # "(sau đây viết gọn là …)": an alias, not a citation
            depth, i = 1, i + 1
            while i < p.n and depth:
                depth += {"(": 1, ")": -1}.get(p.low(i), 0)
                i += 1
            continue
        after_sep = i == 0 or p.low(i - 1) in (";", ":", ",", "và")
        inherit = header if header is not None else (
            last if last is not None and after_sep and (p.low(i) == "số" or p.kind(i) == "numsym") else None)
        m = p.mention_at(i, basis=True, with_title=True, inherit=inherit)
        if m is not None:
            seps.append(p.low(start_i - 1) if start_i else "")
            end_i = m._next  # type: ignore[attr-defined]
            out.append(PCitation(kind="basis", start=toks[start_i].start, end=m.end, mention=m,
                                 target="named", pins=pins,
                                 relation="amended_by" if m.amended_by or m.amended_raw else None))
            last = m
            i = end_i
        elif pins:
            tgt, i2, mm = _target_at(p, i)
            out.append(PCitation(kind="basis", start=toks[start_i].start, end=toks[max(i2, i) - 1].end,
                                 mention=mm, target=tgt, pins=pins))
            i = max(i2, i + 1)
        else:
            i += 1
            continue
        # separators between items
        while i < p.n and p.kind(i) == "punct" and p.t[i].text in ";,.":
            i += 1
        if p.low(i) == "và":
            i += 1
    # "số 48/2013/NĐ-CP ngày … và số 92/2017/NĐ-CP ngày … sửa đổi …": the title is shared
    with_mention = [c.mention for c in out if c.mention is not None]
    for k in range(len(with_mention) - 2, -1, -1):
        a, b = with_mention[k], with_mention[k + 1]
        if a.title is None and b.title and a.doc_type == b.doc_type and k + 1 < len(seps) and seps[k + 1] in ("và", ","):
            if a.issuer is None:
                a.issuer = b.issuer     # "… ngày 14/5/2013 và Nghị định số 92/2017/NĐ-CP ngày … của Chính phủ sửa đổi …"
            a.title = b.title
    return out


def _skip_enumerator(p: _Parser) -> int:
    """Index after a leading "3.", "a)", "(i)", "Điều 61." or opening quote."""
    k = 0
    if p.low(k) in ("“", '"', "'"):
        k += 1
    if p.low(k) == "điều" and p.kind(k + 1) in ("int", "label") and p.low(k + 2) == ".":
        return k + 3
    if p.low(k) == "(" and p.low(k + 2) == ")":
        return k + 3
    if p.kind(k) in ("int", "word", "label") and len(p.t[k].text) <= 3 and p.low(k + 1) in (".", ")"):
        return k + 2
    return k


def _chain_after_title(p: _Parser, m: PMention, skip: dict[int, int]) -> None:
    """Running text: "Nghị định số 101/2024/NĐ-CP ngày … của Chính phủ quy định về … (được sửa đổi, bổ sung
    tại Nghị định số 151/2025/NĐ-CP, Nghị định số 226/2025/NĐ-CP)" — the trích yếu is not recorded, but the
    chain after it belongs to the document (unless another document is named in between, or the chain is
    older than the document: then it amends that other one)."""
    j = m._next  # type: ignore[attr-defined]
    e = p.title_end(j)
    if e <= j or any(p.t[k].cap and p.doc_type_at(k) for k in range(j, e)):
        return
    am = p.amended_at(e)
    if am is None or not (am[0] or am[1]):
        return
    own = _year(m)
    if own and any((_year(a) or own) < own for a in am[0]):
        return
    m.amended_by, m.amended_raw = am[0], am[1]
    skip[e] = am[2]


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside “…”; a ” with no “ before it closes a quotation opened in an earlier paragraph."""
    spans, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        if ch == "“":
            if depth == 0:
                start = k
            depth += 1
        elif ch == "”":
            if depth == 0:
                spans.append((0, k))        # opened before this paragraph
            else:
                depth -= 1
                if depth == 0:
                    spans.append((start, k))
    if depth:
        spans.append((start, len(text)))
    return spans


# The tokens at which find_references can start anything: a unit word (pinpoints), "từ"/"các" before one,
# the first word of a document type (mentions), "số" (a number after a colon), "(" (a short-name clause);
# numbers-with-symbol are tested by kind. At any other token its loop only moves on.
_REFERENCE_STARTS = frozenset(_UNIT_WORDS) | frozenset(_TYPES_BY_FIRST) | {"mục", "phụ", "từ", "các", "số", "("}


# What every reference needs somewhere in its paragraph, read off the grammar (find_references appends
# in three places): a document's number — a number-with-symbol or "06/2018" has a slash next to a digit
# (Parser.number_at), a Party number "18-NQ/TW" a digit, a hyphen and a capital; a unit word as
# Parser.unit_word takes it — "điểm", "khoản" in any case, "Điều", "Mục", "Chương", "Phần" capitalised,
# lower-case "điều"/"mục" only before a number, "chương" before a Roman numeral, "phụ" only in "phụ
# lục"; a document cited by name, which Parser.mention_at takes only capitalised when no number follows
# ("Luật Đất đai", not "pháp luật"); or "… nêu trên". A paragraph with none of them is not tokenized at
# all: four paragraphs in five of real texts. The leading lookahead lets the regex engine pass over
# every position that cannot start one (3.5 µs a corpus paragraph; the former, looser test took 2.4).
# Keep in step with the grammar: a new kind of reference must add what it needs here. Equal results on
# every paragraph of the corpus are tested (tests/test_citation_prefilter.py).
_TOKEN_START = r"(?<![^\W_])"     # no letter or digit before: a token of the tokenizer starts here
_TOKEN_END = r"(?![^\W_])"
_MAY_REFER = re.compile(
    r"(?=[/\d]|(?i:[đmcphblnk]))(?:"
    r"/\s?\d|\d(?:[\W_]*/|[a-z]?-[A-ZĐÐ])"
    rf"|{_TOKEN_START}(?:"
    rf"(?i:điểm|khoản){_TOKEN_END}|Đ(?i:iều){_TOKEN_END}|M(?i:ục){_TOKEN_END}|C(?i:hương){_TOKEN_END}"
    rf"|P(?i:hần){_TOKEN_END}|(?i:điều|mục){_TOKEN_END}[\W_]*\d|(?i:chương){_TOKEN_END}[\W_]*[IVXLC]"
    rf"|(?i:phụ)[\W_]*(?i:lục){_TOKEN_END}"
    rf"|(?:H(?i:iến)[\W_]+(?i:pháp)|B(?i:ộ)[\W_]+(?i:luật)|L(?i:uật)|P(?i:háp)[\W_]+(?i:lệnh)){_TOKEN_END}"
    rf"|(?i:nêu)[\W_]+(?i:trên){_TOKEN_END}))")
# "Điều 5." opening a heading line: find_references skips the heading's own provision, so only the text
# after it can hold a reference ("Điều 5. Sửa đổi Điều 3 …" still can).
_HEADING_LABEL = re.compile(r"[^\S\n]*[“\"']?[^\S\n]*Điều[^\S\n]+\d+[^\W_]*[^\S\n]*[.:](?=\s|$)")


def may_refer(text: str) -> bool:
    """False when find_references(text) is certainly empty (see _MAY_REFER)."""
    head = _HEADING_LABEL.match(text)
    start = head.end() if head and _HEADING_LINE.match(text) else 0
    return _MAY_REFER.search(text, start) is not None


def _index(items: list[str], value: str, start: int, default: int) -> int:
    """items.index(value, start), or default when it is not there."""
    try:
        return items.index(value, max(0, start))
    except ValueError:
        return default


def find_references(text: str, *, amendment_context: bool = False) -> list[PCitation]:
    """In-text mentions: provision references (with their target) and documents named in a sentence."""
    if not may_refer(text):
        return []
    toks = tokenize(text)
    p = _Parser(text, toks)
    lows = p.lows
    out: list[PCitation] = []
    i = 0
    verb = None
    k0 = _skip_enumerator(p)
    for words, rel in _RELATION_VERBS.items():
        if p.words(k0, words):
            verb = rel
    quoted = _quoted_spans(text) if ("“" in text or "”" in text) else ()
    skip: dict[int, int] = {}      # amendment chains already attached to a document: start → end
    # an amending verb at the start governs the first citation of its clause ("5. Bãi bỏ các quy định sau
    # trong Thông tư số 05/2015/TT-BYT …:", "Thay thế Mẫu số 02 … Phụ lục III của Thông tư số …")
    clause_end = min(_index(lows, ";", k0, p.n), _index(lows, ":", k0, p.n))
    governed = False
    while i < p.n:
        if i in skip:
            i = skip[i]
            continue
        if lows[i] not in _REFERENCE_STARTS and toks[i].kind != "numsym":
            i += 1      # what the steps below do at a token that starts nothing
            continue
        if p.low(i) == "(" and (p.words(i + 1, ("sau", "đây")) or p.low(i + 2) == "tắt" and p.low(i + 1) in ("gọi", "viết")):
            depth, i = 1, i + 1    # "(sau đây gọi tắt là Nghị định số 123)": a short name, not a citation
            while i < p.n and depth:
                depth += {"(": 1, ")": -1}.get(p.low(i), 0)
                i += 1
            continue
        pp = p.pinpoints_at(i) if p.unit_word(i) or p.low(i) in ("từ", "các") else None
        if pp is not None and (i == 0 or (i == 1 and p.low(0) in ("“", '"', "'"))) and _HEADING_LINE.match(text):
            i = pp[1]          # "Điều 5. Phạm vi …", "Chương II": a heading, not a reference
            continue
        if pp is not None and (len(toks[i].text) > 1 and toks[i].text.isupper() or p.unit_word(i) == "phu_luc" and (
                p.kind(pp[1]) == "word" and len(p.t[pp[1]].text) > 1 and p.t[pp[1]].text.isupper()
                and not _ROMAN.match(p.t[pp[1]].text))):
            i = pp[1]          # "PHẦN I. DANH MỤC …", "Phụ lục I CÁC BIỂU MẪU": a heading inside the text
            continue
        governs = verb is not None and not governed and i < clause_end
        if pp is not None:
            pins, j = pp
            tgt, j2, mm = _target_at(p, j)
            kind, relation = "reference", None
            if verb and tgt == "self" and j2 == j and (amendment_context or i - k0 <= 12 or governs):
                # "Sửa đổi, bổ sung khoản 4 Điều 3 như sau": the provision of the amended document
                tgt, kind, relation = "previous", "amendment_target", verb
            elif verb and (i - k0 <= 12 or governs) and tgt != "self":
                kind, relation = "amendment_target", verb
            governed = governed or verb is not None
            if tgt == "self" and j2 > j and kind == "reference" and any(a <= toks[i].start < b for a, b in quoted):
                # inside the quoted new wording of an amended document, "… Nghị định này" is that document
                hit = next((p.doc_type_at(k) for k in range(j, j2) if p.doc_type_at(k)), None)
                if hit is not None:
                    tgt, mm = "previous", PMention(doc_type=hit[0])
            if relation is None and mm is not None and (mm.amended_by or mm.amended_raw):
                relation = "amended_by"
            end_tok = max(j2, j) - 1
            if not any(pn.dieu or pn.khoan or pn.diem or pn.muc or pn.chuong or pn.phan or pn.phu_luc for pn in pins) \
                    and mm is None:
                i = max(j2, j)    # "Khoản này được sửa đổi …", "theo quy định tại điểm này": the unit itself
                continue
            first = i + 1 if p.low(i) == "các" else i      # "các khoản 1, 2 …": the citation starts at the unit
            out.append(PCitation(kind=kind, start=toks[first].start, end=toks[end_tok].end, mention=mm, target=tgt,
                                 pins=pins, relation=relation))
            i = max(j2, j)
            continue
        m = p.mention_at(i, basis=False, with_title=False)
        if m is None and p.low(i) == "số" and p.low(i - 1) == ":" and p.kind(i + 1) == "numsym":
            # "Các Văn bản thẩm định … của Sở Tư pháp: Số 294/BC-STP ngày …": the type is in the symbol
            m = p.mention_at(i, basis=False, with_title=False, inherit=PMention(doc_type=None, generic=True))
        if m is not None and m.doc_type in NAMED_TYPES and p.low(i - 2) == "dự" and p.low(i - 1) in ("án", "thảo"):
            i = m._next  # type: ignore[attr-defined]
            continue      # "dự án Luật Viên chức (sửa đổi)": a draft, not a document that exists
        if m is None and i == k0 and p.kind(i) == "numsym" and re.search(r"/\d{4}/|^\d+/[A-ZĐ]", p.t[i].text):
            # a table row that starts with a number: "03/2023/QĐ-TTg ngày 15/02/2023 Ban hành …"
            m = p.mention_at(i, basis=False, with_title=False, inherit=PMention(doc_type=None, generic=True))
        if m is None and p.doc_type_at(i) and p.t[i].cap is not None:
            hit = p.doc_type_at(i)
            assert hit is not None   # tested just above
            k = i + len(hit[0].split())
            if p.words(k, ("nêu", "trên")):     # "như đề nghị của Bộ Tài chính tại văn bản nêu trên"
                out.append(PCitation(kind="reference", start=toks[i].start, end=toks[k + 1].end,
                                     mention=PMention(doc_type=None if hit[0] == "Văn bản" else hit[0]),
                                     target="previous"))
                i = k + 2
                continue
        if m is not None and (m.number or (m.doc_type in NAMED_TYPES and (m.title or m.date))):
            while m is not None:
                if not (m.amended_by or m.amended_raw) and m.number and (m.date or m.issuer):
                    _chain_after_title(p, m, skip)
                governs = verb is not None and not governed and i < clause_end
                governed = governed or verb is not None
                out.append(PCitation(kind="amendment_target" if governs else "reference", start=m.start, end=m.end,
                                     mention=m, target="named",
                                     relation=verb if governs else ("amended_by" if m.amended_by or m.amended_raw else None)))
                i = m._next  # type: ignore[attr-defined]
                # "các văn bản số: 8004/BNNMT-ĐCKS ngày …, 8008/BNNMT-ĐCKS ngày … và số 8796/…": one each
                k = i + (2 if p.low(i) == "," and p.low(i + 1) == "và" else 1)
                m = None
                prev = out[-1].mention   # the mention just added
                if p.low(i) in (",", "và", ";") and prev is not None and prev.number and (
                        p.low(k) == "số" and p.kind(k + 1) == "numsym"
                        or p.kind(k) == "numsym" and prev.doc_type not in NAMED_TYPES):
                    m = p.mention_at(k, basis=False, with_title=False, inherit=prev)
                    if m is not None and m.number is None:
                        m = None
            continue
        i += 1
    return out
