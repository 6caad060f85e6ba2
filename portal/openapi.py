"""The OpenAPI 3.1 description of /api/v1, written from the same constants the endpoints use."""

from __future__ import annotations

from typing import Any

from giai.index_schema import FACETS, YEAR_FACETS
from portal.citations import MAX_CITED_PAGE
from portal.search.params import (
    EXPAND_OFF,
    EXPAND_ON,
    GROUP_OFF,
    GROUP_ON,
    MAX_CITED,
    MAX_QUERY_CHARS,
    MAX_RESULT_WINDOW,
    MAX_VALUES_PER_FACET,
    SORTS,
    max_page_of,
)
from portal.vocabulary import UI_LOCALES, YEAR_RANGE, Vocabularies

REF = "#/components/schemas/"
NULLABLE_STRING = {"type": ["string", "null"]}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema


FACET_DESCRIPTIONS = {
    "crime_type": "Crime type concept id (a parent includes its children), e.g. crimes-against-humanity",
    "country": "ISO 3166-1 alpha-2 code, e.g. UA",
    "gender": "Gender dimension concept id, e.g. crsv",
    "organisation": "Organisation slug, e.g. fidh",
    "doc_type": "Document type concept id, e.g. judgment",
    "body": "Court or body concept id, e.g. icc",
    "language": "ISO 639-1 code of a language present in the document",
    "court": "Court or body of the document's case (case law only), a body concept id, e.g. icty",
    "year": "Year of the document's date",
    "decided_year": "Year of the decision (case law only)",
}


def _search_parameters(vocabularies: Vocabularies, page_size: int) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS},
         "description": 'Search text: "a phrase", -excluded, a OR b, (brackets), prefix*. Broken syntax is repaired and explained in `notes`.'},
    ]
    for facet in FACETS:
        # The values the portal accepts, so a value valid by the description is never refused.
        item = {"type": "integer", "minimum": YEAR_RANGE[0], "maximum": YEAR_RANGE[1]} if facet in YEAR_FACETS \
            else {"type": "string", "enum": vocabularies.values(facet)}
        params.append({"name": facet, "in": "query", "schema": {**_array(item), "maxItems": MAX_VALUES_PER_FACET}, "style": "form", "explode": True,
                       "description": FACET_DESCRIPTIONS[facet] + ". Repeat for several values (any of them)."})
    params += [
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": list(SORTS)},
         "description": "Default: relevance with a query, newest without; `cited`: documents of the most cited cases "
                        "first (citing documents the caller may see)."},
        {"name": "cited", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_CITED},
         "description": "Only documents of a case that at least this many documents the caller may see cite."},
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": max_page_of(page_size)},
         "description": f"1-based page; page × page_size may not pass {MAX_RESULT_WINDOW} (use `cursor` beyond)."},
        {"name": "cursor", "in": "query", "schema": {"type": "string"},
         "description": "The `cursor` of the previous response, for the next page (any depth)."},
        {"name": "expand", "in": "query", "schema": {"type": "string", "enum": [*EXPAND_OFF, *EXPAND_ON]},
         "description": "Cross-lingual expansion: by default the thesaurus concepts and countries the query names are "
                        "also searched by their names in en, fr, ru, es and ar (see `expansions`); 0 searches the "
                        "words as typed only."},
        *_date_parameters(),
        {"name": "group", "in": "query", "schema": {"type": "string", "enum": [*GROUP_OFF, *GROUP_ON]},
         "description": "Language versions of one text are grouped into one hit (in the caller's locale when it "
                        "exists, the others in `versions`), `total` and facet counts count documents; 0 lists every "
                        "file. A grouped list has no `cursor`: page with `page`."},
        {"name": "content_notes", "in": "query", "schema": {"type": "string", "enum": ["show"]},
         "description": "show: include the text of snippets whose page has a content note (omitted by default)."},
        {"$ref": "#/components/parameters/locale"},
    ]
    return params


