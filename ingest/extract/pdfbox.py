"""Page text from Apache PDFBox's `PDFTextStripper`, in one long-lived JVM per process.

The JVM runs `pdf-worker/` (built with Maven by `make setup`) and answers one PDF after the other
over its stdin and stdout (the protocol is described in PdfTextWorker.java). It starts on the first
request, about a second, and is started again after it dies or overruns a file's time limit, so a
bad file costs one restart, never the next file. The JDK is the one the local node uses.
"""

from __future__ import annotations

import atexit
import os
import resource
import select
import struct
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from giai import PROJECT_ROOT

from .errors import ExtractionError

WORKER_JAR = PROJECT_ROOT / "pdf-worker" / "target" / "giai-pdf-worker.jar"
TIMEOUT_S = 120.0
# The Java heap bounds what one file may take; PDFBox reads a file of the size we accept in far less.
# The VM's own warnings go to stderr: stdout carries the answers only.
_JVM_OPTIONS = ("-Xmx1g", "-Xss4m", "-XX:+UseSerialGC", "-XX:+DisplayVMOutputToStderr", "-Djava.awt.headless=true")
_INT = struct.Struct(">i")
_OK, _FAILED = 0, 1


class PdfWorkerUnavailable(RuntimeError):
    """The JVM worker cannot run here (no JDK, jar not built, JVM dies at start): not the file's
    fault, so no file is quarantined for it; the message says what to do."""


def _lift_address_space_limit() -> None:
    # An ingestion worker caps its own address space; a JVM reserves far more than it uses and
    # would not start under that cap. Its heap is bounded by -Xmx instead.
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _java() -> Path:
    from giai.java import JavaMissing, find_java_home

    try:
        return find_java_home() / "bin" / "java"
    except JavaMissing as exc:
        raise PdfWorkerUnavailable(f"PDFBox needs a JDK: {exc}") from exc


class PdfBoxWorker:
    """One JVM running the worker jar; `page_texts` sends a file and waits for its pages."""

    def __init__(self, jar: Path = WORKER_JAR, timeout_s: float = TIMEOUT_S) -> None:
        self.jar, self.timeout_s = jar, timeout_s
        self._process: subprocess.Popen | None = None

    def check(self) -> Path:
        """The java binary that runs the worker; PdfWorkerUnavailable when the JVM could not even
        be started (no jar, no JDK). Starts nothing: an ingestion worker checks this once before
        taking files."""
        if not self.jar.is_file():
            raise PdfWorkerUnavailable(f"the PDF text worker is not built ({self.jar}): run `make setup`")
        return _java()

    def _start(self) -> subprocess.Popen:
        java = self.check()
        try:
            return subprocess.Popen(
                [str(java), *_JVM_OPTIONS, "-jar", str(self.jar)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                preexec_fn=_lift_address_space_limit, bufsize=0,
            )
        except OSError as exc:
            raise PdfWorkerUnavailable(f"the PDF text worker could not start ({java}): {exc}") from exc

    def page_texts(self, data: bytes, pages: Sequence[int] = ()) -> dict[int, str]:
        """The text of the 1-based `pages` of the PDF in `data` (all pages when empty), by number.

        Raises ExtractionError for a file PDFBox cannot read or that takes longer than the time
        limit (the JVM is then restarted), PdfWorkerUnavailable when the JVM cannot run at all."""
        started = self._process is None or self._process.poll() is not None
        if started:
            self._process = self._start()
        request = b"".join((_INT.pack(len(data)), data, _INT.pack(len(pages)), *(_INT.pack(p) for p in pages)))
        try:
            self._process.stdin.write(request)
            self._process.stdin.flush()
            return self._read_answer(time.monotonic() + self.timeout_s)
        except _WorkerGone as exc:
            self.close()
            if started:
                raise PdfWorkerUnavailable(f"the PDF text worker died as it started: {exc}") from None
            raise ExtractionError("corrupt", f"The PDF text extractor (PDFBox) failed on this file: {exc}.") from None
        except TimeoutError:
            self.close()
            raise ExtractionError("timed_out", f"PDFBox took longer than {self.timeout_s:g} s to read the PDF.") from None
        except BrokenPipeError:
            self.close()
            raise ExtractionError("corrupt", "The PDF text extractor (PDFBox) stopped while reading this file.") from None

    def _read_answer(self, deadline: float) -> dict[int, str]:
        status = self._read_int(deadline)
        if status == _FAILED:
            reason, message = self._read_string(deadline), self._read_string(deadline)
            raise ExtractionError(reason if reason in ("encrypted", "corrupt") else "corrupt", message)
        if status != _OK:
            raise _WorkerGone(f"unexpected answer {status}")
        texts = {}
        for _ in range(self._read_int(deadline)):
            number = self._read_int(deadline)
            texts[number] = self._read_string(deadline)
        return texts

    def _read_exactly(self, size: int, deadline: float) -> bytes:
        stream = self._process.stdout
        chunks, missing = [], size
        while missing:
            if not select.select([stream], [], [], max(0.0, deadline - time.monotonic()))[0]:
                raise TimeoutError
            chunk = os.read(stream.fileno(), min(missing, 1 << 20))
            if not chunk:
                raise _WorkerGone(f"the JVM exited (code {self._process.wait()})")
            chunks.append(chunk)
            missing -= len(chunk)
        return b"".join(chunks)

    def _read_int(self, deadline: float) -> int:
        return _INT.unpack(self._read_exactly(4, deadline))[0]

    def _read_string(self, deadline: float) -> str:
        return self._read_exactly(self._read_int(deadline), deadline).decode("utf-8", errors="replace")

    def close(self) -> None:
        """Stop the JVM (it also stops by itself when this process ends: its stdin closes)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            for stream in (self._process.stdin, self._process.stdout):
                stream.close()
            self._process = None


class _WorkerGone(Exception):
    """The JVM exited or answered out of protocol."""


_worker: PdfBoxWorker | None = None


def process_worker() -> PdfBoxWorker:
    """This process's one worker (its JVM starts on the first file)."""
    global _worker
    if _worker is None:
        _worker = PdfBoxWorker()
        atexit.register(_worker.close)
    return _worker


def page_texts(data: bytes, pages: Sequence[int] = ()) -> dict[int, str]:
    """PdfBoxWorker.page_texts on this process's one worker."""
    return process_worker().page_texts(data, pages)
