"""Bounds on what one input may cost. Archives hold corrupt, huge and hostile files."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 200 * 1024 * 1024          # refuse files larger than this
    max_uncompressed_bytes: int = 300 * 1024 * 1024  # total of a DOCX/ZIP's members once expanded
    max_compression_ratio: float = 200.0             # per member, a zip-bomb signal
    max_member_bytes: int = 100 * 1024 * 1024        # one XML part of a DOCX
    max_pages: int = 1000                            # PDF pages read
    max_blocks: int = 200_000                        # paragraphs/lines kept
    timeout_seconds: float = 120.0                   # per file, enforced by the batch layer
    memory_mb: int = 2048                            # per worker, enforced by the batch layer
    ocr: bool = True                                 # use Tesseract for image-only pages when installed
    ocr_max_pages: int = 30
    ocr_correct: bool = True                         # post-OCR correction with the word model (nlp.ocr_correct)


DEFAULT_LIMITS = Limits()
