"""Importing members and units from .xlsx files, all or nothing.

``import_members`` and ``import_units`` read the whole file, validate every row (reporting every bad
row, not only the first), and only when no row is wrong write everything in one transaction and
append one audit entry that summarises the file. A bad file raises ``InvalidInput`` whose
``errors`` are ``{"row", "field", "message"}``: ``row`` is the spreadsheet row number (0 for the
file as a whole), ``field`` the column's Vietnamese header (``"file"`` for the whole file).

Rows may only target units the importing user can see and holds the permission at; an invisible
unit is reported as unknown, never revealed. Given a ``job_id``, progress goes to
``core.jobs.set_progress`` (validation, then writing: twice the rows in all) and the outcome to
``core.jobs.finish``.
"""

import functools
import os
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core import audit, jobs
from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.core.models import AuditEntry
from thidua.core.text import format_number, name_sort_key, normalize, search_key
from thidua.core.xlsx import (
    BOOL,
    DATE,
    NO,
    YES,
    Column,
    TableReader,
    cell_text,
    file_error,
    parse_bool,
    parse_date,
)
from thidua.organizations.counts import refresh_member_counts_on_commit
from thidua.organizations.models import (
    ALLOWED_PARENT_KINDS,
    EmployerType,
    Gender,
    Member,
    OrgKind,
    OrgUnit,
)
from thidua.organizations.services import MEMBER_HOLDING_KINDS

BATCH_SIZE = 2000
# A larger file is refused before validation (memory); users split it.
MAX_ROWS = 100_000
PROGRESS_EVERY = 500

# The values written in files: fixed Vietnamese, whatever the interface language.
GENDER_VALUES = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}
KIND_VALUES = {
    OrgKind.CONFEDERATION: "Tổng Liên đoàn",
    OrgKind.FEDERATION: "Liên đoàn Lao động tỉnh",
    OrgKind.SECTOR_UNION: "Công đoàn ngành",
    OrgKind.GRASSROOTS_UNION: "Công đoàn cơ sở",
    OrgKind.UNION_GROUP: "Tổ công đoàn",
}
EMPLOYER_VALUES = {
    EmployerType.ADMINISTRATIVE: "Cơ quan hành chính",
    EmployerType.PUBLIC_SERVICE: "Đơn vị sự nghiệp công lập",
    EmployerType.STATE_ENTERPRISE: "Doanh nghiệp nhà nước",
    EmployerType.PRIVATE_ENTERPRISE: "Doanh nghiệp ngoài nhà nước",
    EmployerType.FDI_ENTERPRISE: "Doanh nghiệp có vốn đầu tư nước ngoài",
}
DATE_HINT = gettext_lazy("A date: dd/mm/yyyy, e.g. 05/09/1985.")
YES_NO_HINT = gettext_lazy("Có or Không (blank means Không).")

MEMBER_COLUMNS = (
    Column(
        "org_code",
        "Mã đơn vị",
        required=True,
        width=14,
        hint=gettext_lazy("Code of the union or union group (see the sheet Hướng dẫn)."),
    ),
    Column(
        "code",
        "Mã đoàn viên",
        width=14,
        hint=gettext_lazy(
            "The member's code in the unit. A row whose code exists in that unit updates the "
            "member; leave blank for a new member without a code."
        ),
    ),
    Column("full_name", "Họ và tên", required=True, width=28),
    Column(
        "gender",
        "Giới tính",
        required=True,
        width=10,
        choices=tuple(GENDER_VALUES.values()),
        hint=gettext_lazy("Nam or Nữ."),
    ),
    Column("birth_date", "Ngày sinh", kind=DATE, width=13, hint=DATE_HINT),
    Column("job_title", "Chức danh", width=22),
    Column(
        "is_manager",
        "Giữ chức vụ quản lý",
        kind=BOOL,
        width=12,
        choices=(YES, NO),
        hint=YES_NO_HINT,
    ),
    Column(
        "is_direct_worker",
        "Lao động trực tiếp",
        kind=BOOL,
        width=12,
        choices=(YES, NO),
        hint=gettext_lazy("Có for a direct worker (holds no management post); blank means Không."),
    ),
    Column("union_joined_on", "Ngày vào công đoàn", kind=DATE, width=13, hint=DATE_HINT),
    Column("employed_since", "Ngày bắt đầu làm việc", kind=DATE, width=13, hint=DATE_HINT),
    Column("email", "Email", width=26),
    Column("phone", "Điện thoại", width=14),
)

