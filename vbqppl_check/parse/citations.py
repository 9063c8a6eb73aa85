"""Citation extraction (filled in by the citations issue). Returns the document's citations."""
from __future__ import annotations

from ..model import Citation, LegalDocument


def extract_citations(doc: LegalDocument) -> tuple[Citation, ...]:
    return ()
