"""Language checks (category `language`, rules NN…): spelling, tone marks, encoding, look-alike
characters, capitalisation, abbreviations, doubled words and spacing.

Every rule works on the analysed blocks of vbqppl_check.nlp.text (computed once per document).
Blocks recognised as TCVN3/VNI mojibake are reported once by NN008 and skipped by the other rules.
"""
from __future__ import annotations

import math
import re
import unicodedata

from ..engine import check
from ..nlp import normalize
from ..nlp.syllable import analyse, has_vietnamese_marks, restyle, tone_style
from ..nlp.text import QUOC_HIEU_RE, document_text, is_vietnamese_token, sentence_start

MAX_PER_RULE = 50   # a document full of one defect gets a readable report, not thousands of lines


def _blocks(doc, ctx, *, skip_legacy=True):
    for bt in document_text(doc, ctx.cache):
        if skip_legacy and bt.legacy:
            continue
        yield bt


def _case_like(src: str, target: str) -> str:
    """`target` with the capitalisation pattern of `src` (first letter, or all caps)."""
    if src.isupper() and len(src) > 1:
        return target.upper()
    if src[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def _capped(gen, limit=MAX_PER_RULE):
    for i, f in enumerate(gen):
        if i >= limit:
            return
        yield f


# -- NN001 invalid syllables --------------------------------------------------------------------

@check("NN001")
def invalid_syllable(doc, ctx, rule):
    """A word with Vietnamese marks that is not a possible Vietnamese syllable ("đươc", "ngưòi")."""
    from ..nlp.lexicon import lexicon
    lex = None
    def gen():
        nonlocal lex
        for bt in _blocks(doc, ctx):
            for tok in bt.tokens:
                w = tok.text
                if not has_vietnamese_marks(w) or not (w.islower() or w.isupper() or w.istitle()):
                    continue
                if not is_vietnamese_token(w) or any(c in normalize.HOMOGLYPHS for c in w):
                    continue
                if "\u00ad" in bt.text[tok.start - 1:tok.end + 1]:
                    continue   # a TCVN3 residue, reported by NN007 with its fix
                if analyse(w) is not None:
                    continue
                lex = lex or lexicon()
                if lex.count(w.lower()) >= rule.params.get("known_min_count", 20):
                    continue   # attested in the official corpus: a name or a loanword, not a typo
                sugg = _best_variant(lex, bt, tok)
                yield rule.finding(ctx, block=bt.index, start=tok.start, end=tok.end, found=w,
                                   expected=sugg, suggestion=sugg)
    yield from _capped(gen())


def _best_variant(lex, bt, tok) -> str | None:
    """The known valid syllable with the same letters that fits the neighbours best."""
    w = tok.lower
    toks = bt.tokens
    i = toks.index(tok)
    left = toks[i - 1].lower if i > 0 and bt.text[toks[i - 1].end:tok.start] == " " else None
    right = toks[i + 1].lower if i + 1 < len(toks) and bt.text[tok.end:toks[i + 1].start] == " " else None
    best, best_score = None, 0.0
    for v in lex.variants(w):
        if analyse(v) is None:
            continue
        score = math.log(lex.count(v) + 1) * 0.1
        if left:
            score += math.log(lex.pair(left, v) + 1)
        if right:
            score += math.log(lex.pair(v, right) + 1)
        if score > best_score:
            best, best_score = v, score
    return _case_like(tok.text, best) if best else None


# -- NN002 curated confusions -------------------------------------------------------------------

@check("NN002")
def curated_confusion(doc, ctx, rule):
    """A known wrong spelling of a legal term ("khen thường" → "khen thưởng", "ra soát" → "rà soát")."""
    from ..nlp.lexicon import confusion_map, confusion_regex
    rx = confusion_regex()
    if rx is None:
        return
    cmap = confusion_map()
    def gen():
        for bt in _blocks(doc, ctx):
            for m in rx.finditer(bt.text):
                c = cmap.get(tuple(m.group().lower().split()))
                if c is None:
                    continue
                sugg = _case_like(m.group(), c.right)
                yield rule.finding(ctx, block=bt.index, start=m.start(), end=m.end(), found=m.group(),
                                   expected=sugg, suggestion=sugg, note=c.note)
    yield from _capped(gen())


# -- NN003 statistical: valid syllables in an unlikely combination -------------------------------

@check("NN003")
def unlikely_word(doc, ctx, rule):
    """A syllable whose neighbours in the corpus almost always go with another mark on the same
    letters ("bố sung" where the corpus has "bổ sung" 11 000 times and "bố sung" never)."""
    from ..nlp.lexicon import lexicon
    from ..nlp.segmentation import is_one_word
    p = rule.params
    ratio = math.log(p.get("min_ratio", 500))
    min_pair = p.get("min_pair", 30)
    lex = lexicon()
    def gen():
        for bt in _blocks(doc, ctx):
            toks = bt.tokens
            text = bt.text
            for i, tok in enumerate(toks):
                w = tok.text
                if not (w.islower() or (w.istitle() and sentence_start(text, tok.start))):
                    continue   # proper names and abbreviations are not judged by statistics
                lw = tok.lower
                if analyse(lw) is None:
                    continue
                left = toks[i - 1].lower if i > 0 and text[toks[i - 1].end:tok.start] == " " else None
                right = toks[i + 1].lower if i + 1 < len(toks) and text[tok.end:toks[i + 1].start] == " " else None
                if left is None and right is None:
                    continue
                cl = lex.pair(left, lw) if left else None
                cr = lex.pair(lw, right) if right else None
                if (cl is None or cl >= 3) and (cr is None or cr >= 3):
                    continue
                cur = sum(math.log(c + 0.5) for c in (cl, cr) if c is not None)
                best = None
                for v in lex.variants(lw):
                    if analyse(v) is None:
                        continue
                    vl = lex.pair(left, v) if left else None
                    vr = lex.pair(v, right) if right else None
                    support = [c for c in (vl, vr) if c is not None]
                    if max(support) < min_pair:
                        continue
                    # the side the current spelling lacks must be the side the variant has
                    if (cl is not None and cl < 3 and (vl or 0) < min_pair) and (cr is not None and cr < 3 and (vr or 0) < min_pair):
                        continue
                    score = sum(math.log(c + 0.5) for c in support)
                    if score - cur >= ratio and (best is None or score > best[1]):
                        best = (v, score, vl, vr)
                if best is None:
                    continue
                v, _, vl, vr = best
                phrase = f"{left} {v}" if (vl or 0) >= (vr or 0) else f"{v} {right}"
                if not is_one_word(_corrected(text, tok, v), phrase):
                    continue
                sugg = _case_like(w, v)
                yield rule.finding(ctx, block=bt.index, start=tok.start, end=tok.end, found=w,
                                   expected=sugg, suggestion=sugg, context=phrase)
    yield from _capped(gen())


def _corrected(text: str, tok, v: str) -> str:
    return text[:tok.start] + _case_like(tok.text, v) + text[tok.end:]


# -- NN004 tone-mark style ----------------------------------------------------------------------

@check("NN004")
def tone_style_mixed(doc, ctx, rule):
    """oa/oe/uy with the mark on the first vowel ("hòa", "thủy") and on the second ("hoà", "thuỷ")
    in one document; or, when Config.tone_style is set, any word not in that style."""
    wanted = ctx.config.tone_style
    seen: list[tuple[int, object, str]] = []
    for bt in _blocks(doc, ctx):
        if QUOC_HIEU_RE.match(bt.text):
            continue   # the Quốc hiệu is written both ways by ND 30 itself (format-rules FMT-QH-001a)
        for tok in bt.tokens:
            if not tok.text.islower() or bt.in_quote(tok.start):
                continue
            style = tone_style(tok.text)
            if style:
                seen.append((bt.index, tok, style))
    if not seen:
        return
    counts = {"old": sum(1 for s in seen if s[2] == "old"), "new": sum(1 for s in seen if s[2] == "new")}
    if wanted:
        target = wanted
    else:
        if not counts["old"] or not counts["new"]:
            return
        target = "old" if counts["old"] >= counts["new"] else "new"
    label = {"old": "cũ (hòa, thủy)", "new": "mới (hoà, thuỷ)"}
    n = 0
    for block, tok, style in seen:
        if style == target:
            continue
        sugg = restyle(tok.text, target)
        yield rule.finding(ctx, block=block, start=tok.start, end=tok.end, found=tok.text,
                           expected=sugg, suggestion=sugg, style=label[target],
                           old=counts["old"], new=counts["new"])
        n += 1
        if n >= MAX_PER_RULE:
            return


# -- NN005 look-alike characters ----------------------------------------------------------------

@check("NN005")
def homoglyph(doc, ctx, rule):
    """Cyrillic/Greek letters that look Latin, and Ð (U+00D0) for Đ, inside words and numbers."""
    def gen():
        for bt in _blocks(doc, ctx):
            for h in normalize.homoglyphs(bt.text):
                yield rule.finding(ctx, block=bt.index, start=h.start, end=h.end, found=h.found,
                                   expected=h.suggestion, suggestion=h.suggestion, char=h.detail)
    yield from _capped(gen())


# -- NN006 decomposed (NFD) text ----------------------------------------------------------------

@check("NN006")
def decomposed(doc, ctx, rule):
    """Text typed or pasted in decomposed form (base letter + combining marks); the reader keeps it
    in Block.raw. One finding per block."""
    n = 0
    for b in doc.source.blocks:
        if not b.raw:
            continue
        hits = normalize.nfd_words(b.raw)
        if not hits:
            continue
        h = hits[0]
        yield rule.finding(ctx, block=b.index, start=h.start, end=h.end, found=h.found,
                           expected=h.suggestion, suggestion=h.suggestion, count=len(hits))
        n += 1
        if n >= MAX_PER_RULE:
            return


# -- NN007 invisible characters -----------------------------------------------------------------

@check("NN007")
def invisible(doc, ctx, rule):
    """Zero-width spaces, direction marks, BOMs and soft hyphens inside the text (one per block).
    A soft hyphen where TCVN3 had "ư" ("L\u00adu" for "Lưu") gets the repaired word."""
    from ..nlp.lexicon import lexicon
    n = 0
    for bt in _blocks(doc, ctx, skip_legacy=False):
        if bt.legacy:
            continue
        hits = normalize.invisible_chars(bt.text)
        if not hits:
            continue
        h = hits[0]
        names = sorted({x.detail for x in hits})
        word_m = None
        for m in re.finditer(r"\S+", bt.text):
            if m.start() <= h.start < m.end():
                word_m = m
        found = word_m.group() if word_m else h.found
        sugg = normalize.strip_invisible(found) if word_m else ""
        if word_m and h.found == "\u00ad":
            sugg = _soft_hyphen_fix(lexicon(), found) or sugg
        yield rule.finding(ctx, block=bt.index, start=h.start, end=h.end, found=repr(found)[1:-1],
                           expected=sugg or None, suggestion=sugg or None, count=len(hits),
                           chars=", ".join(names))
        n += 1
        if n >= MAX_PER_RULE:
            return


def _soft_hyphen_fix(lex, word: str) -> str | None:
    """"L\u00adu" -> "Lưu" when the TCVN3 reading is a known word and the plain removal is not."""
    plain = word.replace("\u00ad", "")
    letters = re.sub(r"[^\w]", "", plain)
    as_u = word.replace("\u00ad", "ư")
    letters_u = re.sub(r"[^\w]", "", as_u)
    if "ưư" in as_u.lower():
        return plain
    if analyse(letters_u) and lex.count(letters_u.lower()) > 10 * (lex.count(letters.lower()) + 1):
        return unicodedata.normalize("NFC", as_u)
    return plain


# -- NN008 legacy encodings ---------------------------------------------------------------------

@check("NN008")
def legacy_encoding(doc, ctx, rule):
    """TCVN3 (.Vn… fonts) or VNI text shown as Unicode mojibake ("Bé X©y dùng" for "Bộ Xây dựng")."""
    from ..nlp.text import detect_legacy
    n = 0
    for bt in document_text(doc, ctx.cache):
        if not bt.legacy:
            continue
        det = detect_legacy(bt.text)
        converted = det[1] if det else None
        name = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}[bt.legacy]
        yield rule.finding(ctx, block=bt.index, found=bt.text[:120], expected=(converted or "")[:120] or None,
                           suggestion=converted, encoding=name)
        n += 1
        if n >= MAX_PER_RULE:
            return