def _date_parameters() -> list[dict[str, Any]]:
    what = {"date": "publication date", "decided": "decision date (case law)"}
    # Empty is "no bound": the search form sends its date inputs whether filled or not.
    return [{"name": f"{prefix}_{end}", "in": "query",
             "schema": {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}]},
             "description": f"Documents whose {name} is {'on or after' if end == 'from' else 'on or before'} this "
                            "ISO date (YYYY-MM-DD); empty: no bound."}
            for prefix, name in what.items() for end in ("from", "to")]


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": REF + "Error"}}}}


def _json_response(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": REF + schema}}}}


SCHEMAS: dict[str, Any] = {
    "Label": _object({"value": {"type": "string"}, "label": {"type": "string"}}, ["value", "label"]),
    "Snippet": _object({"page": {"type": "integer"},
                        "label": {"type": ["string", "null"], "description": "The number printed on the page, when it is not `page` (roman front matter)"},
                        "html": {"type": "string", "description": "HTML-escaped text with <mark> around hits (and "
                                 "<mark class=\"protected-name\"> around names protected from outsiders, for members); "
                                 "absent for a page with a content note unless `content_notes=show`"},
                        "content_note": {"type": "boolean", "description": "True when the page describes sexual violence, "
                                         "torture or killings in graphic detail"}}, ["page"]),
    "Hit": _object(
        {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "language": {"type": "string", "description": "Main language (ISO 639-1)"},
            "languages": _array({"type": "string"}),
            "organisation": {"type": "string"},
            "organisation_label": {"type": "string"},
            "date": {"type": ["string", "null"], "format": "date"},
            "added_at": {"type": ["string", "null"], "format": "date-time",
                         "description": "When the document entered the index (sort=added orders by it)"},
            "year": {"type": ["integer", "null"]},
            "doc_type": _array({"type": "string"}),
            "page_count": {"type": ["integer", "null"]},
            "summary": {"type": "string"},
            "snippets": _array({"$ref": REF + "Snippet"}),
            "content_note": {"type": "boolean", "description": "True when a snippet's page has a content note"},
            "protected_names": {"type": "boolean", "description": "True when the viewer reads names the document's "
                                "organisation protects (others read pseudonyms such as [Witness 1])"},
            "facets": {"type": "object", "additionalProperties": _array({"$ref": REF + "Label"})},
            "url": {"type": "string", "format": "uri"},
            "case": {"oneOf": [{"$ref": REF + "Case"}, {"type": "null"}],
                     "description": "The document's case, for case law we can tell; else null"},
            "cited_by_count": {"type": "integer", "minimum": 0,
                               "description": "Documents the caller may see that cite this document's case (search hits)"},
            "publishers": {**_array({"$ref": REF + "Label"}),
                           "description": "The organisations publishing this text that the caller may see: `organisation` "
                           "first, then those of its other copies and versions (one hit for a file several publish)"},
            "versions": {**_array(_object({"id": {"type": "string"}, "language": {"type": "string"},
                                           "title": {"type": "string"}, "organisation": {"type": "string"}},
                                          ["id", "language", "organisation"])),
                         "description": "Of a grouped hit: its language versions and copies the caller may see (this one included)"},
            "files": {"type": "integer", "minimum": 1, "description": "Files (language versions and copies) this hit stands for"},
        },
        ["id", "title", "language", "organisation", "publishers", "snippets", "date", "doc_type", "facets"],
    ),
    "Case": _object(
        {
            "name": NULLABLE_STRING,
            "numbers": {**_array({"type": "string"}), "description": "Case numbers in the court's own form"},
            "ecli": NULLABLE_STRING,
            "decided": {"type": ["string", "null"], "format": "date", "description": "Date of the decision"},
            "court": {**NULLABLE_STRING, "description": "Court or body concept id (the `court` facet)"},
            "court_label": NULLABLE_STRING,
            "chamber": NULLABLE_STRING,
            "type": {"type": ["string", "null"], "enum": ["judgment", "decision", "order", "opinion", "communication", "submission", None]},
            "parties": _array({"type": "string"}),
            "keys": {**_array({"type": "string"}), "description": "What citations of the case are filed under"},
        },
        ["name", "numbers", "ecli", "decided", "court"],
    ),
    "FacetBucket": _object(
        {"value": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer", "minimum": 0},
         "selected": {"type": "boolean"}},
        ["value", "label", "count"],
    ),
    "Facets": _object({f: _array({"$ref": REF + "FacetBucket"}) for f in FACETS}, list(FACETS)),
    "Note": _object({"code": {"type": "string"}, "message": {"type": "string"}}, ["code", "message"]),
    "Expansion": _object(
        {
            "id": {"type": "string", "description": "Thesaurus concept id, or ISO 3166-1 alpha-2 country code"},
            "label": {"type": "string", "description": "Its name in the response's locale"},
            "matched": {"type": "string", "description": "The words of the query that named it"},
            "facet": {**NULLABLE_STRING, "description": "The facet it is a value of (filter with `<facet>=<id>`), "
                                                        "null for a legal term that is no facet"},
            "terms": {"type": "object", "additionalProperties": _array({"type": "string"}),
                      "description": "Language (ISO 639-1) → the names searched, as phrases, in that language's fields"},
        },
        ["id", "label", "matched", "facet", "terms"],
    ),
    "SearchResponse": _object(
        {
            "total": {"type": "integer", "minimum": 0,
                      "description": "Number of matching documents (a text's language versions once when grouped)"},
            "total_files": {"type": "integer", "minimum": 0, "description": "Exact number of matching files"},
            "grouped": {"type": "boolean", "description": "Whether language versions are grouped (`group`)"},
            "q": {"type": "string"},
            "sort": {"type": "string", "enum": list(SORTS)},
            "page": {"type": ["integer", "null"]},
            "page_size": {"type": "integer"},
            "notes": _array({"$ref": REF + "Note"}),
            "expand": {"type": "boolean", "description": "Whether cross-lingual expansion was on"},
            "expansions": {**_array({"$ref": REF + "Expansion"}),
                           "description": "Concepts and countries the query named, searched in every language; "
                                          "empty when none or when `expand=0`"},
            "suggestion": {**NULLABLE_STRING,
                           "description": "Did you mean: a spelling of the query, from the collection's own words, that "
                                          "finds more documents for the caller; null when there is none"},
            "hits": _array({"$ref": REF + "Hit"}),
            "facets": {"$ref": REF + "Facets"},
            "cursor": {**NULLABLE_STRING, "description": "Pass as `cursor` for the next page; null on the last"},
        },
        ["total", "hits", "facets", "cursor", "expansions", "suggestion"],
    ),
    "Document": {
        "allOf": [
            {"$ref": REF + "Hit"},
            _object({
                "file_url": {**NULLABLE_STRING, "format": "uri"},
                "translation_group": NULLABLE_STRING,
                "translations": _array(_object({"id": {"type": "string"}, "language": NULLABLE_STRING, "title": NULLABLE_STRING})),
                "copies": {**_array(_object({"id": {"type": "string"}, "organisation": NULLABLE_STRING, "title": NULLABLE_STRING})),
                           "description": "The same file as other organisations publish it, those the caller may see"},
                "cites": {**_array(_object({
                    "case": {"type": "string", "description": "The cited case's key (e.g. ICC-01/04-01/06, ECHR 21987/93)"},
                    "page": {"type": ["integer", "null"], "description": "The page the citation stands on"},
                    "text": NULLABLE_STRING,
                    "document_id": {**NULLABLE_STRING, "description": "A document of that case in the portal the caller may see"},
                    "name": NULLABLE_STRING,
                }, ["case", "page", "document_id"])), "description": "One entry per cited case and page"},
                "cited_by": {**_array(_object({"id": {"type": "string"}, "title": NULLABLE_STRING, "language": NULLABLE_STRING,
                                                "date": {"type": ["string", "null"], "format": "date"}}, ["id", "title"])),
                             "description": "Documents the caller may see citing this document's case (the 100 newest)"},
                "cited_by_count": {"type": "integer", "minimum": 0},
            }, ["translations", "copies", "cites", "cited_by"]),
        ]
    },
    "FacetsResponse": _object({"total": {"type": "integer"}, "facets": {"$ref": REF + "Facets"}}, ["total", "facets"]),
    "Error": _object(
        {"error": _object({
            "status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"},
            "details": _array(_object({"param": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}})),
        }, ["status", "code", "message"])},
        ["error"],
    ),
}


