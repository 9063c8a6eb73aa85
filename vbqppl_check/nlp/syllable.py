"""The Vietnamese syllable: onset + (medial) + nucleus + (coda) + tone, and where the tone mark goes.

A syllable is valid when its toneless spelling parses as an onset from ONSETS and a rhyme from
RHYMES, respects the spelling rules (k/gh/ngh before front vowels, c/g/ng elsewhere, q only in
"qu"), carries at most one tone mark, and a stop coda (p, t, c, ch) has the sắc or nặng tone.

Tone-mark placement: "old" style puts the mark on the first vowel of the open rhymes oa, oe, uy
("hòa", "thủy"), "new" style on the second ("hoà", "thuỷ"); every other rhyme has one placement.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

TONE_MARKS = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}
_QUALITY = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn (part of the letter)

ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")

# nucleus spellings -> allowed codas ("" = open). Medials (o/u) are listed as part of the rhyme.
_NUCLEI = {
    "a": "- m n ng nh p t c ch i y o u",
    "ă": "m n ng p t c",
    "â": "m n ng p t c y u",
    "e": "- m n ng p t c o",
    "ê": "- m n nh p t ch u",
    "i": "- m n nh p t ch u a",      # "ia" is the open spelling of iê
    "y": "- m n nh p t ch u",
    "o": "- m n ng p t c i",
    "oo": "ng c",
    "ô": "- m n ng p t c i",
    "ơ": "- m n p t i",
    "u": "- m n ng p t c i a",      # "ua" is the open spelling of uô
    "ư": "- m n ng t c i u a",      # "ưa" is the open spelling of ươ
    "iê": "m n ng p t c u",
    "yê": "m n ng p t c u",
    "uô": "m n ng p t c i",
    "ươ": "m n ng p t c i u",
    # with the medial o / u
    "oa": "- m n ng nh p t c ch i y o",
    "oă": "m n ng p t c",
    "oe": "- m n t o",
    "uâ": "n ng t y",
    "uê": "- n nh ch t",
    "uy": "- n nh p t ch u a",
    "uyê": "n t",
    "uơ": "-",
}
# rhymes written after "qu" only (q + medial u): "que", "quen", "quăng", "quanh", "quạch"
QU_RHYMES = frozenset({"ue", "uen", "uet", "ueo", "uăm", "uăn", "uăng", "uăt", "uăc", "uam", "uan",
                       "uang", "uanh", "uap", "uat", "uac", "uach", "uai", "uay", "uao", "ua"})
RHYMES = frozenset((nuc if coda == "-" else nuc + coda)
                   for nuc, codas in _NUCLEI.items() for coda in codas.split())
_FRONT = ("i", "e", "ê", "y")
STOP_CODAS = ("p", "t", "c", "ch")
VOWELS = set("aăâeêioôơuưy")


@dataclass(frozen=True)
class Syllable:
    text: str                 # as written
    base: str                 # lower case, tone removed ("hoa" for "Hòa")
    tone: str | None          # "huyen" | "sac" | "nga" | "hoi" | "nang" | None
    tone_index: int | None    # index in the lower-cased letters of the vowel carrying the mark
    onset: str
    rhyme: str


def _split_tone(word: str) -> tuple[str, list[tuple[int, str]]]:
    """(toneless lower-case word NFC, [(letter index, tone)])."""
    letters, tones = [], []
    for i, ch in enumerate(word.lower()):
        d = unicodedata.normalize("NFD", ch)
        keep = "".join(c for c in d if c not in TONE_MARKS)
        for c in d:
            if c in TONE_MARKS:
                tones.append((i, TONE_MARKS[c]))
        letters.append(unicodedata.normalize("NFC", keep))
    return "".join(letters), tones


def _parse(base: str) -> tuple[str, str] | None:
    for onset in ONSETS:          # longest spellings first: ngh before ng before n, gi before g
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset):]
        if onset == "gi" and (not rhyme or rhyme[0] not in VOWELS or rhyme[0] == "ê"):
            rhyme = "i" + rhyme   # "gì", "gìn": the i of gi is also the nucleus; "giếng" = gi + iêng
        if onset == "qu":
            if ("u" + rhyme) in RHYMES or ("u" + rhyme) in QU_RHYMES:
                return onset, rhyme
            continue
        if rhyme not in RHYMES:
            continue
        first = rhyme[0]
        if onset in ("k", "gh", "ngh") and first not in _FRONT:
            continue
        if onset in ("c", "g", "ng") and first in _FRONT:
            continue
        return onset, rhyme
    return None


@functools.lru_cache(maxsize=65536)
def analyse(word: str) -> Syllable | None:
    """Parse one syllable (letters only); None when it is not a valid Vietnamese syllable."""
    base, tones = _split_tone(word)
    if len(tones) > 1 or not base or not all(c.isalpha() for c in base):
        return None
    parsed = _parse(base)
    if parsed is None:
        return None
    onset, rhyme = parsed
    tone = tones[0][1] if tones else None
    if rhyme.endswith(STOP_CODAS) and tone not in ("sac", "nang"):
        return None
    tone_index = tones[0][0] if tones else None
    if tone_index is not None and base[tone_index] not in VOWELS:
        return None
    syl = Syllable(word, base, tone, tone_index, onset, rhyme)
    if tone_index is not None and tone_index not in placements(syl).values():
        return None
    return syl


def is_valid(word: str) -> bool:
    return analyse(word) is not None


def _vowel_run(base: str, onset: str) -> tuple[int, str]:
    start = len(onset)
    if onset == "gi" and base[start:start + 1] not in VOWELS:
        start -= 1          # "gì": the i of gi is the nucleus
    end = start
    while end < len(base) and base[end] in VOWELS:
        end += 1
    return start, base[start:end]


def placements(syl: Syllable) -> dict[str, int]:
    """Where the tone mark goes: {"old": index, "new": index} (the same index when only one is right)."""
    base = syl.base
    start, run = _vowel_run(base, syl.onset)
    if not run:
        return {}
    has_coda = start + len(run) < len(base)
    if len(run) == 1:
        return {"old": start, "new": start}
    # a letter with its own diacritic takes the mark (ươ -> ơ)
    marked = [i for i, c in enumerate(run) if c in "ăâêôơư"]
    if marked:
        i = marked[-1]
        return {"old": start + i, "new": start + i}
    if has_coda:
        i = len(run) - 1
        return {"old": start + i, "new": start + i}
    if len(run) == 3:
        return {"old": start + 1, "new": start + 1}
    if run in ("oa", "oe", "uy"):
        return {"old": start, "new": start + 1}
    return {"old": start, "new": start}


def tone_style(word: str) -> str | None:
    """"old" or "new" for a marked oa/oe/uy open syllable written in that style, else None."""
    syl = analyse(word)
    if syl is None or syl.tone_index is None:
        return None
    p = placements(syl)
    if not p or p["old"] == p["new"]:
        return None
    return "old" if syl.tone_index == p["old"] else "new"


def restyle(word: str, style: str) -> str:
    """The same syllable with the tone mark placed in `style` ("old" | "new"); case kept."""
    syl = analyse(word)
    if syl is None or syl.tone_index is None:
        return word
    p = placements(syl)
    target = p.get(style, syl.tone_index)
    if target == syl.tone_index:
        return word
    mark = next(k for k, v in TONE_MARKS.items() if v == syl.tone)
    chars = list(word)
    src = unicodedata.normalize("NFD", chars[syl.tone_index])
    chars[syl.tone_index] = unicodedata.normalize("NFC", src.replace(mark, ""))
    chars[target] = unicodedata.normalize("NFC", chars[target] + mark)
    return "".join(chars)


@functools.lru_cache(maxsize=65536)
def strip_marks(word: str) -> str:
    """All diacritics removed, đ -> d, lower case (the key for "same letters, other marks")."""
    d = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in d if not unicodedata.combining(c))


def has_vietnamese_marks(word: str) -> bool:
    return any(ord(c) > 127 for c in word)