# -- NN009 capitalisation in references ----------------------------------------------------------

_REF_LOWER = re.compile(r"(?<![^\W\d_])(điều)\s+(\d+[a-zđ]?)(?![^\s.,;:)\]])")
_REF_CHUONG = re.compile(r"(?<![^\W\d_])(chương|phần)\s+([IVXLC]+)(?![\w])")
_REF_UPPER = re.compile(r"(?<![^\W\d_])(Khoản|Điểm)\s+(\d+[a-zđ]?|[a-zđ]\d*)\s+(?:(?:và|,)\s*(?:\d+|[a-zđ]\d*)\s+)*(khoản|Khoản|Điều|điều)\s")


@check("NN009")
def reference_case(doc, ctx, rule):
    """Viện dẫn: "Điều", "Chương", "Phần" capitalised; "khoản", "điểm" lower case (NĐ 30 PL II V.7)."""
    def gen():
        for bt in _blocks(doc, ctx):
            t = bt.text
            if t.isupper():
                continue
            for rx, fix in ((_REF_LOWER, str.capitalize), (_REF_CHUONG, str.capitalize)):
                for m in rx.finditer(t):
                    if bt.in_quote(m.start()):
                        continue
                    word = m.group(1)
                    sugg = fix(word) + t[m.end(1):m.end()]
                    yield rule.finding(ctx, block=bt.index, start=m.start(), end=m.end(), found=m.group(),
                                       expected=sugg, suggestion=sugg)
            for m in _REF_UPPER.finditer(t):
                if bt.in_quote(m.start()) or sentence_start(t, m.start()):
                    continue
                sugg = m.group(1).lower() + t[m.end(1):m.end()].rstrip()
                sugg = re.sub(r"\bKhoản\b", "khoản", sugg)
                sugg = re.sub(r"\bđiều\b", "Điều", sugg)
                yield rule.finding(ctx, block=bt.index, start=m.start(), end=m.end() - 1,
                                   found=m.group().rstrip(), expected=sugg, suggestion=sugg)
    yield from _capped(gen())


