"""The Dask backend runs the same per-document function on a LocalCluster; results land in the
same store and equal the local pool's."""
from __future__ import annotations

import json
import shutil

import pytest

from vbqppl_check.batch import check_many
from vbqppl_check.cli import main
from vbqppl_check.store import Store

distributed = pytest.importorskip("distributed")


def test_dask_local_cluster_matches_local_pool(tmp_path, corpus):
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted((corpus / "tvpl-2025-md" / "docs").glob("*.md"))[:4]:
        shutil.copy(f, src / f.name)
    (src / "hong.docx").write_bytes(b"PK\x03\x04 broken")
    local = {r.path: r for r in check_many([src], jobs=0)}
    db = tmp_path / "dask.sqlite"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        run = check_many([src], scheduler=cluster.scheduler_address, store=db)
        remote = {r.path: r for r in run}
        # the CLI's --scheduler ADDRESS takes the same route
        out = tmp_path / "out.jsonl"
        rc = main(["check", str(src), "--scheduler", cluster.scheduler_address, "-f", "jsonl", "-o", str(out)])
        assert rc == 2  # the broken file
        lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
        assert {d["path"] for d in lines} == set(local)
    assert remote.keys() == local.keys()
    for k, r in remote.items():
        assert r.findings == local[k].findings and r.metadata == local[k].metadata
        assert r.error_code == local[k].error_code
    assert run.stats.checked == len(local)
    with Store(db) as st:
        stored = {r.path: r for r in st.iter_results(with_texts=False)}
    assert stored.keys() == local.keys()
    assert all(stored[k].findings == local[k].findings for k in stored)
