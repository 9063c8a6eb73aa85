"""Plain text and Markdown readers.

Plain text (vbpl.vn texts, Công báo text extractions): one block per non-empty line, kind="text".

Markdown (thuvienphapluat pages converted by Trafilatura are the messy case this is built for):
- the site's furniture is dropped by structure and by the site's fixed phrases, never per file:
  everything up to the end of the property table ("Số hiệu:", "Loại văn bản:", … "Tình trạng:"
  each followed by its value) and the trailer from "Văn bản này chưa cập nhật nội dung Tiếng Anh" /
  "## Văn bản liên quan" on; without a property table only the banner phrases are dropped;
- a line holding only "|" is a table-cell boundary, two or more in a row a row boundary; the short
  groups of lines between them are kind="cell" blocks with a TablePosition;
- hard-wrapped lines are joined into one block when the break falls inside a **bold**/*italic* span,
  or when the line does not end a sentence and the next starts in lower case (or with a number that
  is not a list marker), or when the line is long (≥ WRAP_COLUMNS: the converter wrapped it), does
  not end a sentence and the next line starts no list item/article; a short label ending in ":"
  ("Số:") is joined to its value;
- emphasis markers are stripped; bold/italic stretches become runs with RunFormat(bold/italic=True)
  (other runs leave them None: Markdown does not say "not bold"); decorative rules ("-----") are
  dropped; "# Title" lines get ParagraphFormat(style="Heading N").
has_formatting is False for both: no fonts or sizes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..limits import DEFAULT_LIMITS, Limits
from ..model import Block, ParagraphFormat, Run, RunFormat, SourceDocument, TablePosition
from ..model.source import BlockKind
from .normalize import nfc


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM, or NUL-interleaved ASCII), else cp1258."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    head = data[:2000]
    if len(head) >= 4 and head.count(b"\x00") > len(head) // 4:
        even_nuls = head[0::2].count(b"\x00")
        odd_nuls = head[1::2].count(b"\x00")
        return data.decode("utf-16-be" if even_nuls > odd_nuls else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def read_text(data: bytes, *, path: str | None = None, markdown: bool = False,
              limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    if markdown:
        blocks = markdown_blocks(text, limits.max_blocks)
        return SourceDocument(path=path, format="markdown", blocks=tuple(blocks))
    blocks = []
    for line in text.split("\n"):
        line = line.strip().replace("\u00a0", " ")
        if not line:
            continue
        norm, raw = nfc(line)
        blocks.append(Block(index=len(blocks), text=norm, kind="text", raw=raw))
        if len(blocks) >= limits.max_blocks:
            break
    return SourceDocument(path=path, format="text", blocks=tuple(blocks))


# --- Markdown -------------------------------------------------------------------------------

_PROPERTY_KEYS = ("Số hiệu", "Loại văn bản", "Nơi ban hành", "Người ký", "Ngày ban hành", "Ngày hiệu lực",
                  "Ngày công báo", "Số công báo", "Tình trạng", "Lĩnh vực")
_PROPERTY = re.compile(r"^[*\s#]*(%s)\s*:?\s*[*\s]*:?\s*(.*)$" % "|".join(_PROPERTY_KEYS))
_BANNER = ("THƯ VIỆN PHÁP LUẬT", "Bản dịch này thuộc quyền", "has the copyright on this translation",
           "Click vào phần bôi vàng", "Đang tải văn bản", "CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN",
           "được làm nổi bật bằng", "Sửa đổi, thay thế,")
_TRAILER = ("Văn bản này chưa cập nhật nội dung Tiếng Anh", "## Văn bản liên quan", "Thưa Quý khách",
            "Cảm ơn đã dùng ThuVienPhapLuat.vn")
_RULE = re.compile(r"^[-_=*.\s]{3,}$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_SENTENCE_END = re.compile(r"[.;:!?…]\**\s*\**$|\./\.\**$")
# "Điều" alone: the converter wrapped the article heading before its number ("**Điều" / "1**.")
_LIST_START = re.compile(r"^(\d+(\.\d+)*[.)]\s|[a-zđ]\)\s|[-+•–]\s|Điều\s+\d|Điều\W*$)")
# a line ending in a hyphen glued to a letter or digit: the converter broke a word after it
_HYPHEN_BREAK = re.compile(r"[^\W_]-$")
# a list marker alone on its line: "2.", "a)", "**3.**"
_BARE_MARKER = re.compile(r"^\**(\d{1,2}(\.\d+)*[.)]|[a-zđ]\))\**$")
MAX_CELL_LINES = 30
WRAP_COLUMNS = 65
MAX_SPAN_LINES = 8
MAX_CELL_CHARS = 800


def strip_boilerplate(lines: list[str]) -> list[str]:
    """Drop the site banner + property table before the document and the site trailer after it."""
    end = len(lines)
    for i, line in enumerate(lines):
        if any(line.strip().startswith(t) for t in _TRAILER):
            end = i
            # the page's own one-line summary title sits between the last table bar and the trailer
            if i >= 2 and lines[i - 2].strip() == "|" and len(lines[i - 1]) > 40:
                end = i - 1
            break
    lines = lines[:end]
    # the property table: keys each followed by a value; the document starts after the last value
    keys = [i for i, line in enumerate(lines[:400]) if _PROPERTY.match(line.strip())]
    # only the first cluster of keys is the table: "Lĩnh vực …" and "Tình trạng: …" also occur
    # in the document body (headings, annex tables), far from the table
    cluster = keys[:1]
    for i in keys[1:]:
        if i - cluster[-1] > 12:
            break
        cluster.append(i)
    keys = cluster
    start = 0
    if len(keys) >= 3:
        last = keys[-1]
        prop = _PROPERTY.match(lines[last].strip())
        assert prop is not None   # keys are the lines that match
        tail = prop.group(2).strip(" *|")
        start = last + 1
        if not tail:  # the value is on the next content line
            while start < len(lines) and lines[start].strip() in ("", "|"):
                start += 1
            start += 1
    kept = _drop_site_summary(lines[start:])
    return [ln for ln in kept if not any(b in ln for b in _BANNER)]


def _drop_site_summary(lines: list[str]) -> list[str]:
    """thuvienphapluat puts its own summary ("## <headline>", "**Ngày …, … ban hành …**", a few paragraphs)
    between the property table and the document: the site's words, not the document's. It ends where the
    document's header table starts: a bare "|" line followed by an upper-case issuer line."""
    first = next((i for i, ln in enumerate(lines[:6]) if ln.strip() not in ("", "|")), None)
    if first is None or not lines[first].startswith("## "):
        return lines
    for i in range(first + 1, min(len(lines), first + 120)):
        if lines[i].strip() != "|":
            continue
        nxt = [ln.strip(" *|_-") for ln in lines[i + 1:i + 5] if ln.strip(" *|_-")]
        if nxt and nxt[0].isupper():
            return lines[i:]
        return lines        # a table inside the document (or no header table): keep everything
    return lines