# -- NN010 / NN011 capitalisation of names (gazetteers) ------------------------------------------

def _gazetteer_matches(doc, ctx):
    key = "language.gazetteer"
    if key not in ctx.cache:
        from ..nlp.pipeline import gazetteer
        gz = gazetteer()
        out = []
        for bt in _blocks(doc, ctx):
            t = bt.text
            if t.isupper() or not any(c.isalpha() for c in t):
                continue
            for m in gz.matches(t):
                out.append((bt, m))
        ctx.cache[key] = out
    return ctx.cache[key]


def _words_case_differs(found: str, canonical: str, *, skip_first: bool) -> bool:
    fw, cw = found.split(), canonical.split()
    if len(fw) != len(cw):
        return found != canonical
    for i, (a, b) in enumerate(zip(fw, cw)):
        if i == 0 and skip_first:
            continue
        if a[:1].isupper() != b[:1].isupper():
            return True
    return False


@check("NN010")
def admin_unit_case(doc, ctx, rule):
    """Administrative units: the generic noun in lower case, the proper name capitalised
    ("tỉnh Bình Dương", not "tỉnh bình dương" or, mid-sentence, "Tỉnh Bình Dương"); the special
    names "Thủ đô Hà Nội", "Thành phố Hồ Chí Minh" (NĐ 30 PL II III.1)."""
    from ..nlp.pipeline import UNIT_WORDS
    def gen():
        for bt, m in _gazetteer_matches(doc, ctx):
            if m.label != "ADMIN" or bt.in_quote(m.start) or m.text.isupper():
                continue
            found, canon = m.text, m.canonical
            if canon[:1].isupper():
                continue   # a special name ("Thành phố Hồ Chí Minh"): judged by NN011
            unit = next(u for u in sorted(UNIT_WORDS, key=len, reverse=True) if canon.lower().startswith(u))
            n_unit = len(unit.split())
            f_name, c_name = " ".join(found.split()[n_unit:]), " ".join(canon.split()[n_unit:])
            if any(ch.isdigit() for ch in c_name):
                continue
            problem = None
            if _words_case_differs(f_name, c_name, skip_first=False):
                problem = "name"
            elif (found[:1].isupper() and unit in ("tỉnh", "thành phố")
                  and not sentence_start(bt.text, m.start) and _is_province(canon)):
                problem = "generic"
            if not problem:
                continue
            head = found.split()[:n_unit]
            if problem == "generic":
                head = [w.lower() for w in head]
            sugg = " ".join(head + c_name.split())
            yield rule.finding(ctx, block=bt.index, start=m.start, end=m.end, found=found,
                               expected=sugg, suggestion=sugg)
    yield from _capped(gen())


