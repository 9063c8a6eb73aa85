"""The result of checking one document: what the JSON output's `documents[]` entries hold."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Citation, Finding, Metadata, to_jsonable


@dataclass(frozen=True)
class Suppression:
    """Why a finding is not reported: accepted in a baseline file, or ignored by the configuration."""
    kind: str                                # "baseline" | "config"
    reason: str
    source: str | None = None                # the baseline or configuration file


@dataclass(frozen=True)
class SuppressedFinding:
    finding: Finding
    suppression: Suppression

    def to_json(self, lang: str = "vi") -> dict:
        s = self.suppression
        return {**self.finding.to_json(lang),
                "suppression": {"kind": s.kind, "reason": s.reason, "source": s.source}}


@dataclass(frozen=True)
class DocumentResult:
    path: str | None
    status: str                              # "ok" | "error"
    error_code: str | None = None
    error_vi: str | None = None
    error_en: str | None = None
    format: str | None = None
    sha256: str | None = None
    metadata: Metadata | None = None
    findings: tuple[Finding, ...] = ()
    citations: tuple[Citation, ...] = ()
    judged_on: str | None = None             # ISO date the document was judged by
    date_source: str | None = None           # "document" | "approximate" | "as_of"
    regime: str | None = None                # formatting regime id
    pages: int | None = None
    blocks: int | None = None
    unread_pages: tuple[int, ...] = ()       # image-only pages not checked (no OCR): TT400
    ocr_pages: tuple[int, ...] = ()          # image-only pages read by OCR: TT410
    # The text of each block, kept only on request (batch keep_text) for the HTML and annotated DOCX
    # reports, which show findings in the document's text. Not part of the JSON output.
    block_texts: tuple[str, ...] | None = None
    # Findings not reported, with why (vbqppl_check/suppress.py): counted and listed in the reports,
    # never silently dropped. Applied after the results store, so they are not stored.
    suppressed: tuple[SuppressedFinding, ...] = ()

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_json(self, lang: str = "vi") -> dict:
        out: dict = {"path": self.path, "status": self.status}
        if self.status == "error":
            out["error"] = {"code": self.error_code,
                            "message": self.error_en if lang == "en" else self.error_vi}
        out["format"] = self.format
        out["sha256"] = self.sha256
        out["judged_on"] = self.judged_on
        out["date_source"] = self.date_source
        out["regime"] = self.regime
        out["metadata"] = to_jsonable(self.metadata) if self.metadata else None
        out["findings"] = [f.to_json(lang) for f in self.findings]
        out["suppressed"] = [s.to_json(lang) for s in self.suppressed]
        out["citations"] = [to_jsonable(c) for c in self.citations]
        if self.unread_pages:
            out["unread_pages"] = list(self.unread_pages)
        if self.ocr_pages:
            out["ocr_pages"] = list(self.ocr_pages)
        return out

    @staticmethod
    def unread_pages_of(findings, rule: str = "TT400") -> tuple[int, ...]:
        """The pages a TT400 finding lists ("1–4, 7"): results read back from a store keep only findings.
        (rule="TT410": the pages read by OCR.)"""
        out: list[int] = []
        for f in findings:
            if f.rule != rule or not f.found:
                continue
            for part in f.found.split(","):
                a, _, b = part.strip().partition("–")
                if a.isdigit():
                    out.extend(range(int(a), int(b if b.isdigit() else a) + 1))
        return tuple(out)

    @classmethod
    def from_error(cls, path: str | None, exc) -> "DocumentResult":
        return cls(path=path, status="error", error_code=exc.code, error_vi=exc.message("vi"),
                   error_en=exc.message("en"))
