"""What the file shows: blocks of text with their effective formatting, and the page setup.

Units: font sizes and paragraph spacing in points; indents and page geometry in millimetres;
PDF bounding boxes in PDF points (x0, top, x1, bottom) with the origin at the top-left of the page.
A value of None means "the file does not say" (plain text) or "could not be resolved"; checks that
need it are skipped, never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "cell", "header", "footer", "line", "text"]


@dataclass(frozen=True)
class RunFormat:
    """Effective character formatting after the whole style chain has been resolved."""

    font: str | None = None          # e.g. "Times New Roman" (theme fonts resolved to a name)
    size: float | None = None        # points
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool | None = None         # w:caps (shown in capitals whatever the letters typed)
    color: str | None = None         # "000000" hex or "auto"
    strike: bool | None = None


@dataclass(frozen=True)
class Run:
    """A stretch of a block's text with one formatting; start/end index into Block.text."""

    start: int
    end: int
    text: str
    format: RunFormat = RunFormat()
    field: str | None = None         # e.g. "PAGE" when the run is the result of a page-number field


@dataclass(frozen=True)
class ParagraphFormat:
    style: str | None = None                 # style name, e.g. "Normal", "Heading 2"
    alignment: str | None = None             # "left" | "center" | "right" | "justify"
    first_line_indent_mm: float | None = None  # negative for a hanging indent
    left_indent_mm: float | None = None
    space_before_pt: float | None = None
    space_after_pt: float | None = None
    line_spacing: float | None = None        # a multiple (1.0, 1.5) when rule is "auto", else points
    line_spacing_rule: str | None = None     # "auto" | "exact" | "atLeast"
    numbering: bool = False                  # the paragraph carries automatic list numbering/bullets
    numbering_text: str | None = None        # the rendered bullet or number when known


@dataclass(frozen=True)
class TablePosition:
    table: int        # index of the top-level table in the body (0-based)
    row: int
    col: int
    depth: int = 1    # 1 for a top-level table, 2 for a table nested in a cell, ...


@dataclass(frozen=True)
class Block:
    """One unit of reading order: a paragraph, a table-cell paragraph, a header line, a PDF line group."""

    index: int
    text: str                          # NFC-normalised text
    kind: BlockKind = "paragraph"
    runs: tuple[Run, ...] = ()
    paragraph: ParagraphFormat | None = None
    section: int | None = None         # index into SourceDocument.sections
    table: TablePosition | None = None
    page: int | None = None            # 1-based, when known (PDF, or DOCX explicit page breaks)
    bbox: tuple[float, float, float, float] | None = None
    raw: str | None = None             # the text before NFC normalisation, only when it differed
    header_kind: str | None = None     # for header/footer blocks: "default" | "first" | "even"
    origin: str | None = None          # where the text came from when not the file's own text: "ocr"
    low_confidence: tuple[tuple[int, int], ...] = ()   # OCR: spans of words Tesseract was unsure of


@dataclass(frozen=True)
class PageSetup:
    section: int
    width_mm: float | None = None
    height_mm: float | None = None
    orientation: str | None = None     # "portrait" | "landscape"
    margin_top_mm: float | None = None
    margin_bottom_mm: float | None = None
    margin_left_mm: float | None = None
    margin_right_mm: float | None = None
    different_first_page: bool | None = None
    page_number_in: str | None = None   # "header" | "footer" | None (no PAGE field found)
    page_number_alignment: str | None = None
    page_number_size: float | None = None
    page_number_on_first_page: bool | None = None
    pages: tuple[int, ...] = ()          # PDF: the pages this setup describes


@dataclass(frozen=True)
class Graphic:
    """A vector line drawn on a PDF page (the short rules under the issuer name and the tiêu ngữ)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class SourceDocument:
    path: str | None
    format: str                          # "docx" | "pdf" | "text" | "markdown" | "html" | "doc"
    blocks: tuple[Block, ...]
    sections: tuple[PageSetup, ...] = ()
    page_count: int | None = None
    has_formatting: bool = False         # runs carry fonts and sizes (DOCX, PDF), not plain text
    has_page_setup: bool = False         # margins and paper size are the author's (DOCX)
    image_only_pages: tuple[int, ...] = ()
    ocr: bool = False                    # some text came from OCR (those blocks have origin "ocr")
    unread_pages: tuple[int, ...] = ()   # image-only pages whose text was not read (no OCR): not checked
    ocr_pages: tuple[int, ...] = ()      # image-only pages whose text was read by OCR (TT410)
    graphics: tuple[Graphic, ...] = ()
    sha256: str | None = None
    size: int | None = None
    warnings: tuple[str, ...] = ()       # reader notes, e.g. "page 3 is an image; OCR not installed"

    def body_blocks(self) -> tuple[Block, ...]:
        """Blocks of the main text (no header/footer), in reading order."""
        return tuple(b for b in self.blocks if b.kind not in ("header", "footer"))

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.body_blocks())
