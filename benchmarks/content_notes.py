"""Content-note rules against judged pages: recall on graphic pages and the share of other pages
flagged, per language and overall, on the judged set and on two held-out sets: the first written
before the rules' vocabulary, the second after the rules were frozen (see their headers).

    .venv/bin/python benchmarks/content_notes.py [--judged FILE ...] [--verbose]

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from giai.content_notes import judge_page  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "content_notes"
SETS = {"judged": SAMPLES / "judged.yaml", "held_out": SAMPLES / "held_out.yaml", "held_out_2": SAMPLES / "held_out_2.yaml"}


def measure(pages: list[dict], verbose: bool) -> dict:
    """recall, false-flag rate and counts, overall and per language."""
    def figures(subset: list[dict]) -> dict:
        graphic = [p for p in subset if p["graphic"]]
        other = [p for p in subset if not p["graphic"]]
        hits = sum(judge_page(p["text"], p["language"]).flagged for p in graphic)
        false = sum(judge_page(p["text"], p["language"]).flagged for p in other)
        return {"pages": len(subset), "graphic": len(graphic), "recall": round(hits / len(graphic), 3) if graphic else None,
                "false_flag_rate": round(false / len(other), 3) if other else None}

    if verbose:
        for p in pages:
            verdict = judge_page(p["text"], p["language"])
            if verdict.flagged != p["graphic"]:
                print(f"  wrong {p['id']}: judged {p['graphic']}, evidence {verdict.evidence}")
    languages = sorted({p["language"] for p in pages})
    return {"all": figures(pages), **{lang: figures([p for p in pages if p["language"] == lang]) for lang in languages}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list the pages judged wrongly")
    args = parser.parse_args()
    results = {}
    for name, path in SETS.items():
        pages = yaml.safe_load(path.read_text(encoding="utf-8"))
        results[name] = measure(pages, args.verbose)
        print(f"{name} ({path.name}):")
        for scope, f in results[name].items():
            print(f"  {scope:4} pages {f['pages']:3}  graphic {f['graphic']:3}  recall {f['recall']}  false flags {f['false_flag_rate']}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
