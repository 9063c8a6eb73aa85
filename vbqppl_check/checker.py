"""Check one document: read → parse → check. The per-document function the batch layer runs."""
from __future__ import annotations

import logging
import os

from .config import Config
from .engine import make_context, run_checks
from .errors import InternalCheckError, VbqpplError
from .model import LegalDocument, SourceDocument
from .result import DocumentResult

log = logging.getLogger(__name__)


def check_document(doc: LegalDocument, config: Config | None = None, *, strict: bool = False,
                   keep_text: bool = False) -> DocumentResult:
    config = config or Config()
    findings = run_checks(doc, config, strict=strict)
    ctx = make_context(doc, config)
    src = doc.source
    return DocumentResult(path=src.path, status="ok", format=src.format, sha256=src.sha256,
                          metadata=doc.metadata, findings=tuple(findings), citations=doc.citations,
                          judged_on=ctx.date.isoformat(), date_source=ctx.date_source,
                          regime=ctx.regime.id if ctx.regime else None, pages=src.page_count,
                          blocks=len(src.blocks), unread_pages=src.unread_pages,
                          ocr_pages=src.ocr_pages,
                          block_texts=tuple(b.text for b in src.blocks) if keep_text else None)


def check_path(path: str | os.PathLike | bytes, config: Config | None = None, *, name: str | None = None,
               strict: bool = False, keep_text: bool = False) -> DocumentResult:
    """Check a file; an unreadable file gives a result with status "error", never an exception."""
    from .parse import parse
    from .readers import read
    config = config or Config()
    label = name if isinstance(path, (bytes, bytearray)) else str(path)
    try:
        source = read(path, name=name, limits=config.limits)
        return check_document(parse(source), config, strict=strict, keep_text=keep_text)
    except VbqpplError as exc:
        return DocumentResult.from_error(label, exc)
    except (MemoryError, RecursionError) as exc:
        return DocumentResult.from_error(label, InternalCheckError(type(exc).__name__))
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop an archive run
        if strict:
            raise
        log.exception("internal error on %s", label)
        return DocumentResult.from_error(label, InternalCheckError(f"{type(exc).__name__}: {exc}"))
