"""A synthetic index of multilingual documents in the index schema's shape, for the search
benchmark: written straight to Elasticsearch with bulk (no files, no pipeline), deterministic
(seeded), and kept between runs.

    python benchmarks/synthetic_index.py --docs 100000      # alias bench-search-100000

What a document looks like: a language (en 35 %, fr 20 %, es 15 %, ru 15 %, ar 15 %); one or two
crime types, maybe gender dimensions, a document type, maybe a court or body (each stored with
its ancestors, as the pipeline does); one to three of the 250 countries, the common ones far more
often (Zipf), so every facet has the long tail a real collection has; a year from 1990 to 2025,
recent years likelier; mostly public, some members-only or restricted documents. Its pages (one to
twenty, three on average, ~1,300 characters each) are filler words of its language (the ingestion
benchmark's word lists, without the words of thesaurus labels) with the names of its own concepts
and countries mixed in, so a search for "torture" finds the documents about torture, not all of
them; one page in eight carries two lines in another language.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script, this file's folder comes first on sys.path, where benchmarks/ingest.py would
    # shadow the `ingest` package: put the repository root there instead.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from elasticsearch import Elasticsearch, helpers

from benchmarks.synthetic_corpus import ORGANISATIONS, WORDS
from giai import countries
from giai.index_schema import LANGUAGES, concrete_index_name, document_id, version_group
from giai.thesaurus import Thesaurus, load_thesaurus
from ingest.index_migration import drop_alias_and_indices, ensure_index, indices_behind

LANGUAGE_WEIGHTS = {"en": 35, "fr": 20, "es": 15, "ru": 15, "ar": 15}
PAGE_COUNTS = (1, 2, 3, 4, 6, 10, 20)
PAGE_COUNT_WEIGHTS = (30, 25, 15, 12, 10, 6, 2)
WORDS_PER_PAGE = 180
TOPIC_RATE = 0.03
LINE_WORDS = 12
ACCESS_WEIGHTS = {"public": 85, "members": 10, "restricted": 5}
FIRST_YEAR, LAST_YEAR = 1990, 2025
BULK_CHUNK = 500
SEED = 11


class Vocabulary:
    """What documents are made of: concepts per facet, countries, and filler words per language."""

    def __init__(self, thesaurus: Thesaurus):
        self.thesaurus = thesaurus
        self.concepts = {facet: thesaurus.concepts_in(facet) for facet in ("crime_type", "gender", "doc_type", "body")}
        self.countries = list(countries.codes())
        # Zipf weights: the first countries and concepts of each list are the common ones.
        self.country_weights = zipf(len(self.countries))
        self.concept_weights = {facet: zipf(len(ids)) for facet, ids in self.concepts.items()}
        self.filler = {lang: filler_words(lang, thesaurus) for lang in LANGUAGES}
        self.filler_weights = {lang: zipf(len(words), 0.8) for lang, words in self.filler.items()}

    def pick(self, rng: random.Random, facet: str, count: int) -> list[str]:
        """`count` concepts of `facet` (fewer when drawn twice) with their ancestors in the facet."""
        chosen = set(rng.choices(self.concepts[facet], self.concept_weights[facet], k=count))
        with_ancestors = set(chosen)
        for concept in chosen:
            with_ancestors.update(self.thesaurus.ancestors(concept, facet))
        return sorted(with_ancestors)


def zipf(n: int, exponent: float = 1.0) -> list[float]:
    return [1 / (rank + 1) ** exponent for rank in range(n)]


def filler_words(lang: str, thesaurus: Thesaurus) -> list[str]:
    """The ingestion benchmark's words of `lang` that are in no thesaurus label, so that topics
    come only from the document's own concepts."""
    topical = {word.lower() for cid in thesaurus.concepts_in("crime_type") + thesaurus.concepts_in("gender")
               for label in thesaurus.labels_of(cid).get(lang, []) for word in label.split()}
    return [word for word in dict.fromkeys(WORDS[lang]) if word.lower() not in topical]


@cache
def country_name(code: str, lang: str) -> str:
    return countries.name(code, lang)


def page_text(rng: random.Random, vocab: Vocabulary, lang: str, topics: Sequence[str]) -> str:
    """About WORDS_PER_PAGE words of `lang` in lines of LINE_WORDS, `topics` mixed in."""
    words = rng.choices(vocab.filler[lang], vocab.filler_weights[lang], k=WORDS_PER_PAGE)
    for at in range(len(words)):
        if rng.random() < TOPIC_RATE:
            words[at] = rng.choice(topics)
    return "\n".join(" ".join(words[i : i + LINE_WORDS]) for i in range(0, len(words), LINE_WORDS))


