"""The word index of member names (``organizations.name_index``), on PostgreSQL.

It replaces the trigram index of member search keys, which found common Vietnamese names only
by fetching and sorting every match. Filling it takes a few minutes at 11 million members.
"""

from django.db import migrations, models

from thidua.core.migration_ops import RunSQLOnPostgres
from thidua.organizations import name_index


class Migration(migrations.Migration):
    dependencies = [("organizations", "0003_orgunit_member_count")]

    operations = [
        migrations.CreateModel(
            name="MemberNameWord",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("word", models.CharField(max_length=150)),
                ("sort_key", models.CharField(max_length=255)),
                ("org_path", models.CharField(max_length=255)),
                ("active", models.BooleanField()),
                ("padded_key", models.CharField(max_length=152)),
                (
                    "member",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="name_words",
                        to="organizations.member",
                    ),
                ),
            ],
            options={"db_table": "organizations_member_name_word", "managed": False},
        ),
        RunSQLOnPostgres(
            sql=[
                *name_index.CREATE,
                "SET LOCAL maintenance_work_mem = '512MB'",
                name_index.FILL,
                name_index.INDEX,
                f"ANALYZE {name_index.TABLE}",
                "DROP INDEX IF EXISTS member_search_trgm",
            ],
            reverse_sql=[
                "CREATE INDEX IF NOT EXISTS member_search_trgm ON organizations_member "
                "USING gin (search_key gin_trgm_ops)",
                *name_index.DROP,
            ],
        ),
    ]
