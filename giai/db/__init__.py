"""The relational database of accounts and curation: SQLAlchemy models, the engine from settings,
and Alembic migrations that `giai db upgrade` applies.

SQLite (a file in the data directory) by default; PostgreSQL when GIAI_DATABASE_URL names one.
"""

from giai.db.engine import Database, DatabaseUnavailable, database_url, redact_url
from giai.db.migrate import current_revision, head_revision, upgrade

__all__ = [
    "Database",
    "DatabaseUnavailable",
    "current_revision",
    "database_url",
    "head_revision",
    "redact_url",
    "upgrade",
]

from giai.db import audit as _audit_table  # noqa: E402,F401  (registers the audit table on Base)
from giai.db import curation as _curation_tables  # noqa: E402,F401  (registers the curation tables on Base)
from giai.db import protection as _protection_tables  # noqa: E402,F401  (registers the protection tables on Base)
from giai.db import saved_searches as _saved_search_tables  # noqa: E402,F401  (registers the saved searches on Base)
from giai.db import translation as _translation_tables  # noqa: E402,F401  (registers the translators' tables on Base)
