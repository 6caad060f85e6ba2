"""The portal's one read path to Elasticsearch.

Every search body is built in `portal.search` (`query`, `suggest`, `curation_queries`) and read
through `SearchService.read(body, viewer)`, which adds the viewer's access filter itself
(`restricted`): no code path can read the index without it. Transport failures become
`SearchUnavailable`, which the views answer with a localised 503; the curators' corrections are
written through `SearchService.update`. An alias that does not exist yet (nothing ingested) reads as an
empty collection, not as an outage. A search also expands the query to other languages
(`portal.search.expansion`) and, when a word of the query is in no document, looks for a spelling
that finds the viewer more (`portal.search.suggest`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar

from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_errors

from giai.access import Viewer, access_filter
from giai.es import SearchUnavailable, connect
from portal import request_log
from portal.metrics import ES_LATENCY
from portal.search import citator, query, suggest
from portal.search.expansion import Expander, Expansion, load_expander
from portal.search.params import SearchParams
from portal.search.protection import REVEAL, mark_viewer

log = logging.getLogger(__name__)

EMPTY: dict[str, Any] = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": {}}
EXPORT_SLICE = 500
REQUEST_TIMEOUT_S = 15
T = TypeVar("T")


def restricted(body: dict[str, Any], viewer: Viewer) -> dict[str, Any]:
    """`body` whose query matches only documents `viewer` may see, so its hits, aggregations and
    counts all obey the access filter (a filter clause: scores are unchanged)."""
    return body | {"query": {"bool": {"filter": [access_filter(viewer)], "must": [body.get("query", {"match_all": {}})]}}}


class SearchService:
    """Reads the alias `settings.index`; the client is made on first use so an app starts (and
    answers 503 pages) while Elasticsearch is down."""

    def __init__(self, settings, client_factory: Callable[..., Elasticsearch] = connect, expander: Expander | None = None):
        self.settings = settings
        self.index = settings.index
        self._client_factory = client_factory
        self._client: Elasticsearch | None = None
        self._expander = expander

    @property
    def expander(self) -> Expander:
        """Read from config/ on the first search that needs it, then kept."""
        if self._expander is None:
            self._expander = load_expander()
        return self._expander

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            self._client = self._client_factory(self.settings, check=False, timeout=REQUEST_TIMEOUT_S)
        return self._client

    def _call(self, request: Callable[[Elasticsearch], T]) -> T:
        """`request(client)`, sent with the portal request's id as X-Opaque-Id and timed for the
        metrics; an unreachable cluster, or one refusing us or failing, becomes SearchUnavailable
        (a 503). Other refusals (a 404, a bad request) are the caller's."""
        client = request_log.tagged(self.client)
        started, outcome = time.perf_counter(), "error"
        try:
            answer = request(client)
            outcome = "ok"
            return answer
        except (es_errors.ConnectionError, es_errors.ConnectionTimeout) as exc:
            outcome = "unreachable"
            raise SearchUnavailable(f"Elasticsearch is unreachable: {exc.__class__.__name__}") from None
        except es_errors.ApiError as exc:
            if exc.meta.status in (401, 403, 429) or exc.meta.status >= 500:
                raise SearchUnavailable(f"Elasticsearch answered {exc.meta.status}") from None
            raise
        finally:
            ES_LATENCY.labels(outcome).observe(time.perf_counter() - started)

    def index_answers(self, timeout_s: float) -> bool:
        """Whether the alias exists and answers within `timeout_s` (the portal's readiness): a
        count, which nobody sees, so no access filter; a missing alias or a lost cluster is False."""
        try:
            self._call(lambda client: client.options(request_timeout=timeout_s, max_retries=0).count(index=self.index))
        except (SearchUnavailable, es_errors.ApiError) as exc:
            log.warning("not ready: the index %s: %s", self.index, exc)
            return False
        return True

    def read(self, body: dict[str, Any], viewer: Viewer, **options: Any) -> dict[str, Any]:
        """Elasticsearch's answer to the search `body` under `viewer`'s access filter: the one way
        the portal reads the index (a missing alias reads as an empty collection)."""
        body = restricted(body, viewer)
        try:
            response = self._call(lambda client: client.search(index=self.index, body=body, **options).body)
            mark_viewer(response["hits"]["hits"], viewer)  # whose protected names the viewer may read
            return response
        except es_errors.NotFoundError as exc:
            if exc.error == "index_not_found_exception":
                log.warning("alias %s does not exist yet: answering an empty collection", self.index)
                return EMPTY
            raise

    def expansions(self, params: SearchParams) -> tuple[Expansion, ...]:
        """The expansions of the query, none when there is no query or the user turned them off."""
        return self.expander.expansions(params.q) if params.q and params.expand else ()

    def search(self, params: SearchParams, viewer: Viewer) -> dict[str, Any]:
        """One page of hits with facet counts (the Elasticsearch response), plus two keys of ours:
        `expansions` (the Expansion records searched) and `suggestion` (see `suggestion`). The
        shard request cache keeps repeated searches (facet counts above all) cheap until the index
        changes."""
        expansions = self.expansions(params)
        body = query.build_body(params, viewer, expansions, cited=self.citation_counts(params, viewer))
        if params.q:
            body["suggest"] = suggest.suggest_section(params.q)
        try:
            response = self.read(body, viewer, request_cache=True)
        except es_errors.BadRequestError as exc:
            # An index built before the suggester's field existed (the next ingestion migrates
            # it): search without suggestions rather than fail.
            if "suggest" not in body or suggest.SUGGEST_FIELD not in str(exc):
                raise
            del body["suggest"]
            response = self.read(body, viewer, request_cache=True)
        return response | {"expansions": expansions, "suggestion": self.suggestion(params, viewer, response),
                            "versions": self.versions(params, viewer, response)}

    def versions(self, params: SearchParams, viewer: Viewer, response: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """Of a grouped search: version group → the raw hits of its versions (query.versions_body)."""
        groups = [h["_source"][query.VERSION_GROUP] for h in response["hits"]["hits"]
                  if params.group and query.VERSION_GROUP in h.get("_source", {})]
        if not groups:
            return {}
        found: dict[str, list[dict[str, Any]]] = {}
        for hit in self.read(query.versions_body(groups, params, viewer), viewer)["hits"]["hits"]:
            found.setdefault(hit["_source"][query.VERSION_GROUP], []).append(hit)
        return found

    def hits(self, params: SearchParams, viewer: Viewer) -> dict[str, Any]:
        """One page of hits alone (the Elasticsearch response): no facet counts, no suggestion,
        for readers that show neither (the Atom feed)."""
        body = query.build_body(params, viewer, self.expansions(params), facets=False, cited=self.citation_counts(params, viewer))
        return self.read(body, viewer, request_cache=True)

    def citation_counts(self, params: SearchParams, viewer: Viewer) -> dict[str, int] | None:
        """Case key → documents the viewer may see that cite it, when the search sorts or filters
        by citations (else None: no request)."""
        if params.sort != "cited" and not params.cited:
            return None
        minimum = params.cited if params.sort != "cited" else 1
        return citator.counts_of(self.read(citator.counts_body(viewer, minimum), viewer, request_cache=True))

    def cited_by_counts(self, cases: dict[str, list[str]], viewer: Viewer) -> dict[str, int]:
        """Document id → how many documents the viewer may see cite its case (ids given with their
        case keys; one request for a page of hits)."""
        cases = {doc_id: keys for doc_id, keys in cases.items() if keys}
        if not cases:
            return {}
        return citator.cited_by_counts_of(self.read(citator.cited_by_counts_body(cases, viewer), viewer, request_cache=True))

    def cited_by(self, doc_id: str, keys: list[str], viewer: Viewer) -> dict[str, Any]:
        """The documents the viewer may see citing the case `keys` of `doc_id` (the response)."""
        if not keys:
            return EMPTY
        return self.read(citator.cited_by_body(doc_id, keys, viewer), viewer)

    def cited_documents(self, keys: list[str], doc_id: str, viewer: Viewer) -> dict[str, dict[str, Any]]:
        """Case key → a document of that case the viewer may see, for the cases a document cites."""
        if not keys:
            return {}
        return citator.documents_by_case(self.read(citator.cited_documents_body(keys, doc_id, viewer), viewer)["hits"]["hits"])

    def arrived(self, params: SearchParams, viewer: Viewer, since: datetime, until: datetime, size: int) -> dict[str, Any]:
        """The newest `size` hits of a search among the documents indexed after `since` up to
        `until`, with their exact number."""
        body = query.arrived_body(params, viewer, since.isoformat(), until.isoformat(), size, self.expansions(params))
        return self.read(body, viewer)

    def suggestion(self, params: SearchParams, viewer: Viewer, response: dict[str, Any]) -> str | None:
        """The first corrected query (from the suggester's part of `response`) that finds `viewer`
        more documents than the query as typed, else None; every count under the viewer's access
        filter (see `portal.search.suggest`). One request when no word is misspelt, three when one is."""
        typed = suggest.words(params.q, response)
        if not typed:
            return None
        wrong = suggest.misspelt(typed, self._counts(suggest.typed_word_requests(params.q, typed, viewer), viewer))
        if not wrong:
            return None
        counts = self._counts(suggest.alternative_requests(wrong, viewer), viewer) if any(w.options for w in wrong) else []
        found = suggest.candidates(params.q, suggest.visible_alternatives(wrong, counts))
        if not found:
            return None
        return suggest.choose(found, self._counts(suggest.count_requests(found, params, viewer), viewer))

    def _counts(self, bodies: list[dict[str, Any]], viewer: Viewer) -> list[int]:
        """The hit count of each body under `viewer`'s access filter, in one round trip (0 for one
        that failed)."""
        searches = [part for b in bodies for part in ({"index": self.index}, restricted(b, viewer))]
        try:
            answers = self.client.msearch(searches=searches).body
        except (es_errors.ConnectionError, es_errors.ConnectionTimeout):
            raise SearchUnavailable("Elasticsearch is unreachable") from None
        return [a.get("hits", {}).get("total", {}).get("value", 0) for a in answers["responses"]]

    def facets(self, viewer: Viewer) -> dict[str, Any]:
        return self.read(query.facets_body(viewer), viewer, request_cache=True)

    def document(self, doc_id: str, viewer: Viewer, q: str = "", first_page: int = 1) -> dict[str, Any] | None:
        """The raw hit of one document the viewer may see, with a window of pages, else None."""
        hits = self.read(query.document_body(doc_id, viewer, q, first_page), viewer)["hits"]["hits"]
        return hits[0] if hits else None

    def document_file(self, doc_id: str, viewer: Viewer) -> dict[str, Any] | None:
        """The `file` record (name, media_type, sha256) of a document the viewer may see, else None;
        with `withheld` true when the file names people protected from this viewer and no curator
        marked it safe (giai/protected_names.py)."""
        hits = self.read(query.file_body(doc_id, viewer), viewer)["hits"]["hits"]
        if not hits or not hits[0]["_source"].get("file"):
            return None
        protection = hits[0]["_source"].get("protection") or {}
        withheld = bool(protection.get("names")) and not protection.get("safe") and not hits[0][REVEAL]
        return hits[0]["_source"]["file"] | {"withheld": withheld}

    def siblings(self, doc_id: str, version_group: str | None, viewer: Viewer) -> list[dict[str, Any]]:
        """The raw hits of the other files of `version_group` (versions and copies) the viewer may
        see; none for a text alone (a group named by its own id, "d:…": no request)."""
        if not version_group or version_group.startswith("d:"):
            return []
        return self.read(query.siblings_body(doc_id, version_group, viewer), viewer)["hits"]["hits"]

    def related(self, source: dict[str, Any], viewer: Viewer) -> list[dict[str, Any]]:
        body = query.related_body(source, viewer)
        return self.read(body, viewer, request_cache=True)["hits"]["hits"] if body else []

    def export(self, params: SearchParams, viewer: Viewer, limit: int) -> Iterator[dict[str, Any]]:
        """Up to `limit` raw hits of the whole result set, in slices read from one point in time
        so the set cannot shift between slices."""
        try:
            pit = self.client.open_point_in_time(index=self.index, keep_alive="1m").body["id"]
        except es_errors.NotFoundError:
            return
        except (es_errors.ConnectionError, es_errors.ConnectionTimeout):
            raise SearchUnavailable("Elasticsearch is unreachable") from None
        sent, after, expansions = 0, None, self.expansions(params)
        cited = self.citation_counts(params, viewer)
        try:
            while sent < limit:
                size = min(EXPORT_SLICE, limit - sent)
                try:
                    body = restricted(query.export_body(params, viewer, pit, after, size, expansions, cited), viewer)
                    response = self.client.search(body=body).body
                except (es_errors.ConnectionError, es_errors.ConnectionTimeout):
                    raise SearchUnavailable("Elasticsearch is unreachable") from None
                hits = response["hits"]["hits"]
                mark_viewer(hits, viewer)
                pit = response.get("pit_id", pit)
                yield from hits
                sent += len(hits)
                if len(hits) < size:
                    return
                after = hits[-1]["sort"]
        finally:
            self._close(pit)

    def update(self, doc_id: str, partial: dict[str, Any]) -> None:
        """Apply `partial` to one document through the alias, visible to the next search (a
        document removed meanwhile: NotFoundError, the caller's)."""
        self._call(lambda client: client.update(index=self.index, id=doc_id, doc=partial, refresh="wait_for"))

    def replace(self, doc_id: str, source: dict[str, Any]) -> None:
        """Write one whole document through the alias (the protect step's result, a translation
        imported by a translator), visible to the next search."""
        self._call(lambda client: client.index(index=self.index, id=doc_id, document=source, refresh="wait_for"))

    def _close(self, pit: str) -> None:
        """Free the point in time now rather than at its keep-alive; a failure here only costs that."""
        try:
            self.client.close_point_in_time(id=pit)
        except (es_errors.ApiError, es_errors.TransportError) as exc:
            log.warning("could not close a point in time: %s", exc)