UNIT_COLUMNS = (
    Column(
        "code",
        "Mã đơn vị",
        required=True,
        width=14,
        hint=gettext_lazy("A new code, used by no other unit."),
    ),
    Column("name", "Tên đơn vị", required=True, width=40),
    Column(
        "kind",
        "Loại",
        required=True,
        width=22,
        choices=tuple(KIND_VALUES.values()),
    ),
    Column(
        "parent_code",
        "Mã đơn vị cấp trên",
        required=True,
        width=16,
        hint=gettext_lazy(
            "Code of an existing unit (see the sheet Hướng dẫn) or of a unit on an earlier row."
        ),
    ),
    Column(
        "employer_type",
        "Loại hình đơn vị sử dụng lao động",
        width=30,
        choices=tuple(EMPLOYER_VALUES.values()),
        hint=gettext_lazy("Required for a grassroots union."),
    ),
    Column(
        "symbol",
        "Ký hiệu văn bản",
        width=14,
        hint=gettext_lazy("The symbol in document numbers, e.g. CĐN in 36/KH-CĐN."),
    ),
    Column("place", "Địa danh", width=16, hint=gettext_lazy("Used in document date lines.")),
    Column("address", "Địa chỉ", width=36),
    Column("email", "Email", width=26),
    Column("phone", "Điện thoại", width=14),
)

HEADERS = {column.key: column.header for column in MEMBER_COLUMNS}
UNIT_HEADERS = {column.key: column.header for column in UNIT_COLUMNS}
_MAX_LENGTHS = {"code": 30, "full_name": 150, "job_title": 150, "email": 254, "phone": 30}
_UNIT_MAX_LENGTHS = {
    "code": 30,
    "name": 255,
    "symbol": 30,
    "place": 100,
    "address": 255,
    "email": 254,
    "phone": 30,
}


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int

    def as_dict(self):
        return {"created": self.created, "updated": self.updated}


def _choice_key(text):
    return search_key(text.replace("_", " "))


@functools.cache
def _choice_lookup(values, choices):
    """File value, English label or API code (compared by ``_choice_key``) → the code."""
    lookup = {}
    with translation.override("en"):
        for code, label in choices.choices:
            lookup[_choice_key(code)] = code
            lookup[_choice_key(str(label))] = code
    for code, value in values:
        lookup[_choice_key(value)] = code
    return lookup


def _choice(values, choices, text):
    return _choice_lookup(tuple(values.items()), choices).get(_choice_key(text))


class _Progress:
    """Reports to the job every ``PROGRESS_EVERY`` items (nothing without a job)."""

    def __init__(self, job_id, total):
        self.job_id, self.total, self.last = job_id, total, 0

    def __call__(self, done, force=False):
        if self.job_id and (force or done - self.last >= PROGRESS_EVERY):
            self.last = done
            jobs.set_progress(self.job_id, done, self.total)


class _Rows:
    """Collects the errors of a file."""

    def __init__(self, headers):
        self.headers = headers
        self.errors = []

    def add(self, row, key, message):
        self.errors.append({"row": row, "field": self.headers.get(key, key), "message": message})

    def raise_if_any(self):
        if self.errors:
            self.errors.sort(key=lambda e: e["row"])
            raise InvalidInput(
                _("Nothing was imported: %(count)d problems in the file.")
                % {"count": len(self.errors)},
                errors=self.errors,
            )


