"""Language checks built on the word-level model of legal Vietnamese (rules NN100–NN106):
real-word errors, syllables missing from fixed phrases, and fixed forms (dates, số ký hiệu, type
words before a number, law names, doubled words).

The model (corpora/lexicon/lm_*.tsv.gz, tools/build_language_model.py) is loaded on first use.
Documented in docs/language.md ("Word-level model").
"""
from __future__ import annotations

import re
from itertools import chain, compress, count
from operator import eq

from ..engine import check
from ..nlp.text import matches_at as _matches_at, document_text, sentence_start

MAX_PER_RULE = 50


def _capped(gen, limit=MAX_PER_RULE):
    for i, f in enumerate(gen):
        if i >= limit:
            return
        yield f


def _hits(doc, ctx):
    """NN100/NN101 candidates of the document (computed once, shared by both rules)."""
    key = "language.model_hits"
    if key not in ctx.cache:
        from ..nlp.langmodel import model, scan
        dt = document_text(doc, ctx.cache)
        ctx.cache[key] = [h for h in scan(model(), [(i, t) for i, t, _ in dt.blocks()]) if h.sure]
    return ctx.cache[key]


_KIND_VI = {"tone": "dấu thanh", "diacritic": "dấu mũ/móc", "final": "phụ âm cuối", "onset": "phụ âm đầu",
            "letter": "thừa/thiếu một chữ cái", "common": "thừa/thiếu một chữ cái"}
_KIND_EN = {"tone": "tone mark", "diacritic": "vowel diacritic", "final": "final consonant",
            "onset": "initial consonant", "letter": "a letter dropped or added", "common": "a letter dropped or added"}


@check("NN100")
def real_word_error(doc, ctx, rule):
    """A real syllable that fits neither neighbour, where a syllable one edit away completes a
    frequent word of legal Vietnamese ("quy đinh" → "quy định", "Hàng hỏa" → "Hàng hóa")."""
    dt = document_text(doc, ctx.cache)
    def gen():
        for h in _hits(doc, ctx):
            if h.kind == "missing" or _quoted(dt, h.block, h.start):
                continue   # quoted wording (titles, terms) is reported by the curated rules only
            # two tiers of the fitted decision (lm_decision.json): warning at a high score, info below;
            # the catalogue caps NN100 to info (max_severity) until the warning tier is judged blind
            yield rule.finding(ctx, block=h.block, start=h.start, end=h.end, found=h.found,
                               expected=h.suggestion, suggestion=h.suggestion,
                               severity="warning" if h.warn else "info",
                               kind_vi=_KIND_VI[h.kind], kind_en=_KIND_EN[h.kind])
    yield from _capped(gen())


@check("NN101")
def missing_word(doc, ctx, rule):
    """A fixed phrase of legal drafting with one syllable missing ("Chịu trách trước pháp luật")."""
    def gen():
        for h in _hits(doc, ctx):
            if h.kind != "missing":
                continue
            yield rule.finding(ctx, block=h.block, start=h.start, end=h.end, found=h.found,
                               expected=h.suggestion, suggestion=h.suggestion)
    yield from _capped(gen())


def _quoted(dt, block: int, pos: int) -> bool:
    """Inside quotation marks that do not open the paragraph: a quoted title or term. A paragraph that
    opens with the quote ("“b) Đáp ứng …”") is the wording an amending text enacts — its own words."""
    text = _block_text(dt, block)
    return any(a < pos < b and text[:a].strip() for a, b in dt.quotes(block, text))


def _block_text(dt, block: int) -> str:
    for i, t, _ in dt.blocks():
        if i == block:
            return t
    return ""


def _joined_hits(dt, rx, needle_lower: tuple[str, ...] = (), starts_with=None):
    """(block, text, start, end, match) of a regex over the blocks joined by newlines (so that a
    pattern may run over a line break); the span is clipped to the block where the match starts.
    `starts_with`: lower-case words every match starts with (tried only there, see _matches)."""
    joined = dt.joined_text
    if needle_lower and not any(n in dt.joined for n in needle_lower):
        return
    for m in (_matches(rx, joined, dt.joined, starts_with) if starts_with else rx.finditer(joined)):
        block, text, off = dt.locate(m.start())
        end = min(len(text), off + (m.end() - m.start()))
        yield block, text, off, end, m


