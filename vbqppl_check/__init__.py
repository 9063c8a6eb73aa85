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
import sys
import types

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


def check(target, config: Config | None = None, *, baseline=None, **kwargs) -> DocumentResult:
    """Check a path, bytes, a SourceDocument or a LegalDocument. Unreadable files give status "error".

    baseline: a baseline file (path) or vbqppl_check.suppress.Baseline; the findings it accepts, and
    those the configuration's per-path / per-document ignores cover, are moved to `result.suppressed`.
    """
    from .checker import check_document, check_path
    from .parse import parse as _parse
    from .suppress import apply, load_baseline
    if isinstance(target, LegalDocument):
        result = check_document(target, config, **kwargs)
    elif isinstance(target, SourceDocument):
        result = check_document(_parse(target), config, **kwargs)
    else:
        result = check_path(target, config, **kwargs)
    return apply(result, config, load_baseline(baseline))


def check_many(paths, config: Config | None = None, **kwargs):
    from .batch import check_many as _check_many
    return _check_many(paths, config, **kwargs)


def fix(path: str | os.PathLike, output: str | os.PathLike | None = None, **options):
    """Write a corrected copy of a DOCX draft (default `<name>.fixed.docx`), every change a Word tracked
    change, re-checked before it is kept. Returns a FixResult (iterating it gives the changes).
    Options: track=True, spelling=False, comments=False, config=None, lang=None. A file that is not
    DOCX raises vbqppl_check.fix.NotFixableError (with the findings in `.result`)."""
    from .fix import fix as _fix
    return _fix(path, output, **options)


class _Package(types.ModuleType):
    """The class of this package's module object.

    Why: importing a submodule (``vbqppl_check.parse``, ``vbqppl_check.fix``) makes the import system set it
    as an attribute of the package, which would replace the public function of the same name
    (``vbqppl_check.parse(...)`` -> "'module' object is not callable", depending on what was imported
    first). Here a submodule never replaces a function of the package; the submodule stays reachable
    with ``from vbqppl_check.parse import …`` or ``sys.modules["vbqppl_check.parse"]``.
    """

    def __setattr__(self, name: str, value: object) -> None:
        current = self.__dict__.get(name)
        if (isinstance(value, types.ModuleType) and value.__name__ == f"{self.__name__}.{name}"
                and isinstance(current, types.FunctionType)):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = ["__version__", "Config", "load_config", "VbqpplError", "Finding", "LegalDocument", "SourceDocument",
           "DocumentResult", "read", "parse", "parse_file", "check", "check_many", "fix"]
