"""Review queues: the documents a curator should look at, of the organisations they curate
(admins: every organisation), always through the viewer's access filter, filterable by
organisation and language.

- unsure: language detection was unsure (`language_confidence` below UNSURE_BELOW);
- mixed: the text mixes languages (`mixed_language`);
- unclassified: no rule (nor anyone) gave a crime type;
- unextracted: files that could not be extracted, quarantined or needs_ocr, from the ingestion
  ledger (quarantined files are not in the index at all).
"""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request
from flask_babel import gettext as _

from giai import ledger
from giai.access import Viewer, access_filter
from giai.index_schema import LANGUAGES
from portal.auth.session import current_viewer
from portal.curation import store
from portal.curation.views import bp, curator_required
from portal.state import portal

UNSURE_BELOW = 0.6
QUEUE_SIZE = 100
INDEX_QUEUES: dict[str, dict[str, Any]] = {
    "unsure": {"range": {"language_confidence": {"lt": UNSURE_BELOW}}},
    "mixed": {"term": {"mixed_language": True}},
    "unclassified": {"bool": {"must_not": [{"exists": {"field": "crime_type"}}]}},
}
QUEUES = (*INDEX_QUEUES, "unextracted")


def curated_organisations(viewer: Viewer) -> list[str] | None:
    """The organisations whose queues and uploads `viewer` sees; None for every organisation (admins)."""
    return None if viewer.is_admin else viewer.curated_organisations


def queue_body(queue: str, viewer: Viewer, organisation: str | None, language: str | None) -> dict[str, Any]:
    """The search of one index queue with the counts of every index queue, for `viewer`."""
    filters: list[dict[str, Any]] = [access_filter(viewer)]
    curated = curated_organisations(viewer)
    if curated is not None:
        filters.append({"terms": {"organisation": curated}})
    if organisation:
        filters.append({"term": {"organisation": organisation}})
    if language:
        filters.append({"term": {"languages": language}})
    return {
        "query": {"bool": {"filter": filters}},
        "post_filter": INDEX_QUEUES.get(queue, {"match_none": {}}),
        "aggs": {"queues": {"filters": {"filters": INDEX_QUEUES}}},
        "_source": ["title", "organisation", "language", "languages", "language_confidence", "mixed_language", "status"],
        "sort": [{"language_confidence": {"order": "asc", "missing": "_first"}}, {"id": "asc"}],
        "size": QUEUE_SIZE,
        "track_total_hits": True,
    }


def queue_titles() -> dict[str, str]:
    return {
        "unsure": _("Language detection unsure"),
        "mixed": _("Mixed languages"),
        "unclassified": _("No crime type"),
        "unextracted": _("Not extracted"),
    }


@bp.get("/curation/review")
@curator_required
def review():
    viewer, state = current_viewer(), portal()
    queue = request.args.get("queue", "unsure")
    organisation = request.args.get("organisation") or None
    language = request.args.get("language") or None
    if queue not in QUEUES or (language and language not in LANGUAGES):
        abort(404)
    curated = curated_organisations(viewer)
    if organisation and not state.vocabularies.allows("organisation", organisation):
        abort(404)
    response = store.search(queue_body(queue, viewer, organisation, language))
    counts = {name: bucket["doc_count"] for name, bucket in response.get("aggregations", {}).get("queues", {}).get("buckets", {}).items()}
    documents = [hit["_source"] | {"id": hit["_id"]} for hit in response["hits"]["hits"]] if queue in INDEX_QUEUES else []
    if organisation:
        orgs = [organisation] if curated is None or organisation in curated else []
    else:
        orgs = curated
    files = ledger.not_extracted(state.settings, orgs, language)
    counts["unextracted"] = len(files)
    return render_template(
        "curation/review.html",
        queue=queue,
        queues=QUEUES,
        titles=queue_titles(),
        counts=counts,
        documents=documents,
        files=files if queue == "unextracted" else [],
        organisation=organisation,
        language=language,
        organisations=curated if curated is not None else state.vocabularies.values("organisation"),
        language_codes=LANGUAGES,
    )
