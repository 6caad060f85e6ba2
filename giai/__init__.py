"""Shared core of the GIAI portal: settings, the Elasticsearch connection, the index schema and the
vocabularies that the ingestion pipeline and the portal both read."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