CITATION_FORMATS = {"ris": ("application/x-research-info-systems", "RIS"),
                    "bib": ("application/x-bibtex", "BibTeX"),
                    "csl.json": ("application/vnd.citationstyles.csl+json", "CSL-JSON")}


def _citation_paths(search_params: list[dict[str, Any]]) -> dict[str, Any]:
    """The reference-manager exports: a whole result set, or one document (`page` cites a page)."""
    paths: dict[str, Any] = {}
    for fmt, (media_type, name) in CITATION_FORMATS.items():
        # CSL-JSON is a JSON array of items; RIS and BibTeX are text.
        schema = {"type": "array", "items": {"type": "object"}} if fmt == "csl.json" else {"type": "string"}
        content = {media_type: {"schema": schema}}
        paths[f"/api/v1/export.{fmt}"] = {"get": {
            "summary": f"The whole result set of a search as {name} references (at most 10,000, streamed); "
                       "case law as cases with case name, numbers, court and ECLI",
            "parameters": [p for p in search_params if p.get("name") not in ("page", "cursor", "group")],
            "responses": {"200": {"description": f"{name} references", "content": content},
                          "400": _error_response("A bad parameter"),
                          "503": _error_response("The search service is unavailable")},
        }}
        paths[f"/api/v1/documents/{{id}}/export.{fmt}"] = {"get": {
            "summary": f"One document as a {name} reference",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                           {"name": "page", "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_CITED_PAGE},
                            "description": "The page to cite"},
                           {"$ref": "#/components/parameters/locale"}],
            "responses": {"200": {"description": f"A {name} reference", "content": content},
                          "400": _error_response("A bad parameter"),
                          "404": _error_response("No such document, or not visible to the caller"),
                          "503": _error_response("The search service is unavailable")},
        }}
    return paths


