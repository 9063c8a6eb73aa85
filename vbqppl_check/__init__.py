"""vbqppl-check: checks Vietnamese legal (VBQPPL) and administrative documents.

Public API:
    read(path_or_bytes)            -> SourceDocument   what the file shows
    parse(source) / parse_file(p)  -> LegalDocument    what it means
    check(path_or_doc, config)     -> DocumentResult   findings, metadata, citations
    check_many(paths, ...)         -> iterator of DocumentResult (batch; see vbqppl_check.batch)
"""
from __future__ import annotations

__version__ = "0.1.0"

import os

from .config import Config, load_config
from .errors import VbqpplError
from .model import Finding, LegalDocument, SourceDocument
from .result import DocumentResult


def read(source, **options) -> SourceDocument:
    from .readers import read as _read
    return _read(source, **options)


def parse(source: SourceDocument) -> LegalDocument:
    from .parse import parse as _parse
    return _parse(source)


def parse_file(path: str | os.PathLike, **options) -> LegalDocument:
    from .parse import parse_file as _parse_file
    return _parse_file(path, **options)


def check(target, config: Config | None = None, **kwargs) -> DocumentResult:
    """Check a path, bytes, a SourceDocument or a LegalDocument. Unreadable files give status "error"."""
    from .checker import check_document, check_path
    from .parse import parse as _parse
    if isinstance(target, LegalDocument):
        return check_document(target, config, **kwargs)
    if isinstance(target, SourceDocument):
        return check_document(_parse(target), config, **kwargs)
    return check_path(target, config, **kwargs)


def check_many(paths, config: Config | None = None, **kwargs):
    from .batch import check_many as _check_many
    return _check_many(paths, config, **kwargs)


__all__ = ["__version__", "Config", "load_config", "VbqpplError", "Finding", "LegalDocument", "SourceDocument",
           "DocumentResult", "read", "parse", "parse_file", "check", "check_many"]