def _is_province(canonical: str) -> bool:
    from ..nlp.pipeline import province_phrases
    return canonical.lower() in province_phrases()


@check("NN011")
def agency_case(doc, ctx, rule):
    """Names of agencies and titles: the first letter of the words naming the kind of body and its
    field capitalised, the rest lower case ("Bộ Tài chính", "Thủ tướng Chính phủ";
    NĐ 30 PL II IV and V.3)."""
    def gen():
        for bt, m in _gazetteer_matches(doc, ctx):
            if m.label not in ("AGENCY", "TITLE") or bt.in_quote(m.start) or m.text.isupper():
                continue
            if not _words_case_differs(m.text, m.canonical, skip_first=False):
                continue
            if len(m.text.split()) == 1:
                continue
            if m.text[:1].isupper() != m.canonical[:1].isupper() and sentence_start(bt.text, m.start):
                continue
            yield rule.finding(ctx, block=bt.index, start=m.start, end=m.end, found=m.text,
                               expected=m.canonical, suggestion=m.canonical)
    yield from _capped(gen())


# -- NN012 dates ------------------------------------------------------------------------------

_DATE_CAPS = re.compile(r"(?<![^\W\d_])([Nn]gày)\s+\d{1,2}\s+(tháng|Tháng|THÁNG)\s+\d{1,2}\s+(năm|Năm|NĂM)\s+\d{4}")


