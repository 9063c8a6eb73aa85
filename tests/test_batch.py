"""Batch runs over a real mixed archive: good documents, corrupt ones, an encrypted PDF and a zip
(with path-traversal names, a zip bomb and a nested zip); interruption and resume with the store."""
from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from vbqppl_check import check_many as api_check_many
from vbqppl_check.batch import check_many
from vbqppl_check.config import Config
from vbqppl_check.limits import Limits
from vbqppl_check.sources import iter_items
from vbqppl_check.store import Store

# Small limits so that a 6 MB member of zeros is a zip bomb (ratio ~1000, above the size floor).
LIMITS = Limits(max_file_bytes=5 * 1024 * 1024, max_uncompressed_bytes=50 * 1024 * 1024)
CONFIG = Config(limits=LIMITS)


def _encrypted_pdf() -> bytes:
    import pypdf  # the dev extra; builds a real AES-encrypted PDF
    w = pypdf.PdfWriter()
    w.add_blank_page(595, 842)
    w.encrypt("mat-khau", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _docx_bytes(paragraphs: list[str]) -> bytes:
    import docx
    d = docx.Document()
    for t in paragraphs:
        d.add_paragraph(t)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture()
def archive(tmp_path, corpus):
    """A folder like an office's: real texts, a DOCX, broken files, an encrypted PDF and a zip."""
    root = tmp_path / "archive"
    (root / "2025").mkdir(parents=True)
    # the six smallest real texts keep the test fast; they still carry headers and căn cứ lines
    md = sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"), key=lambda p: (p.stat().st_size, p.name))[:6]
    good = []
    for f in md[:4]:
        shutil.copy(f, root / "2025" / f.name)
        good.append(str(root / "2025" / f.name))
    lines = (corpus / "tvpl-2025-md" / "docs" / md[4].name).read_text("utf-8").splitlines()
    (root / "du-thao.docx").write_bytes(_docx_bytes([ln for ln in lines if ln.strip()][:60]))
    good.append(str(root / "du-thao.docx"))
    (root / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (root / "hong.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    (root / "mat-khau.pdf").write_bytes(_encrypted_pdf())
    (root / "ghi-chu.xyz").write_bytes(b"not picked up: not a document suffix")
    nested = io.BytesIO()
    with zipfile.ZipFile(nested, "w") as z:
        z.writestr("trong/" + md[5].name, md[5].read_bytes())
    with zipfile.ZipFile(root / "nop.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a/" + md[4].name, md[4].read_bytes())
        z.writestr("../../thoat-ra.md", md[4].read_bytes())        # path traversal
        z.writestr("/etc/tuyet-doi.md", md[4].read_bytes())        # absolute name
        z.writestr("bom.txt", b"\0" * (6 * 1024 * 1024))          # zip bomb under LIMITS
        z.writestr("long.zip", nested.getvalue())                  # nested archive
    good += [f"{root / 'nop.zip'}!a/{md[4].name}", f"{root / 'nop.zip'}!long.zip!trong/{md[5].name}"]
    # a password-protected member: the encryption flag set in both headers, as zip tools write it
    enc = io.BytesIO()
    with zipfile.ZipFile(enc, "w") as z:
        z.writestr("bi-mat.md", md[4].read_bytes())
    data = bytearray(enc.getvalue())
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(sig)
        data[at + off] |= 0x01
    (root / "mat-khau.zip").write_bytes(bytes(data))
    bad = {str(root / "hong.docx"): {"corrupt_file"}, str(root / "hong.pdf"): {"corrupt_file"},
           str(root / "mat-khau.pdf"): {"encrypted_file"},
           f"{root / 'nop.zip'}!../../thoat-ra.md": {"corrupt_file"},
           f"{root / 'nop.zip'}!/etc/tuyet-doi.md": {"corrupt_file"},
           f"{root / 'nop.zip'}!bom.txt": {"zip_bomb"},
           f"{root / 'mat-khau.zip'}!bi-mat.md": {"encrypted_file"}}
    return root, good, bad


def test_sources_expand_archive_without_extracting(archive, tmp_path):
    root, good, bad = archive
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    items = list(iter_items([root], limits=LIMITS))
    labels = {i.label for i in items}
    assert set(good) <= labels and set(bad) <= labels
    assert not any(label.endswith(".xyz") for label in labels)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing extracted
    by = {i.label: i for i in items}
    assert by[f"{root / 'nop.zip'}!../../thoat-ra.md"].error is not None
    assert by[f"{root / 'nop.zip'}!bom.txt"].error.code == "zip_bomb"
    assert by[good[-1]].data is not None  # nested member read in memory


def test_globs(archive):
    root, good, bad = archive
    only_md = {i.label for i in iter_items([root], include=["*.md"], limits=LIMITS)}
    assert only_md and all(label.endswith(".md") for label in only_md)
    (root / "du-thao.checked.docx").write_bytes(b"an annotated copy: an output, not a draft")
    assert str(root / "du-thao.checked.docx") not in {i.label for i in iter_items([root], limits=LIMITS)}
    no_2025 = {i.label for i in iter_items([root], exclude=["2025/*"], limits=LIMITS)}
    assert not any("/2025/" in label for label in no_2025)
    assert str(root / "du-thao.docx") in no_2025


def test_interrupt_then_resume_checks_each_good_document_once(archive, tmp_path):
    root, good, bad = archive
    db = tmp_path / "ket-qua.sqlite"
    total = len(good) + len(bad)
    stop_after = total // 2

    finished = []   # what the progress hook saw: stored before the hook runs

    def stop(done, _total, result):
        finished.append(result)
        if done >= stop_after:
            raise KeyboardInterrupt  # as Ctrl-C would, half-way

    delivered = []
    run = check_many([root], CONFIG, jobs=2, store=db, progress=stop)
    with pytest.raises(KeyboardInterrupt):
        for r in run:
            delivered.append(r)
    assert run.stats.interrupted and run.stats.done == stop_after == len(finished)
    assert len(delivered) == stop_after - 1

    second = check_many([root], CONFIG, jobs=2, store=db)
    results = {r.path: r for r in second}
    # every document is reported by the resumed run, good ones checked, bad ones as error records
    assert set(results) == set(good) | set(bad)
    for label in good:
        assert results[label].status == "ok", (label, results[label].error_en)
        assert results[label].metadata is not None
    for label, codes in bad.items():
        assert results[label].status == "error" and results[label].error_code in codes, label
    # everything finished before the interruption came from the store (item errors have no content
    # hash and are simply produced again)
    assert second.stats.cached == sum(1 for r in finished if results[r.path].sha256)
    assert second.stats.checked == sum(1 for r in results.values() if r.sha256) - second.stats.cached
    with Store(db, CONFIG) as st:
        counts = st.check_counts()
        stored = {r.path: r for r in st.iter_results(with_texts=False)}
    # `vbqppl-check report` sees the whole archive too, bad files included
    assert set(stored) == set(good) | set(bad)
    assert all(stored[k].error_code == results[k].error_code for k in stored)
    for label in good:
        assert counts.get(results[label].sha256) == 1, label  # checked exactly once over both runs
    # a third run checks nothing at all
    third = check_many([root], CONFIG, jobs=2, store=db)
    assert len(list(third)) == total and third.stats.checked == 0


def test_parallel_equals_in_process_and_api_wrapper(archive):
    root, good, bad = archive
    subset = [root / "2025", root / "du-thao.docx", root / "hong.pdf"]
    par = {r.path: r for r in check_many(subset, CONFIG, jobs=2)}
    seq = {r.path: r for r in api_check_many(subset, CONFIG, jobs=0)}
    assert par.keys() == seq.keys()
    for k in par:
        assert par[k].findings == seq[k].findings and par[k].metadata == seq[k].metadata
        assert par[k].error_code == seq[k].error_code


def test_timeout_gives_a_record_and_the_batch_goes_on(tmp_path, corpus):
    doc = min((corpus / "tvpl-2025-md" / "docs").glob("*.md"), key=lambda p: (p.stat().st_size, p.name))
    for i in range(3):
        shutil.copy(doc, tmp_path / f"vb{i}.md")
    results = list(check_many([tmp_path], Config(), jobs=1, timeout=0.0005))
    assert len(results) == 3
    assert {r.error_code for r in results} == {"timeout"}
    # the worker survived (or was replaced): a normal run right after still works
    assert all(r.status == "ok" for r in check_many([tmp_path], Config(), jobs=1))


def test_store_round_trip_is_lossless(tmp_path, corpus):
    docs = sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"))[:5]
    for f in docs:
        shutil.copy(f, tmp_path / f.name)
    db = tmp_path / "s.sqlite"
    fresh = {r.path: r for r in check_many([tmp_path], jobs=0, store=db, keep_text=True)}
    assert any(r.citations for r in fresh.values())  # căn cứ lines give citations to store
    again = check_many([tmp_path], jobs=0, store=db, keep_text=True)
    cached = {r.path: r for r in again}
    assert again.stats.cached == len(fresh)
    for k, r in fresh.items():
        assert cached[k] == r
    # a changed file is checked again; the others still come from the store
    target = tmp_path / docs[0].name
    target.write_text(target.read_text("utf-8") + "\nĐiều bổ sung.\n", "utf-8")
    third = check_many([tmp_path], jobs=0, store=db)
    list(third)
    assert third.stats.checked == 1 and third.stats.cached == len(fresh) - 1


def test_missing_path_is_reported(tmp_path):
    results = list(check_many([tmp_path / "khong-co.docx"], jobs=0))
    assert [r.error_code for r in results] == ["file_access"]


def test_error_records_are_stored_by_content(archive, tmp_path):
    root, good, bad = archive
    db = tmp_path / "e.sqlite"
    first = {r.path: r for r in check_many([root / "hong.docx", root / "mat-khau.pdf"], CONFIG, jobs=0, store=db)}
    assert all(r.status == "error" and r.sha256 for r in first.values())
    again = check_many([root / "hong.docx", root / "mat-khau.pdf"], CONFIG, jobs=0, store=db)
    assert {r.path: r.error_code for r in again} == {k: r.error_code for k, r in first.items()}
    assert again.stats.cached == 2


def test_hung_worker_is_killed_and_replaced(tmp_path, corpus):
    """A worker stuck where no signal handler runs (here: stopped) is killed at the deadline; the
    file gets a timeout record and the next file runs in a fresh worker."""
    import os
    import signal
    import time
    from vbqppl_check.batch import LocalPool, Task
    doc = min((corpus / "tvpl-2025-md" / "docs").glob("*.md"), key=lambda p: (p.stat().st_size, p.name))
    pool = LocalPool(1, Config(), keep_text=False, timeout=0.5, memory_mb=None)
    try:
        pool.submit(Task(1, "first", path=str(doc)))
        pid = pool.workers[0].proc.pid
        os.kill(pid, signal.SIGSTOP)
        out, t0 = [], time.monotonic()
        while not out and time.monotonic() - t0 < 30:
            out = pool.poll(0.5)
        assert [(t.label, r.error_code) for t, r in out] == [("first", "timeout")]
        pool.submit(Task(2, "second", path=str(doc)))
        assert pool.workers[0].proc.pid != pid
        out, t0 = [], time.monotonic()
        while not out and time.monotonic() - t0 < 60:
            out = pool.poll(0.5)
        assert [(t.label, r.status) for t, r in out] == [("second", "ok")]
    finally:
        pool.close()


def test_cli_ctrl_c_keeps_finished_results_and_resumes(tmp_path, corpus):
    """A real SIGINT to `vbqppl-check`: exit 130, the finished documents written and stored; the
    next run takes them from the store and checks only the rest."""
    import json
    import signal
    import subprocess
    import sys
    import time
    src = tmp_path / "in"
    src.mkdir()
    # 200 distinct documents of median size: enough work that the signal lands mid-batch (40 were done
    # before the signal once the checks got faster)
    texts = sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"), key=lambda p: (p.stat().st_size, p.name))
    base = texts[len(texts) // 2].read_text("utf-8")
    docs = []
    for i in range(200):
        f = src / f"vb-{i:03d}.md"
        f.write_text(base + f"\nBản sao số {i}.\n", "utf-8")
        docs.append(f)
    db, out = tmp_path / "s.sqlite", tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "vbqppl_check", "check", str(src), "--store", str(db), "-f", "jsonl",
           "-o", str(out), "-j", "1", "--no-progress"]
    def as_from_a_terminal():
        # a terminal's Ctrl-C reaches a process whose SIGINT is neither ignored nor blocked; the pytest
        # process may have inherited either state from a library of an earlier test, and a child inherits it
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=as_from_a_terminal)
    t0 = time.monotonic()
    while time.monotonic() - t0 < 90 and (not out.exists() or out.read_text("utf-8").count("\n") < 2):
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 130
    first = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert 2 <= len(first) < len(docs)
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    assert proc.returncode in (0, 1)
    second = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert sorted(d["path"] for d in second) == sorted(str(src / f.name) for f in docs)
    with Store(db) as st:
        st.use_versions(*st.latest_versions())  # the subprocess's rules version
        counts = st.check_counts()
    assert all(counts[d["sha256"]] == 1 for d in second)
