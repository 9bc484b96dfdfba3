"""Types shared by the API's schemas: bounded ids, safe text, local datetimes."""

import datetime
from typing import Annotated

from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer
from pydantic_core import PydanticCustomError

# Ids are positive 64-bit integers; anything larger could not be stored and is refused early.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _printable(value: str) -> str:
    """Refuse text that no database column can hold: NUL bytes and lone surrogates."""
    if "\x00" in value:
        raise ValueError(_("Text may not contain NUL characters."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(_("Text is not valid Unicode.")) from exc
    return value


def text(max_length=None):
    """A text field of at most ``max_length`` characters that the database can store."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(_printable)]


def column_text(max_length, *, required=False):
    """Text stored in a model column of ``max_length``: the limits are documented in the OpenAPI
    schema, and the services check them (with translated messages) when the value is written."""
    limits = {"maxLength": max_length, **({"minLength": 1} if required else {})}
    return Annotated[str, Field(json_schema_extra=limits), AfterValidator(_printable)]


def _no_number(kind):
    """A before-validator refusing JSON numbers where pydantic would coerce them (``0`` as
    1970-01-01 or as false): dates come as "YYYY-MM-DD", flags as true/false."""

    def check(value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise PydanticCustomError(kind, "Input should not be a number")
        return value

    return BeforeValidator(check)


# Body fields: a date written "YYYY-MM-DD" and a true/false flag, never a number.
Day = Annotated[datetime.date, _no_number("date_type")]
Flag = Annotated[bool, _no_number("bool_type")]

# Free text without a length limit (stored in a TextField).
Text = text()
SearchText = text(200)


def _local_isoformat(value):
    return timezone.localtime(value).isoformat() if value is not None else None


# A datetime shown in the server's time zone (Asia/Ho_Chi_Minh) with its offset.
LocalDateTime = Annotated[
    datetime.datetime,
    PlainSerializer(_local_isoformat, return_type=str),
]