def document(rng: random.Random, vocab: Vocabulary, number: int) -> dict[str, Any]:
    """Synthetic document `number`, a dict in giai/index_schema.py's MAPPINGS shape."""
    lang = rng.choices(list(LANGUAGE_WEIGHTS), list(LANGUAGE_WEIGHTS.values()))[0]
    organisation = rng.choices(ORGANISATIONS, zipf(len(ORGANISATIONS)))[0]
    facets = {
        "crime_type": vocab.pick(rng, "crime_type", rng.choice((1, 1, 2))),
        "gender": vocab.pick(rng, "gender", rng.choice((1, 2))) if rng.random() < 0.35 else [],
        "doc_type": vocab.pick(rng, "doc_type", 1),
        "body": vocab.pick(rng, "body", 1) if rng.random() < 0.6 else [],
        "country": sorted(set(rng.choices(vocab.countries, vocab.country_weights, k=rng.choice((1, 1, 2, 3))))),
    }
    topics = [vocab.thesaurus.label(cid, lang) for facet in ("crime_type", "gender", "doc_type", "body")
              for cid in facets[facet]] + [country_name(code, lang) for code in facets["country"]]
    page_count = rng.choices(PAGE_COUNTS, PAGE_COUNT_WEIGHTS)[0]
    pages, languages = [], {lang}
    for page_number in range(1, page_count + 1):
        text = page_text(rng, vocab, lang, topics)
        if rng.random() < 1 / 8:
            other = rng.choice([x for x in LANGUAGES if x != lang])
            text += "\n" + page_text(rng, vocab, other, [vocab.thesaurus.label(facets["crime_type"][0], other)])[:160]
            languages.add(other)
        pages.append({"number": page_number, "language": lang, "text": text, f"text_{lang}": text})
    title = " ".join([topics[0], "—", country_name(facets["country"][0], lang), *rng.choices(vocab.filler[lang], k=5)])
    year = FIRST_YEAR + int((LAST_YEAR - FIRST_YEAR) * rng.random() ** 0.6)
    access = rng.choices(list(ACCESS_WEIGHTS), list(ACCESS_WEIGHTS.values()))[0]
    sha = hashlib.sha256(f"synthetic-{number}".encode()).hexdigest()
    doc_id = document_id(organisation, f"synthetic/{number}")
    source: dict[str, Any] = {
        "id": doc_id,
        "organisation": organisation,
        "source": {"kind": "folder", "locator": f"synthetic/{number}.pdf"},
        "file": {"name": f"{number}.pdf", "media_type": "application/pdf", "size": 40_000 * page_count, "sha256": sha},
        "content_sha256": sha,
        "status": "indexed",
        "title": title,
        f"title_{lang}": title,
        "pages": pages,
        "page_count": page_count,
        "language": lang,
        "languages": sorted(languages),
        "language_confidence": 0.99,
        "mixed_language": len(languages) > 1,
        "access": access,
        "access_orgs": [organisation] if access == "restricted" else [],
        **{facet: values for facet, values in facets.items() if values},
        "version_group": version_group(doc_id, translation_group(number), sha),
    }
    if translation_group(number):
        source["translation_group"] = translation_group(number)
    if rng.random() < 0.5:
        source["summary"] = " ".join(topics[:2] + rng.choices(vocab.filler[lang], k=25))
    if rng.random() > 0.02:
        source["year"] = year
        source["date"] = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return source


def translation_group(number: int) -> str | None:
    """A third of the documents are language versions, three of one text (numbers 3k to 3k+2)."""
    return f"synthetic-{number // 3}" if (number // 3) % 3 == 0 else None


def documents(count: int, seed: int = SEED) -> Iterator[dict[str, Any]]:
    """`count` synthetic documents, the same ones for the same seed."""
    rng, vocab = random.Random(seed), Vocabulary(load_thesaurus())
    for number in range(count):
        yield document(rng, vocab, number)


def alias_for(count: int) -> str:
    """The alias that keeps the synthetic index of `count` documents between runs."""
    return f"bench-search-{count}"


def holds(client: Elasticsearch, alias: str, count: int) -> bool:
    """Whether `alias` is one index of the current schema holding exactly `count` documents."""
    behind = indices_behind(client, alias)
    if behind != [concrete_index_name(alias)]:
        return False
    client.indices.refresh(index=alias)
    return client.count(index=alias)["count"] == count


def ensure_synthetic_index(client: Elasticsearch, alias: str, count: int, *, shards: int = 1,
                           say=lambda line: None) -> bool:
    """`alias` holding `count` synthetic documents of the current schema: kept when it already
    does, else built again (refresh off while loading, merged to one segment after, as a
    collection that is read far more than written). Returns whether it was built."""
    if holds(client, alias, count):
        say(f"{alias}: reusing {count:,} synthetic documents")
        return False
    drop_alias_and_indices(client, alias)
    index = ensure_index(client, alias, shards=shards, replicas=0)
    client.indices.put_settings(index=index, settings={"index": {"refresh_interval": "-1"}})
    started = time.monotonic()
    actions = ({"_index": index, "_id": doc["id"], "_source": doc} for doc in documents(count))
    results = helpers.parallel_bulk(client.options(request_timeout=120), actions, thread_count=2,
                                    chunk_size=BULK_CHUNK, raise_on_error=True)
    for done, _result in enumerate(results, start=1):
        if done % 10_000 == 0:
            say(f"{alias}: {done:,} documents in {time.monotonic() - started:.0f} s")
    client.indices.put_settings(index=index, settings={"index": {"refresh_interval": None}})
    client.indices.refresh(index=index)
    client.options(request_timeout=1800).indices.forcemerge(index=index, max_num_segments=1)
    say(f"{alias}: {count:,} synthetic documents written and merged in {time.monotonic() - started:.0f} s")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    from giai.es import connect
    from giai.settings import load_settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    args = parser.parse_args(argv)
    settings = load_settings()
    ensure_synthetic_index(connect(settings), alias_for(args.docs), args.docs, shards=settings.index_shards,
                           say=lambda line: print(line, file=sys.stderr))
    return 0


if __name__ == "__main__":
    sys.exit(main())
