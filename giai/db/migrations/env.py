"""Alembic's entry point: migrate the database whose URL `giai.db.migrate` put in the config."""

from alembic import context

from giai.db.engine import make_engine
from giai.db.models import Base, UtcDateTime


def render_item(kind: str, obj: object, _context: object) -> str | bool:
    """Generated migrations spell our UTC column as the plain type, so they never import the models."""
    if kind == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


engine = make_engine(context.config.attributes["database_url"])
try:
    with engine.connect() as connection:
        # Batch mode lets SQLite, which cannot ALTER most things, take the same migrations.
        context.configure(
            connection=connection, target_metadata=Base.metadata, render_as_batch=True, render_item=render_item
        )
        with context.begin_transaction():
            context.run_migrations()
finally:
    engine.dispose()
