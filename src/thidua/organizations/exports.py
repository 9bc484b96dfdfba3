"""Exports of units and members as .xlsx, and the blank import templates.

Exports take the list pages' filters (``OrgFilter``/``MemberFilter``) over what the user can see,
write in constant memory (``core.xlsx.XlsxTable``) and reuse the import columns, so an exported
member file imports back unchanged (extra columns such as the unit's name are ignored on import).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.xlsx import BOOL, NUMBER, Column, XlsxTable
from thidua.organizations.filters import MemberFilter, OrgFilter
from thidua.organizations.imports import (
    EMPLOYER_VALUES,
    GENDER_VALUES,
    KIND_VALUES,
    MEMBER_COLUMNS,
    UNIT_COLUMNS,
)
from thidua.organizations.models import ALLOWED_PARENT_KINDS, Member, OrgKind, OrgUnit
from thidua.organizations.services import MEMBER_HOLDING_KINDS

CHUNK_SIZE = 2000
TEMPLATE_ROWS = 5000


def _with(columns, after, *extra):
    """``columns`` with ``extra`` inserted after the column keyed ``after`` (None: at the end)."""
    result = []
    for column in columns:
        result.append(column)
        if column.key == after:
            result.extend(extra)
    return tuple(result) if after else (*columns, *extra)


MEMBER_EXPORT_COLUMNS = _with(
    _with(MEMBER_COLUMNS, "org_code", Column("org_name", "Tên đơn vị", width=36)),
    None,
    Column("active", "Còn sinh hoạt", kind=BOOL, width=12),
)
UNIT_EXPORT_COLUMNS = _with(
    UNIT_COLUMNS,
    None,
    Column("member_count", "Số đoàn viên", kind=NUMBER, width=12),
    Column("active", "Đang hoạt động", kind=BOOL, width=12),
)
_MEMBER_VALUES = (
    "org__code",
    "org__name",
    "code",
    "full_name",
    "gender",
    "birth_date",
    "job_title",
    "is_manager",
    "is_direct_worker",
    "union_joined_on",
    "employed_since",
    "email",
    "phone",
    "active",
)


def filtered_members(user, params):
    """Members the user can see, filtered as on the member list."""
    return MemberFilter(params, queryset=Member.objects.visible_to(user)).qs


def filtered_units(user, params):
    """Units the user can see, filtered as on the unit pages, in tree order."""
    return OrgFilter(params, queryset=OrgUnit.objects.visible_to(user)).qs.order_by("path")


def _generated_line(user):
    return _("Generated on %(when)s by %(who)s") % {
        "when": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "who": user.get_full_name(),
    }


def _scope(user, params):
    """The unit named in the title: the filtered unit, else the user's home unit."""
    org_id = params.get("org") or params.get("parent")
    org = None
    if org_id and str(org_id).isdigit():
        org = OrgUnit.objects.visible_to(user).filter(pk=org_id).first()
    org = org or user.home_org
    return org.name if org else ""


def export_file_name(prefix):
    return f"{prefix}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"


def export_members(user, params, fileobj, *, progress=None):
    """Write the members of the member list (``params``: its filters) to ``fileobj``.

    Returns the number of rows. ``progress(done)`` is called every ``CHUNK_SIZE`` rows.
    """
    table = XlsxTable(
        MEMBER_EXPORT_COLUMNS,
        sheet_title="Đoàn viên",
        title_lines=[
            _("List of members — %(unit)s") % {"unit": _scope(user, params)},
            _generated_line(user),
        ],
    )
    rows = filtered_members(user, params).values_list(*_MEMBER_VALUES)
    count = 0
    for values in rows.iterator(chunk_size=CHUNK_SIZE):
        org_code, org_name, code, name, gender, *rest = values
        table.append([org_code, org_name, code, name, GENDER_VALUES.get(gender, ""), *rest])
        count += 1
        if progress and count % CHUNK_SIZE == 0:
            progress(count)
    table.save(fileobj)
    return count


def export_units(user, params, fileobj, *, progress=None):
    """Write the units the user can see (``params``: the unit filters) to ``fileobj``.

    Returns the number of rows. ``progress(done)`` is called every ``CHUNK_SIZE`` rows.
    """
    units = list(filtered_units(user, params).select_related("parent"))
    table = XlsxTable(
        UNIT_EXPORT_COLUMNS,
        sheet_title="Đơn vị",
        title_lines=[
            _("List of union units — %(unit)s") % {"unit": _scope(user, params)},
            _generated_line(user),
        ],
    )
    for number, unit in enumerate(units, start=1):
        table.append(
            [
                unit.code,
                unit.name,
                KIND_VALUES.get(unit.kind, unit.kind),
                unit.parent.code if unit.parent else "",
                EMPLOYER_VALUES.get(unit.employer_type, ""),
                unit.symbol,
                unit.place,
                unit.address,
                unit.email,
                unit.phone,
                unit.member_count,
                unit.active,
            ]
        )
        if progress and number % CHUNK_SIZE == 0:
            progress(number)
    table.save(fileobj)
    return len(units)


