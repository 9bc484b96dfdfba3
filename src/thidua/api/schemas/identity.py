"""Schemas of the token and ``/me`` endpoints."""

from typing import Literal

from ninja import Schema
from pydantic import Field

from thidua.accounts.roles import Role
from thidua.api.schemas.common import LocalDateTime, text

RoleName = Literal[tuple(Role.values)]


class TokenIn(Schema):
    username: text(150) = Field(min_length=1)
    password: text(1024) = Field(min_length=1)


class TokenOut(Schema):
    token: str = Field(description="Send it as `Authorization: Bearer <token>`; shown only once.")
    expires_at: LocalDateTime


class RoleOut(Schema):
    role: RoleName
    org_id: int


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    member_id: int | None = Field(description="The user's own member record, if linked.")
    roles: list[RoleOut]
