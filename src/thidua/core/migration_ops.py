"""Migration operations that apply only on PostgreSQL (indexes SQLite has no use for)."""

from django.db import migrations


class RunSQLOnPostgres(migrations.RunSQL):
    """``RunSQL`` that does nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