# Templates -------------------------------------------------------------------------------------


def member_import_units(user):
    """Active units the user may import members into."""
    units = OrgUnit.objects.visible_to(user).filter(active=True, kind__in=MEMBER_HOLDING_KINDS)
    return [u for u in units if user.has_perm("organizations.import_members", u)]


def unit_import_parents(user):
    """Active units the user may add units under."""
    units = OrgUnit.objects.visible_to(user).filter(active=True)
    return [u for u in units if user.has_perm("organizations.add_orgunit", u)]


def member_template(user, fileobj):
    """The blank member import file, with the instructions and the user's units."""
    table = XlsxTable(
        MEMBER_COLUMNS,
        sheet_title="Đoàn viên",
        title_lines=[_("Member import template")],
        validation_rows=TEMPLATE_ROWS,
    )
    rules = [
        (_("How to fill in the member import file"),),
        (
            _("Rows"),
            _("One row per member, from the row under the headers. Columns marked * are required."),
        ),
        ("Mã đơn vị", _("The code of one of the units listed below.")),
        (
            "Mã đoàn viên",
            _(
                "If a member with this code exists in the unit, the row updates them; otherwise "
                "it creates a member. Without a code, the row updates the unit's member with the "
                "same name and date of birth, if there is one."
            ),
        ),
        ("Giới tính", _("Nam or Nữ.")),
        (_("Dates"), _("dd/mm/yyyy, e.g. 05/09/1985, or a date cell.")),
        (
            "Giữ chức vụ quản lý, Lao động trực tiếp",
            _(
                "Có or Không (blank means Không). A member who holds a management post is not a "
                "direct worker."
            ),
        ),
        (
            _("All or nothing"),
            _(
                "If any row is wrong, nothing is saved and every wrong row is listed with its "
                "number. Do not change the headers; other columns are ignored."
            ),
        ),
        (),
        (_("Units you may import members into"),),
        ("Mã đơn vị", "Tên đơn vị"),
        *((unit.code, unit.name) for unit in member_import_units(user)),
    ]
    table.add_notes_sheet("Hướng dẫn", rules, widths=(34, 90))
    table.save(fileobj)


def unit_template(user, fileobj):
    """The blank unit import file, with the instructions and the units the user may extend."""
    table = XlsxTable(
        UNIT_COLUMNS,
        sheet_title="Đơn vị",
        title_lines=[_("Union unit import template")],
        validation_rows=TEMPLATE_ROWS,
    )
    placement = [
        (
            KIND_VALUES[kind],
            _("under: %(parents)s") % {"parents": ", ".join(KIND_VALUES[p] for p in parents)},
        )
        for kind, parents in ALLOWED_PARENT_KINDS.items()
        if parents
    ]
    rules = [
        (_("How to fill in the unit import file"),),
        (_("Rows"), _("One row per new unit. Columns marked * are required.")),
        ("Mã đơn vị", _("A new code, used by no other unit.")),
        ("Loại", ", ".join(KIND_VALUES.values())),
        (
            "Mã đơn vị cấp trên",
            _(
                "The code of one of the units listed below, or of a unit on an earlier row of "
                "this file (so a whole subtree can be imported at once)."
            ),
        ),
        (
            "Loại hình đơn vị sử dụng lao động",
            _("Required for a %(kind)s: %(choices)s.")
            % {
                "kind": KIND_VALUES[OrgKind.GRASSROOTS_UNION],
                "choices": ", ".join(EMPLOYER_VALUES.values()),
            },
        ),
        (
            _("All or nothing"),
            _(
                "If any row is wrong, nothing is saved and every wrong row is listed with its "
                "number. Do not change the headers; other columns are ignored."
            ),
        ),
        (),
        (_("Which kind of unit goes under which"),),
        *placement,
        (),
        (_("Units you may add units under"),),
        ("Mã đơn vị", "Tên đơn vị"),
        *((unit.code, unit.name) for unit in unit_import_parents(user)),
    ]
    table.add_notes_sheet("Hướng dẫn", rules, widths=(34, 90))
    table.save(fileobj)