def _read_rows(table):
    """The non-blank rows of ``table``; a file without any or with too many is refused."""
    rows = []
    for item in table.rows():
        rows.append(item)
        if len(rows) > MAX_ROWS:
            raise file_error(
                _("The file has more than %(max)s rows; split it into several files.")
                % {"max": format_number(MAX_ROWS)}
            )
    if not rows:
        raise file_error(_("The file has no data rows."))
    return rows


def _file_name(fileobj):
    return os.path.basename(getattr(fileobj, "name", "") or "") or "file.xlsx"


def _text(rows, number, values, key, limits, required=False):
    text = cell_text(values.get(key))
    if required and not text:
        rows.add(number, key, _("This value is required."))
    elif len(text) > limits.get(key, 255):
        rows.add(
            number,
            key,
            _("At most %(limit)d characters (this has %(length)d).")
            % {"limit": limits.get(key, 255), "length": len(text)},
        )
    return text


def _date(rows, number, values, key):
    try:
        value = parse_date(values.get(key))
    except (ValueError, TypeError, OverflowError):
        rows.add(
            number,
            key,
            _("“%(value)s” is not a date; write dd/mm/yyyy.")
            % {"value": cell_text(values.get(key))},
        )
        return None
    if value is not None and value.year < 1900:
        rows.add(number, key, _("The date is before 1900."))
        return None
    return value


def _bool(rows, number, values, key):
    try:
        return parse_bool(values.get(key))
    except ValueError:
        rows.add(
            number,
            key,
            _("“%(value)s” is not Có or Không.") % {"value": cell_text(values.get(key))},
        )
        return False


def _email(rows, number, values, key, limits):
    email = _text(rows, number, values, key, limits)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            rows.add(number, key, _("“%(value)s” is not a valid email address.") % {"value": email})
    return email


def _phone(rows, number, values, key, limits):
    value = values.get(key)
    text = _text(rows, number, values, key, limits)
    # Excel drops the leading zero of a phone number typed as a number.
    if isinstance(value, int | float) and len(text) == 9:
        text = "0" + text
    return text


def _common_ancestor(orgs):
    """The deepest unit above or equal to all of ``orgs`` (the anchor of the audit entry)."""
    paths = [org.path for org in orgs]
    prefix = ""
    for end in range(OrgUnit.steplen, min(map(len, paths)) + 1, OrgUnit.steplen):
        if any(not path.startswith(paths[0][:end]) for path in paths):
            break
        prefix = paths[0][:end]
    if not prefix:
        return orgs[0]
    return OrgUnit.objects.get(path=prefix)


def _code_index(units, codes):
    """The units of the queryset ``units`` that ``codes`` name, by exact and case-folded code.

    Codes are matched over the ``(pk, code)`` pairs of every unit of ``units`` (the whole tree,
    300,000 units, for a Confederation user), and only the units named are loaded whole.
    """
    exact, folded = {}, {}
    for pk, code in units.values_list("pk", "code").iterator(chunk_size=10_000):
        exact[code] = pk
        folded[code.casefold()] = pk
    named = {exact.get(code) or folded.get(code.casefold()) for code in codes if code}
    loaded = OrgUnit.objects.in_bulk(named - {None})
    return (
        {code: loaded[pk] for code, pk in exact.items() if pk in loaded},
        {code: loaded[pk] for code, pk in folded.items() if pk in loaded},
    )


def _find(index, code):
    exact, folded = index
    return exact.get(code) or folded.get(code.casefold())


# Members ---------------------------------------------------------------------------------------


@dataclass
class _MemberRow:
    number: int
    org: OrgUnit
    fields: dict
    match_id: int | None = None


MEMBER_WRITE_FIELDS = (
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
)


