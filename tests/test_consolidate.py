"""One finding per defect (vbqppl_check/consolidate.py): merging and supersession, on real text and
on the 282 documents of tvpl-2025-md, with no defect lost."""
from __future__ import annotations

import dataclasses

import pytest

from vbqppl_check.consolidate import consolidate, merge_key, same_place, supersession_map
from vbqppl_check.engine import _check_supersedes, load_catalogue, run_checks
from vbqppl_check.errors import RuleCatalogueError
from vbqppl_check.parse import parse
from vbqppl_check.readers import read

# An official letter (Công văn) whose own number has a stray space, cited again twice in the body.
LETTER = """BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 9476 /BNNMT-CNTY
V/v hướng dẫn phòng chống dịch bệnh
Hà Nội, ngày 05 tháng 11 năm 2025
Kính gửi: Ủy ban nhân dân các tỉnh, thành phố.
Bộ Nông nghiệp và Môi trường đề nghị thực hiện Quyết định số 432/QĐ- UBND và báo cáo kết quả.
Các địa phương tổ chức triển khai Quyết định số 432/QĐ- UBND trước ngày 30 tháng 11 năm 2025.
Nơi nhận:
- Như trên;
- Lưu: VT, CNTY.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn A
"""


def _doc(text: str):
    return parse(read(text.encode("utf-8"), name="cong-van.txt"))


def test_same_rule_same_text_is_one_finding_with_every_location():
    doc = _doc(LETTER)
    raw = run_checks(doc, consolidate=False, strict=True)
    twice = [f for f in raw if f.rule == "NN016" and f.found == "432/QĐ- UBND"]
    assert len(twice) == 2 and twice[0].location.block != twice[1].location.block
    merged = run_checks(doc, strict=True)
    one = [f for f in merged if f.rule == "NN016" and f.found == "432/QĐ- UBND"]
    assert len(one) == 1
    f = one[0]
    assert f.occurrences == 2
    assert {loc.block for loc in f.locations} == {t.location.block for t in twice}
    assert f.location == min((t.location for t in twice), key=lambda loc: loc.block)
    js = f.to_json()
    assert js["occurrences"] == 2 and len(js["locations"]) == 2 and js["location"] == js["locations"][0]


def test_the_more_specific_rule_wins_at_the_same_place_only():
    doc = _doc(LETTER)
    raw = run_checks(doc, consolidate=False, strict=True)
    tt = next(f for f in raw if f.rule == "TT006")
    nn_here = [f for f in raw if f.rule == "NN016" and f.location.block == tt.location.block]
    assert nn_here, "NN016 also fires on the number's own stray space"
    merged = run_checks(doc, strict=True)
    assert not [f for f in merged if f.rule == "NN016" and f.location.block == tt.location.block]
    winner = next(f for f in merged if f.rule == "TT006")
    assert ("NN016", nn_here[0].text) in winner.superseded
    assert winner.to_json()["superseded"] == [{"rule": "NN016", "text": nn_here[0].text}]
    # the same defect elsewhere in the body is not the number component's: NN016 stays there
    assert [f for f in merged if f.rule == "NN016" and f.found == "432/QĐ- UBND"]


# A provincial VBQPPL decision (the VBQPPL regimes: TT106) whose number has a stray space.
DECISION = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15 /2025/QĐ-UBND
Ninh Bình, ngày 05 tháng 8 năm 2025
QUYẾT ĐỊNH
Ban hành Quy định về quản lý chợ trên địa bàn tỉnh Ninh Bình
ỦY BAN NHÂN DÂN TỈNH NINH BÌNH
Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;
Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;
Theo đề nghị của Giám đốc Sở Công Thương.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý chợ.
Điều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 8 năm 2025.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


def test_vbqppl_number_rule_supersedes_the_spacing_rule():
    doc = parse(read(DECISION.encode("utf-8"), name="quyet-dinh.txt"))
    raw = run_checks(doc, consolidate=False, strict=True)
    assert {"TT106", "NN016"} <= {f.rule for f in raw}
    merged = run_checks(doc, strict=True)
    assert "NN016" not in {f.rule for f in merged}
    assert next(f for f in merged if f.rule == "TT106").superseded == (("NN016", "15 /2025/QĐ-UBND"),)


