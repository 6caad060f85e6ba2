"""Worker processes that run the pure stages, each file under a time limit.

A pathological file (an endless loop in a parser, a decompression bomb) must not hang the run, and
a thread cannot be stopped: so each worker is a process with its own pipe, the parent notes when it
handed a file over, and a worker past the deadline is killed (SIGKILL) and replaced; the file is
quarantined `timed_out`. A worker that dies on a file (a crash in a C library, the memory limit)
is replaced the same way and its file quarantined. Workers fork from a clean forkserver, never
from the parent's threads.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import signal
import time
from dataclasses import dataclass
from typing import Any

from ingest.limits import limit_memory
from ingest.models import Outcome, Task
from ingest.process import Resources, StageOptions, process, quarantined

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["ingest.process", "ingest.extract", "ingest.language"])


class WorkerStartError(RuntimeError):
    """A worker could not start (a vocabulary missing or invalid): no file can be processed, so
    the run stops with this one-line message instead of quarantining every file."""


STARTUP_TIMEOUT_S = 120


def _worker_main(connection: multiprocessing.connection.Connection, options: StageOptions, memory_mb: int) -> None:
    """Load the vocabularies once and say so (or why not), then process each task received until
    told to stop (None). Ctrl-C is the parent's to handle: it stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        resources = Resources(options)
    except Exception as exc:  # reported to the parent, which stops the run with it
        connection.send(f"{type(exc).__name__}: {exc}")
        return
    limit_memory(memory_mb)
    connection.send(None)
    while True:
        try:
            task = connection.recv()
        except EOFError:  # the parent is gone
            return
        if task is None:
            return
        connection.send(process(task, resources))


@dataclass
class _Worker:
    process: Any
    connection: multiprocessing.connection.Connection
    task: Task | None = None
    started: float = 0.0


class WorkerPool:
    """`size` workers; `submit` hands a task to an idle one, `collect` returns finished outcomes
    (including quarantines for files that timed out or killed their worker)."""

    def __init__(self, size: int, options: StageOptions, *, timeout_s: float, memory_mb: int = 0):
        self.options, self.timeout_s, self.memory_mb = options, timeout_s, memory_mb
        self.workers = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        parent, child = _CONTEXT.Pipe()
        proc = _CONTEXT.Process(target=_worker_main, args=(child, self.options, self.memory_mb), daemon=True)
        proc.start()
        child.close()
        problem = "it did not start in time"
        if parent.poll(STARTUP_TIMEOUT_S):
            try:
                problem = parent.recv()
            except EOFError:
                proc.join(5)
                problem = f"it exited with code {proc.exitcode}"
        if problem is not None:
            proc.kill()
            raise WorkerStartError(f"an ingestion worker could not start: {problem}")
        return _Worker(proc, parent)

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(timeout=10)
        worker.connection.close()
        self.workers[self.workers.index(worker)] = self._start()

    @property
    def idle(self) -> int:
        return sum(1 for w in self.workers if w.task is None)

    @property
    def busy(self) -> int:
        return len(self.workers) - self.idle

    def submit(self, task: Task) -> None:
        worker = next(w for w in self.workers if w.task is None)
        worker.task, worker.started = task, time.monotonic()
        worker.connection.send(task)

    def collect(self, wait_s: float) -> list[tuple[Task, Outcome]]:
        """Outcomes of finished files, waiting at most `wait_s` for the first one."""
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return []
        now = time.monotonic()
        next_deadline = min(w.started + self.timeout_s for w in busy) - now
        ready = multiprocessing.connection.wait(
            [w.connection for w in busy], timeout=max(0.0, min(wait_s, next_deadline))
        )
        results = []
        for worker in busy:
            task = worker.task
            if worker.connection in ready:
                try:
                    outcome = worker.connection.recv()
                except (EOFError, OSError):
                    code = worker.process.exitcode
                    outcome = quarantined(task, "crashed", f"the extractor died on this file (exit {code})")
                    self._replace(worker)
                worker.task = None
                results.append((task, outcome))
            elif time.monotonic() - worker.started > self.timeout_s:
                self._replace(worker)  # the new worker has no task
                results.append(
                    (task, quarantined(task, "timed_out", f"processing took longer than {self.timeout_s:g} s"))
                )
        return results

    def close(self) -> None:
        for worker in self.workers:
            try:
                if worker.task is None:
                    worker.connection.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for worker in self.workers:
            worker.process.join(timeout=max(0.1, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()
