"""The viewer of the current request. Which documents a viewer may see is decided by
`giai.access.access_filter`, the one filter every read of the portal applies; sign-in changes
only this function."""

from __future__ import annotations

from giai.access import Viewer
from portal.auth.session import current_viewer as signed_in_viewer


def current_viewer() -> Viewer:
    """The viewer of the current request: the signed-in user (see portal.auth), else anonymous."""
    return signed_in_viewer()
