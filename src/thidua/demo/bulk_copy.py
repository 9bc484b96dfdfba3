"""Write rows into PostgreSQL tables with ``COPY … FROM STDIN`` (psycopg 3), for bulk data.

``CopyTable(Model, "col col …")`` knows the model's other columns and fills them with their
defaults (``auto_now`` fields with one fixed timestamp, nullable ones with NULL, blank text with
"", an automatic primary key from its sequence), so a caller gives only the columns it varies.
``line(values)`` encodes one row in COPY's text format; ``copy(cursor, lines)`` streams them in
chunks. ``spool()`` keeps lines in a temporary file when the rows are produced while another COPY
is running.
"""

import datetime
import decimal
import json
import tempfile

from django.db import models
from django.utils import timezone

CHUNK_CHARS = 1 << 20
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def encode(value):
    """``value`` in COPY's text format (``\\N`` for NULL)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, int | decimal.Decimal | float):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    raise TypeError(f"Cannot COPY a {type(value).__name__}: {value!r}")


def _default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value")


class CopyTable:
    """The COPY statement of ``model`` for ``columns`` (a list, or names separated by spaces)
    plus every other column at its default."""

    def __init__(self, model, columns, now=None):
        now = now or timezone.now()
        if isinstance(columns, str):
            columns = columns.split()
        fields = {field.column: field for field in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
        rest = [
            column
            for column, field in fields.items()
            if column not in columns and not isinstance(field, models.AutoField)
        ]
        self.table = model._meta.db_table
        self.columns = [*columns, *rest]
        self.suffix = "".join("\t" + encode(_default(fields[column], now)) for column in rest)
        self.rows = 0

    @property
    def statement(self):
        names = ", ".join(f'"{column}"' for column in self.columns)
        return f'COPY "{self.table}" ({names}) FROM STDIN'

    def line(self, values):
        self.rows += 1
        return "\t".join(map(encode, values)) + self.suffix + "\n"

    def copy(self, cursor, lines):
        """Stream ``lines`` (strings from ``line``) into the table."""
        with cursor.copy(self.statement) as copy:
            buffer, size = [], 0
            for text in lines:
                buffer.append(text)
                size += len(text)
                if size >= CHUNK_CHARS:
                    copy.write("".join(buffer))
                    buffer, size = [], 0
            if buffer:
                copy.write("".join(buffer))


def spool():
    """A temporary text file for COPY lines produced while another COPY runs."""
    return tempfile.TemporaryFile("w+", encoding="utf-8")


def read_back(spooled):
    """The lines of a ``spool()`` file, from its start."""
    spooled.seek(0)
    yield from spooled
