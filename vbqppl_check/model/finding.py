"""A finding: what is wrong, where, what the law requires, and which provision says so."""
from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = ("format", "layout", "authority", "legal_basis", "reference", "effect", "language")
CATEGORY_VI = {
    "format": "thể thức", "layout": "kỹ thuật trình bày", "authority": "thẩm quyền",
    "legal_basis": "căn cứ ban hành", "reference": "viện dẫn", "effect": "hiệu lực",
    "language": "ngôn ngữ, chính tả",
}
SEVERITIES = ("error", "warning", "info")
SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}


@dataclass(frozen=True)
class Location:
    block: int | None = None
    start: int | None = None
    end: int | None = None
    page: int | None = None
    path: str | None = None           # "Điều 5 khoản 2 điểm a"
    component: str | None = None      # "so_ky_hieu"
    section: int | None = None        # for page-setup findings


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: str
    message_vi: str
    message_en: str
    location: Location
    reference: str                    # "Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, mục II.1.a"
    excerpt: str | None = None
    expected: str | None = None
    found: str | None = None
    suggestion: str | None = None
    verification: str | None = None   # verified | secondary | practice | memory
    # One finding per defect (see vbqppl_check/consolidate.py): the same rule on the same text at
    # several places of a document is one finding; `location` is the first place, `more_locations`
    # the others. `superseded`: (rule, text) of findings of less specific rules on the same defect at
    # the same place, resolved into this one (the catalogue's `supersedes:`).
    more_locations: tuple[Location, ...] = ()
    superseded: tuple[tuple[str, str], ...] = ()

    @property
    def locations(self) -> tuple[Location, ...]:
        return (self.location, *self.more_locations)

    @property
    def occurrences(self) -> int:
        return 1 + len(self.more_locations)

    @property
    def text(self) -> str:
        """What the finding is about, independent of where: the found value, else the excerpt, else
        the message. Merging, baselines and the corpus no-loss test identify a defect by rule + text."""
        if self.found is not None:
            return self.found
        if self.excerpt is not None:
            return self.excerpt
        return self.message_vi

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.block if loc.block is not None else -1, loc.start or 0, self.rule)

    def to_json(self, lang: str = "vi") -> dict:
        locations = [location_json(loc) for loc in self.locations]
        return {
            "rule": self.rule, "category": self.category, "severity": self.severity,
            "message": self.message(lang), "location": locations[0], "excerpt": self.excerpt,
            "expected": self.expected, "found": self.found, "suggestion": self.suggestion,
            "reference": self.reference, "verification": self.verification,
            "occurrences": self.occurrences, "locations": locations,
            "superseded": [{"rule": r, "text": t} for r, t in self.superseded],
        }


def location_json(loc: Location) -> dict:
    out = {"block": loc.block, "start": loc.start, "end": loc.end, "page": loc.page,
           "path": loc.path, "component": loc.component}
    if loc.section is not None:
        out["section"] = loc.section
    return out
