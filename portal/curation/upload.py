"""Upload: a curator sends a file with its metadata; it lands in the inbox folder of its
organisation (`data_dir/inbox/<organisation>/<upload>/`) beside a sidecar `F.meta.yaml`, and the
pipeline itself processes it: a background `python -m ingest <upload folder>` (no second ingestion
path), one at a time (uploads wait their turn in order), so a burst of uploads cannot start a burst
of ingestion processes. The page shows each upload's progress from the ingestion ledger. Anything a
background run did not finish (the server stopped) is picked up by `giai ingest <data_dir>/inbox`,
which gives the same document ids (command-line locators are absolute paths).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import queue
import secrets
import subprocess
import sys
import threading
from pathlib import Path

import yaml
from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename

from giai import ledger
from giai.access import Viewer
from giai.curation import ACCESS_LEVELS
from giai.inbox import inbox_root
from giai.index_schema import LANGUAGES
from giai.private_files import open_private, private_directory
from portal.auth.session import current_viewer
from portal.curation.forms import UploadForm
from portal.curation.views import access_labels, bp, curator_required
from portal.search.curation_queries import curated_organisations
from portal.state import portal
from portal.views.common import locale_code

EXTENSIONS = (".pdf", ".docx", ".html", ".htm", ".txt")
SIDECAR_SUFFIX = ".meta.yaml"
LISTED_UPLOADS = 50

QUEUE = "giai.uploads"  # the app's IngestionQueue, in app.extensions

log = logging.getLogger(__name__)


def upload_limit_bytes(settings) -> int:
    """The pipeline's own limit on a file, plus room for the form's other fields."""
    return settings.ingest_max_file_mb * 2**20 + 64 * 1024


def sidecar_text(metadata: dict[str, object]) -> str:
    """The sidecar of an upload: only the keys given, in the pipeline's sidecar format."""
    return yaml.safe_dump({k: v for k, v in metadata.items() if v not in (None, "", [])}, allow_unicode=True, sort_keys=True)


def ingest_environment(settings) -> dict[str, str]:
    """The environment of the background run: the portal's index, data, cluster (with the
    pipeline's credentials when given) and database."""
    env = dict(os.environ)
    env.update({"GIAI_INDEX": settings.index, "GIAI_DATA_DIR": str(settings.data_dir)})
    values = {"GIAI_ES_URL": settings.es_pipeline_url or settings.es_url, "GIAI_DATABASE_URL": settings.database_url}
    env.update({name: value for name, value in values.items() if value})
    return env


class IngestionQueue:
    """Upload folders ingested one after the other by one thread of this portal process, each in a
    `giai ingest run` subprocess; a lock file in the inbox makes the portal's other processes wait
    their turn too. The thread starts with the first upload (after gunicorn has forked)."""

    def __init__(self) -> None:
        self._folders: queue.SimpleQueue[tuple[object, Path]] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None
        self._starting = threading.Lock()

    def submit(self, settings, folder: Path) -> None:
        self._folders.put((settings, folder))
        with self._starting:
            if self._worker is None:
                self._worker = threading.Thread(target=self._ingest_in_turn, name="upload-ingestion", daemon=True)
                self._worker.start()

    def _ingest_in_turn(self) -> None:
        while True:
            settings, folder = self._folders.get()
            try:
                ingest_upload(settings, folder)
            except OSError:
                log.exception("the ingestion of %s could not run; `giai ingest` on the inbox will take it", folder)


def ingest_upload(settings, folder: Path) -> None:
    """`python -m ingest <folder>` (the pipeline's own entry point), once no other portal process is ingesting an upload; its output
    goes to `folder/ingest.log`. The ledger names files by resolved path, which is how `uploads_of`
    finds their rows."""
    command = [sys.executable, "-m", "ingest", "--workers", "1", str(folder)]
    lock = os.open(inbox_root(settings) / ".ingesting", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with open_private(folder / "ingest.log") as log_file:
            subprocess.run(command, env=ingest_environment(settings), stdout=log_file, stderr=subprocess.STDOUT,
                           start_new_session=True, check=False)
    finally:
        os.close(lock)  # releases the lock


def uploads_of(settings, organisations: list[str] | None) -> list[dict]:
    """The newest uploads of `organisations` (None: all), each with its ledger row when it has one."""
    root = inbox_root(settings)
    if not root.is_dir():
        return []
    found = []
    for org_dir in sorted(root.iterdir()):
        if not org_dir.is_dir() or (organisations is not None and org_dir.name not in organisations):
            continue
        for upload in org_dir.iterdir():
            files = [f for f in upload.iterdir() if f.is_file() and f.suffix.lower() in EXTENSIONS] if upload.is_dir() else []
            for f in files:
                found.append({"id": upload.name, "organisation": org_dir.name, "name": f.name, "path": str(f.resolve())})
    found.sort(key=lambda u: u["id"], reverse=True)
    found = found[:LISTED_UPLOADS]
    rows = ledger.files_by_path(settings, [u["path"] for u in found])
    return [u | {"row": rows.get(u["path"])} for u in found]


def upload_form(viewer: Viewer) -> UploadForm:
    vocab, locale = portal().vocabularies, locale_code()
    form = UploadForm()
    orgs = vocab.values("organisation") if viewer.is_admin else viewer.curated_organisations
    form.organisation.choices = [(o, vocab.label("organisation", o, locale)) for o in orgs]
    form.language.choices = [("", "—"), *[(c, vocab.label("language", c, locale)) for c in LANGUAGES]]
    form.doc_type.choices = [("", "—"), *[(v, vocab.label("doc_type", v, locale)) for v in vocab.values("doc_type")]]
    form.access.choices = [(level, access_labels()[level]) for level in ACCESS_LEVELS]
    return form


def save_upload(settings, form: UploadForm) -> Path:
    """Write the file and its sidecar into a new folder of the organisation's inbox; the folder."""
    name = secure_filename(form.file.data.filename or "")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    folder = private_directory(inbox_root(settings) / form.organisation.data / f"{stamp}-{secrets.token_hex(4)}")
    with open_private(folder / name) as f:
        form.file.data.save(f)
    metadata = {
        "organisation": form.organisation.data,
        "title": (form.title.data or "").strip(),
        "language": form.language.data,
        "doc_type": form.doc_type.data,
        "date": form.date.data.isoformat() if form.date.data else "",
        "access": form.access.data,
    }
    with open_private(folder / (name + SIDECAR_SUFFIX)) as f:
        f.write(sidecar_text(metadata).encode("utf-8"))
    return folder


@bp.route("/curation/upload", methods=["GET", "POST"])
@curator_required
def upload():
    state, viewer = portal(), current_viewer()
    request.max_content_length = upload_limit_bytes(state.settings)
    try:
        form = upload_form(viewer)
        valid = form.validate_on_submit()
    except RequestEntityTooLarge:
        abort(413)
    errors: list[str] = []
    if valid:
        name = secure_filename(form.file.data.filename or "")
        if not name or not name.lower().endswith(EXTENSIONS):
            errors.append(_("Only PDF, DOCX, HTML and plain-text files can be uploaded."))
        else:
            current_app.extensions[QUEUE].submit(state.settings, save_upload(state.settings, form))
            return redirect(url_for("curation.upload", sent=1))
    organisations = curated_organisations(viewer)
    status = 400 if request.method == "POST" else 200
    return (
        render_template(
            "curation/upload.html",
            form=form,
            errors=errors,
            uploads=uploads_of(state.settings, organisations),
            sent=bool(request.args.get("sent")),
            limit_mb=state.settings.ingest_max_file_mb,
        ),
        status,
    )
