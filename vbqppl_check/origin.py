"""Where the text came from, and what that means for the findings on it.

Text read by OCR (our Tesseract path for scanned PDF pages, or a text file named as an OCR tool's
output: readers.is_ocr_output) carries the OCR's own mistakes: glued or cut words ("chiphí",
"- Bộ Nội v"), dropped header lines, broken numbering. A finding located in such text — or, for a
component found missing (no block), in a document that has such text — may be the OCR's and not the
author's, so it is reported at most as info, with the reason in the message. Authority findings
(issuer × type × date) do not depend on the characters and keep their severity.
"""
from __future__ import annotations

from dataclasses import replace

from .model import Finding, LegalDocument

OCR_NOTE = {"vi": " (Văn bản được nhận dạng bằng OCR: có thể là lỗi nhận dạng, không phải lỗi của văn bản; "
                  "chỉ ghi nhận ở mức lưu ý.)",
            "en": " (Text read by OCR: this may be a recognition mistake, not the document's; reported as info "
                  "only.)"}
OCR_EXEMPT_CATEGORIES = ("authority",)


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
        if f.severity != "info" and f.category not in OCR_EXEMPT_CATEGORIES and from_ocr(doc, f):
            f = replace(f, severity="info", message_vi=f.message_vi + OCR_NOTE["vi"],
                        message_en=f.message_en + OCR_NOTE["en"])
        out.append(f)
    return out