def import_members(fileobj, *, by, job_id=None):
    """Create and update members from an .xlsx in the template of ``member_template``.

    A row whose ``Mã đoàn viên`` exists in its unit updates that member (``version`` + 1); a row
    without a code updates the unit's one member of the same name and date of birth, if any;
    every other row creates a member. Columns absent from the file leave the members' values
    alone. Side effects: members written in one transaction, one ``import`` audit entry on the
    deepest unit that holds all target units, job progress and outcome when ``job_id`` is given.
    Raises ``Forbidden`` when the user may import members nowhere, ``InvalidInput`` otherwise.
    """
    if not by.has_perm("organizations.import_members"):
        raise Forbidden(_("You are not allowed to import members."))
    try:
        result = _MemberImport(by, job_id).run(fileobj)
    except InvalidInput as exc:
        if job_id:
            jobs.finish(job_id, errors=exc.errors, failed=True)
        raise
    if job_id:
        jobs.finish(job_id, result=result.as_dict())
    return result


class _MemberImport:
    def __init__(self, user, job_id):
        self.user = user
        self.job_id = job_id
        self.rows = _Rows(HEADERS)
        self.allowed = {}

    def run(self, fileobj):
        with TableReader(fileobj, MEMBER_COLUMNS) as table:
            present = table.present
            raw = _read_rows(table)
        codes = {cell_text(values.get("org_code")) for _number, values in raw}
        self.units = _code_index(OrgUnit.objects.visible_to(self.user), codes)
        progress = _Progress(self.job_id, 2 * len(raw))
        progress(0, force=True)
        parsed = []
        for done, (number, values) in enumerate(raw, start=1):
            row = self._parse(number, values, present)
            if row is not None:
                parsed.append(row)
            progress(done)
        del raw
        self._match(parsed)
        self.rows.raise_if_any()
        progress(len(parsed), force=True)
        return self._write(parsed, present, progress, fileobj)

    def _unit(self, number, code):
        if not code:
            self.rows.add(number, "org_code", _("The unit code is required."))
            return None
        org = _find(self.units, code)
        if org is None:
            self.rows.add(number, "org_code", _("Unknown unit code “%(code)s”.") % {"code": code})
            return None
        if org.pk not in self.allowed:
            self.allowed[org.pk] = self.user.has_perm("organizations.import_members", org)
        if not self.allowed[org.pk]:
            self.rows.add(
                number,
                "org_code",
                _("You are not allowed to import members into %(unit)s.") % {"unit": org.code},
            )
            return None
        if not org.active:
            self.rows.add(number, "org_code", _("The unit %(unit)s is inactive.") % {"unit": code})
            return None
        if org.kind not in MEMBER_HOLDING_KINDS:
            self.rows.add(
                number,
                "org_code",
                _("Members belong to a grassroots union or a union group, not to %(unit)s.")
                % {"unit": code},
            )
            return None
        return org

    def _parse(self, number, values, present):
        rows = self.rows
        org = self._unit(number, cell_text(values.get("org_code")))
        fields = {
            "code": _text(rows, number, values, "code", _MAX_LENGTHS),
            "full_name": _text(rows, number, values, "full_name", _MAX_LENGTHS, required=True),
        }
        gender = cell_text(values.get("gender"))
        fields["gender"] = _choice(GENDER_VALUES, Gender, gender)
        if not gender:
            rows.add(number, "gender", _("This value is required."))
        elif fields["gender"] is None:
            rows.add(number, "gender", _("“%(value)s” is not Nam or Nữ.") % {"value": gender})
        for key in ("birth_date", "union_joined_on", "employed_since"):
            if key in present:
                fields[key] = _date(rows, number, values, key)
        for key in ("is_manager", "is_direct_worker"):
            if key in present:
                fields[key] = _bool(rows, number, values, key)
        if "job_title" in present:
            fields["job_title"] = _text(rows, number, values, "job_title", _MAX_LENGTHS)
        if "email" in present:
            fields["email"] = _email(rows, number, values, "email", _MAX_LENGTHS)
        if "phone" in present:
            fields["phone"] = _phone(rows, number, values, "phone", _MAX_LENGTHS)
        if org is None:
            return None
        return _MemberRow(number, org, fields)

    def _match(self, parsed):
        """Duplicates within the file, the existing member of each row, cross-field rules."""
        org_ids = {row.org.pk for row in parsed}
        existing = {}
        by_code, by_name = {}, {}
        values = Member.objects.filter(org_id__in=org_ids).values_list(
            "id",
            "org_id",
            "code",
            "search_key",
            "birth_date",
            "is_manager",
            "is_direct_worker",
            "union_joined_on",
        )
        for pk, org_id, code, key, birth, manager, direct, joined in values.iterator(BATCH_SIZE):
            existing[pk] = {
                "birth_date": birth,
                "is_manager": manager,
                "is_direct_worker": direct,
                "union_joined_on": joined,
            }
            if code:
                by_code[(org_id, code)] = pk
            by_name.setdefault((org_id, key, birth), []).append(pk)

        seen_codes, seen_names, matched = {}, {}, {}
        today = timezone.localdate()
        for row in parsed:
            fields, org_id, number = row.fields, row.org.pk, row.number
            code = fields["code"]
            name_key = (org_id, search_key(fields["full_name"]), fields.get("birth_date"))
            if code:
                if (org_id, code) in seen_codes:
                    self.rows.add(
                        number,
                        "code",
                        _("The member code %(code)s appears twice in this unit (row %(row)d).")
                        % {"code": code, "row": seen_codes[(org_id, code)]},
                    )
                    continue
                seen_codes[(org_id, code)] = number
                row.match_id = by_code.get((org_id, code))
            first = seen_names.get(name_key)
            if first is not None and (not code or not first[1]):
                self.rows.add(
                    number,
                    "full_name",
                    _("Same unit, name and date of birth as row %(row)d.") % {"row": first[0]},
                )
                continue
            seen_names.setdefault(name_key, (number, code))
            if not code and fields["full_name"]:
                candidates = by_name.get(name_key, [])
                if len(candidates) > 1:
                    self.rows.add(
                        number,
                        "code",
                        _(
                            "Several members of this unit have this name and date of birth; "
                            "give the member code."
                        ),
                    )
                    continue
                row.match_id = candidates[0] if candidates else None
            if row.match_id is not None:
                if row.match_id in matched:
                    self.rows.add(
                        number,
                        "full_name",
                        _("This row updates the same member as row %(row)d.")
                        % {"row": matched[row.match_id]},
                    )
                    continue
                matched[row.match_id] = number
            merged = {**existing.get(row.match_id, {}), **fields}
            self._check_rules(number, merged, today)

    def _check_rules(self, number, fields, today):
        birth = fields.get("birth_date")
        if birth and birth > today:
            self.rows.add(number, "birth_date", _("The date of birth is in the future."))
        joined = fields.get("union_joined_on")
        if joined and birth and joined < birth:
            self.rows.add(
                number, "union_joined_on", _("The member joined the union before being born.")
            )
        if fields.get("is_manager") and fields.get("is_direct_worker"):
            self.rows.add(
                number,
                "is_direct_worker",
                _("A member who holds a management post is not a direct worker."),
            )

    def _write(self, parsed, present, progress, fileobj):
        creates = [row for row in parsed if row.match_id is None]
        updates = [row for row in parsed if row.match_id is not None]
        update = _MemberUpdate([key for key in MEMBER_WRITE_FIELDS if key in present])
        insert = _MemberInsert()
        done = len(parsed)
        try:
            with transaction.atomic():
                for start in range(0, len(creates), BATCH_SIZE):
                    batch = creates[start : start + BATCH_SIZE]
                    insert(batch)
                    done += len(batch)
                    progress(done)
                for start in range(0, len(updates), BATCH_SIZE):
                    batch = updates[start : start + BATCH_SIZE]
                    update(batch)
                    done += len(batch)
                    progress(done)
                result = ImportResult(created=len(creates), updated=len(updates))
                # One refresh for the whole file, of every unit it touched (rows never move a
                # member to another unit, but they add members and may change ``active``).
                refresh_member_counts_on_commit({row.org.pk for row in parsed})
                anchor = _common_ancestor(list({row.org.pk: row.org for row in parsed}.values()))
                audit.record(
                    self.user,
                    AuditEntry.Action.IMPORT,
                    anchor,
                    after={
                        "file": _file_name(fileobj),
                        "rows": len(parsed),
                        **result.as_dict(),
                        "units": sorted({row.org.code for row in parsed}),
                    },
                    comment=_("Members imported: %(created)d created, %(updated)d updated.")
                    % result.as_dict(),
                )
        except IntegrityError as exc:
            raise file_error(
                _("The members changed while the file was being imported; import it again.")
            ) from exc
        return result


