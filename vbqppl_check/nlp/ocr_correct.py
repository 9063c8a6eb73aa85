"""Post-OCR correction of Vietnamese legal text with the word model (nlp.langmodel).

Tesseract's mistakes on Vietnamese are mostly marks: a dropped or wrong tone mark or vowel diacritic
on bold or small text ("Kê hoạch tông kêt" for "Kế hoạch tổng kết"), plus shape confusions (Ð for Đ,
I/l/1, O/0, "rn" for "m") and spaces inside numbers and symbols ("2307 /QĐÐ-UBND").

1. Grammar repairs of numbers, symbols and dates: the Icelandic Ð (U+00D0) is the Vietnamese Đ, a
   doubled Đ in a symbol is one, no space around "/" or "-" inside a số ký hiệu, O/o and l/I between
   digits are 0 and 1.
2. Per syllable: candidates with the same letters but other marks (the model's skeleton index), and
   the shape confusions; the candidate that fits the neighbours best (smoothed syllable bigrams of the
   model, left and right) replaces the OCR's reading when it is better by MARGIN nats, or whenever the
   reading is not a Vietnamese syllable or never seen in the corpus. Case is kept (KÊ → KẾ).

Only letters' marks and the listed confusions are changed: words are never split, joined or replaced
by other words, so a wrong correction costs at most one syllable's marks.
"""
from __future__ import annotations

import functools
import re

from .langmodel import canon, model
from .syllable import analyse, strip_marks

MARGIN = 4.0     # nats: a seen, valid syllable is replaced only when a candidate fits its context this much better
ALPHA = 200.0    # Dirichlet smoothing of the bigrams (as the NN1xx search uses)
LETTER_MARGIN: float | None = 6.0   # nats: a dropped letter is put back only when it fits this much better
MIN_COUNT = 3    # a reading seen fewer times in the corpus is treated as unseen

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SYMBOL_CHARS = "A-ZĐ"
# số ký hiệu with spaces: "2307 /QĐ-UBND", "15/2025/ NĐ - CP"
_NUM_SLASH = re.compile(r"(?<=\d) *(/) *(?=[\dA-ZĐ])")
_SYM_DASH = re.compile(rf"(?<=/)([{_SYMBOL_CHARS}0-9]+(?: *- *[{_SYMBOL_CHARS}0-9]+)+)")
_DOUBLE_D = re.compile(r"(?<=[A-Z])ĐĐ(?=[-/A-Z\s]|$)")
_SO = re.compile(r"^\s*S[ôốồổỗộoóòỏõọơớờởỡợ]\s*:(?=\s*[\d.…_ ]*/)", re.MULTILINE | re.IGNORECASE)   # "Số: 70/KH-UBND" line
_DIGIT_O = re.compile(r"(?<=\d)[Oo](?=\d)|(?<=\d{2})[Oo]\b|\b[Oo](?=\d{2})")
_ONE = "lI|ÌÍ"   # shapes Tesseract reads for the digit 1
_DIGIT_L = re.compile(rf"(?<=\d)[{_ONE}](?=\d)|(?<=\d)[{_ONE}](?=[/\s])|(?<=/)[{_ONE}](?=\d)|(?<=\s)[{_ONE}](?=\d)")
# a number read with 1s as letters: "1I", "1]", "2O2l" (starts with a digit, stands alone)
_NUMBER_TOKEN = re.compile(r"(?<![\w/.-])(\d[\dlIÌÍÏ|\]Oo]*[lIÌÍÏ|\]Oo][\dlIÌÍÏ|\]Oo]*)(?=[\s,.;:)]|$)")
# the legislature's term in a symbol read with a letter for 1: "30/2023/QHI5" → "30/2023/QH15"
_QH_ONE = re.compile(r"(?<=/)((?:UBTV)?QH)[lI|Ì](\d)\b")
# an item number read with a comma: "2, Sửa đổi …" / "“2, …" at the start of a line → "2."
_ITEM_COMMA = re.compile(r"^(\s*[“\"]?\d{1,2}),(?=\s+[A-ZĐÀ-Ỹ])", re.MULTILINE)
_D = "[0-9OoIl|ÌÍJ\\]óÓ]"   # in a date also "J1" and "]1" for 11, "ó" for 6
# "ngày 11: tháng 09. năm 2025": stray specks read after the day or the month are dropped
_DATE = re.compile(rf"\b(ngày)\s+({_D}{{1,2}})[.:,;'’]?\s+(tháng)\s+({_D}{{1,2}})[.:,;'’]?\s+(năm)\s+({_D}(?: ?{_D}){{3}})\b",
                   re.IGNORECASE)