@dataclass
class _Group:
    lines: list[str] = field(default_factory=list)
    bars_before: int = 0
    bars_after: int = 0


def _groups(lines: list[str]) -> list[_Group]:
    groups: list[_Group] = []
    bars = 0
    current: _Group | None = None
    for line in lines:
        s = line.strip()
        if s == "|" or re.fullmatch(r"\|+", s):
            if current is not None:
                current.bars_after += len(s)
                groups.append(current)
                current = None
                bars = len(s)
            else:
                bars += len(s)
                if groups:
                    groups[-1].bars_after += len(s)
            continue
        if not s:
            if current is not None:
                current.lines.append("")
            continue
        if current is None:
            current = _Group(bars_before=bars)
            bars = 0
        current.lines.append(line.rstrip())
    if current is not None:
        groups.append(current)
    return groups


def _is_cell(g: _Group) -> bool:
    content = [ln for ln in g.lines if ln.strip()]
    return (g.bars_before > 0 or g.bars_after > 0) and len(content) <= MAX_CELL_LINES and \
        sum(len(ln) for ln in content) <= MAX_CELL_CHARS


def _emphasis_open(line: str, bold: bool, italic: bool) -> tuple[bool, bool]:
    """Emphasis state after a line, counting ** and single * markers (escaped \\* ignored)."""
    s = re.sub(r"\\\*", "", line)
    for m in re.finditer(r"\*+", s):
        n = len(m.group())
        if n >= 2:
            bold = not bold if n in (2, 3) else bold
            if n == 3:
                italic = not italic
        else:
            # a lone "*" used as a bullet at the start of a line is not emphasis
            if m.start() == 0 and s[1:2] == " " and not italic:
                continue
            italic = not italic
    return bold, italic


