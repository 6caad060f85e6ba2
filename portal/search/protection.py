"""What the read side does for protected names and content notes.

The index holds pseudonyms in every public field (giai/protected_names.py), so a viewer outside a
document's organisation can find nothing through a name and read none, whatever the read path.
Here:
- `member_clause`: a member's search also looks in the member-only fields (original text and the
  names' spellings), restricted to the documents of the member's organisations;
- `mark_viewer`: the service marks each raw hit with whether the viewer may read its names
  (member of its organisation, or admin); it is the only decision, and it is made where the
  viewer is known;
- `Shown`: shaping shows a marked hit's names (in HTML inside <mark class="protected-name">), and
  every pseudonym in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from giai.access import Viewer
from giai.protected_names import revealed, translated

REVEAL = "_giai_reveal_names"
MEMBER_FIELDS = ["protected_text", "protected_names"]
# The parts of a document's source a read may carry: the pseudonyms' names (shown to members
# only, see Shown), never the originals kept for the protect step, nor the proposals.
SOURCE_PRIVATE = ["protected_text", "protected_names", "protection.original", "protection.candidates", "content_notes"]


def member_scope(viewer: Viewer) -> dict[str, Any] | None:
    """The documents whose protected names `viewer` may search and read; None: none."""
    if viewer.is_admin:
        return {"match_all": {}}
    if viewer.is_authenticated and viewer.organisations:
        return {"terms": {"organisation": sorted(viewer.organisations)}}
    return None


def member_clause(text_clause: dict[str, Any], viewer: Viewer) -> dict[str, Any] | None:
    """`text_clause` (the user's words over MEMBER_FIELDS) within the viewer's organisations'
    documents, or None for a viewer who belongs to none."""
    scope = member_scope(viewer)
    if scope is None:
        return None
    return {"bool": {"filter": [scope], "must": [text_clause]}}


def may_read_names(organisation: str, viewer: Viewer) -> bool:
    return viewer.is_admin or (viewer.is_authenticated and organisation in viewer.organisations)


def mark_viewer(hits: Iterable[dict[str, Any]], viewer: Viewer) -> None:
    """Mark each raw hit with whether `viewer` may read its protected names."""
    for hit in hits:
        hit[REVEAL] = may_read_names(str(hit.get("_source", {}).get("organisation", "")), viewer)


class Shown:
    """How one raw hit's texts are shown in `locale`: pseudonyms translated, and names revealed
    when the hit was marked so."""

    def __init__(self, raw_hit: dict[str, Any], locale: str):
        names = (raw_hit.get("_source", {}).get("protection") or {}).get("names") or []
        self.names = names if raw_hit.get(REVEAL) else []
        self.locale = locale

    @property
    def protected(self) -> bool:
        """The viewer reads names that are protected (and must be told so)."""
        return bool(self.names)

    def text(self, value: str) -> str:
        return revealed(translated(value, self.locale), self.names)

    def html(self, value: str) -> Markup:
        """An HTML-encoded text (a highlight) with names marked as protected."""
        return Markup(revealed(translated(value, self.locale), self.names,
                               lambda name: f'<mark class="protected-name">{escape(name)}</mark>'))