# -- NN102 dates with a repeated or wrong word -------------------------------------------------

_DATE_WORDS = re.compile(
    r"(?<![^\W\d_])([Nn]gày)(\s+)(0?[1-9]|[12]\d|3[01])(\s+)(tháng|ngày|năm)(\s+)(0?[1-9]|1[0-2])(\s+)"
    r"(tháng|ngày|năm)(\s+)((?:19|20)\d{2})(?!\d)")


@check("NN102")
def date_words(doc, ctx, rule):
    """"ngày 06 tháng 11 tháng 2025": each of ngày, tháng, năm once and in that order."""
    dt = document_text(doc, ctx.cache)
    def gen():
        for block, text, s, e, m in _joined_hits(dt, _DATE_WORDS, ("tháng",), {"ngày"}):
            if m.group(5) == "tháng" and m.group(9) == "năm":
                continue
            sugg = (f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(4)}tháng{m.group(6)}{m.group(7)}"
                    f"{m.group(8)}năm{m.group(10)}{m.group(11)}")
            sugg = re.sub(r"\s+", " ", sugg)
            yield rule.finding(ctx, block=block, start=s, end=e, found=re.sub(r"\s+", " ", m.group()),
                               expected=sugg, suggestion=sugg)
    yield from _capped(gen())


# -- NN103 số ký hiệu with a space or underscore for the hyphen ----------------------------------

_TYPES = ("NĐ", "QĐ", "TT", "TTLT", "NQ", "NQLT", "CT", "KH", "TB", "HD", "BC", "VBHN", "PL", "QC", "CV")
_ISSUER = r"(?:CP|TTg|[A-ZĐ]{2,}(?:-[A-ZĐ0-9]+)*)"
_NUMBER_NOHYPHEN = re.compile(
    r"(?<![\w/])(\d{1,5}/(?:(?:19|20)\d{2}/)?)(" + "|".join(_TYPES) + r")( +|_)(" + _ISSUER + r")(?![\w-])")


@check("NN103")
def number_without_hyphen(doc, ctx, rule):
    """"289/2025/NĐ CP", "54/2019/NĐ_CP": the type and the issuer of a số ký hiệu joined by a hyphen."""
    dt = document_text(doc, ctx.cache)
    def gen():
        for i, t, _ in dt.blocks():
            if "/" not in t:
                continue
            for m in _NUMBER_NOHYPHEN.finditer(t):
                if m.group(4) in ("VÀ", "VỀ") or (m.group(3).strip() == "" and m.group(4) in _TYPES):
                    continue
                sugg = f"{m.group(1)}{m.group(2)}-{m.group(4)}"
                yield rule.finding(ctx, block=i, start=m.start(), end=m.end(), found=m.group(),
                                   expected=sugg, suggestion=sugg)
    yield from _capped(gen())


# -- NN104 a misspelt type word before a number --------------------------------------------------

_TYPE_NAMES = {"NĐ": "Nghị định", "QĐ": "Quyết định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
               "NQ": "Nghị quyết", "NQLT": "Nghị quyết liên tịch", "CT": "Chỉ thị", "KH": "Kế hoạch",
               "TB": "Thông báo", "HD": "Hướng dẫn", "BC": "Báo cáo", "VBHN": "Văn bản hợp nhất"}
_TYPED_NUMBER = re.compile(
    r"(?<![^\W\d_])((?:[^\W\d_]+\s+){1,4}?)(số\s+)?\d{1,5}/(?:(?:19|20)\d{2}/)?("
    + "|".join(sorted(_TYPE_NAMES, key=len, reverse=True)) + r")-[A-ZĐ]")
# the tail of _TYPED_NUMBER alone: found by a plain scan, while _TYPED_NUMBER is tried at every word
_TYPED_NUMBER_TAIL = re.compile(r"\d/(?:(?:19|20)\d{2}/)?(?:" + "|".join(sorted(_TYPE_NAMES, key=len, reverse=True))
                                + r")-[A-ZĐ]")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@check("NN104")
