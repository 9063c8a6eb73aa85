"""Parsing: SourceDocument → LegalDocument (components, structure tree, metadata, citations)."""
from __future__ import annotations

import os

from ..model import LegalDocument, Metadata, SourceDocument


def parse(source: SourceDocument) -> LegalDocument:
    """Recognise the thể thức components, the body tree, the metadata and the citations.

    Never raises on a readable document: what cannot be classified is kept as unclassified blocks.
    """
    from .document import build_document
    return build_document(source)


def parse_file(path: str | os.PathLike, **read_options) -> LegalDocument:
    from ..readers import read
    return parse(read(path, **read_options))
