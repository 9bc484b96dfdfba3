"""Schemas of the union units (``/orgs``)."""

from typing import Literal

from ninja import Schema
from pydantic import Field

from thidua.api.schemas.common import Flag, Id, LocalDateTime, SearchText, column_text
from thidua.organizations.models import EmployerType, OrgKind

OrgKindName = Literal[tuple(OrgKind.values)]
EmployerTypeName = Literal[tuple(EmployerType.values)]


class OrgQuery(Schema):
    kind: OrgKindName | None = None
    parent: Id | None = Field(None, description="Direct children of this unit.")
    employer_type: EmployerTypeName | None = None
    q: SearchText | None = Field(None, description="Code or name, ignoring diacritics and case.")
    active: bool | None = None


class OrgIn(Schema):
    code: column_text(30, required=True)
    name: column_text(255, required=True)
    kind: OrgKindName
    parent_id: Id | None = Field(None, description="Required except for a system administrator.")
    employer_type: EmployerTypeName | None = Field(
        None, description="Required for a grassroots union; ignored for other kinds."
    )
    short_name: column_text(100) = ""
    symbol: column_text(30) = Field(
        "", description="Symbol in document numbers, e.g. CĐN in 36/KH-CĐN."
    )
    place: column_text(100) = ""
    address: column_text(255) = ""
    email: column_text(254) = ""
    phone: column_text(30) = ""
    active: Flag = True


class OrgPatch(Schema):
    """Only the fields sent change. A new ``parent_id`` moves the unit with its subtree."""

    code: column_text(30, required=True) | None = None
    name: column_text(255, required=True) | None = None
    kind: OrgKindName | None = None
    parent_id: Id | None = None
    employer_type: EmployerTypeName | None = None
    short_name: column_text(100) | None = None
    symbol: column_text(30) | None = None
    place: column_text(100) | None = None
    address: column_text(255) | None = None
    email: column_text(254) | None = None
    phone: column_text(30) | None = None
    active: Flag | None = Field(None, description="false deactivates the whole subtree.")
    version: int | None = Field(None, description="The version read; a stale one is refused (409).")


class OrgOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    symbol: str
    kind: OrgKindName
    parent_id: int | None
    employer_type: EmployerTypeName | None
    place: str
    address: str
    email: str
    phone: str
    depth: int
    member_count: int = Field(description="Active members of the unit and its sub-units.")
    active: bool
    version: int
    updated_at: LocalDateTime

    @staticmethod
    def resolve_employer_type(obj):
        return obj.employer_type or None