def type_word_misspelt(doc, ctx, rule):
    """"Căn cứ Thông số 17/2025/TT-BNNMT": the words before the number name the document type that
    its ký hiệu gives (TT → Thông tư), misspelt."""
    dt = document_text(doc, ctx.cache)
    def gen():
        for i, t, low in dt.blocks_with(("/",)):   # (found by str.find over the document)
            if not _TYPED_NUMBER_TAIL.search(t):
                continue
            for m in _TYPED_NUMBER.finditer(t):
                name = _TYPE_NAMES[m.group(3)]
                words = m.group(1).split()
                n = len(name.split())
                tries = [(words[-n:], m.start(1))] if len(words) >= n else []
                if m.group(2) and len(words) >= n - 1:
                    tries.append((words[-(n - 1):] + ["số"] if n > 1 else ["số"], None))   # "Thông số 17/…"
                for cand, _ in tries:
                    written = " ".join(cand)
                    if written.lower() == name.lower() or not written[:1].isupper():
                        continue
                    d = _distance(written.lower(), name.lower())
                    if d > 2 or written.split()[0].lower() != name.split()[0].lower():
                        continue   # another word entirely ("Điều 5 Luật số …"), not a misspelling
                    seg = t[m.start(1):m.end(2) if m.group(2) else m.end(1)]
                    k = re.search(r"\s+".join(map(re.escape, cand)), seg)
                    if not k:
                        continue
                    start, end = m.start(1) + k.start(), m.start(1) + k.end()
                    yield rule.finding(ctx, block=i, start=start, end=end, found=t[start:end],
                                       expected=name, suggestion=name, type=m.group(3))
                    break
    yield from _capped(gen())


# -- NN105 law names in lower case ----------------------------------------------------------------

_LAW_WORD = re.compile(r"(?<![^\W\d_])(?<!pháp )(?<!Pháp )(?<!kỷ )(?<!Kỷ )(Bộ luật|bộ luật|Luật|luật)\s+"
                       r"([^\W\d_]+(?:\s+[^\W\d_]+){0,9})")


def _law_names():
    from ..nlp.langmodel import law_names
    return law_names()


@check("NN105")
def law_name_case(doc, ctx, rule):
    """"luật an toàn thực phẩm", "Luật ban hành văn bản quy phạm pháp luật": a law's name with the
    first letter of the type word and of the name capitalised (NĐ 30 PL II V.6)."""
    dt = document_text(doc, ctx.cache)
    if "luật " not in dt.joined:
        return
    names = None
    def gen():
        nonlocal names
        for i, t, low in dt.blocks_with(("luật ",), lower=True):
            if "luật " not in low or t.isupper():
                continue
            for m in _LAW_WORD.finditer(t):
                words = m.group(2).split()
                if words[0][:1].isupper() and m.group(1)[:1].isupper():
                    continue   # written as the rule wants
                if names is None:
                    names = _law_names()
                kind = "Bộ luật" if m.group(1).lower() == "bộ luật" else "Luật"
                best = None
                for k in range(len(words), 1, -1):
                    canon = names.get((kind, " ".join(words[:k]).lower()))
                    if canon:
                        best = (k, canon)
                        break
                if best is None:
                    continue
                k, canon = best
                if m.group(1)[:1].islower() and sentence_start(t, m.start()):
                    continue   # a sentence starting in lower case is another matter
                if dt.in_quote(i, t, m.start()):
                    continue
                end = m.start(2)
                for _ in range(k):
                    end = re.compile(r"\s*[^\W\d_]+").match(t, end).end()
                found = t[m.start():end]
                sugg = f"{kind} {canon}"
                if re.sub(r"\s+", " ", found) == sugg:
                    continue
                yield rule.finding(ctx, block=i, start=m.start(), end=end, found=found,
                                   expected=sugg, suggestion=sugg)
    yield from _capped(gen())


# -- NN106 doubled words ----------------------------------------------------------------------------

