"""On PostgreSQL, trigram indexes make the desk's "contains" search use an index instead of
reading every row.  Needs the pg_trgm extension (trusted since PostgreSQL 13, so a database
owner may create it); where it cannot be created, search still works, only slower."""

import logging

from django.db import migrations, transaction
from django.db.utils import DatabaseError

log = logging.getLogger(__name__)
TABLES = ["records_incident", "records_sourcereport"]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        log.warning("pg_trgm is not available (%s): search will not use an index", error)
        return
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_trgm "
            f"ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("records", "0004_search_text")]
    operations = [migrations.RunPython(create_indexes, drop_indexes)]
