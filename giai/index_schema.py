"""The index: analysis, mapping, stable document ids, and the versioned index behind an alias.

This module is the contract between the pipeline (which writes documents of this shape) and the
portal (which queries them). The concrete index is named after a digest of its definition, so a
change of the schema builds a new index, copies the documents over and swaps the alias: readers
never see a half-built index.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_errors

LANGUAGES = ("en", "fr", "ru", "es", "ar")
FACETS = ("crime_type", "country", "gender", "organisation", "doc_type", "body", "language", "year")
ACCESS_LEVELS = ("public", "members", "restricted")

# Filters named giai_* come from our analysis plugin (search-server/analysis-plugin); the others
# are in the server's core. Stop lists run before folding because they are written with accents.
ANALYSIS: dict[str, Any] = {
    "filter": {
        "giai_stop_en": {"type": "stop", "stopwords": "_english_"},
        "giai_stop_fr": {"type": "stop", "stopwords": "_french_"},
        "giai_stop_ru": {"type": "stop", "stopwords": "_russian_"},
        "giai_stop_es": {"type": "stop", "stopwords": "_spanish_"},
        "giai_stop_ar": {"type": "stop", "stopwords": "_arabic_"},
    },
    "analyzer": {
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
            "filter": ["lowercase", "giai_yo", "giai_stop_ru", "giai_russian_light_stem"],
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


def multilingual_text_fields(prefix: str) -> dict[str, Any]:
    """`prefix` (every language, unstemmed) and `prefix_<lang>` (stemmed for that language), each
    with an `.exact` sub-field so a quoted phrase matches the words as written."""
    fields: dict[str, Any] = {prefix: {"type": "text", "analyzer": "giai_plain"}}
    for lang in LANGUAGES:
        fields[f"{prefix}_{lang}"] = {
            "type": "text",
            "analyzer": f"giai_{lang}",
            "fields": {"exact": {"type": "text", "analyzer": "giai_plain"}},
        }
    return fields


MAPPINGS: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "id": KEYWORD,
        "organisation": FACET_KEYWORD,
        "source": {"properties": {"kind": KEYWORD, "locator": KEYWORD, "url": KEYWORD}},
        "file": {"properties": {"name": KEYWORD, "media_type": KEYWORD, "size": {"type": "long"}, "sha256": KEYWORD}},
        "content_sha256": KEYWORD,
        "fetched_at": {"type": "date"},
        "indexed_at": {"type": "date"},
        "status": KEYWORD,
        **multilingual_text_fields("title"),
        "summary": {"type": "text", "analyzer": "giai_plain"},
        "pages": {
            "type": "nested",
            "properties": {
                "number": {"type": "integer"},
                "language": KEYWORD,
                **multilingual_text_fields("text"),
            },
        },
        "page_count": {"type": "integer"},
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
    },
}


def document_id(organisation: str, locator: str) -> str:
    """Stable id of a source document: re-ingesting the same source updates it, never duplicates."""
    return hashlib.sha256(f"{organisation}\x1f{locator}".encode()).hexdigest()[:24]


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


def indices_behind(client: Elasticsearch, alias: str) -> list[str]:
    try:
        return sorted(client.indices.get_alias(name=alias).body)
    except es_errors.NotFoundError:
        return []


def ensure_index(client: Elasticsearch, alias: str, shards: int = 1, replicas: int = 0) -> str:
    """Make `alias` point at an index of the current definition, migrating documents from an older
    one. Returns the concrete index name. Safe to call concurrently and repeatedly."""
    target = concrete_index_name(alias)
    current = indices_behind(client, alias)
    if current == [target]:
        return target
    try:
        client.indices.create(index=target, **index_body(shards, replicas))
    except es_errors.BadRequestError as exc:
        if exc.error != "resource_already_exists_exception":
            raise
    for old in current:
        if old != target:
            helpers.reindex(client, source_index=old, target_index=target)
    actions = [{"add": {"index": target, "alias": alias, "is_write_index": True}}]
    actions += [{"remove": {"index": old, "alias": alias}} for old in current if old != target]
    client.indices.update_aliases(actions=actions)
    for old in current:
        if old != target:
            client.indices.delete(index=old)
    client.indices.refresh(index=target)
    return target


def drop_alias_and_indices(client: Elasticsearch, alias: str) -> None:
    """Delete the alias and every index behind it (tests and `giai index drop`)."""
    for name in indices_behind(client, alias):
        client.indices.delete(index=name)
