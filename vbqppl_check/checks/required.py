"""TT300/TT301: every required component (rules/components.yaml) a document lacks that no older
presence rule reports; TT302: a copy of the text without any header, said once."""
from __future__ import annotations

import dataclasses

from ..engine import check
from ..model import LegalDocument
from ..law.kind import normative_evidence, strongly_normative
from ._required import missing, owned, shape


@check("TT300", "TT301")
def required_components(doc: LegalDocument, ctx, rule):
    verified = rule.id == "TT300"
    for m in missing(doc, ctx):
        req = m.requirement
        if (req.verification == "verified") != verified or owned(ctx, req.component):
            continue
        f = rule.finding(ctx, block=m.block, component=req.component, found="(không có)",
                         expected=req.label("vi"), severity=m.severity, component_vi=req.label("vi"),
                         component_en=req.label("en"), provision=req.reference_text)
        yield dataclasses.replace(f, reference=req.reference_text)


@check("TT302")
def header_not_present(doc: LegalDocument, ctx, rule):
    if shape(doc) != "headerless":
        return
    first = next((b.index for b in doc.source.body_blocks() if b.text.strip()), None)
    yield rule.finding(ctx, block=first, component="quoc_hieu", found="(không có phần đầu văn bản)",
                       expected="Quốc hiệu, Tiêu ngữ, cơ quan ban hành, số ký hiệu, địa danh và ngày")


# -- TT303: the kind shown by the evidence disagrees with the number's form ---------------------------

@check("TT303")
def vbqppl_evidence_number_without_year(doc: LegalDocument, ctx, rule):
    from ..parse.doctypes import type_by_name
    from .format import _number_line
    n, _ = _number_line(doc)
    t = type_by_name(doc.metadata.type)
    if n is None or n.blank or n.year is not None or t is None or t.kind != "with_year":
        return
    # the căn cứ to the promulgation law and at least one sign in the text itself
    if not strongly_normative(doc):
        return
    ev = normative_evidence(doc)
    yield rule.finding(ctx, block=n.block, component="so_ky_hieu", found=n.raw,
                       expected="số/năm ban hành/ký hiệu", evidence="; ".join(ev))