def openapi_document(vocabularies: Vocabularies, page_size: int) -> dict[str, Any]:
    """The API's OpenAPI 3.1 description; facet values are enumerated from `vocabularies`, the
    deepest page follows the portal's `page_size`."""
    search_params = _search_parameters(vocabularies, page_size)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "GIAI knowledge portal API",
            "version": "1",
            "description": "Search the human-rights documents of the Global Initiative Against Impunity. "
                           "Anonymous callers see public documents only.",
        },
        "paths": {
            "/api/v1/search": {"get": {
                "summary": "Search documents, with facet counts (each facet counted under every other filter)",
                "parameters": search_params,
                "responses": {"200": _json_response("One page of hits", "SearchResponse"),
                              "400": _error_response("A bad parameter"),
                              "503": _error_response("The search service is unavailable")},
            }},
            "/api/v1/documents/{id}": {"get": {
                "summary": "One document's metadata",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                               {"$ref": "#/components/parameters/locale"}],
                "responses": {"200": _json_response("The document", "Document"),
                              "400": _error_response("A bad parameter"),
                              "404": _error_response("No such document, or not visible to the caller"),
                              "503": _error_response("The search service is unavailable")},
            }},
            "/api/v1/facets": {"get": {
                "summary": "Every facet value with its count over all visible documents",
                "parameters": [{"$ref": "#/components/parameters/locale"}],
                "responses": {"200": _json_response("Facet values", "FacetsResponse"),
                              "400": _error_response("A bad parameter"),
                              "503": _error_response("The search service is unavailable")},
            }},
            "/api/v1/export.csv": {"get": {
                "summary": "The whole result set of a search as CSV (at most 10,000 rows, streamed)",
                "parameters": [p for p in search_params if p.get("name") not in ("page", "cursor")],
                "responses": {"200": {"description": "CSV with a header row", "content": {"text/csv": {"schema": {"type": "string"}}}},
                              "400": _error_response("A bad parameter"),
                              "503": _error_response("The search service is unavailable")},
            }},
            **_citation_paths(search_params),
            "/api/v1/openapi.json": {"get": {
                "summary": "This description",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}},
            }},
        },
        "components": {
            "parameters": {"locale": {"name": "locale", "in": "query", "schema": {"type": "string", "enum": list(UI_LOCALES)},
                                      "description": "Language of labels and messages (default: Accept-Language, else en)"}},
            "schemas": SCHEMAS,
        },
    }
