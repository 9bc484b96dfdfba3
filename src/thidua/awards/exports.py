"""Excel exports of the initiatives and of a unit's yearly assessments (``core.list_exports``)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import DisciplineRecord, Initiative, MemberYearAssessment
from thidua.core.list_exports import ListExport
from thidua.core.xlsx import DATE, NUMBER, Column
from thidua.organizations.filters import MemberFilter
from thidua.organizations.models import Member, OrgUnit

INITIATIVE_COLUMNS = (
    Column("title", "Tên sáng kiến", width=48),
    Column("org", "Đơn vị", width=36),
    Column("authors", "Tác giả", width=36),
    Column("applied_from", "Áp dụng từ ngày", kind=DATE, width=14),
    Column("benefit_value", "Giá trị làm lợi (đồng)", kind=NUMBER, width=18),
    Column("recognized_on", "Ngày công nhận", kind=DATE, width=14),
)
ASSESSMENT_COLUMNS = (
    Column("code", "Mã đoàn viên", width=14),
    Column("full_name", "Họ và tên", width=30),
    Column("org", "Đơn vị", width=36),
    Column("task_rating", "Xếp loại hoàn thành nhiệm vụ", width=24),
    Column("absence_days", "Số ngày nghỉ", kind=NUMBER, width=12),
    Column("maternity_leave_days", "Trong đó nghỉ thai sản", kind=NUMBER, width=14),
    Column("discipline", "Kỷ luật trong năm", width=30),
)
ASSESSMENT_PERM = "awards.record_assessment"


def _initiatives(user, params):
    return (
        Initiative.objects.visible_to(user)
        .select_related("org")
        .search(params.get("q"))
        .prefetch_related("authors")
    )


def _initiative_row(initiative):
    return [
        initiative.title,
        initiative.org.name,
        ", ".join(author.full_name for author in initiative.authors.all()),
        initiative.applied_from,
        initiative.benefit_value,
        initiative.recognized_on,
    ]


def _search_line(user, params):
    text = str(params.get("q", "")).strip()
    return [_("Search: %(text)s") % {"text": text}] if text else []


INITIATIVES = ListExport(
    name="thidua.awards.exports.INITIATIVES",
    title=gettext_lazy("Initiatives"),
    sheet_title="Sáng kiến",
    file_prefix="sang-kien",
    columns=INITIATIVE_COLUMNS,
    rows=_initiatives,
    row=_initiative_row,
    describe=_search_line,
)


def assessment_year(params):
    """The year of the assessment page: from 1945 to next year, else this year."""
    this_year = timezone.localdate().year
    value = str(params.get("year", "")).strip()
    year = int(value) if value.isascii() and value.isdigit() and len(value) <= 4 else this_year
    return year if 1945 <= year <= this_year + 1 else this_year


def _assessment_unit(user, params):
    """The unit of ``params["org"]`` when the user may record its assessments, else None."""
    value = str(params.get("org", ""))
    if not (value.isascii() and value.isdigit() and len(value) < 19):
        return None
    org = OrgUnit.objects.visible_to(user).filter(pk=value).first()
    return org if org is not None and user.has_perm(ASSESSMENT_PERM, org) else None


def _assessed_members(user, params):
    org = _assessment_unit(user, params)
    if org is None:
        return Member.objects.none()
    scope = Member.objects.visible_to(user).filter(active=True, org_path__startswith=org.path)
    return MemberFilter({"q": params.get("q", "")}, queryset=scope).qs.select_related("org")


def _with_assessments(members, params):
    """Attach each member's assessment and discipline of the year (two queries per chunk)."""
    year = assessment_year(params)
    assessments = {
        a.member_id: a for a in MemberYearAssessment.objects.filter(year=year, member__in=members)
    }
    discipline = {}
    records = DisciplineRecord.objects.filter(member__in=members, decided_on__year=year)
    for record in records.order_by("decided_on"):
        discipline.setdefault(record.member_id, []).append(record)
    for member in members:
        member.assessment = assessments.get(member.pk)
        member.discipline = discipline.get(member.pk, [])


def _assessment_row(member):
    assessment = member.assessment
    return [
        member.code,
        member.full_name,
        member.org.name,
        assessment.get_task_rating_display() if assessment else "",
        assessment.absence_days if assessment else None,
        assessment.maternity_leave_days if assessment else None,
        "; ".join(
            f"{record.get_level_display()} ({record.decided_on:%d/%m/%Y})"
            for record in member.discipline
        ),
    ]


def _assessment_lines(user, params):
    return [_("Year: %(year)d") % {"year": assessment_year(params)}, *_search_line(user, params)]


ASSESSMENTS = ListExport(
    name="thidua.awards.exports.ASSESSMENTS",
    title=gettext_lazy("Yearly assessments"),
    sheet_title="Đánh giá năm",
    file_prefix="danh-gia-doan-vien",
    columns=ASSESSMENT_COLUMNS,
    rows=_assessed_members,
    row=_assessment_row,
    describe=_assessment_lines,
    unit=lambda user, params: _assessment_unit(user, params) or user.home_org,
    prepare=_with_assessments,
)
