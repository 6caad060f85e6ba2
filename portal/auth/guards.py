"""Decorators that keep a view to signed-in users, or to those a rule admits.

Anonymous visitors are sent to the sign-in page (and back afterwards); signed-in users the rule
refuses get 403. Documents a viewer may not see are another matter: they are 404 through the
access filter, never refused here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, redirect, request, url_for

from giai.access import Viewer
from portal.auth.session import current_viewer
from portal.i18n import select_locale


def requires(rule: Callable[[Viewer], bool]) -> Callable:
    """Admit the view's requests whose viewer satisfies `rule(viewer)`."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any):
            viewer = current_viewer()
            if not viewer.is_authenticated:
                return redirect(url_for("auth.login", locale=select_locale(), next=request.full_path.rstrip("?")))
            if not rule(viewer):
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate


signed_in_required = requires(lambda viewer: True)
admin_required = requires(lambda viewer: viewer.is_admin)
