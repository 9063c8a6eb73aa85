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
from ..nlp.syllable import analyse, has_vietnamese_marks, restyle, strip_marks, tone_style
from ..nlp.text import matches_at as _matches_at, QUOC_HIEU_RE, document_text, is_vietnamese_token, sentence_start

MAX_PER_RULE = 50   # a document full of one defect gets a readable report, not thousands of lines


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


def _regex_hits(dt, rx, needles=None):
    """(block, text, match) of a regex over the non-legacy blocks; `needles` (substrings) skip
    blocks that cannot match (a C-level test, much faster than the regex)."""
    for i, t, low in (dt.blocks_with(needles) if needles else dt.blocks()):
        for m in rx.finditer(t):
            yield i, t, m


def _neighbours(low: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The letter-only words right before and after [start, end), when separated by one space."""
    left = right = None
    if start >= 2 and low[start - 1] == " ":
        m = re.search(r"([^\W\d_]+)$", low[:start - 1])
        if m:
            left = m.group(1)
    if end + 1 < len(low) and low[end] == " ":
        m = re.match(r"[^\W\d_]+", low[end + 1:])
        if m:
            right = m.group()
    return left, right


# -- NN001 invalid syllables --------------------------------------------------------------------

@check("NN001")
def invalid_syllable(doc, ctx, rule):
    """A word with Vietnamese marks that is not a possible Vietnamese syllable ("đươc", "ngưòi")."""
    from ..nlp.lexicon import lexicon
    dt = document_text(doc, ctx.cache)
    lex = lexicon()
    known = lex.known_valid()
    min_known = rule.params.get("known_min_count", 3)
    suspects = []
    for w in dt.words() - known:
        if not w or w.isascii() or not w.isalpha() or not is_vietnamese_token(w):
            continue
        if any(c in normalize.HOMOGLYPHS for c in w) or analyse(w) is not None:
            continue
        if lex.count(w) >= min_known:
            continue   # attested in the official corpus: a name or a loanword, not a typo
        suspects.append(w)
    def gen():
        for w in sorted(suspects):
            glued = _split_glued(lex, w)
            fix = glued or _repair(lex, w)
            if not fix:
                continue   # no known word with these letters: a loanword or a name (vectơ, ôxit, kêpi)
            for block, text, s, e in dt.occurrences(w):
                found = text[s:e]
                if not found.islower() and not (found.istitle() and sentence_start(text, s)
                                                and _common_fix(lex, fix, w)):
                    continue   # capitalised: names of places and people (Krông, Ea Drăng); caps: TSCĐ
                if "\u00ad" in text[max(0, s - 1):e + 1]:
                    continue   # a TCVN3 residue, reported by NN007 with its fix
                if _foreign_block(text):
                    continue   # an English or French passage (translations on vbpl.vn)
                if glued:
                    sugg = _case_like(found, glued)
                else:
                    left, right = _neighbours(text.lower(), s, e)
                    sugg = _best_variant(lex, w, left, right) or (fix if isinstance(fix, str) else None)
                    sugg = _case_like(found, sugg) if sugg else None
                yield rule.finding(ctx, block=block, start=s, end=e, found=found, expected=sugg,
                                   suggestion=sugg)
    yield from _capped(gen())


def _split_glued(lex, w: str) -> str | None:
    """"thiếtbị" -> "thiết bị": two valid syllables written without the space, when the pair is
    frequent in the corpus."""
    best = None
    for k in range(1, len(w)):
        a, b = w[:k], w[k:]
        if analyse(a) and analyse(b):
            n = lex.pair(a, b)
            # a frequent pair, or a known syllable glued to a very common word ("trácdân")
            if (n >= 20 or (lex.count(a) >= 3 and lex.count(b) >= 5000)) and (best is None or n > best[1]):
                best = (f"{a} {b}", n)
    return best[0] if best else None


def _common_fix(lex, fix, w: str) -> bool:
    """A sentence-initial capitalised word is judged only when its fix is a very common word
    ("Nguời" -> "Người"), so that names opening a list item stay alone."""
    if isinstance(fix, str):
        return all(lex.count(x) >= 1000 for x in fix.split())
    return any(lex.count(v) >= 1000 and analyse(v) for v in lex.variants(w))


def _repair(lex, w: str):
    """A known valid word with the same letters and other marks ("nghịêp" -> True: "nghiệp"
    exists), or the word without a doubled last letter ("nghiệpp" -> "nghiệp")."""
    if any(analyse(v) for v in lex.variants(w)):
        return True
    if len(w) > 2 and strip_marks(w[-1]) == strip_marks(w[-2]):   # "nghiệpp", "chỉi"
        for cand in (w[:-1], w[:-2] + w[-1]):
            if analyse(cand) and lex.count(cand) >= 20:
                return cand
    for wrong, right in (("ng", "ngh"), ("g", "gh"), ("c", "k")):   # "ngề" -> "nghề"
        if w.startswith(wrong) and not w.startswith(right):
            cand = right + w[len(wrong):]
            if analyse(cand) and lex.count(cand) >= 20:
                return cand
    return None


def _foreign_block(text: str) -> bool:
    """Mostly ASCII words: an English (or French) passage, not Vietnamese."""
    words = text.split()
    if len(words) < 4:
        return False
    marked = sum(1 for x in words if not x.isascii())
    return marked / len(words) < 0.15


def _best_variant(lex, w: str, left: str | None, right: str | None) -> str | None:
    """The known valid syllable with the same letters that fits the neighbours best."""
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
    return best


# -- NN002 curated confusions -------------------------------------------------------------------

@check("NN002")
def curated_confusion(doc, ctx, rule):
    """A known wrong spelling of a legal term ("khen thường" → "khen thưởng", "ra soát" → "rà soát")."""
    from ..nlp.lexicon import confusion_map, confusion_regex
    rx = confusion_regex()
    if rx is None:
        return
    dt = document_text(doc, ctx.cache)
    cmap = confusion_map()
    words, joined = dt.words(), dt.joined
    present = [c for c in cmap if all(w in words for w in c) and " ".join(c) in joined]
    if not present:
        return
    firsts = {c[0] for c in present}
    def gen():
        for i, t, low in dt.blocks_with(sorted(firsts), lower=True):
            for m in rx.finditer(t):
                c = cmap.get(tuple(m.group().lower().split()))
                if c is None:
                    continue
                sugg = _case_like(m.group(), c.right)
                yield rule.finding(ctx, block=i, start=m.start(), end=m.end(), found=m.group(),
                                   expected=sugg, suggestion=sugg, note=c.note)
    yield from _capped(gen())


# NN003 (statistical "valid syllables, unlikely word") was measured at 27 % precision on the hand
# review (docs/language.md) and withdrawn: the corpus bigrams are too sparse to tell "cự ly" from
# "cự lý". Wrong words made of valid syllables are reported from the curated list (NN002).


# -- NN004 tone-mark style ----------------------------------------------------------------------

_STYLE_CANDIDATE = re.compile("[òóỏõọùúủũụ][aey]|o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ]")


@check("NN004")
def tone_style_mixed(doc, ctx, rule):
    """oa/oe/uy with the mark on the first vowel ("hòa", "thủy") and on the second ("hoà", "thuỷ")
    in one document; or, when Config.tone_style is set, any word not in that style."""
    dt = document_text(doc, ctx.cache)
    wanted = ctx.config.tone_style
    cands = {w: tone_style(w) for w in dt.words() if _STYLE_CANDIDATE.search(w)}
    cands = {w: st for w, st in cands.items() if st}
    if not cands:
        return
    seen = []
    for w in sorted(cands):
        for block, text, s, e in dt.occurrences(w):
            found = text[s:e]
            if not found.islower() or QUOC_HIEU_RE.match(text) or dt.in_quote(block, text, s):
                continue   # names keep their official spelling; the Quốc hiệu is written both ways
            seen.append((block, s, e, found, cands[w]))
    counts = {"old": sum(1 for x in seen if x[4] == "old"), "new": sum(1 for x in seen if x[4] == "new")}
    if wanted:
        target = wanted
    elif counts["old"] and counts["new"]:
        target = "old" if counts["old"] >= counts["new"] else "new"
    else:
        return
    label = {"old": "cũ (hòa, thủy)", "new": "mới (hoà, thuỷ)"}
    seen.sort()
    def gen():
        for block, s, e, found, style in seen:
            if style == target:
                continue
            sugg = restyle(found, target)
            yield rule.finding(ctx, block=block, start=s, end=e, found=found, expected=sugg,
                               suggestion=sugg, style=label[target], old=counts["old"], new=counts["new"])
    yield from _capped(gen())


# -- NN005 look-alike characters ----------------------------------------------------------------

_HOMOGLYPH_RE = re.compile("[" + "".join(normalize.HOMOGLYPHS) + "]")


@check("NN005")
def homoglyph(doc, ctx, rule):
    """Cyrillic/Greek letters that look Latin, and Ð (U+00D0) for Đ, inside words and numbers."""
    dt = document_text(doc, ctx.cache)
    def gen():
        for i, t, _ in dt.blocks_with(pattern=_HOMOGLYPH_RE):
            for h in normalize.homoglyphs(t):
                yield rule.finding(ctx, block=i, start=h.start, end=h.end, found=h.found,
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
    dt = document_text(doc, ctx.cache)
    def gen():
        for i, t, _ in dt.blocks_with(pattern=normalize.INVISIBLE_RE):
            hits = normalize.invisible_chars(t)
            h = hits[0]
            names = sorted({x.detail for x in hits})
            word_m = next((m for m in re.finditer(r"\S+", t) if m.start() <= h.start < m.end()), None)
            found = word_m.group() if word_m else h.found
            sugg = normalize.strip_invisible(found) if word_m else ""
            if word_m and h.found == "\u00ad":
                sugg = _soft_hyphen_fix(lexicon(), found) or sugg
            yield rule.finding(ctx, block=i, start=h.start, end=h.end, found=repr(found)[1:-1],
                               expected=sugg or None, suggestion=sugg or None, count=len(hits),
                               chars=", ".join(names))
    yield from _capped(gen())


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
    dt = document_text(doc, ctx.cache)
    def gen():
        for i, t in zip(dt.index, dt.text):
            if i not in dt.legacy:
                continue
            enc, converted = dt.legacy[i]
            name = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}[enc]
            yield rule.finding(ctx, block=i, found=t[:120], expected=converted[:120], suggestion=converted,
                               encoding=name)
    yield from _capped(gen())


# -- NN009 capitalisation in references ----------------------------------------------------------

# "các điều 3, 4 và 5" (plural lists) are written in lower case by the laws themselves: not reported.
_REF_LOWER = re.compile(r"(?<![^\W\d_])(?<!các )(?<!những )(?<!Các )(điều)\s+(\d+[a-zđ]?)(?![^\s.,;:)\]])")
_REF_CHUONG = re.compile(r"(?<![^\W\d_])(?<!các )(chương)\s+([IVXLC]+)(?![\w])")
_REF_UPPER = re.compile(r"(?<![^\W\d_])(Khoản|Điểm)\s+(\d+[a-zđ]?|[a-zđ]\d*)\s+(?:(?:và|,)\s*(?:\d+|[a-zđ]\d*)\s+)*(khoản|Khoản|Điều|điều)\s")


@check("NN009")
def reference_case(doc, ctx, rule):
    """Viện dẫn: "Điều", "Chương" capitalised; "khoản", "điểm" lower case (NĐ 30 PL II V.7).

    Not judged, as NN011 (issue #12): texts of the Quốc hội/UBTVQH and their VBHN, which follow their own
    drafting rules ("các điều 189, 193" in a Bộ luật). A VBHN of another body is judged: the blind language
    review judged "Khoản 2 Điều …" in consolidated Công báo texts TRUE (the rule is as old as TT 01/2011)."""
    from ..parse.kinds import form_block_ranges, in_ranges, is_parliament_text
    if is_parliament_text(doc):
        return
    dt = document_text(doc, ctx.cache)
    forms = form_block_ranges(doc)     # a sample contract's own wording is not the document's
    def gen():
        for i, t, low in dt.blocks_with(("điều ", "chương "), lower=True):
            if "điều " not in low and "chương " not in low or in_ranges(i, forms):
                continue
            if t.isupper():
                continue
            if "điều " in t or "chương " in t:
                for rx in (_REF_LOWER, _REF_CHUONG):
                    for m in rx.finditer(t):
                        if dt.in_quote(i, t, m.start()):
                            continue
                        sugg = m.group(1).capitalize() + t[m.end(1):m.end()]
                        yield rule.finding(ctx, block=i, start=m.start(), end=m.end(), found=m.group(),
                                           expected=sugg, suggestion=sugg)
            if "Khoản " in t or "Điểm " in t:
                for m in _REF_UPPER.finditer(t):
                    if dt.in_quote(i, t, m.start()) or sentence_start(t, m.start()):
                        continue
                    sugg = m.group(1).lower() + t[m.end(1):m.end()].rstrip()
                    sugg = re.sub(r"\bKhoản\b", "khoản", sugg)
                    sugg = re.sub(r"\bđiều\b", "Điều", sugg)
                    yield rule.finding(ctx, block=i, start=m.start(), end=m.end() - 1,
                                       found=m.group().rstrip(), expected=sugg, suggestion=sugg)
    yield from _capped(gen())


# -- NN010 / NN011 capitalisation of names (gazetteers) ------------------------------------------

def _gazetteer_matches(doc, ctx):
    """Gazetteer matches whose capitals differ from every accepted spelling.

    Stage 1 (cheap): a gazetteer phrase whose words all occur in the document and whose lower-case
    form occurs in a block whose text does not contain it with canonical capitals.
    Stage 2: the spaCy PhraseMatcher on those blocks only gives token-aligned matches."""
    key = "language.gazetteer"
    if key in ctx.cache:
        return ctx.cache[key]
    from ..nlp.pipeline import gazetteer
    dt = document_text(doc, ctx.cache)
    gz = gazetteer()
    words = dt.words()
    joined = dt.joined
    by_first = gz.by_first_word
    phrases = [ph for first in words & by_first.keys() for ph in by_first[first]
               if all(w in words for w in gz.words_of[ph]) and ph in joined]
    out = []
    blocks = set()
    checked = set()   # _suspicious looks at every place of the phrase in the block: once per block
    for ph in phrases:
        for i, t, s, e in dt.occurrences(ph):
            if i in blocks or (i, ph) in checked:
                continue
            checked.add((i, ph))
            if not t.isupper() and _suspicious(t, t.lower(), ph, gz):
                blocks.add(i)
    for i, t in zip(dt.index, dt.text):
        if i in blocks:
            out.extend((i, t, m) for m in gz.matches(t))
    ctx.cache[key] = out
    return out


def _suspicious(t: str, low: str, ph: str, gz) -> bool:
    """An occurrence of the phrase written with other capitals than every accepted form, whose
    first word is capitalised as in the name (so "cán bộ công an" is not a candidate)."""
    first = gz.canonical[ph].split()[0]
    exact = gz.exact_forms[ph]
    pos = low.find(ph)
    while pos >= 0:
        written = t[pos:pos + len(ph)]
        if written.startswith(first) and written not in exact:
            return True
        if ph.startswith(("tỉnh ", "thành phố ")) and written[:1].isupper() and written not in exact:
            return True   # NN010: "Tỉnh Bình Dương" mid-sentence
        pos = low.find(ph, pos + 1)
    return False


def _words_case_differs(found: str, canonical: str) -> bool:
    fw, cw = found.split(), canonical.split()
    if len(fw) != len(cw):
        return found != canonical
    return any(a[:1].isupper() != b[:1].isupper() for a, b in zip(fw, cw))


@check("NN010")
def admin_unit_case(doc, ctx, rule):
    """Administrative units: the generic noun in lower case, the proper name capitalised
    ("tỉnh Bình Dương", not "tỉnh bình dương" or, mid-sentence, "Tỉnh Bình Dương"); the special
    names "Thủ đô Hà Nội", "Thành phố Hồ Chí Minh" (NĐ 30 PL II III.1)."""
    from ..nlp.pipeline import UNIT_WORDS
    dt = document_text(doc, ctx.cache)
    def gen():
        for i, t, m in _gazetteer_matches(doc, ctx):
            if m.label != "ADMIN" or dt.in_quote(i, t, m.start) or m.text.isupper():
                continue
            found, canon = m.text, m.canonical
            if canon[:1].isupper():
                continue   # a special name ("Thành phố Hồ Chí Minh"): judged by NN011
            unit = next(u for u in sorted(UNIT_WORDS, key=len, reverse=True) if canon.lower().startswith(u))
            n_unit = len(unit.split())
            f_name, c_name = " ".join(found.split()[n_unit:]), " ".join(canon.split()[n_unit:])
            problem = None
            if _words_case_differs(f_name, c_name):
                problem = "name"
            elif found[:1].isupper() and not sentence_start(t, m.start):
                problem = "generic"
            if not problem:
                continue
            head = found.split()[:n_unit]
            if problem == "generic":
                head = [w.lower() for w in head]
            sugg = " ".join(head + c_name.split())
            yield rule.finding(ctx, block=i, start=m.start, end=m.end, found=found, expected=sugg,
                               suggestion=sugg)
    yield from _capped(gen())


_LENIENT = re.compile(r"\b(nhà nước|nhân dân)\b", re.IGNORECASE)


def _name_case_wrong(found: str, canonical: str) -> bool:
    """Case differs from the canonical name and from its accepted variants. "Nhà nước" and
    "Nhân dân" may be capitalised or not (PL II V.1 capitalises them; ND 78/187 only as proper
    nouns)."""
    from ..nlp.pipeline import gazetteer
    variants = gazetteer().variants.get(canonical.lower(), (canonical,))
    f = _LENIENT.sub(lambda m: m.group().lower(), found)
    return all(f != _LENIENT.sub(lambda m: m.group().lower(), v) for v in variants)


def _in_citation(doc, ctx, block: int, start: int, end: int) -> bool:
    """Inside the text of a cited document ("Nghị quyết số 1211/2016/UBTVQH13 … của Ủy ban thường vụ
    Quốc hội"): the issuer's name as the cited text wrote it in its time, not the drafter's wording."""
    from .legal_basis import citations
    return any(c.span.block == block and c.span.start <= start and (c.span.end is None or end <= c.span.end)
               for c in citations(doc, ctx))


@check("NN011")
def agency_case(doc, ctx, rule):
    """Names of agencies and titles: the first letter of the words naming the kind of body and its
    field capitalised, the rest lower case ("Bộ Tài chính", "Thủ tướng Chính phủ";
    NĐ 30 PL II IV and V.3).

    Not judged (issue #12): texts of the Quốc hội/UBTVQH/Chủ tịch nước and the Constitution, which follow
    their own thể thức (NQ 351/2017) and the official names of their era ("Ủy ban thường vụ Quốc hội",
    "Hội đồng dân tộc" in Hiến pháp 2013); consolidated texts (VBHN), which reproduce the wording of
    the texts they consolidate; and names inside the citation of another document."""
    from ..parse.kinds import form_block_ranges, in_ranges, is_consolidated, is_parliament_text
    if is_parliament_text(doc) or is_consolidated(doc):
        return
    dt = document_text(doc, ctx.cache)
    historical = set(rule.params.get("historical_official_names", ()))
    forms = form_block_ranges(doc)     # sample forms: the wording of whoever fills them in
    def gen():
        for i, t, m in _gazetteer_matches(doc, ctx):
            if m.label not in ("AGENCY", "TITLE") or dt.in_quote(i, t, m.start) or m.text.isupper():
                continue
            if in_ranges(i, forms):
                continue
            if m.text in historical and _in_citation(doc, ctx, i, m.start, m.end):
                continue
            if len(m.text.split()) == 1 or m.text.split()[0] != m.canonical.split()[0]:
                continue   # "cán bộ Công an", "cơ sở y tế", "phi chính phủ": not the name
            if not _name_case_wrong(m.text, m.canonical):
                continue
            yield rule.finding(ctx, block=i, start=m.start, end=m.end, found=m.text,
                               expected=m.canonical, suggestion=m.canonical)
    yield from _capped(gen())


# -- NN012 dates ------------------------------------------------------------------------------

_DATE_CAPS = re.compile(r"(?<![^\W\d_])([Nn]gày)\s+\d{1,2}\s+(tháng|Tháng|THÁNG)\s+\d{1,2}\s+(năm|Năm|NĂM)\s+\d{4}")


@check("NN012")
def date_case(doc, ctx, rule):
    """"ngày … tháng … năm …" in lower case: "Tháng"/"Năm" capitalised inside a date."""
    dt = document_text(doc, ctx.cache)
    def gen():
        for i, t, m in _regex_hits(dt, _DATE_CAPS, ("Tháng", "Năm", "THÁNG", "NĂM")):
            if t.isupper() or (m.group(2) == "tháng" and m.group(3) == "năm"):
                continue
            sugg = re.sub(r"(Tháng|THÁNG)", "tháng", m.group())
            sugg = re.sub(r"(Năm|NĂM)", "năm", sugg)
            yield rule.finding(ctx, block=i, start=m.start(), end=m.end(), found=m.group(),
                               expected=sugg, suggestion=sugg)
    yield from _capped(gen())


# -- NN013 abbreviations used before their definition ---------------------------------------------

_ABBR = r"[A-ZĐ][A-ZĐ0-9&]*[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9]+)*"
_DEF_PAREN = re.compile(r"[^\W\d_]{2,}\s*[(\[](?:sau đây (?:gọi|viết) tắt là\s*|gọi tắt là\s*|viết tắt là\s*)?[“\"]?(" + _ABBR + r")[”\"]?[)\]]")
_DEF_WORDS = re.compile(r"(?:(?:gọi|viết) tắt|ký hiệu) (?:là|:)\s*[“\"]?(" + _ABBR + r")[”\"]?")
_ROMAN = re.compile(r"[IVXLC]+")
_DEF_LEGEND = re.compile(r"^\s*(?:[-+•]|\d+[.)]|[a-zđ]\))?\s*(" + _ABBR + r")\s*(?::|=|là\b|–|-\s|\[|\()")
_ABBR_USE = re.compile(r"(?<![\w/\-.])(" + _ABBR + r")(?![\w/\-])")


_LETTER = re.compile(r"[^\W\d_]")


def _bracket_word_starts(text: str) -> list[int]:
    """The start of the word (≥ 2 letters) before each "(" or "[" (white space between): the only places
    where a match of _DEF_PAREN can start (sorted)."""
    out = []
    for q in sorted(_all_positions(text, "(") + _all_positions(text, "[")):
        e = q
        while e and text[e - 1].isspace():
            e -= 1
        r = e
        while r and _LETTER.match(text, r - 1):
            r -= 1
        if e - r >= 2:
            out.append(r)
    return out


def _all_positions(text: str, ch: str) -> list[int]:
    out = []
    i = text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


@check("NN013")
def abbreviation_before_definition(doc, ctx, rule):
    """An abbreviation used before the place where the text spells it out (ND 78 Điều 60.4:
    "phải ghi đầy đủ từ ngữ đó tại lần xuất hiện đầu tiên"). Standard abbreviations are excepted."""
    dt = document_text(doc, ctx.cache)
    standard = set(rule.params.get("standard", ()))
    defined_at: dict[str, tuple[int, int]] = {}
    for i, t, low in dt.blocks_with(("(", "tắt"), lower=True):   # ("(" in t: "(" in its lower case)
        for rx in (_DEF_PAREN, _DEF_WORDS):
            found = _matches_at(rx, t, _bracket_word_starts(t)) if rx is _DEF_PAREN else rx.finditer(t)
            for m in found:
                ab = m.group(1)
                if len(ab) >= 2 and ab not in defined_at and ab not in standard and not _ROMAN.fullmatch(ab):
                    defined_at[ab] = (i, m.start(1))
    legends = set()
    for i, t, _ in dt.blocks():
        m = _DEF_LEGEND.match(t)
        if m:
            legends.add(m.group(1))
    for ab in legends:
        defined_at.pop(ab, None)   # formula variables and legends ("CE = …", "GE: …") come after use
    if not defined_at:
        return
    joined = dt.joined_text
    for ab, (def_block, def_pos) in sorted(defined_at.items()):
        pos = joined.find(ab)
        while pos >= 0:
            end = pos + len(ab)
            before = joined[pos - 1] if pos else " "
            after = joined[end] if end < len(joined) else " "
            if not (before.isalnum() or before in "/-.") and not (after.isalnum() or after in "/-"):
                break
            pos = joined.find(ab, pos + 1)
        if pos < 0:
            continue
        block, text, off = dt.locate(pos)
        if (block, off) >= (def_block, def_pos) or text.isupper():
            continue   # first use is the definition or after it (or a heading in capitals)
        yield rule.finding(ctx, block=block, start=off, end=off + len(ab), found=ab, expected=None,
                           defined_block=def_block)


# -- NN014 doubled words ------------------------------------------------------------------------

_DOUBLE = re.compile(r"(?<![^\W\d_])([^\W\d_]+) (\1)(?![^\W\d_])", re.IGNORECASE)


@check("NN014")
def doubled_word(doc, ctx, rule):
    """The same word twice in a row ("của của"), except real reduplications ("dần dần", "song song")
    and the seam of two compounds ("hành vi vi phạm"), decided by word segmentation."""
    dt = document_text(doc, ctx.cache)
    allowed = set(rule.params.get("reduplications", ()))
    doubled = {w.strip(_PUNCT_CHARS) for w in dt.doubled()} - allowed
    from ..nlp.lexicon import lexicon
    lex = lexicon()
    # a doubled pair frequent in the corpus is the seam of two compounds ("hành vi vi phạm")
    doubled = {w for w in doubled if len(w) > 1 and w.isalpha() and lex.pair(w, w) < 20}
    if not doubled:
        return
    def gen():
        for i, t, low in dt.blocks_with(sorted(f"{w} {w}" for w in doubled), lower=True):
            for m in _DOUBLE.finditer(t):
                w = m.group(1)
                if w.lower() not in doubled or (m.group(1) != m.group(2) and not m.group(2).islower()):
                    continue
                if w.isupper() and not has_vietnamese_marks(w) and len(w) <= 3:
                    continue   # "IV IV" in tables, abbreviations
                if m.group(1) != m.group(2) and w.isascii():
                    continue   # "Gallus gallus": a Latin binomial, not a repetition
                if _compound_seam(lex, t, m.start(1), m.end(2), w.lower()):
                    continue   # "chữa bệnh bệnh nghề nghiệp", "tàu bay bay vào"
                if not _doubled_as_words(t, m.start(1), m.end(2), w):
                    continue   # "hành vi vi phạm" = "hành vi" + "vi phạm": two words, no repetition
                yield rule.finding(ctx, block=i, start=m.start(), end=m.end(), found=m.group(),
                                   expected=w, suggestion=w)
    yield from _capped(gen())


_FUNCTION_WORDS = frozenset(
    "của các và được có là trong theo với để cho tại từ không phải này những một đã sẽ đang thì mà "
    "về trên dưới do bị hoặc nhưng như khi nếu đến ra vào lại cũng còn rằng nên sau trước".split())


def _compound_seam(lex, text: str, start: int, end: int, w: str) -> bool:
    """A content word shared by two compounds: the left word + w is a strong compound, or both
    the left and the right pairs are common in the corpus (function words never form such seams)."""
    if w in _FUNCTION_WORDS:
        return False
    left, right = _neighbours(text.lower(), start, end)
    if left and lex.pair(left, w) >= 100:
        return True   # "tàu bay bay": a strong compound on the left takes the first copy
    return bool(left and right and lex.pair(left, w) >= 10 and lex.pair(w, right) >= 10)


_PUNCT_CHARS = ".,;:!?()[]{}“”\"'‘’«»…–—-/\\*•+=<>|%"


def _doubled_as_words(text: str, start: int, end: int, w: str) -> bool:
    """Word boundaries decide: underthesea on a window of ±40 characters must give the word twice
    in a row (a repeated syllable is usually the seam of two compounds)."""
    from ..nlp.segmentation import words
    a = text.rfind(" ", 0, max(0, start - 40)) + 1
    b = text.find(" ", end + 40)
    seg = [x.lower() for x in words(text[a:b if b > 0 else len(text)])]
    lw = w.lower()
    return any(seg[k] == lw and seg[k + 1] == lw for k in range(len(seg) - 1))


# -- NN015 spacing around punctuation ------------------------------------------------------------

_SPACE_BEFORE = re.compile(r"(?<=[^\W_])( +)([,;])(?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"(?<=[^\W\d_])([,;])(?=[^\W\d_]{2})")
_PAREN_INSIDE = re.compile(r"\(( +)(?=\S)|(?<=\S)( +)\)")
_NO_SPACE_QUICK = re.compile(r"[,;][^\s\d]")


@check("NN015")
def punctuation_spacing(doc, ctx, rule):
    """A space before "," or ";", none after them, or spaces inside parentheses."""
    dt = document_text(doc, ctx.cache)
    def gen():
        for i, t, _ in dt.blocks_with((" ,", " ;", "( ", " )"), _NO_SPACE_QUICK):
            if " ," in t or " ;" in t:
                for m in _SPACE_BEFORE.finditer(t):
                    yield rule.finding(ctx, block=i, start=m.start(), end=m.end(),
                                       found=t[max(0, m.start() - 12):m.end() + 1].strip(),
                                       expected=f"{m.group(2)} ", suggestion=m.group(2))
            if _NO_SPACE_QUICK.search(t):
                for m in _NO_SPACE_AFTER.finditer(t):
                    if re.search(r"(https?://|www\.|@)\S*$", t[:m.start()]):
                        continue
                    yield rule.finding(ctx, block=i, start=m.start(), end=m.end(),
                                       found=t[max(0, m.start() - 12):m.end() + 12].strip(),
                                       expected=f"{m.group(1)} ", suggestion=f"{m.group(1)} ")
            if "( " in t or " )" in t:
                for m in _PAREN_INSIDE.finditer(t):
                    if len(m.group(1) or m.group(2)) >= 3:
                        continue   # a blank to fill in "(Bằng chữ:     )" or "(     )"
                    yield rule.finding(ctx, block=i, start=m.start(), end=m.end(),
                                       found=t[max(0, m.start() - 12):m.end() + 12].strip(),
                                       expected="(…)", suggestion=None)
    yield from _capped(gen())


# -- NN016 stray spaces inside numbers and symbols -----------------------------------------------

_SYM = r"[A-ZĐ](?:[A-ZĐ0-9]|(?<=T)[gr]|(?<=Q)y)*(?![a-zà-ỹ])"
_NUM_SPACES = re.compile(
    r"(?<![\w/])\d{1,5}(?:\s+/\s*|/\s+)(?:(?:19|20)\d{2}\s*/\s*)?" + _SYM + r"(?:\s*-\s*" + _SYM + r")*"
    r"|(?<![\w/])\d{1,5}/(?:19|20)\d{2}(?:\s+/\s*|/\s+)" + _SYM + r"(?:\s*-\s*" + _SYM + r")*"
    r"|(?<![\w/])\d{1,5}/(?:(?:19|20)\d{2}/)?" + _SYM + r"(?:-" + _SYM + r")*(?:\s+-\s*|-\s+)" + _SYM
    + r"|(?<![\w/])(?:0?[1-9]|[12]\d|3[01])(?:\s+/\s*|/\s+)(?:0?[1-9]|1[0-2])\s*/\s*(?:19|20)\d{2}(?!\d)"
    r"|(?<![\w/])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?:\s+/\s*|/\s+)(?:19|20)\d{2}(?!\d)")


@check("NN016")
def number_spaces(doc, ctx, rule):
    """Spaces inside a số ký hiệu or a date ("1732 /QĐ-UBND", "8376 /VBHN-BTP", "22 /11/2019")."""
    dt = document_text(doc, ctx.cache)
    def gen():
        for i, t, _ in dt.blocks():
            if "/" not in t or not (" /" in t or "/ " in t or "- " in t or " -" in t):
                continue
            for m in _NUM_SPACES.finditer(t):
                found = m.group()
                sugg = re.sub(r"\s+", "", found)
                yield rule.finding(ctx, block=i, start=m.start(), end=m.end(), found=found,
                                   expected=sugg, suggestion=sugg)
    yield from _capped(gen())