def _digits(s: str) -> str:
    for ch in "Oo":
        s = s.replace(ch, "0")
    for ch in _ONE + "J] ":
        s = s.replace(ch, "1" if ch != " " else "")
    return s.replace("ó", "6").replace("Ó", "6")


def repair_grammar(text: str) -> str:
    """Numbers, symbols and dates put back into their grammar."""
    text = text.replace("Ð", "Đ").replace("ð", "đ").replace("\u2044", "/")   # fraction slash "⁄" read for "/"
    text = _NUMBER_TOKEN.sub(lambda m: re.sub(r"[lIÌÍÏ|\]]", "1", m[1]).replace("O", "0").replace("o", "0"), text)
    text = _DIGIT_O.sub("0", text)
    text = _DIGIT_L.sub("1", text)
    text = _DATE.sub(lambda m: f"{m[1]} {_digits(m[2])} {m[3]} {_digits(m[4])} {m[5]} {_digits(m[6])}", text)
    text = _NUM_SLASH.sub(r"\1", text)
    text = _SYM_DASH.sub(lambda m: re.sub(r" *- *", "-", m[1]), text)
    text = _DOUBLE_D.sub("Đ", text)
    text = _QH_ONE.sub(r"\g<1>1\2", text)
    text = _ITEM_COMMA.sub(r"\1.", text)
    text = _SO.sub("Số:", text)
    return text


def _inner_capitals(word: str) -> str:
    """A lowercase word with a marked capital inside it ("sỐ", "kỊp": Tesseract's capital for a small
    letter with a tone mark) in lowercase; unmarked capitals ("eKYC") are kept."""
    if word[:1].islower() and any(ch.isupper() for ch in word[1:]) and \
            all(ord(ch) > 127 for ch in word[1:] if ch.isupper()):
        return word.lower()
    return word