class _MemberInsert:
    """Creates the members of new rows: ``COPY`` on PostgreSQL, one ``executemany`` of a
    parametrised INSERT elsewhere (``bulk_create`` spent more time building model instances and
    SQL than the database spent inserting).

    Every column of the member table but the id: the row's values (a blank cell, ``None``, keeps
    the field's default, as ``Member(**fields)`` would), the unit and its path, the NFC name and
    its keys, one timestamp for ``created_at`` and ``updated_at``, the defaults for the rest.
    Triggers and constraints apply as to any insert (a duplicate code raises ``IntegrityError``).
    """

    def __init__(self):
        self.connection = connections[Member.objects.db]
        self.fields = [f for f in Member._meta.concrete_fields if not f.primary_key]
        now = timezone.now()
        self.defaults = {
            field.attname: now
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            else field.get_default()
            for field in self.fields
        }
        quote = self.connection.ops.quote_name
        self.table = quote(Member._meta.db_table)
        self.columns = ", ".join(quote(field.column) for field in self.fields)

    def _values(self, row):
        values = dict(self.defaults)
        values.update((key, value) for key, value in row.fields.items() if value is not None)
        name = normalize(values["full_name"])
        values.update(
            org_id=row.org.pk,
            org_path=row.org.path,
            full_name=name,
            search_key=search_key(name),
            sort_key=name_sort_key(name),
        )
        return [values[field.attname] for field in self.fields]

    def __call__(self, rows):
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                statement = f"COPY {self.table} ({self.columns}) FROM STDIN"
                with self.connection.wrap_database_errors, cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row(self._values(row))
                return
            placeholders = ", ".join(["%s"] * len(self.fields))
            params = [
                [
                    field.get_db_prep_save(value, self.connection)
                    for field, value in zip(self.fields, self._values(row), strict=True)
                ]
                for row in rows
            ]
            cursor.executemany(
                f"INSERT INTO {self.table} ({self.columns}) VALUES ({placeholders})", params
            )


