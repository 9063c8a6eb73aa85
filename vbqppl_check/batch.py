"""Batch checking of many documents: parallel, resumable, tolerant of broken and hostile files.

    for result in check_many(["archive/", "more.zip"], jobs=2, store="results.sqlite"):
        ...

Each document runs through checker.check_path in a worker process (or a Dask worker with
`scheduler=`); results stream back as they finish. A worker that exceeds the per-file wall-clock
timeout is killed and replaced and the file gets a `timeout` error record; a worker that dies gets a
`worker_crashed` record; the batch goes on. The results store (store.py) is written by this, the
parent process, only; files already checked under the same rules version and configuration are not
checked again, which is also how an interrupted run resumes.
"""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import resource
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .config import Config
from .errors import FileAccessError, InternalCheckError, ResourceLimitError, TimeoutError_
from .result import DocumentResult
from .sources import Item, iter_items
from .store import PATH_KEY, Store, open_store

if TYPE_CHECKING:
    from .dask_backend import DaskPool

log = logging.getLogger(__name__)

KILL_GRACE_S = 2.0   # after the in-worker alarm, how long the parent waits before killing the worker


class WorkerCrashedError(InternalCheckError):
    code = "worker_crashed"
    message_vi = "Tiến trình kiểm tra bị dừng đột ngột khi xử lý tệp này (lỗi thư viện đọc tệp hoặc hết bộ nhớ)."
    message_en = "The checking process died on this file (a reader library crash or out of memory)."


@dataclass(frozen=True)
class Task:
    """A unit of work sent to a worker: the per-document function's arguments."""

    id: int
    label: str
    path: str | None = None      # the worker reads the file
    data: bytes | None = None    # or the bytes are sent (archive members; files already hashed)
    sha256: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    unchanged: bool = False      # the store already maps this label, size and mtime to sha256


# -- the per-document function (runs in workers; also what the Dask backend runs) -----------------

class _Alarm(BaseException):
    """Raised by SIGALRM inside a worker; BaseException so that no `except Exception` swallows it."""


def check_task(task: Task, config: Config, keep_text: bool = False, timeout: float | None = None) -> DocumentResult:
    """Check one document; never raises for bad input. Used by the process pool and by Dask."""
    from .checker import check_path
    use_alarm = bool(timeout) and hasattr(signal, "setitimer") and _in_main_thread()
    if use_alarm:
        signal.signal(signal.SIGALRM, _raise_alarm)
    try:
        if use_alarm and timeout:
            signal.setitimer(signal.ITIMER_REAL, float(timeout))
        if task.data is not None:
            result = check_path(task.data, config, name=task.label, keep_text=keep_text)
        else:
            assert task.path is not None   # a task carries its bytes or its path
            result = check_path(task.path, config, keep_text=keep_text)
    except _Alarm:
        result = DocumentResult.from_error(task.label, TimeoutError_(f"> {timeout:g} s"))
    except MemoryError:
        result = DocumentResult.from_error(task.label, ResourceLimitError("memory"))
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
    # check_path reports MemoryError as an internal error; under the memory guard it is a limit.
    if result.status == "error" and result.error_code == "internal_error" and "MemoryError" in (result.error_en or ""):
        result = DocumentResult.from_error(task.label, ResourceLimitError("memory"))
    if result.path != task.label:
        result = dataclasses.replace(result, path=task.label)
    return result


def _raise_alarm(signum, frame):
    raise _Alarm()


def _in_main_thread() -> bool:
    import threading
    return threading.current_thread() is threading.main_thread()


_WARM_DOC = ("ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Số: 1/2026/QĐ-UBND\nNinh Bình, ngày 05 tháng 01 năm 2026\nQUYẾT ĐỊNH\nVề việc ban hành quy định\n"
             "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n"
             "Điều 1. Quyết định này có hiệu lực kể từ ngày 15 tháng 01 năm 2026.\n")


