"""Where the text came from, and what that means for the findings on it.

Text read by OCR (our Tesseract path for scanned PDF pages, or a text file named as an OCR tool's
output: readers.is_ocr_output) carries the OCR's own mistakes: glued or cut words ("chiphí",
"- Bộ Nội v"), dropped header lines, broken numbering. A finding located in such text — or, for a
component found missing (no block), in a document that has such text — may be the OCR's and not the
author's, so it is reported at most as info, with the reason in the message. Authority findings
(issuer × type × date) do not depend on the characters and keep their severity. Character-level
findings (spelling, marks) on a word Tesseract read with low confidence are not raised at all.
"""
from __future__ import annotations

from dataclasses import replace

from .model import Finding, LegalDocument

OCR_NOTE = {"vi": " (Văn bản được nhận dạng bằng OCR: có thể là lỗi nhận dạng, không phải lỗi của văn bản; "
                  "chỉ ghi nhận ở mức lưu ý.)",
            "en": " (Text read by OCR: this may be a recognition mistake, not the document's; reported as info "
                  "only.)"}
OCR_EXEMPT_CATEGORIES = ("authority",)
# Rules that judge a word's letters and marks (spelling, tone marks): not raised at all on a word
# Tesseract itself was unsure of (Block.low_confidence, readers/ocr.py LOW_CONF): the reading is a guess.
CHARACTER_CATEGORIES = ("language",)


def on_low_confidence_word(doc: LegalDocument, f: Finding) -> bool:
    b, start, end = f.location.block, f.location.start, f.location.end
    if b is None or start is None or not 0 <= b < len(doc.source.blocks):
        return False
    block = doc.source.blocks[b]
    if block.origin != "ocr" or not block.low_confidence:
        return False
    end = start + 1 if end is None or end <= start else end
    return any(s < end and start < e for s, e in block.low_confidence)


def from_ocr(doc: LegalDocument, f: Finding) -> bool:
    src = doc.source
    b = f.location.block
    if b is None:
        return src.ocr
    return 0 <= b < len(src.blocks) and src.blocks[b].origin == "ocr"


def at_most_info_on_ocr(doc: LegalDocument, findings: list[Finding]) -> list[Finding]:
    if not doc.source.ocr:
        return findings
    out = []
    for f in findings:
        if f.category in CHARACTER_CATEGORIES and on_low_confidence_word(doc, f):
            continue
        if f.severity != "info" and f.category not in OCR_EXEMPT_CATEGORIES and from_ocr(doc, f):
            f = replace(f, severity="info", message_vi=f.message_vi + OCR_NOTE["vi"],
                        message_en=f.message_en + OCR_NOTE["en"])
        out.append(f)
    return out