@check("NN012")
def date_case(doc, ctx, rule):
    """"ngày … tháng … năm …" in lower case: "Tháng"/"Năm" capitalised inside a date."""
    def gen():
        for bt in _blocks(doc, ctx):
            if bt.text.isupper():
                continue
            for m in _DATE_CAPS.finditer(bt.text):
                if m.group(2) == "tháng" and m.group(3) == "năm":
                    continue
                sugg = re.sub(r"(Tháng|THÁNG)", "tháng", m.group())
                sugg = re.sub(r"(Năm|NĂM)", "năm", sugg)
                yield rule.finding(ctx, block=bt.index, start=m.start(), end=m.end(), found=m.group(),
                                   expected=sugg, suggestion=sugg)
    yield from _capped(gen())


# -- NN013 abbreviations used before their definition ---------------------------------------------

_ABBR = r"[A-ZĐ][A-ZĐ0-9&]*[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9]+)*"
_DEF_PAREN = re.compile(r"[^\W\d_]{2,}\s*\((?:sau đây (?:gọi|viết) tắt là\s*|gọi tắt là\s*|viết tắt là\s*)?[“\"]?(" + _ABBR + r")[”\"]?\)")
_DEF_WORDS = re.compile(r"(?:gọi|viết) tắt (?:là|:)\s*[“\"]?(" + _ABBR + r")[”\"]?")
_ABBR_USE = re.compile(r"(?<![\w/\-.])(" + _ABBR + r")(?![\w/\-])")


@check("NN013")
def abbreviation_before_definition(doc, ctx, rule):
    """An abbreviation used before the place where the text spells it out (ND 78 Điều 60.4:
    "phải ghi đầy đủ từ ngữ đó tại lần xuất hiện đầu tiên"). Standard abbreviations are excepted."""
    standard = set(rule.params.get("standard", ()))
    defined_at: dict[str, tuple[int, int]] = {}
    blocks = list(_blocks(doc, ctx))
    for bt in blocks:
        for rx in (_DEF_PAREN, _DEF_WORDS):
            for m in rx.finditer(bt.text):
                ab = m.group(1)
                if len(ab) >= 2 and ab not in defined_at:
                    defined_at[ab] = (bt.index, m.start(1))
    if not defined_at:
        return
    reported = set()
    for bt in blocks:
        if bt.text.isupper():
            continue
        for m in _ABBR_USE.finditer(bt.text):
            ab = m.group(1)
            if ab in reported or ab in standard or ab not in defined_at:
                continue
            if (bt.index, m.start()) >= defined_at[ab]:
                reported.add(ab)   # first use is the definition or after it
                continue
            reported.add(ab)
            yield rule.finding(ctx, block=bt.index, start=m.start(), end=m.end(), found=ab,
                               expected=None, defined_block=defined_at[ab][0])


# -- NN014 doubled words ------------------------------------------------------------------------

