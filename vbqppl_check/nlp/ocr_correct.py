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
_D = "[0-9OoIl|ÌÍ]"
# "ngày 11: tháng 09. năm 2025": stray specks read after the day or the month are dropped
_DATE = re.compile(rf"\b(ngày)\s+({_D}{{1,2}})[.:,;'’]?\s+(tháng)\s+({_D}{{1,2}})[.:,;'’]?\s+(năm)\s+({_D}(?: ?{_D}){{3}})\b",
                   re.IGNORECASE)


def _digits(s: str) -> str:
    for ch in "Oo":
        s = s.replace(ch, "0")
    for ch in _ONE + " ":
        s = s.replace(ch, "1" if ch != " " else "")
    return s


def repair_grammar(text: str) -> str:
    """Numbers, symbols and dates put back into their grammar."""
    text = text.replace("Ð", "Đ").replace("ð", "đ")
    text = _NUMBER_TOKEN.sub(lambda m: re.sub(r"[lIÌÍÏ|\]]", "1", m[1]).replace("O", "0").replace("o", "0"), text)
    text = _DIGIT_O.sub("0", text)
    text = _DIGIT_L.sub("1", text)
    text = _DATE.sub(lambda m: f"{m[1]} {_digits(m[2])} {m[3]} {_digits(m[4])} {m[5]} {_digits(m[6])}", text)
    text = _NUM_SLASH.sub(r"\1", text)
    text = _SYM_DASH.sub(lambda m: re.sub(r" *- *", "-", m[1]), text)
    text = _DOUBLE_D.sub("Đ", text)
    text = _SO.sub("Số:", text)
    return text


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
    return out


class Corrector:
    def __init__(self, margin: float = MARGIN) -> None:
        self.lm = model()
        self.margin = margin

    @functools.lru_cache(maxsize=50_000)
    def _pool(self, low: str) -> tuple[str, ...]:
        pool: set[str] = set()
        for v in _variants(low):
            pool.update(self.lm._skel.get(strip_marks(v), ()))
            if analyse(v) is not None and self.lm.count(canon(v)) >= MIN_COUNT:
                pool.add(v)
        return tuple(sorted(pool))

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
            if not pool:
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
            fixed = self.correct_tokens([line[a:b] for a, b in spans], joined)
            parts, pos = [], 0
            for (a, b), f in zip(spans, fixed):
                parts.append(line[pos:a])
                parts.append(f)
                pos = b
            parts.append(line[pos:])
            lines.append("".join(parts))
        return "\n".join(lines)


@functools.lru_cache(maxsize=1)
def corrector() -> Corrector:
    return Corrector()


def correct(text: str) -> str:
    return corrector().correct(text)
