"""The one access filter, checked by evaluating it over documents in Python (a tiny interpreter of
the few clauses it uses), so each rule reads as a fact about who sees what."""

from __future__ import annotations

from typing import Any

import pytest

from giai.access import ANONYMOUS, Viewer, access_filter


def matches(clause: dict[str, Any], doc: dict[str, Any]) -> bool:
    """Whether an Elasticsearch filter clause (match_all, term, terms, bool) matches `doc`."""
    ((kind, body),) = clause.items()
    if kind == "match_all":
        return True
    if kind in ("term", "terms"):
        ((field, wanted),) = body.items()
        wanted = wanted if kind == "terms" else [wanted]
        values = doc.get(field)
        values = values if isinstance(values, list) else [values]
        return any(v in wanted for v in values if v is not None)
    if kind == "bool":
        assert set(body) <= {"filter", "should", "minimum_should_match"}, body
        if not all(matches(c, doc) for c in body.get("filter", [])):
            return False
        should = body.get("should", [])
        return not should or sum(matches(c, doc) for c in should) >= body.get("minimum_should_match", 1)
    raise AssertionError(f"unexpected clause {kind}")


def sees(viewer: Viewer, doc: dict[str, Any]) -> bool:
    return matches(access_filter(viewer), doc)


PUBLIC = {"organisation": "fidh", "access": "public"}
MEMBERS = {"organisation": "fidh", "access": "members"}
RESTRICTED_TO_A = {"organisation": "crd", "access": "restricted", "access_orgs": ["trial", "redress"]}
RESTRICTED_TO_B = {"organisation": "crd", "access": "restricted", "access_orgs": ["ecchr"]}
NO_ACCESS_VALUE = {"organisation": "fidh"}

MEMBER_OF_A = Viewer(user_id=1, roles=frozenset({"member"}), organisations=frozenset({"redress"}))
MEMBER_WITHOUT_ORGANISATION = Viewer(user_id=2, roles=frozenset({"member"}))
TRANSLATOR_OF_A = Viewer(
    user_id=3, roles=frozenset({"translator"}), organisations=frozenset({"trial"}), languages=frozenset({"ru"})
)
CURATOR_OF_CRD = Viewer(user_id=4, roles=frozenset({"curator"}), organisations=frozenset({"crd"}))
ADMIN = Viewer(user_id=5, roles=frozenset({"admin"}))


def test_anonymous_sees_public_documents_only():
    assert [sees(ANONYMOUS, d) for d in (PUBLIC, MEMBERS, RESTRICTED_TO_A, NO_ACCESS_VALUE)] == [
        True,
        False,
        False,
        False,
    ]


def test_roles_without_a_signed_in_user_give_nothing_more_than_anonymous():
    assert access_filter(Viewer(roles=frozenset({"admin"}))) == access_filter(ANONYMOUS)


def test_a_member_sees_members_documents_and_those_restricted_to_their_organisation():
    assert sees(MEMBER_OF_A, PUBLIC) and sees(MEMBER_OF_A, MEMBERS) and sees(MEMBER_OF_A, RESTRICTED_TO_A)


def test_a_member_does_not_see_documents_restricted_to_other_organisations():
    assert not sees(MEMBER_OF_A, RESTRICTED_TO_B)


def test_a_member_without_an_organisation_sees_public_and_members_documents():
    assert [sees(MEMBER_WITHOUT_ORGANISATION, d) for d in (PUBLIC, MEMBERS, RESTRICTED_TO_A)] == [True, True, False]


def test_a_translator_is_a_member_of_their_organisations():
    assert sees(TRANSLATOR_OF_A, RESTRICTED_TO_A) and not sees(TRANSLATOR_OF_A, RESTRICTED_TO_B)


def test_a_curator_sees_every_document_of_the_organisation_they_curate():
    assert sees(CURATOR_OF_CRD, RESTRICTED_TO_A) and sees(CURATOR_OF_CRD, RESTRICTED_TO_B)


def test_a_curator_sees_restricted_documents_of_other_organisations_only_through_access_orgs():
    assert not sees(CURATOR_OF_CRD, {"organisation": "fidh", "access": "restricted", "access_orgs": ["trial"]})


def test_a_document_without_an_access_value_is_hidden_from_everyone_but_admins():
    assert not any(sees(v, NO_ACCESS_VALUE) for v in (ANONYMOUS, MEMBER_OF_A, CURATOR_OF_CRD))
    assert sees(ADMIN, NO_ACCESS_VALUE)


def test_an_admin_sees_everything():
    assert all(sees(ADMIN, d) for d in (PUBLIC, MEMBERS, RESTRICTED_TO_A, RESTRICTED_TO_B))


@pytest.mark.parametrize("viewer", [ANONYMOUS, MEMBER_OF_A, CURATOR_OF_CRD, ADMIN])
def test_the_filter_is_a_pure_function_of_the_viewer(viewer):
    assert access_filter(viewer) == access_filter(Viewer(**vars(viewer)))


def test_organisations_are_listed_in_a_stable_order_so_identical_queries_cache_alike():
    viewer = Viewer(user_id=1, roles=frozenset({"member"}), organisations=frozenset({"trial", "crd", "fidh"}))
    restricted = access_filter(viewer)["bool"]["should"][1]["bool"]["filter"][1]
    assert restricted == {"terms": {"access_orgs": ["crd", "fidh", "trial"]}}


def test_curating_and_translating_follow_roles_organisations_and_languages():
    assert CURATOR_OF_CRD.curates("crd") and not CURATOR_OF_CRD.curates("fidh")
    assert not MEMBER_OF_A.curates("redress")
    assert TRANSLATOR_OF_A.translates("ru") and not TRANSLATOR_OF_A.translates("fr")
    assert ADMIN.curates("anything") and ADMIN.translates("ar")
    assert not ANONYMOUS.is_authenticated and not ANONYMOUS.curates("fidh")


def test_may_see_agrees_with_the_filter_for_every_viewer_and_document():
    """Withdrawn documents are no longer in the index: `may_see` decides 410 or 404 for them."""
    from itertools import product

    from giai.access import may_see

    viewers = [
        ANONYMOUS,
        Viewer(user_id=1, roles=frozenset({"member"}), organisations=frozenset({"fidh"})),
        Viewer(user_id=2, roles=frozenset({"curator"}), organisations=frozenset({"trial"})),
        Viewer(user_id=3, roles=frozenset({"translator"}), organisations=frozenset()),
        Viewer(user_id=4, roles=frozenset({"admin"})),
    ]
    documents = [
        {"access": access, "access_orgs": orgs, "organisation": organisation}
        for access, orgs, organisation in product(
            ("public", "members", "restricted", None), ([], ["fidh"], ["trial"]), ("fidh", "trial", "redress")
        )
    ]
    disagreements = [(v, d) for v, d in product(viewers, documents) if may_see(v, d) != matches(access_filter(v), d)]
    assert disagreements == []