def _paragraphs(lines: list[str]) -> list[tuple[str, str | None]]:
    """Join wrapped lines; returns (markdown text, heading style or None)."""
    out: list[tuple[str, str | None]] = []
    current: list[str] = []
    style: str | None = None
    bold = italic = False
    open_for = 0
    pending_heading = None

    def flush():
        nonlocal current, style
        if current:
            text = current[0]
            for line in current[1:]:
                # the converter breaks lines after a hyphen inside a word ("16/2024/NQ-" / "HĐND"):
                # the two halves are one word, so no space is put back
                text += line if _HYPHEN_BREAK.search(text) and line[:1].isalnum() else " " + line
            out.append((text, style))
        current, style = [], None

    for k, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line == "#" or re.fullmatch(r"#{1,6}", line):
            flush()
            pending_heading = f"Heading {len(line)}"
            continue
        if _RULE.match(line) and "**" not in line.replace("* *", ""):
            flush()
            continue
        h = _HEADING.match(line)
        if h:
            flush()
            current, style = [h.group(2)], f"Heading {len(h.group(1))}"
            bold, italic = _emphasis_open(h.group(2), False, False)
            flush()
            bold = italic = False
            continue
        if current:
            prev = current[-1]
            # inside an emphasis span opened on an earlier line; a span left open for more than
            # MAX_SPAN_LINES lines is a stray marker, not a wrapped phrase
            inside = (bold or italic) and open_for <= MAX_SPAN_LINES
            if inside and _SENTENCE_END.search(prev) and line.startswith("*"):
                # "…QH15;*" / "*Căn cứ …": a finished sentence and a line opening its own emphasis
                # is a new paragraph, even while a stray "**" earlier seems to hold a span open; the
                # stray marker is forgotten so the new line's own markers count from a clean state
                inside = False
                bold = italic = False
            continues = _joins(prev, line, first=len(current) == 1)
            if not (inside or continues):
                flush()
        if not current and pending_heading:
            style, pending_heading = pending_heading, None
        current.append(line)
        was_open = bold or italic
        bold, italic = _emphasis_open(line, bold, italic)
        if (bold or italic) and not was_open and not _closes(lines[k + 1:k + 1 + MAX_SPAN_LINES], bold, italic):
            bold = italic = False   # a stray marker that no nearby line closes
        open_for = open_for + 1 if (bold or italic) else 0
    flush()
    return out


def _closes(following: list[str], bold: bool, italic: bool) -> bool:
    for line in following:
        if not line.strip() or line.strip() == "|":
            return False
        bold, italic = _emphasis_open(line.strip(), bold, italic)
        if not (bold or italic):
            return True
    return False


def _joins(prev: str, line: str, *, first: bool) -> bool:
    """Is `line` the continuation of the hard-wrapped `prev`?"""
    if _HYPHEN_BREAK.search(prev) and line[:1].isalnum():
        return True   # a word broken after its hyphen ("3783/QĐ-" / "UBND")
    if first and _BARE_MARKER.match(prev) and line.strip("*_ ") and not _starts_item(line):
        return True   # a list marker alone on its line ("2." / "Giao Thường trực …")
    if _SENTENCE_END.search(prev):
        # a short label ("Số:", "Kính gửi:") wrapped before its value
        return first and prev.rstrip("* ").endswith(":") and len(prev.split()) <= 3 and \
            not _LIST_START.match(line.lstrip("*_ ")) and bool(line.strip("*_ "))
    if _continues(line):
        return True
    # a long line with no closing punctuation was wrapped by the converter (~80 columns), unless
    # the next line starts a list item/article or the emphasis changes at the break
    body = line.lstrip("*_ ")
    return len(prev) >= WRAP_COLUMNS and not _starts_item(body) and \
        prev.endswith("*") == line.startswith("*")


def _plain(line: str) -> str:
    """The line without emphasis markers, so "1.** **Phạm vi" is seen as the list item it is."""
    return re.sub(r"[*_]+", "", line).strip()


def _continues(line: str) -> bool:
    body = line.lstrip("*_ ")
    if not body:
        return True
    first = body[0]
    if first.islower() or first.isdigit():
        # a lower-case start continues the sentence unless it is a point marker ("a) Tổ chức …")
        return not _starts_item(body)
    return False


def _starts_item(line: str) -> bool:
    """Does the line start a list item or article, alone ("2.") or with its text?"""
    plain = _plain(line)
    return bool(_LIST_START.match(plain) or _BARE_MARKER.match(plain))