def test_consolidation_is_idempotent_and_never_hides_a_more_severe_finding():
    doc = _doc(LETTER)
    merged = run_checks(doc, strict=True)
    assert consolidate(merged) == merged
    raw = run_checks(doc, consolidate=False, strict=True)
    tt = next(f for f in raw if f.rule == "TT006")
    nn = next(f for f in raw if f.rule == "NN016" and same_place(f, tt))
    # a general finding more severe than the specific one is kept (an error is never hidden by a warning)
    louder = dataclasses.replace(nn, severity="error")
    weaker = dataclasses.replace(tt, severity="info")
    out = consolidate([weaker, louder])
    assert {f.rule for f in out} == {"TT006", "NN016"}


def test_catalogue_declares_the_pairs_and_rejects_bad_ones():
    cat = load_catalogue()
    smap = supersession_map(cat)
    assert "TT006" in smap["NN016"] and "TT106" in smap["NN016"]
    for rule in cat.values():
        for other in rule.supersedes:
            assert other in cat and other != rule.id
    bad = dict(cat)
    bad["NN016"] = dataclasses.replace(cat["NN016"], supersedes=("TT006",))
    with pytest.raises(RuleCatalogueError):
        _check_supersedes(bad)
    bad["NN016"] = dataclasses.replace(cat["NN016"], supersedes=("XX999",))
    with pytest.raises(RuleCatalogueError):
        _check_supersedes(bad)


def _corpus_findings(corpus):
    docs = sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"))
    out = []
    for p in docs:
        doc = parse(read(str(p)))
        out.append((p, run_checks(doc, consolidate=False)))
    return out


@pytest.fixture(scope="module")
def corpus_raw(corpus):
    return _corpus_findings(corpus)


def test_corpus_merging_loses_no_defect(corpus_raw):
    """On the 282 tvpl-2025-md documents: fewer findings after merging, and every (rule, text) pair
    and every place of the raw findings is still there — in a merged finding, or recorded as
    superseded by a more specific rule's finding at the same place."""
    assert len(corpus_raw) == 282
    cat = load_catalogue()
    smap = supersession_map(cat)
    n_raw = n_merged = n_occ = 0
    for path, raw in corpus_raw:
        merged = consolidate(raw)
        n_raw, n_merged = n_raw + len(raw), n_merged + len(merged)
        n_occ += sum(f.occurrences for f in merged)
        before = {(f.rule, f.text) for f in raw}
        after = {(f.rule, f.text) for f in merged} | {s for f in merged for s in f.superseded}
        assert before == after, (path.name, before - after)
        by_key = {merge_key(f): f for f in merged}
        assert len(by_key) == len(merged), "two findings left with the same rule and text"
        for f in raw:
            kept = by_key.get(merge_key(f))
            if kept is not None and f.location in kept.locations:
                continue
            winners = [w for w in merged if w.rule in smap.get(f.rule, ()) and (f.rule, f.text) in w.superseded
                       and same_place(w, f)]
            assert winners, (path.name, f.rule, f.text, f.location)
        assert consolidate(merged) == merged
    assert n_merged < n_raw
    # every raw finding is one occurrence of a merged finding unless superseded
    assert n_occ <= n_raw and n_raw - n_occ <= sum(len(f.superseded) for _, raw in corpus_raw
                                                   for f in consolidate(raw))
    print(f"tvpl-2025-md: {len(corpus_raw)} documents, {n_raw} findings before merging, {n_merged} after "
          f"({n_occ} occurrences, {n_raw - n_occ} superseded)")


def test_store_round_trips_merged_findings_and_merges_old_unmerged_ones(tmp_path):
    """Merged findings keep every location through the results store; a result stored unmerged (as
    a store written by an earlier version holds it) is consolidated when read back."""
    from vbqppl_check.checker import check_document
    from vbqppl_check.store import Store
    doc = _doc(LETTER)
    merged = check_document(doc)
    assert any(f.occurrences > 1 for f in merged.findings) and any(f.superseded for f in merged.findings)
    raw = dataclasses.replace(merged, findings=tuple(run_checks(doc, consolidate=False)), sha256="0" * 64)
    assert len(raw.findings) > len(merged.findings)
    with Store(tmp_path / "s.sqlite") as st:
        st.begin_run()
        st.put(merged, label="a.txt", sha256=merged.sha256)
        st.put(raw, label="b.txt", sha256=raw.sha256)
        st.commit()
        assert st.get(merged.sha256).findings == merged.findings
        assert st.get(raw.sha256).findings == merged.findings
