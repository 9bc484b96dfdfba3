"""Pledges from a spreadsheet: the template lists the unit's members; the import is all or nothing.

A row names a member by code (preferred) or by full name (diacritics and case ignored; a name shared
by two members needs the code). A row with neither, or with the name "Tập thể", is the unit's
collective pledge. Rows without commitments are skipped, so the template can be filled in part.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.exceptions import InvalidInput
from thidua.core.import_jobs import Progress
from thidua.core.text import search_key
from thidua.core.xlsx import Column, TableReader, XlsxTable, cell_text
from thidua.movements import services

PLEDGE_COLUMNS = (
    Column(
        "member_code",
        "Mã đoàn viên",
        width=16,
        hint=gettext_lazy("The member code; leave empty for the unit's collective pledge."),
    ),
    Column("full_name", "Họ và tên", width=30),
    Column(
        "commitments",
        "Nội dung đăng ký thi đua",
        required=True,
        width=80,
        hint=gettext_lazy("What the member (or the unit) commits to in this movement."),
    ),
)
COLLECTIVE_NAME = "Tập thể"
MAX_ROWS = 5000


def pledge_template(movement, org, fileobj):
    """The unit's members with their current commitments, and a first row for the collective."""
    table = XlsxTable(
        PLEDGE_COLUMNS,
        sheet_title="Đăng ký thi đua",
        title_lines=[
            _("Pledges — %(movement)s") % {"movement": movement.title},
            org.name,
        ],
    )
    current = {
        p.member_id: p.commitments
        for p in movement.pledges.filter(org=org).only("member_id", "commitments")
    }
    table.append(["", COLLECTIVE_NAME, current.get(None, "")])
    for member in services.members_for_pledges(org).only("code", "full_name"):
        table.append([member.code, member.full_name, current.get(member.pk, "")])
    table.save(fileobj)


def _member_index(org):
    by_code, by_name = {}, {}
    for member in services.members_for_pledges(org).only(
        "pk", "code", "full_name", "search_key", "org_path", "active"
    ):
        if member.code:
            by_code[member.code.strip().casefold()] = member
        by_name.setdefault(member.search_key, []).append(member)
    return by_code, by_name


def read_pledges(fileobj, org, progress=None):
    """``[(row_number, {"member", "commitments"})]`` from the file; ``InvalidInput`` with every
    row's problem otherwise. ``progress`` (a ``core.import_jobs.Progress``) counts the rows read
    out of twice the file's rows (reading, then writing)."""
    progress = progress or Progress()
    by_code, by_name = _member_index(org)
    collective_key = search_key(COLLECTIVE_NAME)
    entries, errors = [], []
    with TableReader(fileobj, PLEDGE_COLUMNS) as table:
        progress.start(2 * min(table.count_rows(), MAX_ROWS))
        for read, (number, values) in enumerate(table.rows(), start=1):
            progress(read)
            if len(entries) + len(errors) >= MAX_ROWS:
                errors.append(
                    {
                        "row": number,
                        "field": "file",
                        "message": _("At most %(n)d rows.") % {"n": MAX_ROWS},
                    }
                )
                break
            code = cell_text(values.get("member_code"))
            name = cell_text(values.get("full_name"))
            text = cell_text(values.get("commitments"))
            if not text:
                continue
            if code:
                member = by_code.get(code.casefold())
                if member is None:
                    errors.append(
                        {
                            "row": number,
                            "field": "Mã đoàn viên",
                            "message": _("No member of the unit has the code “%(code)s”.")
                            % {"code": code},
                        }
                    )
                    continue
            elif not name or search_key(name) == collective_key:
                member = None
            else:
                matches = by_name.get(search_key(name), [])
                if len(matches) != 1:
                    errors.append(
                        {
                            "row": number,
                            "field": "Họ và tên",
                            "message": (
                                _("No member of the unit is named “%(name)s”.")
                                if not matches
                                else _(
                                    "Several members are named “%(name)s”; give the member code."
                                )
                            )
                            % {"name": name},
                        }
                    )
                    continue
                member = matches[0]
            entries.append((number, {"member": member, "commitments": text}))
    if errors:
        raise InvalidInput(
            _("Nothing was imported: %(count)d problems in the file.") % {"count": len(errors)},
            errors=errors,
        )
    if not entries:
        raise InvalidInput(
            _("The file has no commitments to import."),
            errors=[
                {"row": 0, "field": "file", "message": _("The file has no commitments to import.")}
            ],
        )
    return entries


def import_pledges(movement, *, org, by, fileobj, progress=None):
    """Read the file and record its pledges (all or nothing); returns the pledges written.

    ``progress`` (a ``core.import_jobs.Progress``) is told the rows read, then the rows written.
    """
    progress = progress or Progress()
    rows = read_pledges(fileobj, org, progress)
    progress.start(2 * len(rows), done=len(rows))
    try:
        written = services.record_pledges(
            movement,
            org=org,
            by=by,
            entries=[entry for _number, entry in rows],
            progress=lambda done: progress(len(rows) + done),
        )
    except InvalidInput as exc:
        numbers = [number for number, _entry in rows]
        for error in exc.errors:
            if error.get("row"):
                error["row"] = numbers[error["row"] - 1]
                error["field"] = {
                    "member_id": "Họ và tên",
                    "commitments": "Nội dung đăng ký thi đua",
                }.get(error["field"], error["field"])
        raise
    progress(2 * len(rows), force=True)
    return written