def _case_like(src: str, target: str) -> str:
    if src.isupper() and len(src) > 1:
        return target.upper()
    if src[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def _variants(low: str) -> set[str]:
    """The reading with the shape confusions undone (each at most once): rn→m, I/1→l, 0→o."""
    out = {low}
    if "rn" in low:
        out.add(low.replace("rn", "m"))
    if "i" in low:   # a capital I read for l, lowercased: "iuật" (Iuật) -> "luật"
        out.update(low[:k] + "l" + low[k + 1:] for k, ch in enumerate(low) if ch == "i")
    if low.startswith("qu") and low.endswith("a"):   # a blurred "y" read "a": "qua định" -> "quy định"
        out.add(low[:-1] + "y")
    if low[:1] in "aàáảãạ" and low[1:2] == "g":   # a capital N read "A"/"À": "Aghị" -> "Nghị" (no syllable starts "ag")
        out.add("n" + low[1:])
    return out


class Corrector:
    def __init__(self, margin: float = MARGIN, letter_margin: float | None = LETTER_MARGIN) -> None:
        self.lm = model()
        self.margin = margin
        self.letter_margin = letter_margin

    @functools.lru_cache(maxsize=50_000)
    def _pool(self, low: str) -> tuple[str, ...]:
        pool: set[str] = set()
        for v in _variants(low):
            pool.update(self.lm._skel.get(strip_marks(v), ()))
            if analyse(v) is not None and self.lm.count(canon(v)) >= MIN_COUNT:
                pool.add(v)
        return tuple(sorted(pool))

    @functools.lru_cache(maxsize=50_000)
    def _dropped(self, low: str) -> tuple[str, ...]:
        """Syllables of the model that are the reading with one letter added (the word model's
        one-edit candidates of kind "letter" that are longer); only for a reading with an onset."""
        if len(low) < 2 or not low.isalpha():
            return ()
        syl = analyse(low)
        if syl is None or not syl.onset:
            return ()   # a vowel-initial word ("ấy", "ấp") would take an onset ("lấy", "cấp"): too often wrong
        return tuple(c for c, kind in self.lm.candidates(low)
                     if kind == "letter" and len(strip_marks(c)) == len(strip_marks(low)) + 1)

    def _score(self, left: str | None, c: str, right: str | None) -> float:
        return self.lm.context_score(left, canon(c), right, ALPHA)

    def correct_tokens(self, words: list[str], joined: list[bool] | None = None) -> list[str]:
        """The corrected spelling of each word of one line (same length as `words`). joined[k]: word k
        and word k+1 are neighbours in a phrase (only a space between them); default all."""
        lows = [w.lower() for w in words]
        out = list(words)
        joined = joined if joined is not None else [True] * len(words)
        for k, w in enumerate(words):
            low = lows[k]
            pool = self._pool(low)
            dropped = self._dropped(low) if self.letter_margin is not None else ()
            if not pool and not dropped:
                continue
            left = canon(lows[k - 1]) if k > 0 and joined[k - 1] else None
            right = canon(lows[k + 1]) if k + 1 < len(words) and joined[k] else None
            if left and right:
                middle = self.lm.skips.get(f"{left} {right}")
                if middle and middle[0] == canon(low) and middle[1] >= 5:
                    continue   # the corpus's usual word between these two neighbours: keep it
            seen = analyse(low) is not None and self.lm.count(canon(low)) >= MIN_COUNT
            base = self._score(left, low, right) if seen else float("-inf")
            best, best_sc = low, base
            for c in pool:
                if c == low:
                    continue
                sc = self._score(left, c, right)
                if sc > best_sc:
                    best, best_sc = c, sc
            # a letter Tesseract dropped ("rưởng" → "trưởng"): only with a wider margin over the reading
            # and over the best change of marks
            floor = max(best_sc, base + self.letter_margin) if seen and self.letter_margin is not None else best_sc
            for c in dropped:
                sc = self._score(left, c, right)
                if sc > floor and sc > best_sc:
                    best, best_sc = c, sc
            if best == low or canon(best) == canon(low):
                continue
            if seen and best_sc - base < self.margin:
                continue
            out[k] = _case_like(w, best)
            lows[k] = best
        return out

    def correct(self, text: str) -> str:
        """Corrected text, line by line (words keep their places; only their letters change)."""
        lines = []
        for line in repair_grammar(text).split("\n"):
            spans = [(m.start(), m.end()) for m in _WORD.finditer(line)]
            if not spans:
                lines.append(line)
                continue
            joined = [nxt[0] - cur[1] == 1 and line[cur[1]] == " " for cur, nxt in zip(spans, spans[1:])] + [False]
            fixed = self.correct_tokens([_inner_capitals(line[a:b]) for a, b in spans], joined)
            parts, pos = [], 0
            for (a, b), f in zip(spans, fixed):
                parts.append(line[pos:a])
                parts.append(f)
                pos = b
            parts.append(line[pos:])
            lines.append(repair_places("".join(parts)))
        return "\n".join(lines)


# -- place and unit names against the administrative-units data (corpora/admin_units) ----------------

# the unit type words before a name, as letters without marks, and their spelling
_UNIT_TYPES = {("tinh",): "tỉnh", ("thanh", "pho"): "thành phố", ("xa",): "xã", ("phuong",): "phường",
               ("thi", "tran"): "thị trấn", ("thi", "xa"): "thị xã", ("dac", "khu"): "đặc khu",
               ("huyen",): "huyện", ("quan",): "quận"}
_EDGE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.UNICODE)


def _edge(token: str) -> tuple[str, str, str]:
    """Leading punctuation, the word, trailing punctuation."""
    m = _EDGE.match(token)
    return (m[1], m[2], m[3]) if m else ("", token, "")


def _skeleton(words) -> str:
    return " ".join(strip_marks(w) for w in words)


