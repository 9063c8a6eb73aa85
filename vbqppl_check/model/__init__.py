"""The typed, frozen data model of the pipeline: source → legal document → findings."""
from .source import (Block, BlockKind, Graphic, PageSetup, ParagraphFormat, Run, RunFormat,
                     SourceDocument, TablePosition)
from .document import (Component, DocDate, DocNumber, IssuerInfo, LegalDocument, Metadata, Recipients,
                       Signature, Span, StructureNode)
from .citation import Citation, DocumentRef, Pinpoint
from .finding import CATEGORIES, SEVERITIES, Finding, Location
from .jsonable import to_jsonable

__all__ = [
    "Block", "BlockKind", "Graphic", "PageSetup", "ParagraphFormat", "Run", "RunFormat", "SourceDocument",
    "TablePosition", "Component", "DocDate", "DocNumber", "IssuerInfo", "LegalDocument", "Metadata", "Recipients",
    "Signature", "Span", "StructureNode", "Citation", "DocumentRef", "Pinpoint", "CATEGORIES", "SEVERITIES",
    "Finding", "Location", "to_jsonable",
]
