"""Who is looking, and the one Elasticsearch filter that says what they may see.

Every read of the index (search hits, facet counts, snippets, suggestions, document pages,
original files, exports, feeds and the API) adds `access_filter(viewer)` to its query, so no view
can forget it and a document a viewer may not see is simply not found (404, never 403).

Rules:
- anonymous: `public` documents only;
- any signed-in user (member, curator, translator) is a member of their organisations: `public`,
  `members`, and `restricted` documents whose `access_orgs` name one of those organisations;
- a curator also sees every document of the organisations they curate, whatever its access,
  since they must be able to correct it;
- an admin sees everything.
A document without an `access` value is hidden from everyone but admins (fail closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ROLES = ("admin", "curator", "translator", "member")
# A document's `access` value, from least to most restricted (see the rules above).
ACCESS_LEVELS = ("public", "members", "restricted")


@dataclass(frozen=True)
class Viewer:
    """Anonymous (no `user_id`) or a signed-in user with their roles, organisations and languages."""

    user_id: int | None = None
    email: str = ""
    roles: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_admin(self) -> bool:
        return self.is_authenticated and "admin" in self.roles

    @property
    def curated_organisations(self) -> list[str]:
        """The viewer's own organisations that they curate, sorted (an admin curates every
        organisation, not only these)."""
        return sorted(org for org in self.organisations if self.curates(org))

    def curates(self, organisation: str) -> bool:
        """May edit documents of `organisation` (admins curate every organisation)."""
        return self.is_admin or ("curator" in self.roles and organisation in self.organisations)

    def translates(self, language: str) -> bool:
        """May do translation work in `language` (admins may in every language)."""
        return self.is_admin or ("translator" in self.roles and language in self.languages)


ANONYMOUS = Viewer()


def access_filter(viewer: Viewer) -> dict[str, Any]:
    """The Elasticsearch filter clause matching exactly the documents `viewer` may see."""
    if viewer.is_admin:
        return {"match_all": {}}
    if not viewer.is_authenticated:
        return {"term": {"access": "public"}}
    allowed: list[dict[str, Any]] = [{"terms": {"access": ["public", "members"]}}]
    organisations = sorted(viewer.organisations)
    if organisations:
        allowed.append(
            {"bool": {"filter": [{"term": {"access": "restricted"}}, {"terms": {"access_orgs": organisations}}]}}
        )
    curated = viewer.curated_organisations
    if curated:
        allowed.append({"terms": {"organisation": curated}})
    if len(allowed) == 1:
        return allowed[0]
    return {"bool": {"should": allowed, "minimum_should_match": 1}}


def may_see(viewer: Viewer, document: dict[str, Any]) -> bool:
    """Whether `access_filter(viewer)` matches `document` (its `access`, `access_orgs` and
    `organisation`): for documents that are no longer in the index, such as withdrawn ones."""
    if viewer.is_admin:
        return True
    access, organisation = document.get("access"), document.get("organisation")
    if not viewer.is_authenticated:
        return access == "public"
    if organisation in viewer.curated_organisations or access in ("public", "members"):
        return True
    return access == "restricted" and bool(set(document.get("access_orgs") or ()) & viewer.organisations)