def _runs(md: str) -> tuple[str, list[tuple[str, bool, bool]]]:
    """Strip emphasis markers: plain text and (piece, bold, italic) pieces."""
    md = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", md)               # images: nothing to read
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)            # links → their text
    pieces: list[tuple[str, bool, bool]] = []
    bold = italic = False
    buf = []
    i = 0
    while i < len(md):
        ch = md[i]
        if ch == "\\" and i + 1 < len(md) and md[i + 1] in "*_|#[]()\\-.":
            buf.append(md[i + 1])
            i += 2
            continue
        if ch == "*":
            j = i
            while j < len(md) and md[j] == "*":
                j += 1
            n = j - i
            if n == 1 and i == 0 and md[1:2] == " " and not italic:
                i = j + 1   # a "* " bullet
                continue
            if buf:
                pieces.append(("".join(buf), bold, italic))
                buf = []
            if n >= 2:
                bold = not bold
            if n % 2 == 1:
                italic = not italic
            i = j
            continue
        buf.append(ch)
        i += 1
    if buf:
        pieces.append(("".join(buf), bold, italic))
    # tidy spaces left where markers were
    text_parts: list[str] = []
    cleaned: list[tuple[str, bool, bool]] = []
    for piece, b, it in pieces:
        piece = re.sub(r"\s+", " ", piece)
        if cleaned and (not text_parts or text_parts[-1].endswith(" ")) and piece.startswith(" "):
            piece = piece.lstrip(" ")
        if not piece:
            continue
        cleaned.append((piece, b, it))
        text_parts.append(piece)
    if cleaned:
        first = cleaned[0]
        cleaned[0] = (first[0].lstrip(), first[1], first[2])
        last = cleaned[-1]
        cleaned[-1] = (last[0].rstrip(), last[1], last[2])
    cleaned = [p for p in cleaned if p[0]]
    return "".join(p for p, _, _ in cleaned), cleaned


def _block(md: str, index: int, kind: BlockKind, style: str | None, table: TablePosition | None) -> Block | None:
    text, pieces = _runs(md)
    if not text.strip():
        return None
    norm, raw = nfc(text)
    runs = []
    if any(b or it for _, b, it in pieces) and raw is None:
        pos = 0
        for piece, b, it in pieces:
            runs.append(Run(start=pos, end=pos + len(piece), text=piece,
                            format=RunFormat(bold=True if b else None, italic=True if it else None)))
            pos += len(piece)
    elif any(b or it for _, b, it in pieces):
        # NFC changed the length: keep only facts that hold for the whole block
        whole_bold = all(b for _, b, _ in pieces)
        whole_italic = all(it for _, _, it in pieces)
        if whole_bold or whole_italic:
            runs.append(Run(start=0, end=len(norm), text=norm,
                            format=RunFormat(bold=True if whole_bold else None,
                                             italic=True if whole_italic else None)))
    para = ParagraphFormat(style=style) if style else None
    return Block(index=index, text=norm, kind=kind, runs=tuple(runs), paragraph=para, table=table, raw=raw)


def _html_table(md: str, first_table: int) -> list[Block]:
    from .html import read_html
    try:
        doc = read_html(md.encode("utf-8"))
    except Exception:  # noqa: BLE001 - malformed markup stays text
        return []
    out = []
    for b in doc.blocks:
        if b.table is not None:
            b = replace(b, table=replace(b.table, table=b.table.table + first_table))
        out.append(b)
    return out


def markdown_blocks(text: str, max_blocks: int) -> list[Block]:
    lines = strip_boilerplate(text.split("\n"))
    blocks: list[Block] = []
    table = -1
    row = col = 0
    in_table = False
    for g in _groups(lines):
        position = None
        if _is_cell(g):
            if not in_table:
                table, row, col, in_table = table + 1, 0, 0, True
            elif g.bars_before >= 2:
                row, col = row + 1, 0
            else:
                col += 1
            position = TablePosition(table=table, row=row, col=col)
        else:
            in_table = False
        for md, style in _paragraphs(g.lines):
            if md.lstrip().lower().startswith("<table") and position is None:
                # an HTML table inside Markdown (OCR tools such as MinerU write tables so)
                for cell in _html_table(md, table + 1):
                    blocks.append(replace(cell, index=len(blocks)))
                table = max([table] + [b.table.table for b in blocks[-5:] if b.table])
                in_table = False
                continue
            block = _block(md, len(blocks), "cell" if position else "text", style, position)
            if block is not None:
                blocks.append(block)
            if len(blocks) >= max_blocks:
                return blocks
    return blocks