_DOUBLE_TWO = re.compile(r"(?<![^\W\d_])([^\W\d_]+ [^\W\d_]+)(\s+)\1(?![^\W\d_])")
_DOUBLE_DUOC = re.compile(r"(?<![^\W\d_])([^\W\d_]+(?: [^\W\d_]+)?)(\s+)được(\s+)\1(?![^\W\d_])")
_DOUBLE_ONE_NL = re.compile(r"(?<![^\W\d_])([^\W\d_]+)([ \t]*\n[ \t]*)\1(?![^\W\d_])")
_NON_LETTERS = re.compile(r"[^\w\s\x00]+|\d+")
_PREV_WORD = re.compile(r"([^\W\d_]+)[ \t]*$")
_AGENT_HEADS = {"cơ quan", "đơn vị", "tổ chức", "doanh nghiệp"}
_NEXT_WORD = re.compile(r"[ \t]*([^\W\d_]+)")


def _matches(rx, joined: str, low: str, units):
    """rx.finditer(joined), trying only where one of `units` (lower case) occurs in `low` (the same text
    lower-cased): every match of the NN106 patterns starts with such a unit. All positions when
    `units` is None or the two texts are not aligned."""
    if units is None or len(low) != len(joined):
        yield from rx.finditer(joined)
        return
    starts = set()
    for u in units:
        pos = low.find(u)
        while pos >= 0:
            starts.add(pos)
            pos = low.find(u, pos + 1)
    last = 0
    for pos in sorted(starts):
        if pos < last:
            continue   # non-overlapping, as finditer
        m = rx.match(joined, pos)
        if m:
            last = m.end()
            yield m


_LETTER = re.compile(r"[^\W\d_]")
_WORD_RUN = re.compile(r"[^\W\d]+")


def _line_end_words(text: str) -> list[int]:
    """The start of the word that ends each line (but for spaces and tabs): the only places where a
    match of _DOUBLE_ONE_NL can start (it starts a word — the lookbehind — that its [ \\t]*\\n follows)."""
    out = []
    q = text.find("\n")
    while q >= 0:
        s = q
        while s and text[s - 1] in " \t":
            s -= 1
        if s and _LETTER.match(text, s - 1):
            s -= 1
            while s and _LETTER.match(text, s - 1):
                s -= 1
            out.append(s)
        q = text.find("\n", q + 1)
    return out


def _repeat_candidates(low: str):
    """(two_apart, units, across) of the lower-cased text: whether a word equals the one two places on
    (a b a b, X được X), the units a match can repeat ({"two": {"a b"}, "duoc": {"a", "a b"}}), and
    whether a line's last word starts the next line — the cheap prefilter of NN106 (C-level scans; a
    Python step only where a repetition is)."""
    # cheap prefilter (C-level): a word equal to the one two places on (a b a b, X được X) or a line
    # whose last word starts the next line. The tokens: the runs of letters of each line (\w but
    # digits; the same as blanking every other run and splitting at white space)
    raw_lines = (low.replace("\x00", "\n") if "\x00" in low else low).split("\n")   # (NUL: a line end, as before)
    line_toks = list(map(_WORD_RUN.findall, raw_lines))
    toks = list(chain.from_iterable(line_toks))
    n = len(toks)
    hits2 = list(compress(count(), map(eq, toks, toks[2:])))   # toks[i] == toks[i + 2]
    two_apart = bool(hits2)
    units: dict[str, set[str]] = {"two": set(), "duoc": set()}
    if two_apart:   # the units a match can repeat: "a b a b", "a được a", "a b được a b"
        for i in hits2:
            if i + 3 < n and toks[i + 1] == toks[i + 3]:
                units["two"].add(f"{toks[i]} {toks[i + 1]}")
            if toks[i + 1] == "được":
                units["duoc"].add(toks[i])
        j = -1
        while True:   # "a b được a b": from the places of "được" (list.index, C level)
            try:
                j = toks.index("được", j + 1)
            except ValueError:
                break
            i = j - 2
            if i >= 0 and j + 2 < n and toks[i] == toks[j + 1] and toks[i + 1] == toks[j + 2]:
                units["duoc"].add(f"{toks[i]} {toks[i + 1]}")
    # a non-empty line whose last word (none when it has no letters) is the next line's first
    across = any(a[-1:] == b[:1] for la, lb, a, b in zip(raw_lines, raw_lines[1:], line_toks, line_toks[1:])
                 if la and lb)
    return two_apart, units, across


