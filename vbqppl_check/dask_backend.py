"""Run a batch on a Dask distributed cluster: the same per-document function (batch.check_task),
its results gathered back into the parent, which writes the same store.

Files are read by the parent and sent as bytes, so the workers need no shared file system. A task
that exceeds the timeout is abandoned (its future cancelled and the file given a `timeout` record);
Dask cannot kill a running task's thread, so a truly hung reader keeps one worker thread busy until
the worker is restarted — the local process pool, which can kill, is the default for that reason.
"""
from __future__ import annotations

import dataclasses
import time

from .config import Config
from .errors import FileAccessError, TimeoutError_
from .result import DocumentResult


class DaskPool:
    """The LocalPool interface (free_slots, busy, submit, poll, close) over a distributed.Client."""

    def __init__(self, scheduler, config: Config, *, keep_text: bool, timeout: float | None, jobs: int | None = None):
        from distributed import Client
        self._own_client = False
        if isinstance(scheduler, Client):
            self.client = scheduler
        else:
            address = getattr(scheduler, "scheduler_address", scheduler)  # a LocalCluster or an address
            self.client = Client(address, set_as_default=False)
            self._own_client = True
        self.config = config
        self.keep_text = keep_text
        self.timeout = timeout
        threads = sum(self.client.nthreads().values()) or 1
        self.slots = max(2, 2 * threads)  # keep every worker thread fed while results travel back
        self.running: dict = {}            # future -> (task, submitted at)
        self.peak_rss_kb = 0

    def free_slots(self) -> int:
        return self.slots - len(self.running)

    def busy(self) -> int:
        return len(self.running)

    def submit(self, task) -> None:
        from .batch import check_task
        if task.data is None and task.path is not None:
            try:
                with open(task.path, "rb") as fh:  # read-only
                    task = dataclasses.replace(task, data=fh.read(), path=None)
            except OSError as exc:
                fut = self.client.submit(DocumentResult.from_error, task.label,
                                         FileAccessError(f"{task.label}: {exc.strerror}"), pure=False)
                self.running[fut] = (task, time.monotonic())
                return
        # The worker-side alarm only works in a main thread; Dask runs tasks in threads, so the
        # timeout is enforced here, by abandoning the future.
        fut = self.client.submit(check_task, task, self.config, self.keep_text, None, pure=False)
        self.running[fut] = (task, time.monotonic())

    def poll(self, max_wait: float):
        if not self.running:
            return []
        # distributed.wait needs a default client (global state); a short poll keeps ours private.
        end = time.monotonic() + max_wait
        while not any(f.done() for f in self.running) and time.monotonic() < end:
            time.sleep(0.005)
        out = []
        now = time.monotonic()
        for fut, (task, started) in list(self.running.items()):
            if fut.done():
                del self.running[fut]
                try:
                    result = fut.result()
                except Exception as exc:  # noqa: BLE001 - a worker lost or a pickling error: this file only
                    from .batch import WorkerCrashedError
                    result = DocumentResult.from_error(task.label, WorkerCrashedError(f"{type(exc).__name__}: {exc}"))
                out.append((task, result))
            elif self.timeout and now - started > self.timeout:
                del self.running[fut]
                fut.cancel()
                out.append((task, DocumentResult.from_error(task.label, TimeoutError_(f"> {self.timeout:g} s"))))
        return out

    def close(self) -> None:
        for fut in list(self.running):
            fut.cancel()
        self.running.clear()
        if self._own_client:
            self.client.close()
