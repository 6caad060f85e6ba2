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

from flask import abort, render_template, request
from flask_babel import gettext as _

from giai import ledger
from giai.index_schema import LANGUAGES
from portal.auth.session import current_viewer
from portal.curation.views import bp, curator_required
from portal.search.curation_queries import (
    INDEX_QUEUES,
    QUEUES,
    curated_organisations,
    queue_body,
)
from portal.state import portal


def queue_titles() -> dict[str, str]:
    return {
        # TRANSLATORS: review queues: documents whose language was detected with low confidence.
        "unsure": _("Language detection unsure"),
        # TRANSLATORS: review queue: documents whose text mixes several languages.
        "mixed": _("Mixed languages"),
        # TRANSLATORS: review queue: documents no rule or curator gave a crime type (genocide, torture…).
        "unclassified": _("No crime type"),
        # TRANSLATORS: review queue: files whose text could not be read (damaged, or scans without OCR).
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
    response = portal().service.read(queue_body(queue, viewer, organisation, language), viewer)
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
