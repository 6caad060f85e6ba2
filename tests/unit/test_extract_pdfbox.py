"""The PDFBox worker: one JVM answering file after file, restarted after a failure, and loud when
it cannot run at all."""

from __future__ import annotations

import pytest

from benchmarks.pdf_producers import document_html, print_pdf, source_text
from ingest.extract import ExtractionError, PdfWorkerUnavailable, extract
from ingest.extract.pdfbox import WORKER_JAR, PdfBoxWorker

pytestmark = pytest.mark.slow  # starts JVMs


@pytest.fixture(scope="module")
def arabic_pdf(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("pdfbox") / "ar.pdf"
    return print_pdf("weasyprint", document_html(source_text("ar"), page_breaks=(2,)), path).read_bytes()


@pytest.fixture
def worker():
    worker = PdfBoxWorker()
    yield worker
    worker.close()


def test_one_jvm_answers_file_after_file(worker, arabic_pdf):
    first = worker.page_texts(arabic_pdf)
    pid = worker._process.pid
    second = worker.page_texts(arabic_pdf, [2])
    assert worker._process.pid == pid
    assert sorted(first) == [1, 2] and list(second) == [2] and second[2] == first[2]
    assert "الاختفاء القسري جريمة مستمرة" in " ".join(first[1].split())


def test_a_damaged_file_is_corrupt_and_the_next_file_is_read(worker, arabic_pdf):
    with pytest.raises(ExtractionError) as caught:
        worker.page_texts(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    assert caught.value.reason == "corrupt" and "cannot be read" in str(caught.value)
    assert worker.page_texts(arabic_pdf, [1])[1]


def test_a_file_over_the_time_limit_times_out_and_the_jvm_is_replaced(arabic_pdf):
    worker = PdfBoxWorker(timeout_s=0.0001)
    try:
        worker.page_texts(arabic_pdf)  # starts the JVM; its first answer cannot come that fast
        pytest.fail("the answer came within 0.1 ms")
    except ExtractionError as error:
        assert error.reason == "timed_out" and "PDFBox took longer than" in str(error)
    assert worker._process is None
    worker.timeout_s = 60
    assert worker.page_texts(arabic_pdf, [1])[1]
    worker.close()


def test_a_jvm_that_died_between_files_is_started_again(worker, arabic_pdf):
    worker.page_texts(arabic_pdf, [1])
    worker._process.kill()
    worker._process.wait()
    assert worker.page_texts(arabic_pdf, [1])[1]


def test_a_worker_that_is_not_built_says_so(tmp_path, arabic_pdf):
    worker = PdfBoxWorker(jar=tmp_path / "missing.jar")
    with pytest.raises(PdfWorkerUnavailable, match="not built"):
        worker.page_texts(arabic_pdf)


def test_a_jvm_that_cannot_start_fails_loudly_instead_of_blaming_the_file(tmp_path, arabic_pdf):
    broken = tmp_path / "broken.jar"
    broken.write_bytes(b"not a jar")
    worker = PdfBoxWorker(jar=broken)
    with pytest.raises(PdfWorkerUnavailable, match="died as it started"):
        worker.page_texts(arabic_pdf)


def test_extract_lets_an_unavailable_worker_through_rather_than_quarantine_the_file(monkeypatch, tmp_path, arabic_pdf):
    from ingest.extract import pdfbox

    monkeypatch.setattr(pdfbox, "_worker", PdfBoxWorker(jar=tmp_path / "missing.jar"))
    with pytest.raises(PdfWorkerUnavailable):
        extract(arabic_pdf, "ar.pdf")


def test_the_worker_jar_is_built_by_the_setup():
    assert WORKER_JAR.is_file(), "run `make pdf-worker`"