@functools.lru_cache(maxsize=1)
def place_names() -> dict[str, str]:
    """Letters without marks of a unit's name (2+ syllables) → its spelling, for the provinces and communes
    before and after 01/07/2025; a skeleton shared by names spelt differently is left out (ambiguous)."""
    from ..law.admin_units import admin_units
    au = admin_units()
    names = [x.name for x in au.provinces_before + au.provinces_after + au.communes_after] + \
            [c.name for c in au._old()]
    spell: dict[str, set[str]] = {}
    for n in names:
        words = n.split()
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            spell.setdefault(_skeleton(words), set()).add(" ".join(canon(w.lower()) for w in words))
    out = {}
    for key, forms in spell.items():
        if len(forms) == 1:
            out[key] = next(iter(forms))
    return out


def repair_places(line: str) -> str:
    """A unit type word ("tỉnh", "thành phố", "xã", …, marks as read) followed by 2–4 capitalised words
    whose letters are those of one unit's name: the name's marks (and the type word's) are put back
    ("THÀNH PHÓ CÀN THƠ" → "THÀNH PHỐ CẦN THƠ"). Words whose marks already agree are kept as written."""
    toks = [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
    if len(toks) < 3:
        return line
    bare = [strip_marks(_edge(line[a:b])[1]) for a, b in toks]
    names = place_names()
    edits: list[tuple[int, str]] = []   # (token index, new word)
    i = 0
    while i < len(toks):
        hit = None
        for tw, spelt in _UNIT_TYPES.items():
            if tuple(bare[i:i + len(tw)]) == tw:
                hit = (len(tw), spelt)
                break
        if hit is None:
            i += 1
            continue
        n_type, spelt = hit
        start = i + n_type
        done = False
        for n in (4, 3, 2):
            words = [_edge(line[a:b]) for a, b in toks[start:start + n]]
            if len(words) < n or not all(w[1][:1].isupper() and not w[0] for w in words) or \
                    any(w[2] for w in words[:-1]):
                continue
            name = names.get(_skeleton(w[1] for w in words))
            if name is None:
                continue
            fix = [(start + k, w[1], t) for k, (w, t) in enumerate(zip(words, name.split()))]
            fix += [(i + k, _edge(line[toks[i + k][0]:toks[i + k][1]])[1], t)
                    for k, t in enumerate(spelt.split())]
            for k, read, target in fix:
                if canon(read.lower()) != canon(target):
                    edits.append((k, _case_like(read, target)))
            i = start + n
            done = True
            break
        if not done:
            i += 1
    if not edits:
        return line
    out, pos = [], 0
    for k, new in sorted(edits):
        a, b = toks[k]
        lead, _, trail = _edge(line[a:b])
        out.append(line[pos:a] + lead + new + trail)
        pos = b
    out.append(line[pos:])
    return "".join(out)


@functools.lru_cache(maxsize=1)
def corrector() -> Corrector:
    return Corrector()


def correct(text: str) -> str:
    return corrector().correct(text)


# -- "1." read "I." / "l." as the first item of an Arabic-numbered list (across blocks) ----------------

# a list marker at the start of a line: Arabic "2.", Roman "II.", or the suspect "I." / "l." / "|."
_MARKER = re.compile(r"^(\s*[“\"]?)(\d{1,3}|[IVX]{1,6}|[l|])\.(?=\s+\S)", re.MULTILINE)


def repair_list_markers(texts: list[str]) -> list[str]:
    """The texts of a document's blocks in reading order, with a first item "1." that Tesseract read
    "I.", "l." or "|." put back. Such a marker is changed only when the next list marker at the start
    of a line (in this or a later block) is the Arabic "2."; a Roman "I." followed by "II." (or by "1.",
    a list under a Roman heading) is kept."""
    found = [(b, m) for b, t in enumerate(texts) for m in _MARKER.finditer(t)]
    edits: dict[int, list[tuple[int, int]]] = {}
    for k, (b, m) in enumerate(found):
        if m[2] not in ("I", "l", "|"):
            continue
        nxt = found[k + 1][1][2] if k + 1 < len(found) else None
        if nxt == "2":
            edits.setdefault(b, []).append((m.start(2), m.end(2)))
    if not edits:
        return texts
    out = list(texts)
    for b, spans in edits.items():
        t = out[b]
        for s, e in sorted(spans, reverse=True):
            t = t[:s] + "1" + t[e:]
        out[b] = t
    return out
