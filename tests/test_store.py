"""The SQLite results store: keys (content hash, rules version, configuration), lossless round
trip of real results, transient errors retried, unchanged files skipped without reading."""
from __future__ import annotations

import shutil
from pathlib import Path

from vbqppl_check.batch import check_many
from vbqppl_check.checker import check_path
from vbqppl_check.config import Config
from vbqppl_check.errors import TimeoutError_
from vbqppl_check.result import DocumentResult
from vbqppl_check.store import Store, config_key, rules_version


def _docs(tmp_path, corpus, n=3):
    out = []
    for f in sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"))[:n]:
        shutil.copy(f, tmp_path / f.name)
        out.append(tmp_path / f.name)
    return out


def test_round_trip_real_results(tmp_path, corpus):
    docs = _docs(tmp_path, corpus)
    with Store(tmp_path / "s.sqlite") as st:
        st.begin_run()
        fresh = [check_path(p, keep_text=True) for p in docs]
        assert any(r.citations for r in fresh) and any(r.findings for r in fresh)
        for r in fresh:
            st.put(r, label=r.path, sha256=r.sha256)
        st.commit()
        for r in fresh:
            assert st.get(r.sha256, label=r.path, with_texts=True) == r
            assert st.get(r.sha256, label=r.path).block_texts is None  # texts only on request
        assert [r.path for r in st.iter_results()] == sorted(r.path for r in fresh)


def test_keys_separate_configurations(tmp_path, corpus):
    docs = _docs(tmp_path, corpus, 2)
    db = tmp_path / "s.sqlite"
    list(check_many(docs, Config(), jobs=0, store=db))
    other = Config(select=("TT",))
    assert config_key(other) != config_key(Config())
    run = check_many(docs, other, jobs=0, store=db)
    list(run)
    assert run.stats.checked == 2 and run.stats.cached == 0  # another configuration: checked again
    assert config_key(Config(lang="en")) == config_key(Config())  # both languages are stored
    assert rules_version().startswith("0.") or "+" in rules_version()


def test_transient_errors_are_retried(tmp_path):
    with Store(tmp_path / "s.sqlite") as st:
        st.begin_run()
        r = DocumentResult.from_error("x.docx", TimeoutError_("> 1 s"))
        st.put(r, label="x.docx", sha256="ab" * 32)
        assert st.get("ab" * 32) is None
        assert st.get("ab" * 32, retry_transient=False).error_code == "timeout"


def test_unchanged_files_are_not_read_again(tmp_path, corpus):
    docs = _docs(tmp_path, corpus, 2)
    db = tmp_path / "s.sqlite"
    list(check_many(docs, jobs=0, store=db))
    docs[0].chmod(0)  # unreadable now, but unchanged (size, mtime): the store answers
    try:
        again = check_many(docs, jobs=0, store=db)
        assert all(r.status == "ok" for r in again) and again.stats.cached == 2
    finally:
        docs[0].chmod(0o644)


def test_fast_encoder_matches_to_jsonable(corpus):
    from vbqppl_check.model import to_jsonable
    from vbqppl_check.store import to_json_fast
    results = [check_path(p) for p in sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"))[:8]]
    citations = [c for r in results for c in r.citations]
    assert citations
    for obj in citations + [r.metadata for r in results if r.metadata]:
        assert to_json_fast(obj) == to_jsonable(obj)


def test_builders_round_trip_without_the_corpus(tmp_path):
    """The compiled builders give back equal citations and metadata (nested tuples, optionals, dates),
    and a key missing from older stored data takes the field's default."""
    from vbqppl_check.model import Citation, Metadata, Pinpoint, to_jsonable
    from vbqppl_check.store import from_jsonable
    fixture = sorted((Path(__file__).parent / "fixtures" / "tvpl-2025-md" / "docs").glob("*.md"))[0]
    r = check_path(fixture)
    assert r.citations and any(c.pinpoints for c in r.citations) and r.metadata
    for c in r.citations:
        assert from_jsonable(Citation, to_jsonable(c)) == c
    assert from_jsonable(Metadata, to_jsonable(r.metadata)) == r.metadata
    data = to_jsonable(Pinpoint(dieu=("5",), khoan=("2",)))
    del data["diem"], data["range"]
    assert from_jsonable(Pinpoint, data) == Pinpoint(dieu=("5",), khoan=("2",))


def test_compiled_encoders_match_to_jsonable_without_the_corpus():
    """The encoders written out per type (store._compiled_encoder) give model.to_jsonable's output:
    nested dataclasses, tuples of them, optionals that are None and optionals that are set."""
    from vbqppl_check.model import Citation, DocumentRef, Pinpoint, Span, to_jsonable
    from vbqppl_check.store import to_json_fast
    fixtures = sorted((Path(__file__).parent / "fixtures" / "tvpl-2025-md" / "docs").glob("*.md"))[:3]
    results = [check_path(f) for f in fixtures]
    objs = [c for r in results for c in r.citations] + [r.metadata for r in results if r.metadata]
    assert any(c.document is None for c in objs if isinstance(c, Citation))
    assert any(c.document is not None and c.pinpoints for c in objs if isinstance(c, Citation))
    objs.append(Citation(kind="reference", text="x", span=Span(0, 0, 1), document=DocumentRef(number="1/2025/NĐ-CP"),
                         pinpoints=(Pinpoint(dieu=("1",)),), amended_by=(DocumentRef(doc_type="Luật"),)))
    for obj in objs:
        assert to_json_fast(obj) == to_jsonable(obj)


def test_stored_citations_leave_out_defaults_and_read_back_equal(tmp_path):
    """The store writes citations without the fields at their defaults (a cached re-run decodes less); what
    it reads back is equal, including values that only look like a default (False or 0 where the default
    is None, empty pinpoints)."""
    import dataclasses
    import json
    import sqlite3
    from vbqppl_check.model import Citation, DocumentRef, Pinpoint, Span, to_jsonable
    from vbqppl_check.store import Store, _encoder, from_jsonable
    fixture = sorted((Path(__file__).parent / "fixtures" / "tvpl-2025-md" / "docs").glob("*.md"))[0]
    r = check_path(fixture)
    odd = Citation(kind="reference", text="x", span=Span(3), document=DocumentRef(date_valid=False, year=0),
                   pinpoints=(Pinpoint(), Pinpoint(dieu=("5",), range=True)), target="self")
    r = dataclasses.replace(r, citations=r.citations + (odd,))
    full = json.dumps([to_jsonable(c) for c in r.citations], ensure_ascii=False)
    compact = json.dumps([_encoder(Citation, True)(c) for c in r.citations], ensure_ascii=False)
    assert len(compact) < 0.75 * len(full)
    assert [from_jsonable(Citation, c) for c in json.loads(compact)] == list(r.citations)
    assert _encoder(Citation, True)(odd)["document"] == {"date_valid": False, "year": 0}
    db = tmp_path / "s.sqlite"
    with Store(db) as st:
        st.put(r, label="a", sha256="f" * 64, checked=True)
    with Store(db) as st:
        back = st.get("f" * 64)
    assert back is not None and back.citations == r.citations
    stored = sqlite3.connect(db).execute("SELECT citations_json FROM documents").fetchone()[0]
    assert stored == compact
