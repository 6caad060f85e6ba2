"""One file through the pure stages, in a worker process: extract → detect language → classify →
build the document. Reads the stored bytes; never fetches, never writes to Elasticsearch.

Every failure becomes an `Outcome` with status quarantined and a reason a reader can act on.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from giai.index_schema import LANGUAGES
from giai.ledger import INDEXED, NEEDS_OCR, QUARANTINED
from ingest.classify import classify
from ingest.document import build_source
from ingest.furniture import separate_furniture
from ingest.models import Outcome, Task, utc_now
from ingest.title import choose_title


@dataclass(frozen=True)
class StageOptions:
    """What a worker needs to know to process files (picklable: sent once to each worker)."""

    thesaurus_path: str
    countries_path: str
    ocr_languages: str | None
    max_pages: int


class Resources:
    """The vocabularies a worker loads once and reuses for every file (having checked that the
    PDF text worker can run)."""

    def __init__(self, options: StageOptions):
        from giai.countries import load_countries
        from giai.thesaurus import load_thesaurus
        from ingest.extract import pdfbox

        pdfbox.process_worker().check()  # no JDK or no jar: stop the run, not quarantine every PDF
        self.options = options
        self.thesaurus = load_thesaurus(Path(options.thesaurus_path))
        self.countries = load_countries(Path(options.countries_path))


def quarantined(task: Task, reason: str, detail: str, clock: StageClock | None = None) -> Outcome:
    return Outcome(
        doc_id=task.item.doc_id,
        status=QUARANTINED,
        reason=reason,
        detail=detail,
        timings=clock.wall if clock else {},
        cpu_timings=clock.cpu if clock else {},
    )


def file_date(metadata: dict[str, Any]) -> str | None:
    """The date the file declares about itself (the extractor gives ISO 8601), as YYYY-MM-DD."""
    for key in ("created", "date", "published", "modified"):
        try:
            return dt.date.fromisoformat(str(metadata.get(key) or "")[:10]).isoformat()
        except ValueError:
            continue
    return None


class StageClock:
    """Seconds spent per stage: wall time and this process's CPU time (which, unlike wall time,
    does not grow when other processes compete for the cores)."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[name] = time.perf_counter() - wall
            self.cpu[name] = time.process_time() - cpu


def process(task: Task, resources: Resources) -> Outcome:
    """The outcome of one stored file: its document (indexed or needs_ocr) or its quarantine."""
    from ingest.extract import ExtractionError, extract, first_heading
    from ingest.language import detect_languages

    item, metadata = task.item, task.item.metadata
    clock = StageClock()
    try:
        with clock.stage("extract"):
            data = Path(task.raw_path).read_bytes()
            extracted = extract(
                data, item.name, ocr_languages=resources.options.ocr_languages, max_pages=resources.options.max_pages
            )
    except ExtractionError as exc:
        return quarantined(task, exc.reason, str(exc), clock)
    except MemoryError:
        return quarantined(task, "too_large", "the file needs more memory than a worker may use", clock)
    except Exception as exc:  # a library's bug on one file must not stop the run: say which
        return quarantined(task, "corrupt", f"{type(exc).__name__}: {exc}"[:500], clock)

    with clock.stage("detect"):
        # Running headers, footers and page numbers stay out of everything that reads the text.
        separated = separate_furniture([page.text for page in extracted.pages])
        texts = list(separated.pages)
        declared = metadata.language or extracted.declared_language
        report = detect_languages(texts, declared)
        language = metadata.language or report.primary or declared or item.default_language
        languages = list(dict.fromkeys([language, *report.languages]))

    with clock.stage("classify"):
        title = choose_title(
            metadata.title, extracted.title, lambda: first_heading(extracted, data), texts, item.name,
            language=language, language_of=lambda text: detect_languages([text]).primary,
        )
        classification = classify(
            title,
            texts,
            metadata,
            resources.thesaurus,
            resources.countries,
            corrections=task.corrections,
            fallback_date=file_date(extracted.metadata or {}),
            furniture="\n".join(separated.furniture),
        )

    status = NEEDS_OCR if extracted.needs_ocr else INDEXED
    source = build_source(
        task,
        doc_id=item.doc_id,
        status=status,
        media_type=extracted.media_type,
        title=title,
        pages=[(page.number, text) for page, text in zip(extracted.pages, texts)],
        page_labels=separated.labels,
        furniture=separated.furniture,
        page_count=len(extracted.pages),
        language=language,
        languages=languages,
        confidence=report.confidence or 0.0,
        declared_language=declared if declared in LANGUAGES else None,
        page_languages=list(report.page_languages),
        fragments=[{"page": f.page, "language": f.language, "text": f.text} for f in report.fragments],
        mixed=report.mixed,
        classification=classification,
        indexed_at=utc_now(),
    )
    return Outcome(
        doc_id=item.doc_id,
        status=status,
        reason="needs_ocr" if extracted.needs_ocr else "",
        detail="scanned pages without a text layer and no OCR" if extracted.needs_ocr else "",
        pages=len(extracted.pages),
        languages=tuple(languages),
        language=language,
        title=title,
        media_type=extracted.media_type,
        source=source,
        timings=clock.wall,
        cpu_timings=clock.cpu,
        warnings=metadata.warnings + classification.warnings,
    )