_DOUBLE = re.compile(r"(?<![^\W\d_])([^\W\d_]+) (\1)(?![^\W\d_])", re.IGNORECASE)


@check("NN014")
def doubled_word(doc, ctx, rule):
    """The same word twice in a row ("của của"), except real reduplications ("dần dần", "song song")."""
    allowed = set(rule.params.get("reduplications", ()))
    def gen():
        for bt in _blocks(doc, ctx):
            for m in _DOUBLE.finditer(bt.text):
                w = m.group(1)
                if w.lower() in allowed or m.group(1) != m.group(2) and not m.group(2).islower():
                    continue
                if len(w) == 1 or w.isupper() and not has_vietnamese_marks(w) and len(w) <= 3:
                    continue   # "a a", "IV IV" in tables, abbreviations
                yield rule.finding(ctx, block=bt.index, start=m.start(), end=m.end(), found=m.group(),
                                   expected=w, suggestion=w)
    yield from _capped(gen())


# -- NN015 spacing around punctuation ------------------------------------------------------------

_SPACE_BEFORE = re.compile(r"(?<=[^\W_])( +)([,;])(?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"(?<=[^\W\d_])([,;])(?=[^\W\d_]{2})")
_PAREN_INSIDE = re.compile(r"\(( +)(?=\S)|(?<=\S)( +)\)")


@check("NN015")
def punctuation_spacing(doc, ctx, rule):
    """A space before "," or ";", none after them, or spaces inside parentheses."""
    def gen():
        for bt in _blocks(doc, ctx):
            t = bt.text
            for m in _SPACE_BEFORE.finditer(t):
                yield rule.finding(ctx, block=bt.index, start=m.start(), end=m.end(),
                                   found=t[max(0, m.start() - 12):m.end() + 1].strip(),
                                   expected=f"{m.group(2)} ", suggestion=m.group(2))
            for m in _NO_SPACE_AFTER.finditer(t):
                if re.search(r"(https?://|www\.|@)\S*$", t[:m.start()]):
                    continue
                yield rule.finding(ctx, block=bt.index, start=m.start(), end=m.end(),
                                   found=t[max(0, m.start() - 12):m.end() + 12].strip(),
                                   expected=f"{m.group(1)} ", suggestion=f"{m.group(1)} ")
            for m in _PAREN_INSIDE.finditer(t):
                yield rule.finding(ctx, block=bt.index, start=m.start(), end=m.end(),
                                   found=t[max(0, m.start() - 12):m.end() + 12].strip(),
                                   expected="(…)", suggestion=None)
    yield from _capped(gen())


# -- NN016 stray spaces inside numbers and symbols -----------------------------------------------

_NUM_SPACES = re.compile(
    r"(?<![\w/])\d{1,5}(?:\s+/\s*|/\s+)(?:(?:19|20)\d{2}\s*/\s*)?[A-ZĐ][A-Za-zĐđ]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9]*)*"
    r"|(?<![\w/])\d{1,5}/(?:19|20)\d{2}(?:\s+/\s*|/\s+)[A-ZĐ][A-Za-zĐđ]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9]*)*"
    r"|(?<![\w/])\d{1,5}/(?:(?:19|20)\d{2}/)?[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*(?:\s+-\s*|-\s+)[A-ZĐ][A-Za-zĐđ0-9]*"
    r"|(?<![\w/])(?:0?[1-9]|[12]\d|3[01])(?:\s+/\s*|/\s+)(?:0?[1-9]|1[0-2])\s*/\s*(?:19|20)\d{2}(?!\d)"
    r"|(?<![\w/])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?:\s+/\s*|/\s+)(?:19|20)\d{2}(?!\d)")


@check("NN016")
def number_spaces(doc, ctx, rule):
    """Spaces inside a số ký hiệu or a date ("1732 /QĐ-UBND", "8376 /VBHN-BTP", "22 /11/2019")."""
    def gen():
        for bt in _blocks(doc, ctx):
            for m in _NUM_SPACES.finditer(bt.text):
                found = m.group()
                sugg = re.sub(r"\s+", "", found)
                if not re.search(r"[A-ZĐ]", found) and "/" not in found:
                    continue
                yield rule.finding(ctx, block=bt.index, start=m.start(), end=m.end(), found=found,
                                   expected=sugg, suggestion=sugg)
    yield from _capped(gen())
