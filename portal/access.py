"""The viewer of the current request. Which documents a viewer may see is decided by
`giai.access.access_filter`, the one filter every read of the portal applies; sign-in changes
only this function."""

from __future__ import annotations

from giai.access import ANONYMOUS, Viewer


def current_viewer() -> Viewer:
    """The viewer of the current request: anonymous until sign-in exists."""
    return ANONYMOUS
