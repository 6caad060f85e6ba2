"""The index: analysis, mapping, stable document ids, and the versioned index behind an alias.

This module is the contract between the pipeline (which writes documents of this shape) and the
portal (which queries them). The concrete index is named after a digest of its definition, so a
change of the schema builds a new index, copies the documents over and swaps the alias: readers
never see a half-built index (the pipeline's `ingest/index_migration.py` does that).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from giai.access import ACCESS_LEVELS  # noqa: F401  (importable from here, as the index's vocabulary)

LANGUAGES = ("en", "fr", "ru", "es", "ar")
FACETS = ("crime_type", "country", "gender", "organisation", "doc_type", "body", "court", "language", "year", "decided_year")
# Facets counted by number (a histogram) rather than by term.
YEAR_FACETS = ("year", "decided_year")

# Filters named giai_* come from our analysis plugin (search-server/analysis-plugin); the others
# are in the server's core (hunspell reads the node's config/hunspell/<locale>/). Stop lists run
# before folding because they are written with accents. The same analyzer serves index and query
# time; highlights show the original text. `giai_plain` (every language, unstemmed) serves the
# neutral fields and the `.exact` sub-fields that quoted phrases search.
#
# Stemming per language, chosen with `python benchmarks/relevance.py --variants` (55 judged
# queries, 30 cross-lingual; each candidate replaces one language's analyzer and every query runs,
# since expansions search that language's fields for queries in the other four). nDCG@10 on the
# language's own queries | recall@10 on all queries. Where the judged set cannot tell candidates
# apart (within one query's rank), the word forms that must meet decide (tests/integration/
# test_analysis.py):
#   en  minimal .838 | .940   kstem .838 | .940   porter .836 | .940   hunspell .834 | .942
#       → minimal (tie with kstem; hunspell en_US turns "disappearances" into "appearance").
#   fr  minimal .881 | .940   light .882 | .940   hunspell .883 | .939   hunspell+minimal .881 | .933
#       → minimal: a tie; light over-stems (disparitions → dispa, crimes → crim) and hunspell,
#         which needs the accents, stems "forcées" to forcer but leaves "forcee" alone, so
#         "disparition forcee" misses; minimal gives disparition/force for every spelling.
#   ru  light .915 | .940   hunspell .849 | .940   hunspell+light .911 | .940
#       → hunspell+light: a tie with light (one rank on one query), and the only one that joins
#         пыток with пытка/пытками (light leaves пыток alone); hunspell alone leaves words outside
#         its dictionary unstemmed (Чечне ≠ Чечня: that query drops from 1.0 to 0.32).
#   es  light .975 | .940   plural .975 | .936   hunspell .975 | .936   hunspell+plural .975 | .936
#       → light: best on all queries, and joins forzada/forzado; hunspell es_ES turns
#         "desapariciones" into "aparición".
#   ar  light .923 | .940   normalisation only .925 | .939
#       → light: a tie, and only it strips the article and attached prefixes (التعذيب ↔ تعذيب).
#         The node cannot load hunspell "ar" (its .aff has SET after the first 30 KB, which
#         Lucene refuses), so it was not measured.
ANALYSIS: dict[str, Any] = {
    "filter": {
        "giai_stop_en": {"type": "stop", "stopwords": "_english_"},
        "giai_stop_fr": {"type": "stop", "stopwords": "_french_"},
        "giai_stop_ru": {"type": "stop", "stopwords": "_russian_"},
        "giai_stop_es": {"type": "stop", "stopwords": "_spanish_"},
        "giai_stop_ar": {"type": "stop", "stopwords": "_arabic_"},
        "giai_hunspell_ru": {"type": "hunspell", "locale": "ru_RU"},
    },
    "analyzer": {
        "giai_suggest": {"tokenizer": "standard", "filter": ["giai_elision", "lowercase"]},
        "giai_plain": {
            "tokenizer": "standard",
            "filter": ["lowercase", "giai_decimal_digit", "giai_folding", "giai_yo", "giai_arabic_normalization"],
        },
        "giai_en": {
            "tokenizer": "standard",
            "filter": ["giai_english_possessive", "lowercase", "giai_stop_en", "giai_folding", "giai_english_minimal_stem"],
        },
        "giai_fr": {
            "tokenizer": "standard",
            "filter": ["giai_elision", "lowercase", "giai_stop_fr", "giai_folding", "giai_french_minimal_stem"],
        },
        "giai_ru": {
            "tokenizer": "standard",
            "filter": ["lowercase", "giai_stop_ru", "giai_yo", "giai_hunspell_ru", "giai_russian_light_stem"],
        },
        "giai_es": {
            "tokenizer": "standard",
            "filter": ["lowercase", "giai_stop_es", "giai_folding", "giai_spanish_light_stem"],
        },
        "giai_ar": {
            "tokenizer": "standard",
            "filter": ["lowercase", "giai_decimal_digit", "giai_stop_ar", "giai_arabic_normalization", "giai_arabic_stem"],
        },
    },
}

KEYWORD = {"type": "keyword"}
FACET_KEYWORD = {"type": "keyword", "eager_global_ordinals": True}


def multilingual_text_fields(prefix: str, suggest: bool = False) -> dict[str, Any]:
    """`prefix` (every language, unstemmed) and `prefix_<lang>` (stemmed for that language), each
    with an `.exact` sub-field so a quoted phrase matches the words as written. With `suggest`,
    the neutral field has a `.suggest` sub-field: the words lower-cased, elided articles dropped,
    accents kept, where the "did you mean" suggester finds corrections."""
    neutral: dict[str, Any] = {"type": "text", "analyzer": "giai_plain"}
    if suggest:
        neutral["fields"] = {"suggest": {"type": "text", "analyzer": "giai_suggest"}}
    fields: dict[str, Any] = {prefix: neutral}
    for lang in LANGUAGES:
        fields[f"{prefix}_{lang}"] = {
            "type": "text",
            "analyzer": f"giai_{lang}",
            "fields": {"exact": {"type": "text", "analyzer": "giai_plain"}},
        }
    return fields


# How version_group is derived. It is part of the definition, so a new rule gives a new index, into
# which a migration copies the documents with their group by the new rule (with_version_group).
VERSION_GROUP_RULE = "translation group, else content digest, else id"

MAPPINGS: dict[str, Any] = {
    "dynamic": "strict",
    "_meta": {"version_group": VERSION_GROUP_RULE},
    "properties": {
        "id": KEYWORD,
        "organisation": FACET_KEYWORD,
        "source": {"properties": {"kind": KEYWORD, "locator": KEYWORD, "url": KEYWORD}},
        "file": {"properties": {"name": KEYWORD, "media_type": KEYWORD, "size": {"type": "long"}, "sha256": KEYWORD}},
        "content_sha256": KEYWORD,
        "fetched_at": {"type": "date"},
        "indexed_at": {"type": "date"},
        "added_at": {"type": "date"},  # when the document first entered the index (feeds, sort=added)
        "status": KEYWORD,
        **multilingual_text_fields("title"),
        "summary": {"type": "text", "analyzer": "giai_plain"},
        # Running headers and footers, each once: searchable (at a low weight), never page text.
        "furniture": {"type": "text", "analyzer": "giai_plain"},
        "pages": {
            "type": "nested",
            "properties": {
                "number": {"type": "integer"},
                "label": KEYWORD,  # the number printed on the page, when it is not `number` ("iii")
                "language": KEYWORD,
                **multilingual_text_fields("text", suggest=True),
                # The page describes sexual violence, torture or killings in graphic detail: its
                # snippet waits behind a content note (giai/content_notes.py).
                "content_note": {"type": "boolean"},
            },
        },
        # Pages flagged, and why: [{page, terms, source: rule|curator}]; shown to curators.
        "content_notes": {"type": "object", "enabled": False},
        # Protected names (giai/protected_names.py): the original page text and the names' spellings,
        # searched only by a query of a member of the document's organisation; `protection` keeps
        # the originals and the pseudonyms, stored, never indexed.
        "protected_text": {"type": "text", "analyzer": "giai_plain"},
        "protected_names": {"type": "text", "analyzer": "giai_plain"},
        "protection": {"type": "object", "enabled": False},
        "page_count": {"type": "integer"},
        # words of the page texts (count_words), stored at ingest: the translators' effort measure
        "word_count": {"type": "integer"},
        "language": KEYWORD,
        "languages": FACET_KEYWORD,
        "language_confidence": {"type": "float"},
        "declared_language": KEYWORD,
        "mixed_language": {"type": "boolean"},
        "fragments": {
            "type": "nested",
            "properties": {"page": {"type": "integer"}, "language": KEYWORD, "text": {"type": "text", "index": False}},
        },
        "crime_type": FACET_KEYWORD,
        "gender": FACET_KEYWORD,
        "country": FACET_KEYWORD,
        "doc_type": FACET_KEYWORD,
        "body": FACET_KEYWORD,
        "year": {"type": "integer"},
        "date": {"type": "date"},
        # facet name -> [{value, source: metadata|rule|curator, terms: [...]}]; shown, never searched
        "evidence": {"type": "object", "enabled": False},
        "access": KEYWORD,
        "access_orgs": KEYWORD,
        "translation_group": KEYWORD,
        # What the portal groups language versions by: see version_group().
        "version_group": KEYWORD,
        # the organisation whose translator made this version (a translation imported from XLIFF)
        "translated_by": KEYWORD,
        # Case law (ingest/caselaw.py): the court (a body id) and decision date of the document's
        # case, top-level for facets and ranges, and the case itself. `keys` are what citations
        # of the case are filed under (giai/case_numbers.py, config/cases.yaml).
        "court": FACET_KEYWORD,
        "decided": {"type": "date", "format": "yyyy-MM-dd"},
        "decided_year": {"type": "integer"},
        "case": {
            "properties": {
                "keys": KEYWORD,
                "name": {"type": "text", "analyzer": "giai_plain"},
                "numbers": KEYWORD,
                "ecli": KEYWORD,
                "decided": {"type": "date", "format": "yyyy-MM-dd"},
                "court": KEYWORD,
                "chamber": KEYWORD,
                "type": KEYWORD,
                "parties": KEYWORD,
            }
        },
        # What the document cites: one record per case and page; "cited by" is a terms query on
        # `cites.case` at read time, so it always obeys the reader's access.
        "cites": {"properties": {"case": KEYWORD, "page": {"type": "integer"}, "text": {"type": "keyword", "index": False}}},
    },
}

# A word: letters or digits, with inner apostrophes and hyphens (l'humanité, war-crimes: one each).
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count_words(texts: Iterable[str]) -> int:
    """The number of words in `texts`, the measure stored as `word_count` (the same for the
    pipeline and for a translation the portal indexes)."""
    return sum(len(_WORD.findall(text)) for text in texts)


def version_group(doc_id: str, translation_group: str | None, content_sha256: str | None = None) -> str:
    """The `version_group` of a document: its translation group, else its content's digest (the
    copies of one file that several organisations publish are one text), else its id (a text
    alone). Every document needs one, since Elasticsearch's collapse folds all those without
    into one."""
    if translation_group:
        return f"t:{translation_group}"
    return f"c:{content_sha256}" if content_sha256 else f"d:{doc_id}"


def document_id(organisation: str, locator: str) -> str:
    """Stable id of a source document: re-ingesting the same source updates it, never duplicates."""
    return hashlib.sha256(f"{organisation}\x1f{locator}".encode()).hexdigest()[:24]


def language_field(prefix: str, language: str | None) -> str | None:
    """The field `<prefix>_<language>` analysed for `language`; None for a language without one."""
    return f"{prefix}_{language}" if language in LANGUAGES else None


def access_orgs(access: str, orgs: Sequence[str], organisation: str) -> list[str]:
    """A document's `access_orgs`: those given, else, for a restricted document, its own
    organisation."""
    return list(orgs) or ([organisation] if access == "restricted" else [])


def index_body(shards: int = 1, replicas: int = 0) -> dict[str, Any]:
    return {
        "settings": {
            "number_of_shards": shards,
            "number_of_replicas": replicas,
            "analysis": ANALYSIS,
        },
        "mappings": MAPPINGS,
    }


def definition_digest() -> str:
    """Changes exactly when analysis or mapping change (shards and replicas are operations')."""
    canonical = json.dumps({"analysis": ANALYSIS, "mappings": MAPPINGS}, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:10]


def concrete_index_name(alias: str) -> str:
    return f"{alias}-{definition_digest()}"


def with_version_group(doc_id: str, source: dict[str, Any]) -> dict[str, Any]:
    """`source` with its version_group by today's rule (VERSION_GROUP_RULE), for the documents an
    index migration copies."""
    return source | {"version_group": version_group(doc_id, source.get("translation_group"), source.get("content_sha256"))}
