"""What the document means: thể thức components, the structure tree, metadata and citations."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .citation import Citation
from .document_span import Span
from .source import Block, SourceDocument

# Component names (stable, public: they appear in finding locations as "component").
COMPONENT_NAMES = (
    "quoc_hieu", "tieu_ngu", "co_quan_chu_quan", "co_quan_ban_hanh", "so_ky_hieu", "dia_danh_ngay",
    "ten_loai", "trich_yeu", "vv", "kinh_gui", "du_thao", "can_cu", "de_nghi", "xet", "thuc_hien",
    "ban_hanh", "noi_dung", "dau_ket_thuc", "chu_ky", "quyen_han_ky", "chuc_vu", "ho_ten",
    "noi_nhan", "luu", "phu_luc", "dau_muc_do_mat", "dau_muc_do_khan", "unclassified",
)


@dataclass(frozen=True)
class Component:
    name: str                # one of COMPONENT_NAMES
    text: str                # the text as printed, lines joined with "\n"
    blocks: tuple[int, ...]  # block indices in SourceDocument.blocks
    span: Span | None = None  # where the component's text starts, when it is part of a block


@dataclass(frozen=True)
class DocNumber:
    """A số ký hiệu: "Số: 15/2026/QĐ-UBND", "Số:      /QĐ-UBND" (a draft), "68/NQ-HĐND8"."""

    raw: str                          # as printed after "Số:" (stripped)
    number: str | None = None         # running number as printed ("15", "66.17"); None when blank
    year: int | None = None           # the year part (VBQPPL), when present
    type_abbr: str | None = None      # "QĐ", "NQ", "TT", "TTLT", "CV" is absent for công văn
    issuer_abbrs: tuple[str, ...] = ()  # ("UBND",), ("BCA", "VKSNDTC", "TANDTC")
    term_suffix: str | None = None    # council term, e.g. "8" in "NQ-HĐND8"
    blank: bool = False               # number left blank (a draft)
    block: int | None = None

    @property
    def symbol(self) -> str:
        parts = [self.type_abbr] if self.type_abbr else []
        return "-".join(parts + list(self.issuer_abbrs))


@dataclass(frozen=True)
class DocDate:
    raw: str
    value: dt.date | None = None      # None when blank or invalid
    day: int | None = None
    month: int | None = None
    year: int | None = None
    blank: bool = False               # "ngày   tháng   năm 2025"
    valid: bool = True                # False for impossible dates ("30/02", "20210")
    place: str | None = None          # the địa danh before ", ngày"
    block: int | None = None


@dataclass(frozen=True)
class StructureNode:
    kind: str                        # "phan" | "chuong" | "muc" | "tieu_muc" | "dieu" | "khoan" | "diem" | "phu_luc" | "mau" (a sample form: no tree)
    label: str                       # "I", "5", "5a", "2", "a", "đ", "a1"
    title: str | None                # "Phạm vi điều chỉnh" for an Điều; None when absent
    block_start: int
    block_end: int                   # inclusive
    children: tuple["StructureNode", ...] = ()
    heading_text: str = ""           # the whole heading line as printed ("Điều 5. Phạm vi điều chỉnh")

    KIND_NAMES = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "tieu_muc": "Tiểu mục",
                  "dieu": "Điều", "khoan": "khoản", "diem": "điểm", "phu_luc": "Phụ lục", "mau": "Mẫu"}

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass(frozen=True)
class Signature:
    authority: tuple[str, ...] = ()    # ("TM.",) or ("KT.",) or ("TM.", "KT.") for a chain; () when signing in own name
    authority_lines: tuple[str, ...] = ()  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    position: str | None = None        # chức vụ of the signer ("PHÓ CHỦ TỊCH")
    name: str | None = None            # "Nguyễn Văn A"
    blocks: tuple[int, ...] = ()


@dataclass(frozen=True)
class Recipients:
    label: str | None = None           # "Nơi nhận:"
    items: tuple[str, ...] = ()
    luu: str | None = None             # "Lưu: VT, ..."
    blocks: tuple[int, ...] = ()


@dataclass(frozen=True)
class IssuerInfo:
    """The issuing body recognised from the header (cơ quan ban hành, with cơ quan chủ quản)."""

    name: str                          # normal case: "Ủy ban nhân dân tỉnh Ninh Bình"
    body: str | None = None            # "ubnd" | "hdnd" | "chu_tich_ubnd" | "chinh_phu" | "thu_tuong" | "bo" |
                                       # "co_quan_ngang_bo" | "quoc_hoi" | "ubtvqh" | "chu_tich_nuoc" | "tandtc" |
                                       # "vksndtc" | "kiem_toan" | "so" | "lien_tich" (joint issuers) | "other"
    level: str | None = None           # "central" | "province" | "district" | "commune"
    unit_type: str | None = None       # "tỉnh" | "thành phố" | "huyện" | "quận" | "thị xã" | "xã" | "phường" |
                                       # "thị trấn" | "đặc khu"
    unit_name: str | None = None       # "Ninh Bình"
    province: str | None = None        # the province (for district/commune issuers, from the parent line)
    commune: str | None = None
    parent: str | None = None          # cơ quan chủ quản as printed, normal case
    blocks: tuple[int, ...] = ()


@dataclass(frozen=True)
class Metadata:
    kind: str | None = None            # "vbqppl" | "hanh_chinh"
    type: str | None = None            # "Quyết định"
    number: str | None = None          # "15/2026/QĐ-UBND" as printed
    issuer: str | None = None          # "Ủy ban nhân dân tỉnh Ninh Bình" (normal case)
    issuer_level: str | None = None    # "central" | "province" | "district" | "commune"
    province: str | None = None
    commune: str | None = None
    place: str | None = None           # the địa danh
    date: str | None = None            # ISO
    title: str | None = None           # the trích yếu
    signer: str | None = None
    draft: bool = False


@dataclass(frozen=True)
class LegalDocument:
    source: SourceDocument
    metadata: Metadata
    components: tuple[Component, ...] = ()
    number: DocNumber | None = None
    date: DocDate | None = None
    signature: Signature | None = None
    recipients: Recipients | None = None
    issuer: IssuerInfo | None = None
    body: tuple[StructureNode, ...] = ()           # top-level structure nodes in order
    quotations: tuple[tuple[int, int], ...] = ()   # block ranges (inclusive) of quoted amendment text
    citations: tuple[Citation, ...] = ()
    unclassified: tuple[int, ...] = ()             # blocks no component claims

    # -- convenience accessors used by the checks --------------------------------------------
    def component(self, name: str) -> Component | None:
        for c in self.components:
            if c.name == name:
                return c
        return None

    def components_named(self, name: str) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.name == name)

    def block(self, index: int) -> Block:
        return self.source.blocks[index]

    def nodes(self):
        """Every structure node, depth first (an iterator; the list is built once: checks ask for it
        a dozen times per document)."""
        got = self.__dict__.get("_nodes")
        if got is None:
            got = self.__dict__["_nodes"] = tuple(n for top in self.body for n in top.walk())
        return iter(got)

    def path_at(self, block: int) -> str | None:
        """The structural path of a block: "Chương II Điều 5 khoản 2 điểm a" (innermost Điều chain)."""
        chain: list[StructureNode] = []
        level = self.body
        while True:
            hit = next((n for n in level if n.block_start <= block <= n.block_end), None)
            if hit is None:
                break
            chain.append(hit)
            level = hit.children
        if not chain:
            return None
        # From the Điều down when there is one; otherwise the whole chain (Chương II, Phụ lục I).
        start = next((i for i, n in enumerate(chain) if n.kind == "dieu"), 0)
        return " ".join(f"{StructureNode.KIND_NAMES[n.kind]} {n.label}" for n in chain[start:])

    def in_quotation(self, block: int) -> bool:
        if not self.quotations:
            return False
        return any(a <= block <= b for a, b in self.quotations)
