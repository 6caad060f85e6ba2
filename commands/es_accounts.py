"""The Elasticsearch accounts of least privilege, one per service; `elastic` is kept for set-up.

- the portal (`giai_portal`) reads the alias, and updates its documents in place for curators'
  corrections (the `index` privilege: index and update, never delete a document or an index);
- the pipeline (`giai_pipeline`) reads, writes and manages its own indices (`<alias>-<digest>`)
  and moves its alias, and may see cluster health; it cannot touch other indices nor security.

On a full cluster (compose.yaml) `giai es accounts` creates the roles and users through the
security API. The local node (Elastic's integ-test distribution) cannot: the native security index
needs the analysis-common module it lacks (`PUT _security/role` answers 400 "Unknown filter type
[pattern_capture]", measured on 9.5.2), so `giai es start` writes the same roles into the node's
roles.yml and adds the users to its file realm (commands/local_node.py).
"""

from __future__ import annotations

from elasticsearch import Elasticsearch

from giai.es import PIPELINE, PORTAL

ACCOUNTS = (PORTAL, PIPELINE)


class AccountsError(RuntimeError):
    """The accounts could not be set up; the message says why."""


def roles(*aliases: str) -> dict[str, dict]:
    """Role name → role definition (the security API's body, also the shape of roles.yml), over
    the given aliases and their concrete indices."""
    # The concrete indices too: a search in a point in time (the portal's export) names them.
    # (A list each: roles.yml must not share one through a YAML alias, which the node misreads.)
    def names() -> list[str]:
        return [name for alias in aliases for name in (alias, f"{alias}-*")]

    return {
        PORTAL: {"indices": [{"names": names(), "privileges": ["read", "index"]}]},
        PIPELINE: {
            "cluster": ["monitor"],
            "indices": [{"names": names(), "privileges": ["read", "write", "manage"]}],
        },
    }


def aliases_of(defined: dict) -> list[str]:
    """The aliases that roles (as `roles` returns them, or read back from roles.yml) cover."""
    names = defined.get(PORTAL, {}).get("indices", [{}])[0].get("names", [])
    return [name for name in names if not name.endswith("-*")]


def create_with_api(client: Elasticsearch, alias: str, passwords: dict[str, str]) -> None:
    """Create (or update) each role and its user, named alike, through the security API of a full
    cluster; `client` must be allowed to manage security (elastic)."""
    missing = [account for account in ACCOUNTS if not passwords.get(account)]
    if missing:
        raise AccountsError(f"no password given for {', '.join(missing)}")
    for name, role in roles(alias).items():
        client.security.put_role(name=name, **role)
        client.security.put_user(username=name, password=passwords[name], roles=[name])
