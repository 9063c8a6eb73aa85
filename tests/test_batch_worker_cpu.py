"""BatchStats.worker_cpu_s (issue #16): the CPU time the workers spent checking, reported with each result,
so that speed can be measured in CPU time on a loaded machine (benchmarks/pdf_batch_speed.py, batch_speed.py)."""
from __future__ import annotations

from docbuilder import build_docx_bytes

from vbqppl_check.batch import check_many
from vbqppl_check.config import Config


def test_worker_cpu_time_is_summed_over_the_checked_documents(tmp_path):
    for k in range(3):
        (tmp_path / f"d{k}.docx").write_bytes(build_docx_bytes())
    run = check_many([tmp_path], Config(), jobs=1)
    results = list(run)
    assert len(results) == 3 and all(r.status != "error" for r in results)
    assert run.stats.worker_cpu_s is not None and 0.0 < run.stats.worker_cpu_s < 60.0
    assert run.stats.worker_peak_rss_mb


def test_in_process_runs_report_no_worker_cpu(tmp_path):
    (tmp_path / "d.docx").write_bytes(build_docx_bytes())
    run = check_many([tmp_path], Config(), jobs=0)
    assert len(list(run)) == 1
    assert run.stats.worker_cpu_s is None
