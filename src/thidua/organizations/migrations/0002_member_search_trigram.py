"""Trigram index for member name search that ignores diacritics, at millions of members."""

from django.db import migrations

from thidua.core.migration_ops import RunSQLOnPostgres


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [
        RunSQLOnPostgres(
            sql=[
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                "CREATE INDEX IF NOT EXISTS member_search_trgm ON organizations_member "
                "USING gin (search_key gin_trgm_ops)",
                "CREATE INDEX IF NOT EXISTS org_search_trgm ON organizations_orgunit "
                "USING gin (search_key gin_trgm_ops)",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS member_search_trgm",
                "DROP INDEX IF EXISTS org_search_trgm",
            ],
        )
    ]
