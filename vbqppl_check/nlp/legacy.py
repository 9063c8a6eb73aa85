"""Legacy Vietnamese encodings shown as Unicode mojibake: TCVN3 (TCVN 5712:1993, "ABC", the .Vn…
fonts) and VNI-Windows (the VNI-… fonts).

When a document typed in a legacy font is opened as Unicode (or its font is changed), every byte
becomes the Latin-1 character with the same code: "Ninh B×nh" (TCVN3 for "Ninh Bình"),
"Xin chaøo" (VNI for "Xin chào"). Tables: reference/format-rules.md §6 (TCVN3 excerpt from
backupvietsoft/HRM ConvertVNI; VNI samples from duydev/vietnamese-conversion); the remaining codes
follow the same published layouts.

Detection is conservative: a text is called legacy-encoded only when it contains codes that never
occur in Unicode Vietnamese, and converting it turns most of its unknown syllables into valid ones
(checked by the caller with the syllable grammar).
"""
from __future__ import annotations

import re

# -- TCVN3 (ABC) ------------------------------------------------------------------------------
_TCVN3_PAIRS = (
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ ¨ă ©â ªê «ô ¬ơ \u00adư ®đ "
    "µà ¶ả ·ã ¸á ¹ạ »ằ ¼ẳ ½ẵ ¾ắ Æặ Çầ Èẩ Éẫ Êấ Ëậ "
    "Ìè Îẻ Ïẽ Ðé Ñẹ Òề Óể Ôễ Õế Öệ ×ì Øỉ Üĩ Ýí Þị "
    "ßò áỏ âõ ãó äọ åồ æổ çỗ èố éộ êờ ëở ìỡ íớ îợ "
    "ïù ñủ òũ óú ôụ õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ"
)
TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split()}
# Codes that are not letters of Unicode Vietnamese: their presence inside words is the signal.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
TCVN3_SIGNAL = {c for c in TCVN3 if c not in _VIETNAMESE_LATIN1}

# -- VNI-Windows --------------------------------------------------------------------------------
# Base letter + one or two following codes. Tone codes after a plain vowel:
_VNI_TONE = {"ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
             "Ø": "\u0300", "Ù": "\u0301", "Û": "\u0309", "Õ": "\u0303", "Ï": "\u0323"}
# Circumflex (+ tone) after a, e, o:
_VNI_CIRC = {"â": "", "à": "\u0300", "á": "\u0301", "å": "\u0309", "ã": "\u0303", "ä": "\u0323",
             "Â": "", "À": "\u0300", "Á": "\u0301", "Å": "\u0309", "Ã": "\u0303", "Ä": "\u0323"}
# Breve (+ tone) after a:
_VNI_BREVE = {"ê": "", "è": "\u0300", "é": "\u0301", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323",
              "Ê": "", "È": "\u0300", "É": "\u0301", "Ú": "\u0309", "Ü": "\u0303", "Ë": "\u0323"}
# Single codes: ơ ư đ and the i-vowels.
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ",
               "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
               "Ì": "Ì", "Í": "Í", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị"}
VNI_SIGNAL_RE = re.compile(r"[aeiouyAEIOUYôöÔÖ][øùûõïØÙÛÕÏ]|[aeoAEO][äåÄÅ]|[aA][ëË]|[Ññ][aeiouôöAEIOUÔÖ]")


def tcvn3_signals(text: str) -> int:
    """Number of TCVN3-only codes that sit inside a word (next to a letter)."""
    n = 0
    for i, ch in enumerate(text):
        if ch in TCVN3_SIGNAL:
            left = text[i - 1] if i else " "
            right = text[i + 1] if i + 1 < len(text) else " "
            if left.isalpha() or right.isalpha():
                n += 1
    return n


def vni_signals(text: str) -> int:
    return len(VNI_SIGNAL_RE.findall(text))


def from_tcvn3(text: str) -> str:
    """Decode TCVN3 mojibake. Capital-letter (…H) fonts reuse the small codes: a converted letter
    inside a word whose other letters are capitals (at least two) is upper-cased ("VIÖT" → "VIỆT");
    "Bé" stays "Bộ"."""
    out = []
    for m in re.finditer(r"\S+|\s+", text):
        word = m.group()
        conv = [TCVN3.get(ch, ch) for ch in word]
        plain = [ch for ch in word if ch not in TCVN3 and ch.isalpha()]
        if len(plain) >= 2 and all(ch.isupper() for ch in plain):
            conv = [c.upper() if ch in TCVN3 else c for ch, c in zip(word, conv)]
        out.append("".join(conv))
    return "".join(out)


def from_vni(text: str) -> str:
    """Decode VNI-Windows mojibake into NFC Unicode."""
    import unicodedata
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        low = ch.lower()
        if low in "aeo" and nxt in _VNI_CIRC:
            out.append(unicodedata.normalize("NFC", ch + "\u0302" + _VNI_CIRC[nxt]))
            i += 2
            continue
        if low == "a" and nxt in _VNI_BREVE:
            out.append(unicodedata.normalize("NFC", ch + "\u0306" + _VNI_BREVE[nxt]))
            i += 2
            continue
        if ch in "ôöÔÖ" and (i == 0 or text[i - 1].isalpha()) and nxt in _VNI_TONE:
            base = _VNI_SINGLE[ch]
            out.append(unicodedata.normalize("NFC", base + _VNI_TONE[nxt]))
            i += 2
            continue
        if low in "aeiouy" and nxt in _VNI_TONE:
            out.append(unicodedata.normalize("NFC", ch + _VNI_TONE[nxt]))
            i += 2
            continue
        if ch in "ôöÔÖñÑ" or (ch in _VNI_SINGLE and i > 0 and text[i - 1].isalpha()):
            out.append(_VNI_SINGLE[ch])
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def to_tcvn3(text: str) -> str:
    """Encode Unicode as TCVN3 mojibake (for building test cases)."""
    inverse = {v: k for k, v in TCVN3.items()}
    return "".join(inverse.get(ch, inverse.get(ch.lower(), ch)) if ch not in "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ" else ch
                   for ch in text)


def to_vni(text: str) -> str:
    """Encode Unicode as VNI-Windows mojibake (for building test cases)."""
    import unicodedata
    tone_code = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
    circ_code = {"": "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
    breve_code = {"": "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
    i_codes = {"\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0], d[1:]
        upper = base.isupper()
        tone = next((m for m in marks if m in tone_code), "")
        if base.lower() == "đ" or ch in "đĐ":
            out.append("Ñ" if ch == "Đ" else "ñ")
        elif "\u0302" in marks:
            code = circ_code[tone]
            out.append(base + (code.upper() if upper else code))
        elif "\u0306" in marks:
            code = breve_code[tone]
            out.append(base + (code.upper() if upper else code))
        elif "\u031b" in marks:
            single = {"o": "ô", "u": "ö"}[base.lower()]
            single = single.upper() if upper else single
            out.append(single + ((tone_code[tone].upper() if upper else tone_code[tone]) if tone else ""))
        elif base.lower() == "i" and tone:
            code = i_codes[tone]
            out.append(code.upper() if upper else code)
        elif tone and base.lower() in "aeouy":
            out.append(base + (tone_code[tone].upper() if upper else tone_code[tone]))
        else:
            out.append(ch)
    return "".join(out)