def warm_up() -> None:
    """Load what every document needs once per worker: the rule catalogue, the check modules, and
    what the checks load lazily on their first document (the NLP pipeline, lexicons, registry) —
    by checking a tiny built-in document. Otherwise the first real file pays seconds for it."""
    from . import engine
    from .checker import check_path
    engine.load_catalogue()
    engine.implementations()
    check_path(_WARM_DOC.encode("utf-8"), name="warm-up.txt")
    # what a single-file run loads only when a document needs it (issue #16): a batch loads it here
    # once, in the forkserver, so that every worker shares it instead of importing it on its own
    from .nlp.pipeline import gazetteer
    gazetteer().matcher   # noqa: B018 — imports spaCy and builds the PhraseMatcher
    try:
        import underthesea  # noqa: F401
    except ImportError:
        pass


def _worker_main(conn, config: Config, keep_text: bool, memory_mb: int | None, timeout: float | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        warm_up()
    except Exception:  # noqa: BLE001 - a broken catalogue shows up on every document below
        log.exception("warm-up failed")
    if memory_mb:
        _limit_memory(memory_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        cpu = time.process_time()
        result = check_task(task, config, keep_text, timeout)
        cpu = time.process_time() - cpu
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            conn.send((task.id, result, peak_kb, cpu))
        except (BrokenPipeError, OSError):
            return


def _limit_memory(memory_mb: int) -> None:
    """RLIMIT_AS = what the warmed worker already maps + memory_mb (libraries map large idle regions)."""
    try:
        with open("/proc/self/statm") as fh:
            vsz = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        vsz = 0
    limit = vsz + memory_mb * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # not permitted here: run without the guard
        log.warning("could not set the memory limit")


# -- the local process pool -------------------------------------------------------------------------

class _Worker:
    def __init__(self, ctx, config: Config, keep_text: bool, memory_mb: int | None, timeout: float | None):
        parent, child = ctx.Pipe()
        self.conn = parent
        self.proc = ctx.Process(target=_worker_main, args=(child, config, keep_text, memory_mb, timeout),
                                daemon=True)
        self.proc.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0

    def kill(self) -> None:
        try:
            self.proc.kill()
        except (OSError, AttributeError):
            pass
        self.proc.join(timeout=5)
        self.conn.close()


class LocalPool:
    """Worker processes with one task in flight each, so that a hung or dead worker can be attributed
    to its file, killed and replaced (concurrent.futures cannot kill one task)."""

    def __init__(self, jobs: int, config: Config, *, keep_text: bool, timeout: float | None,
                 memory_mb: int | None):
        import multiprocessing as mp   # here, not at import: a single file checked in-process needs no pool
        if "forkserver" in mp.get_all_start_methods():
            self.ctx: mp.context.BaseContext = mp.get_context("forkserver")
            # no effect once the forkserver runs; a later batch in this process reuses the warm one
            self.ctx.set_forkserver_preload(["vbqppl_check._batch_warm"])
        else:
            self.ctx = mp.get_context("spawn")
        self.args = (config, keep_text, memory_mb, timeout)
        self.timeout = timeout
        self.jobs = max(1, jobs)
        self.workers: list[_Worker] = []
        self.peak_rss_kb = 0
        self.cpu_s = 0.0     # CPU time the workers spent checking documents (warm-up excluded)

    def _spawn(self) -> _Worker:
        w = _Worker(self.ctx, *self.args)
        self.workers.append(w)
        return w

    def free_slots(self) -> int:
        busy = sum(1 for w in self.workers if w.task is not None)
        return self.jobs - busy

    def busy(self) -> int:
        return sum(1 for w in self.workers if w.task is not None)

    def submit(self, task: Task) -> None:
        w = next((w for w in self.workers if w.task is None), None) or self._spawn()
        w.task, w.started = task, time.monotonic()
        try:
            w.conn.send(task)
        except (BrokenPipeError, OSError):
            pass  # noticed by poll() through the process sentinel

    def poll(self, max_wait: float) -> list[tuple[Task, DocumentResult]]:
        """Finished tasks (waiting at most max_wait seconds); kills overdue workers."""
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return []
        now = time.monotonic()
        if self.timeout:
            deadline = min(w.started for w in busy) + self.timeout + KILL_GRACE_S
            max_wait = max(0.0, min(max_wait, deadline - now))
        objs = {}
        for w in busy:
            objs[w.conn] = w
            objs[w.proc.sentinel] = w
        from multiprocessing.connection import wait as mp_wait
        ready = mp_wait(list(objs), timeout=max_wait)
        out: list[tuple[Task, DocumentResult]] = []
        done: set[int] = set()
        for obj in ready:
            w = objs[obj]
            if id(w) in done:
                continue
            done.add(id(w))
            task = w.task
            assert task is not None   # only busy workers are waited on
            try:
                if w.conn.poll():
                    tid, result, peak_kb, cpu = w.conn.recv()
                    self.peak_rss_kb = max(self.peak_rss_kb, peak_kb)
                    self.cpu_s += cpu
                    w.task = None
                    out.append((task, result))
                    continue
            except (EOFError, OSError):
                pass
            if not w.proc.is_alive():
                out.append((task, DocumentResult.from_error(task.label, WorkerCrashedError(
                    f"exit code {w.proc.exitcode}"))))
                self._replace(w)
        if self.timeout:
            now = time.monotonic()
            for w in list(self.workers):
                if w.task is not None and now - w.started > self.timeout + KILL_GRACE_S:
                    out.append((w.task, DocumentResult.from_error(w.task.label, TimeoutError_(
                        f"> {self.timeout:g} s; killed"))))
                    self._replace(w)
        return out

    def _replace(self, w: _Worker) -> None:
        w.kill()
        self.workers.remove(w)

    def close(self) -> None:
        for w in self.workers:
            if w.task is None:
                try:
                    w.conn.send(None)
                except (BrokenPipeError, OSError):
                    pass
        for w in self.workers:
            if w.task is None:
                w.proc.join(timeout=2)
            if w.proc.is_alive():
                w.kill()
            else:
                w.conn.close()
        self.workers.clear()


# -- the batch run -----------------------------------------------------------------------------------

@dataclass
class BatchStats:
    total: int | None = None       # documents found (None until counted)
    done: int = 0
    checked: int = 0               # computed in this run
    cached: int = 0                # taken from the store
    errors: int = 0                # error records (unreadable, timeout, crash)
    interrupted: bool = False
    started: float = field(default_factory=time.monotonic)
    first_result_s: float | None = None
    elapsed_s: float = 0.0
    worker_peak_rss_mb: float | None = None
    worker_cpu_s: float | None = None   # CPU time of the workers' checks (local pool; warm-up excluded)


ProgressFn = Callable[[int, "int | None", DocumentResult], None]


class BatchRun:
    """An iterator of DocumentResult (in completion order) with live `stats`."""

    def __init__(self, gen_factory, stats: BatchStats):
        self.stats = stats
        self._gen = gen_factory(self)

    def __iter__(self) -> Iterator[DocumentResult]:
        return self._gen

    def __next__(self) -> DocumentResult:
        return next(self._gen)

    def close(self) -> None:
        self._gen.close()


def count_items(paths, *, include=(), exclude=(), limits=None) -> int:
    """How many documents `paths` hold (for the progress bar): archives are listed, not read."""
    import zipfile
    from pathlib import Path
    from .sources import ARCHIVE_SUFFIXES, DOCUMENT_SUFFIXES, OUTPUT_SUFFIX, _selected
    inc, exc = tuple(include or ()), tuple(exclude or ())
    n = 0

    def zip_count(f: Path) -> int:
        try:
            with zipfile.ZipFile(f) as zf:
                return sum(1 for i in zf.infolist() if not i.is_dir()
                           and Path(i.filename).suffix.lower() in DOCUMENT_SUFFIXES)
        except (zipfile.BadZipFile, OSError, ValueError):
            return 1
    for p in paths:
        path = Path(p)
        files = [(f, f.relative_to(path).as_posix()) for f in path.rglob("*") if f.is_file()] if path.is_dir() \
            else [(path, path.name)]
        for f, rel in files:
            suffix = f.suffix.lower()
            if path.is_dir() and (suffix not in DOCUMENT_SUFFIXES | ARCHIVE_SUFFIXES or not _selected(rel, inc, exc)
                                  or f.name.lower().endswith(OUTPUT_SUFFIX)):
                continue
            n += zip_count(f) if suffix in ARCHIVE_SUFFIXES and f.exists() else 1
    return n


def check_many(paths: Iterable[str | os.PathLike] | str | os.PathLike, config: Config | None = None, *,
               jobs: int | None = None, store: Store | str | os.PathLike | None = None,
               timeout: float | None = None, memory_mb: int | None = None,
               progress: bool | ProgressFn | None = None, scheduler=None,
               include: Iterable[str] = (), exclude: Iterable[str] = (), keep_text: bool = False,
               retry_errors: bool = False, baseline=None) -> BatchRun:
    """Check files, folders and .zip archives; yields DocumentResult as each document finishes.

    jobs: worker processes (default: all cores; 0 runs in this process, for debugging).
    store: a results store (path or Store): unchanged files are taken from it, new results written.
    timeout / memory_mb: per-file limits (default: config.limits.timeout_seconds / memory_mb).
    progress: True for a progress bar on stderr (only when it is a terminal), or a callable
        progress(done, total, result) called after every result (it may raise KeyboardInterrupt).
    scheduler: a Dask scheduler address or distributed.Client: run on a Dask cluster instead.
    keep_text: keep each document's block texts (HTML and annotated DOCX reports need them).
    baseline: a baseline file path or suppress.Baseline: accepted findings are moved to each
        result's `suppressed` (as are those the configuration's per-path / per-document ignores
        cover), for fresh and stored results alike; the store keeps the unsuppressed results.
    """
    from .suppress import apply as _suppress, load_baseline
    baseline = load_baseline(baseline)
    config = config or Config()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    timeout = config.limits.timeout_seconds if timeout is None else timeout
    memory_mb = config.limits.memory_mb if memory_mb is None else memory_mb
    if jobs is None:
        # one plain file (a drafter checking a draft): starting worker processes only costs time
        single = len(paths) == 1 and os.path.isfile(paths[0]) and not str(paths[0]).lower().endswith(".zip")
        jobs = 0 if single and scheduler is None else (os.cpu_count() or 1)
    stats = BatchStats()

    def gen(run: BatchRun) -> Iterator[DocumentResult]:
        st, owned = open_store(store, config)
        bar = None
        pool: LocalPool | DaskPool | None = None
        try:
            if st is not None:
                st.begin_run()
            if progress:
                stats.total = count_items(paths, include=include, exclude=exclude)
            if progress is True and sys.stderr.isatty():
                from tqdm import tqdm
                bar = tqdm(total=stats.total, unit="vb", file=sys.stderr, dynamic_ncols=True,
                           desc="Kiểm tra / checking")
            items = iter_items(paths, include=include, exclude=exclude, limits=config.limits)
            if scheduler is not None:
                from .dask_backend import DaskPool
                pool = DaskPool(scheduler, config, keep_text=keep_text, timeout=timeout, jobs=jobs)
            elif jobs > 0:
                pool = LocalPool(jobs, config, keep_text=keep_text, timeout=timeout, memory_mb=memory_mb)
            for result in _drive(items, pool, st, config, keep_text, timeout, stats, bar, progress, retry_errors):
                yield _suppress(result, config, baseline)
        except (KeyboardInterrupt, GeneratorExit):
            stats.interrupted = True
            raise
        finally:
            stats.elapsed_s = time.monotonic() - stats.started
            if pool is not None:
                if getattr(pool, "peak_rss_kb", 0):
                    stats.worker_peak_rss_mb = pool.peak_rss_kb / 1024
                cpu_s = getattr(pool, "cpu_s", None)
                if cpu_s:
                    stats.worker_cpu_s = cpu_s
                pool.close()
            if bar is not None:
                bar.close()
            if st is not None:
                st.end_run(checked=stats.checked, cached=stats.cached, errors=stats.errors,
                           interrupted=stats.interrupted)
                if owned:
                    st.close()

    return BatchRun(gen, stats)


def _prepare(item: Item, tid: int, st: Store | None, keep_text: bool, retry_errors: bool, max_bytes: int,
             ) -> tuple[Task | None, DocumentResult | None]:
    """A task to run, or a finished result (an item error, or a result from the store)."""
    if item.error is not None:
        return None, DocumentResult.from_error(item.label, item.error)
    if st is None:
        return Task(tid, item.label, path=item.path, data=item.data), None
    size = mtime = None
    data = item.data
    sha = None
    if item.path is not None:
        try:
            s = os.stat(item.path)
            size, mtime = s.st_size, s.st_mtime_ns
        except OSError as exc:
            return None, DocumentResult.from_error(item.label, FileAccessError(f"{item.label}: {exc.strerror}"))
        sha = st.sha_for_unchanged(item.label, size, mtime)
        if sha is not None:  # unchanged since the last run: not even read
            hit = st.get(sha, label=item.label, with_texts=keep_text, retry_transient=not retry_errors)
            if _usable(hit, keep_text):
                return Task(tid, item.label, sha256=sha, size=size, mtime_ns=mtime, unchanged=True), hit
        if size > max_bytes:
            data = None  # let the reader refuse it with its own error
        else:
            try:
                with open(item.path, "rb") as fh:  # read-only
                    data = fh.read()
            except OSError as exc:
                return None, DocumentResult.from_error(item.label, FileAccessError(f"{item.label}: {exc.strerror}"))
    else:
        assert data is not None   # an item has a path or its bytes
        size = len(data)
    if data is not None:
        sha = hashlib.sha256(data).hexdigest()
        hit = st.get(sha, label=item.label, with_texts=keep_text, retry_transient=not retry_errors)
        if _usable(hit, keep_text):
            return Task(tid, item.label, sha256=sha, size=size, mtime_ns=mtime), hit
    return Task(tid, item.label, path=item.path if data is None else None, data=data, sha256=sha, size=size,
                mtime_ns=mtime), None


def _usable(hit: DocumentResult | None, keep_text: bool) -> bool:
    # A stored result without texts cannot feed the HTML/DOCX reports: check again to get them.
    return hit is not None and (not keep_text or hit.status == "error" or hit.block_texts is not None)


def _drive(items: Iterator[Item], pool, st: Store | None, config: Config, keep_text: bool,
           timeout: float | None, stats: BatchStats, bar, progress, retry_errors: bool) -> Iterator[DocumentResult]:
    tid = 0
    exhausted = False
    ready: deque[tuple[Task | None, DocumentResult, bool]] = deque()  # (task, result, checked now)

    def finish(task: Task | None, result: DocumentResult, checked: bool) -> DocumentResult:
        if task is not None and task.sha256 and result.sha256 is None:
            result = dataclasses.replace(result, sha256=task.sha256)
        if st is not None and not (task is not None and task.unchanged and not checked):
            label = result.path or (task.label if task else "")
            sha = task.sha256 if task else None
            if sha is None and result.status == "error":
                # no content to hash (a missing file, a hostile archive member): keyed by its name so
                # that `vbqppl-check report` still lists it; produced again on every run
                sha, checked_now = PATH_KEY + hashlib.sha256(label.encode()).hexdigest(), True
            else:
                checked_now = checked
            st.put(result, label=label, sha256=sha, size=task.size if task else None,
                   mtime_ns=task.mtime_ns if task else None, checked=checked_now)
        stats.done += 1
        stats.checked += checked
        stats.cached += (not checked) and task is not None
        stats.errors += result.status == "error"
        if stats.first_result_s is None:
            stats.first_result_s = time.monotonic() - stats.started
        if bar is not None:
            bar.update(1)
        if callable(progress):
            progress(stats.done, stats.total, result)
        return result

    held: Task | None = None   # the next task to run, waiting for a free worker
    while True:
        # Pull items: tasks go to free workers; results from the store (or item errors) are ready at
        # once, so a resumed run streams its cached part while the workers are busy.
        while not exhausted and held is None and len(ready) < 16:
            item = next(items, None)
            if item is None:
                exhausted = True
                break
            tid += 1
            task, result = _prepare(item, tid, st, keep_text, retry_errors, config.limits.max_file_bytes)
            if result is not None:
                ready.append((task, result, False))
            elif pool is None:  # in-process (jobs=0): one at a time, yielded at once
                assert task is not None   # _prepare gives a task when it gives no result
                ready.append((task, check_task(task, config, keep_text, timeout), True))
                break
            elif pool.free_slots() > 0:
                pool.submit(task)
            else:
                held = task
        while ready:
            yield finish(*ready.popleft())
        if held is not None and pool.free_slots() > 0:
            pool.submit(held)
            held = None
            continue
        if pool is None or pool.busy() == 0:
            if exhausted and held is None:
                return
            continue
        # Only block when there is nothing else to do (no more items to look up).
        for task, result in pool.poll(0.5 if exhausted or held is not None else 0.0):
            yield finish(task, result, True)