class _MemberUpdate:
    """Writes the file's columns over matched members: one parametrised UPDATE per row, sent with
    ``executemany`` (``bulk_update`` builds CASE expressions that take minutes at 50,000 rows).

    Sets the name keys, ``updated_at`` and ``version + 1``; a blank code keeps the member's code.
    """

    def __init__(self, columns):
        self.connection = connections[Member.objects.db]
        self.fields = [Member._meta.get_field(key) for key in columns]
        self.fields += [Member._meta.get_field(key) for key in ("search_key", "sort_key")]
        self.updated_at = Member._meta.get_field("updated_at")
        quote = self.connection.ops.quote_name
        assignments = [
            f"{quote(field.column)} = COALESCE(NULLIF(%s, ''), {quote(field.column)})"
            if field.name == "code"
            else f"{quote(field.column)} = %s"
            for field in self.fields
        ]
        version = quote("version")
        assignments += [f"{quote(self.updated_at.column)} = %s", f"{version} = {version} + 1"]
        self.sql = "UPDATE {} SET {} WHERE {} = %s".format(
            quote(Member._meta.db_table), ", ".join(assignments), quote("id")
        )

    def __call__(self, rows):
        now = self.updated_at.get_db_prep_save(timezone.now(), self.connection)
        params = []
        for row in rows:
            name = normalize(row.fields["full_name"])
            values = {**row.fields, "full_name": name}
            values.update(search_key=search_key(name), sort_key=name_sort_key(name))
            params.append(
                [f.get_db_prep_save(values.get(f.name), self.connection) for f in self.fields]
                + [now, row.match_id]
            )
        with self.connection.cursor() as cursor:
            cursor.executemany(self.sql, params)


