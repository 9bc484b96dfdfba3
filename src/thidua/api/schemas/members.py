"""Schemas of the members (``/members``) and their award history."""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from thidua.api.schemas.common import Day, Flag, Id, LocalDateTime, SearchText, column_text
from thidua.organizations.models import Gender

GenderName = Literal[tuple(Gender.values)]
MemberOrdering = Literal["name", "-name", "birth_date", "-birth_date", "id", "-id"]


class MemberQuery(Schema):
    org: Id | None = Field(None, description="The unit and all its sub-units.")
    q: SearchText | None = Field(None, description="Name, ignoring diacritics and case.")
    is_direct_worker: bool | None = None
    is_manager: bool | None = None
    gender: GenderName | None = None
    active: bool | None = None
    ordering: MemberOrdering | None = Field(
        None,
        description="`name`: Vietnamese order (given name, middle, family name). Default: name.",
    )


class MemberIn(Schema):
    org_id: Id
    full_name: column_text(150, required=True)
    gender: GenderName
    code: column_text(30) = Field("", description="Member code, unique within the unit.")
    birth_date: Day | None = None
    job_title: column_text(150) = ""
    is_manager: Flag = False
    is_direct_worker: Flag = False
    union_joined_on: Day | None = None
    employed_since: Day | None = None
    email: column_text(254) = ""
    phone: column_text(30) = ""
    active: Flag = True
    left_on: Day | None = None


class MemberPatch(Schema):
    """Only the fields sent change. A new ``org_id`` transfers the member."""

    org_id: Id | None = None
    full_name: column_text(150, required=True) | None = None
    gender: GenderName | None = None
    code: column_text(30) | None = None
    birth_date: Day | None = None
    job_title: column_text(150) | None = None
    is_manager: Flag | None = None
    is_direct_worker: Flag | None = None
    union_joined_on: Day | None = None
    employed_since: Day | None = None
    email: column_text(254) | None = None
    phone: column_text(30) | None = None
    active: Flag | None = None
    left_on: Day | None = None
    version: int | None = Field(None, description="The version read; a stale one is refused (409).")


class MemberOut(Schema):
    id: int
    org_id: int
    code: str
    full_name: str
    gender: GenderName
    birth_date: datetime.date | None
    job_title: str
    is_manager: bool
    is_direct_worker: bool
    union_joined_on: datetime.date | None
    employed_since: datetime.date | None
    email: str
    phone: str
    active: bool
    left_on: datetime.date | None
    version: int
    updated_at: LocalDateTime


class AwardOut(Schema):
    """One award of a member's effective history (imported awards may lack the catalogue code,
    the decision date or the issuing unit)."""

    year: int
    award_type_code: str | None
    award_name: str
    decision_number: str
    decided_on: datetime.date | None
    issued_by_org_id: int | None
    issued_by_name: str


class ImportResultOut(Schema):
    created: int
    updated: int
