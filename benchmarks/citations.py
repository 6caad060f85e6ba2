"""Citation recognition benchmark: precision and recall of the citator against a judged set.

    python benchmarks/citations.py                 # tests/data/citations/*.yaml
    python benchmarks/citations.py --judged DIR    # another judged set of the same shape

Each judged sentence lists the case key of every citation occurrence it holds (see
tests/data/citations/README.md: the set is self-written). Within a sentence, found and expected
occurrences are matched by key (as multisets): a found occurrence with no expected one of its key
is a false positive, an expected one left unmatched a miss. Prints the figures per language, each
error, and as its LAST line one JSON object with `precision`, `recall`, `occurrences`,
`sentences` and `languages` (the same figures per language).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# `ingest` package: put the repository root there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import json  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

import yaml  # noqa: E402

from giai import PROJECT_ROOT  # noqa: E402
from giai.cases import KnownCases, load_cases  # noqa: E402
from ingest.citations import find_citations  # noqa: E402

JUDGED = PROJECT_ROOT / "tests" / "data" / "citations"


@dataclass
class Score:
    """Counts of matched, spurious and missed occurrences, and the sentences that went wrong."""

    found: int = 0
    expected: int = 0
    matched: int = 0
    sentences: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def figures(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "occurrences": self.expected,
                "found": self.found, "sentences": self.sentences}


def judged_sets(folder: Path) -> dict[str, list[dict]]:
    """Language → its judged sentences (one YAML file per language)."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) or [] for path in sorted(folder.glob("*.yaml"))}


def score(sentences: list[dict], cases: KnownCases) -> Score:
    result = Score()
    for sentence in sentences:
        found = Counter(c.case for c in find_citations(sentence["text"], cases))
        expected = Counter(str(k) for k in sentence.get("cites") or ())
        matched = sum((found & expected).values())
        result.found += sum(found.values())
        result.expected += sum(expected.values())
        result.matched += matched
        result.sentences += 1
        if found != expected:
            result.errors.append(f"{sentence['text']!r}: found {dict(found)}, expected {dict(expected)}")
    return result


def measure(folder: Path = JUDGED, cases: KnownCases | None = None) -> dict[str, Score]:
    """Language → its score, and "all" → the whole set's."""
    cases = cases or load_cases()
    scores = {language: score(sentences, cases) for language, sentences in judged_sets(folder).items()}
    total = Score()
    for s in scores.values():
        total.found, total.expected, total.matched = total.found + s.found, total.expected + s.expected, total.matched + s.matched
        total.sentences += s.sentences
    return scores | {"all": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judged", type=Path, default=JUDGED, help="folder of <language>.yaml judged sentences")
    args = parser.parse_args(argv)
    scores = measure(args.judged)
    total = scores.pop("all")
    print(f"{'language':8} {'precision':>9} {'recall':>7} {'occurrences':>11} {'sentences':>9}")
    for language, s in scores.items():
        print(f"{language:8} {s.precision:9.3f} {s.recall:7.3f} {s.expected:11d} {s.sentences:9d}")
        for error in s.errors:
            print(f"    {error}")
    print(f"{'all':8} {total.precision:9.3f} {total.recall:7.3f} {total.expected:11d} {total.sentences:9d}")
    print(json.dumps(total.figures() | {"languages": {lang: s.figures() for lang, s in scores.items()}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
