"""Union units: ``GET|POST /orgs``, ``GET|PATCH /orgs/{id}``. Writes go through the services."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem
from thidua.api.schemas.common import MAX_ID
from thidua.api.schemas.orgs import OrgIn, OrgOut, OrgPatch, OrgQuery
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput
from thidua.core.permissions import require
from thidua.core.versioning import check_version
from thidua.organizations import services
from thidua.organizations.filters import OrgFilter
from thidua.organizations.models import OrgUnit

router = Router(tags=["orgs"])

READ_ERRORS = {400: Problem, 401: Problem, 422: Problem}
WRITE_ERRORS = {400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem}
# Text fields that may be blank: ``null`` in a PATCH clears them.
BLANK_TEXT_FIELDS = ("short_name", "symbol", "place", "address", "email", "phone", "employer_type")


def visible_orgs(user):
    """Units visible to ``user``; ``member_count`` is stored (``organizations.counts``)."""
    return OrgUnit.objects.visible_to(user)


def _visible_unit(user, org_id, field):
    """The visible unit ``org_id``, or a 422 on ``field`` that does not tell whether it exists."""
    unit = OrgUnit.objects.visible_to(user).filter(pk=org_id).first()
    if unit is None:
        raise InvalidInput(
            _("Some fields are invalid."),
            errors=[{"field": field, "message": _("No such unit, or it is not visible to you.")}],
        )
    return unit


def _check_code_free(code, org=None):
    """Unit codes are unique in the whole tree: a taken code is a duplicate (409)."""
    taken = OrgUnit.objects.filter(code=code)
    if org is not None:
        taken = taken.exclude(pk=org.pk)
    if code and taken.exists():
        raise Conflict(
            _("Another unit already has this code."),
            errors=[{"field": "code", "message": _("Another unit already has this code.")}],
        )


@router.get("", response={200: page_of(OrgOut), **READ_ERRORS}, summary="List units")
def list_orgs(request, filters: Query[OrgQuery], pagination: Query[PageQuery]):
    """Units visible to the caller, in tree order."""
    queryset = OrgFilter(
        data=filters.dict(exclude_none=True), queryset=visible_orgs(request.auth)
    ).qs
    return paginate(request, queryset.order_by("path"), pagination)


@router.get("/{org_id}", response={200: OrgOut, 404: Problem, **READ_ERRORS})
def get_org(request, org_id: int = Path(..., ge=1, le=MAX_ID)):
    return get_object_or_404(visible_orgs(request.auth), pk=org_id)


@router.post("", response={201: OrgOut, **WRITE_ERRORS}, summary="Create a unit")
def create_org(request, payload: OrgIn):
    user = request.auth
    fields = payload.dict(exclude={"parent_id"})
    fields["employer_type"] = fields["employer_type"] or ""
    if payload.parent_id is None:
        if not user.is_superuser:
            raise Forbidden(_("Only a system administrator creates a top-level unit."))
        parent = None
    else:
        parent = _visible_unit(user, payload.parent_id, "parent_id")
        # The right first: a taken code must not be revealed to a login that may not create.
        require(user, "organizations.add_orgunit", parent)
    _check_code_free(payload.code)
    org = services.create_org(parent=parent, by=user, **fields)
    return 201, visible_orgs(user).get(pk=org.pk)


@router.patch("/{org_id}", response={200: OrgOut, 404: Problem, **WRITE_ERRORS})
def update_org(request, payload: OrgPatch, org_id: int = Path(..., ge=1, le=MAX_ID)):
    """Change the fields sent; ``parent_id`` moves the unit, ``active: false`` its subtree."""
    user = request.auth
    org = get_object_or_404(OrgUnit.objects.visible_to(user), pk=org_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    for name in BLANK_TEXT_FIELDS:
        if name in data and data[name] is None:
            data[name] = ""
    empty = [name for name, value in data.items() if value is None]
    if empty:
        raise InvalidInput(
            _("Some fields are invalid."),
            errors=[{"field": name, "message": _("This field cannot be empty.")} for name in empty],
        )
    new_parent_id = data.pop("parent_id", org.parent_id)
    active = data.pop("active", org.active)
    if "code" in data:
        _check_code_free(data["code"], org)
    with transaction.atomic():
        # Each service checks the version it is given; only the first write gets the client's.
        changed = False
        if new_parent_id != org.parent_id:
            new_parent = _visible_unit(user, new_parent_id, "parent_id")
            org = services.move_org(org, new_parent=new_parent, by=user, version=version)
            changed, version = True, None
        if data:
            org = services.update_org(org, by=user, version=version, **data)
            changed, version = True, None
        if active != org.active:
            org = services.set_org_active(org, active, by=user, version=version)
            changed = True
        if not changed:
            # Nothing to change: still answer as a write would (403, or 409 for a stale version).
            require(user, "organizations.change_orgunit", org)
            check_version(org, version)
    return visible_orgs(user).get(pk=org.pk)
