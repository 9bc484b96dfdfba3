"""Members: list, read, create, change, import, and their award history (``/members``)."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Path, Query, Router
from ninja.files import UploadedFile

from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem, problem
from thidua.api.schemas.common import MAX_ID
from thidua.api.schemas.members import (
    AwardOut,
    ImportResultOut,
    MemberIn,
    MemberOut,
    MemberPatch,
    MemberQuery,
)
from thidua.awards.models import AwardRecord
from thidua.core.exceptions import Conflict, InvalidInput
from thidua.core.permissions import require
from thidua.core.versioning import check_version
from thidua.organizations import services
from thidua.organizations.filters import MemberFilter
from thidua.organizations.imports import import_members as run_import
from thidua.organizations.models import Member, OrgUnit
from thidua.privacy import access_log

router = Router(tags=["members"])

WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem}
ONE_ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem}
# Fields that may be cleared: ``null`` in a PATCH empties a text or removes a date.
BLANK_TEXT_FIELDS = ("code", "job_title", "email", "phone")
NULLABLE_FIELDS = ("birth_date", "union_joined_on", "employed_since", "left_on")


def member_award_history(member):
    """The member's effective awards (revoked ones left out), newest first, as ``AwardOut``
    items: ``year``, ``award_type_code`` (``None`` for an imported award the catalogue lacks,
    then ``award_name`` names it), ``decision_number``, ``decided_on``, ``issued_by_org_id``."""
    records = (
        AwardRecord.objects.effective()
        .filter(member=member)
        .select_related("award_type", "issued_by_org")
        .newest_first()
    )
    return [
        {
            "year": record.year,
            "award_type_code": record.award_type_code,
            "award_name": record.display_name,
            "decision_number": record.decision_number,
            "decided_on": record.decided_on,
            "issued_by_org_id": record.issued_by_org_id,
            "issued_by_name": record.issuer_name,
        }
        for record in records
    ]


def _visible_unit(user, org_id):
    """The visible unit ``org_id``, or a 422 on ``org_id`` that does not tell whether it exists."""
    unit = OrgUnit.objects.visible_to(user).filter(pk=org_id).first()
    if unit is None:
        raise InvalidInput(
            _("Some fields are invalid."),
            errors=[
                {"field": "org_id", "message": _("No such unit, or it is not visible to you.")}
            ],
        )
    return unit


def _check_code_free(org, code, member=None):
    """A member code is unique within its unit: a taken code is a duplicate (409)."""
    if not code:
        return
    taken = Member.objects.filter(org=org, code=code)
    if member is not None:
        taken = taken.exclude(pk=member.pk)
    if taken.exists():
        message = _("Another member of this unit has this code.")
        raise Conflict(message, errors=[{"field": "code", "message": message}])


@router.get("", response={200: page_of(MemberOut), 400: Problem, 401: Problem, 422: Problem})
def list_members(request, filters: Query[MemberQuery], pagination: Query[PageQuery]):
    """Members visible to the caller; ``ordering=name`` (the default) sorts in Vietnamese order."""
    queryset = MemberFilter(
        data=filters.dict(exclude_none=True), queryset=Member.objects.visible_to(request.auth)
    ).qs
    return paginate(request, queryset, pagination)


@router.post(
    "/import",
    response={200: ImportResultOut, 413: Problem, **WRITE_ERRORS},
    summary="Import members from an .xlsx file",
)
def import_members(request, file: File[UploadedFile]):
    """Create or update members from the spreadsheet template of the web UI, all or nothing.

    Any invalid row refuses the whole file with 422 and ``errors: [{"row", "field", "message"}]``.
    """
    if file.size > settings.UPLOAD_MAX_BYTES:
        return problem(
            413,
            _("Request too large"),
            _("The file is larger than %(size)d MB.")
            % {"size": settings.UPLOAD_MAX_BYTES // (1024 * 1024)},
        )
    with transaction.atomic():
        result = run_import(file, by=request.auth)
    return 200, {"created": result.created, "updated": result.updated}


@router.get("/{member_id}", response={200: MemberOut, **ONE_ERRORS})
def get_member(request, member_id: int = Path(..., ge=1, le=MAX_ID)):
    member = get_object_or_404(Member.objects.visible_to(request.auth), pk=member_id)
    access_log.log_member_api_read(request.auth, member)
    return member


@router.get(
    "/{member_id}/awards",
    response={200: list[AwardOut], **ONE_ERRORS},
    summary="The member's award history, newest first",
)
def member_awards(request, member_id: int = Path(..., ge=1, le=MAX_ID)):
    member = get_object_or_404(Member.objects.visible_to(request.auth), pk=member_id)
    return member_award_history(member)


@router.post("", response={201: MemberOut, **WRITE_ERRORS}, summary="Create a member")
def create_member(request, payload: MemberIn):
    user = request.auth
    org = _visible_unit(user, payload.org_id)
    # The right first: a taken code must not be revealed to a login that may not create.
    require(user, "organizations.add_member", org)
    _check_code_free(org, payload.code)
    member = services.create_member(org=org, by=user, **payload.dict(exclude={"org_id"}))
    return 201, member


@router.patch("/{member_id}", response={200: MemberOut, 404: Problem, **WRITE_ERRORS})
def update_member(request, payload: MemberPatch, member_id: int = Path(..., ge=1, le=MAX_ID)):
    """Change the fields sent; a new ``org_id`` transfers the member to that unit."""
    user = request.auth
    member = get_object_or_404(Member.objects.visible_to(user), pk=member_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    for name in BLANK_TEXT_FIELDS:
        if name in data and data[name] is None:
            data[name] = ""
    empty = [name for name, value in data.items() if value is None and name not in NULLABLE_FIELDS]
    if empty:
        raise InvalidInput(
            _("Some fields are invalid."),
            errors=[{"field": name, "message": _("This field cannot be empty.")} for name in empty],
        )
    org = None
    if "org_id" in data:
        org_id = data.pop("org_id")
        if org_id != member.org_id:
            org = _visible_unit(user, org_id)
    if "code" in data or org is not None:
        _check_code_free(org or member.org, data.get("code", member.code), member)
    if not data and org is None:
        # Nothing to change: still answer as a write would (403, or 409 for a stale version).
        require(user, "organizations.change_member", member)
        check_version(member, version)
        return member
    return services.update_member(member, by=user, version=version, org=org, **data)