# Units -----------------------------------------------------------------------------------------


@dataclass
class _UnitRow:
    number: int
    fields: dict
    parent: OrgUnit | None = None  # an existing unit
    parent_row: "_UnitRow | None" = None  # a unit created earlier in the file
    anchor: OrgUnit | None = None  # the existing unit above it


def may_import_units(user):
    """Whether ``user`` may add units somewhere (and so use the unit import).

    The permission depends on the roles held at or above a unit and on the unit's kind, so one
    active unit of each kind below each of the user's role assignments stands for all the others:
    a few one-row queries, however many units the user sees (the whole Confederation has 300,000).
    """
    if user.has_perm("organizations.add_orgunit"):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    for assignment in user.role_assignments:
        below = OrgUnit.objects.filter(path__startswith=assignment.org.path, active=True)
        for kind in OrgKind.values:
            unit = below.filter(kind=kind).first()
            if unit is not None and user.has_perm("organizations.add_orgunit", unit):
                return True
    return False


def import_units(fileobj, *, by, job_id=None):
    """Create units from an .xlsx in the template of ``unit_template``.

    Each row's parent is an existing unit the user may add units under, or a unit on an earlier
    row, so a whole subtree can be imported at once. Codes must be new. Side effects: units created
    in one transaction, one ``import`` audit entry on the deepest unit above all of them, job
    progress and outcome when ``job_id`` is given. Raises ``Forbidden`` when the user may create
    units nowhere, ``InvalidInput`` otherwise.
    """
    if not may_import_units(by):
        raise Forbidden(_("You are not allowed to create units."))
    try:
        result = _UnitImport(by, job_id).run(fileobj)
    except InvalidInput as exc:
        if job_id:
            jobs.finish(job_id, errors=exc.errors, failed=True)
        raise
    if job_id:
        jobs.finish(job_id, result=result.as_dict())
    return result


REQUIRED = frozenset({"code", "name"})