@check("NN106")
def doubled_phrase(doc, ctx, rule):
    """A word written twice: a two-syllable word ("công nhận công nhận"), a word repeated across a
    line break, or around "được" ("biết được biết")."""
    from ..nlp.langmodel import dictionary_words, model
    dt = document_text(doc, ctx.cache)
    joined = dt.joined_text
    low = dt.joined
    two_apart, units, across = _repeat_candidates(low)
    if not (two_apart or across):
        return
    lm = None
    def is_word(w: str) -> bool:
        return lm.words.get(w, 0) >= 20 or w in dictionary_words()
    def gen():
        nonlocal lm
        seen = set()
        passes = ((_DOUBLE_TWO, "two"), (_DOUBLE_DUOC, "duoc")) if two_apart else ()
        if across:
            passes += ((_DOUBLE_ONE_NL, "line"),)
        for rx, kind in passes:
            found = _matches(rx, joined, low, units.get(kind)) if kind != "line" else \
                _matches_at(rx, joined, _line_end_words(joined))
            for m in found:
                unit = m.group(1)
                if not unit.islower() or m.start() in seen or unit.isascii():
                    continue   # ASCII: English passages of translated texts ("to the to the")
                if lm is None:
                    lm = model()
                before = joined[:m.start()]
                prev = _PREV_WORD.search(before[-40:])
                nxt = _NEXT_WORD.match(joined, m.end())
                prev_w = prev.group(1) if prev and before[-40:].endswith(prev.group(0)) else None
                next_w = nxt.group(1) if nxt else None
                first, last = unit.split()[0], unit.split()[-1]
                if kind != "duoc" and prev_w and not prev_w.islower():
                    continue   # "Viện kiểm sát kiểm sát việc …": the first copy ends a name
                if kind == "two":
                    if not is_word(unit) or (prev_w and lm.pair(prev_w.lower(), first) >= 20 and
                                             is_word(f"{prev_w.lower()} {first}")):
                        continue
                    head = " ".join(re.findall(r"[^\W\d_]+", before[-40:])[-2:]).lower()
                    if head.split()[-1:] in (["người"], ["bên"], ["thẻ"]) or head in _AGENT_HEADS:
                        continue   # "người vận chuyển vận chuyển", "cơ quan thanh toán thanh toán": the first
                                   # copy ends a noun (the agent), the second is the verb
                elif kind == "duoc":
                    if not re.match(r"\s*(?:[.,;:!?…)\]/]|$)", joined[m.end():m.end() + 3]):
                        continue   # "quỹ được quỹ chuyển khoản": the second copy starts a clause

                    # "người được người lao động ủy quyền", "tính được tính toán": the copies belong to
                    # other words (a compound with a neighbour)
                    if (next_w and lm.pair(last, next_w.lower()) >= 20) or \
                            (prev_w and lm.pair(prev_w.lower(), first) >= 20):
                        continue
                else:
                    w = unit
                    if (len(w) < 2 or lm.pair(w, w) >= 5 or (prev_w and lm.pair(prev_w.lower(), w) >= 20)
                            or (next_w and lm.pair(w, next_w.lower()) >= 20)):
                        continue   # "hành vi\nvi phạm": the seam of two words
                    line_before = before[before.rfind("\n", 0, len(before) - 1) + 1:]
                    if len(line_before.split()) < 3:
                        continue   # table cells and lists ("Đạt\nĐạt")
                seen.add(m.start())
                block, text, off = dt.locate(m.start())
                end = min(len(text), off + m.end() - m.start())
                found = re.sub(r"\s+", " ", m.group())
                sugg = unit if kind != "duoc" else f"{unit} được"
                yield rule.finding(ctx, block=block, start=off, end=end, found=found,
                                   expected=sugg, suggestion=sugg)
    yield from _capped(gen())
