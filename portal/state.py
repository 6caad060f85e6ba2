"""What one portal app holds: its settings, vocabularies and search service."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from giai.settings import Settings
from portal.search.service import SearchService
from portal.vocabulary import Vocabularies


@dataclass(frozen=True)
class Portal:
    settings: Settings
    vocabularies: Vocabularies
    service: SearchService


def portal() -> Portal:
    """The current app's portal state."""
    return current_app.extensions["giai"]
