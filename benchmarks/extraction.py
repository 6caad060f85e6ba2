"""Extraction benchmark: word recall of our PDF extraction per producer and language.

    python benchmarks/extraction.py                  # the corpus in a temporary folder
    python benchmarks/extraction.py --cache DIR      # keep (and reuse) the printed PDFs

The sample texts (tests/data/producer-texts) are printed by LibreOffice, Chromium and WeasyPrint
(benchmarks/pdf_producers.py: justified, two columns, hyphenated, a wrapped title, a page turned
by /Rotate and one drawn with a rotated text matrix), then read back by `ingest.extract.extract`.
Recall is the share of the source's words (every occurrence) found among the words of the
extracted pages, both compared after NFKC, case folding, Arabic harakat and tatweel removed and
ё → е. Prints a table (producers × languages) and, as its LAST line, one JSON object with
`min_recall`, `recall` keyed "producer/language", and `seconds` of extraction per producer.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# `ingest` package: put the repository root there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import unicodedata  # noqa: E402

_HARAKAT_AND_TATWEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def words(text: str) -> list[str]:
    """The words of `text`, compared as the recall measure compares them."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return re.findall(r"\w+", _HARAKAT_AND_TATWEEL.sub("", text))


def word_recall(source: str, extracted: str) -> float:
    """The share of the words of `source` (every occurrence) found among the words of `extracted`."""
    wanted = words(source)
    found = set(words(extracted))
    return sum(1 for word in wanted if word in found) / max(len(wanted), 1)


def missing_words(source: str, extracted: str) -> list[str]:
    """The words of `source` not found among the words of `extracted`, in order, once each."""
    found = set(words(extracted))
    return list(dict.fromkeys(word for word in words(source) if word not in found))


def measure(corpus: dict[tuple[str, str], Path]) -> tuple[dict[str, float], dict[str, float]]:
    """Recall by "producer/language" and extraction seconds by producer, for `corpus` as
    `pdf_producers.producer_corpus` returns it."""
    from benchmarks.pdf_producers import source_text
    from ingest.extract import extract

    recall: dict[str, float] = {}
    seconds: dict[str, float] = {}
    for (producer, language), path in sorted(corpus.items()):
        data = path.read_bytes()
        started = time.perf_counter()
        extracted = extract(data, path.name)
        seconds[producer] = seconds.get(producer, 0.0) + time.perf_counter() - started
        text = "\n".join(page.text for page in extracted.pages)
        recall[f"{producer}/{language}"] = round(word_recall(source_text(language).text, text), 3)
    return recall, seconds


def table(recall: dict[str, float]) -> str:
    from benchmarks.pdf_producers import LANGUAGES, PRODUCERS

    lines = ["| producer | " + " | ".join(LANGUAGES) + " |", "|---|" + "---|" * len(LANGUAGES)]
    for producer in PRODUCERS:
        cells = [f"{recall[f'{producer}/{language}']:.3f}" for language in LANGUAGES if f"{producer}/{language}" in recall]
        if cells:
            lines.append(f"| {producer} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Word recall of PDF extraction per producer and language.")
    parser.add_argument("--cache", type=Path, default=None, help="Folder keeping the printed PDFs (default: temporary).")
    parser.add_argument("--missing", action="store_true", help="Also list the words not found, per file.")
    args = parser.parse_args(argv)

    from benchmarks.pdf_producers import producer_corpus, source_text
    from ingest.extract import extract

    with tempfile.TemporaryDirectory(prefix="giai-extraction-") as scratch:
        folder = args.cache or Path(scratch)
        started = time.perf_counter()
        corpus = producer_corpus(folder)
        print(f"corpus: {len(corpus)} PDFs in {folder} ({time.perf_counter() - started:.1f} s)")
        recall, seconds = measure(corpus)
        if args.missing:
            for (producer, language), path in sorted(corpus.items()):
                text = "\n".join(p.text for p in extract(path.read_bytes(), path.name).pages)
                print(producer, language, " ".join(missing_words(source_text(language).text, text)))
    print(table(recall))
    print(json.dumps({"min_recall": min(recall.values()), "recall": recall,
                      "seconds": {k: round(v, 3) for k, v in seconds.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