class _UnitImport:
    def __init__(self, user, job_id):
        self.user = user
        self.job_id = job_id
        self.rows = _Rows(UNIT_HEADERS)
        self.allowed = {}

    def run(self, fileobj):
        with TableReader(fileobj, UNIT_COLUMNS) as table:
            raw = _read_rows(table)
        parents = {cell_text(values.get("parent_code")) for _number, values in raw}
        self.units = _code_index(OrgUnit.objects.visible_to(self.user), parents)
        progress = _Progress(self.job_id, 2 * len(raw))
        progress(0, force=True)
        codes = {cell_text(values.get("code")) for _number, values in raw}
        in_use = OrgUnit.objects.filter(code__in=codes).values_list("code", flat=True)
        taken = {code.casefold() for code in in_use}
        new = {}
        parsed = []
        for done, (number, values) in enumerate(raw, start=1):
            row = self._parse(number, values, taken, new)
            if row is not None:
                parsed.append(row)
            progress(done)
        self.rows.raise_if_any()
        return self._write(parsed, progress, len(raw), fileobj)

    def _parse(self, number, values, taken, new):
        rows = self.rows
        fields = {
            key: _text(rows, number, values, key, _UNIT_MAX_LENGTHS, required=key in REQUIRED)
            for key in ("code", "name", "symbol", "place", "address")
        }
        fields["email"] = _email(rows, number, values, "email", _UNIT_MAX_LENGTHS)
        fields["phone"] = _phone(rows, number, values, "phone", _UNIT_MAX_LENGTHS)
        code = fields["code"]
        if code and (code.casefold() in taken or code.casefold() in new):
            first = new.get(code.casefold())
            message = (
                _("The code %(code)s is already on row %(row)d.")
                % {"code": code, "row": first.number}
                if first
                else _("The code %(code)s is already in use.") % {"code": code}
            )
            rows.add(number, "code", message)
            code = ""
        kind_text = cell_text(values.get("kind"))
        kind = _choice(KIND_VALUES, OrgKind, kind_text)
        if not kind_text:
            rows.add(number, "kind", _("This value is required."))
        elif kind is None:
            rows.add(
                number,
                "kind",
                _("“%(value)s” is not a unit kind; choose one of: %(choices)s.")
                % {"value": kind_text, "choices": ", ".join(KIND_VALUES.values())},
            )
        fields["kind"] = kind
        employer_text = cell_text(values.get("employer_type"))
        fields["employer_type"] = ""
        if kind == OrgKind.GRASSROOTS_UNION:
            employer = _choice(EMPLOYER_VALUES, EmployerType, employer_text)
            if not employer_text:
                rows.add(number, "employer_type", _("A grassroots union needs an employer type."))
            elif employer is None:
                rows.add(
                    number,
                    "employer_type",
                    _("“%(value)s” is not an employer type; choose one of: %(choices)s.")
                    % {"value": employer_text, "choices": ", ".join(EMPLOYER_VALUES.values())},
                )
            else:
                fields["employer_type"] = employer
        row = _UnitRow(number, fields)
        self._parent(row, cell_text(values.get("parent_code")), new)
        if code and kind:
            new[code.casefold()] = row
        return row

    def _parent(self, row, parent_code, new):
        rows, number, kind = self.rows, row.number, row.fields["kind"]
        if not parent_code:
            rows.add(number, "parent_code", _("The parent unit code is required."))
            return
        parent_row = new.get(parent_code.casefold())
        parent = None if parent_row else _find(self.units, parent_code)
        if parent_row is None and parent is None:
            rows.add(
                number,
                "parent_code",
                _("Unknown parent unit code “%(code)s”.") % {"code": parent_code},
            )
            return
        if parent is not None:
            if parent.pk not in self.allowed:
                self.allowed[parent.pk] = self.user.has_perm("organizations.add_orgunit", parent)
            if not self.allowed[parent.pk]:
                rows.add(
                    number,
                    "parent_code",
                    _("You are not allowed to add units under %(unit)s.") % {"unit": parent.code},
                )
                return
            if not parent.active:
                rows.add(
                    number,
                    "parent_code",
                    _("The unit %(unit)s is inactive.") % {"unit": parent.code},
                )
                return
        parent_kind = parent.kind if parent is not None else parent_row.fields["kind"]
        if kind and parent_kind not in ALLOWED_PARENT_KINDS[kind]:
            rows.add(
                number,
                "kind",
                _("A %(kind)s cannot be placed under a %(parent)s.")
                % {"kind": KIND_VALUES[kind], "parent": KIND_VALUES[parent_kind]},
            )
        row.parent, row.parent_row = parent, parent_row
        row.anchor = parent if parent is not None else parent_row.anchor

    def _write(self, parsed, progress, total_rows, fileobj):
        created = {}
        try:
            with transaction.atomic():
                for done, row in enumerate(parsed, start=1):
                    parent = row.parent or created[id(row.parent_row)]
                    unit = OrgUnit(parent=parent, **row.fields)
                    created[id(row)] = OrgUnit.objects.add_child(parent, instance=unit)
                    progress(total_rows + done)
                result = ImportResult(created=len(parsed), updated=0)
                anchors = {row.anchor.pk: row.anchor for row in parsed}
                anchor = _common_ancestor(list(anchors.values()))
                audit.record(
                    self.user,
                    AuditEntry.Action.IMPORT,
                    anchor,
                    after={
                        "file": _file_name(fileobj),
                        "rows": len(parsed),
                        **result.as_dict(),
                        "units": [row.fields["code"] for row in parsed],
                    },
                    comment=_("Units imported: %(created)d created.") % result.as_dict(),
                )
        except IntegrityError as exc:
            raise file_error(
                _("The units changed while the file was being imported; import it again.")
            ) from exc
        return result
