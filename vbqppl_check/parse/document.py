"""Assemble a LegalDocument from the parts recognised by header, preamble, body, closing, citations.

(First skeleton: the structure issue fills the recognisers in.)
"""
from __future__ import annotations

from ..model import LegalDocument, Metadata, SourceDocument


def build_document(source: SourceDocument) -> LegalDocument:
    return LegalDocument(source=source, metadata=Metadata(),
                         unclassified=tuple(b.index for b in source.blocks))
