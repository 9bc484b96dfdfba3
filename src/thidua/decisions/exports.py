"""Excel exports of the decision list and of one decision's recipients (``core.list_exports``)."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.list_exports import ListExport
from thidua.core.xlsx import BOOL, DATE, NUMBER, Column
from thidua.decisions.models import Decision, DecisionItem
from thidua.decisions.views.decisions import filtered_decisions, may_see_decisions

DECISION_COLUMNS = (
    Column("number_symbol", "Số, ký hiệu", width=18),
    Column("signed_on", "Ngày ký", kind=DATE, width=14),
    Column("org", "Đơn vị ban hành", width=36),
    Column("subject", "Trích yếu", width=56),
    Column("signer", "Người ký", width=24),
    Column("status", "Trạng thái", width=14),
    Column("recipients", "Số cá nhân, tập thể được khen", kind=NUMBER, width=16),
    Column("amount", "Tổng tiền thưởng (đồng)", kind=NUMBER, width=18),
)
RECIPIENT_COLUMNS = (
    Column("position", "STT", kind=NUMBER, width=6),
    Column("recipient", "Cá nhân / tập thể", width=34),
    Column("unit", "Đơn vị", width=36),
    Column("award", "Danh hiệu, hình thức khen thưởng", width=40),
    Column("amount", "Số tiền (đồng)", kind=NUMBER, width=16),
    Column("revoked", "Đã thu hồi", kind=BOOL, width=10),
    Column("revocation", "Quyết định thu hồi", width=18),
)


def _year_lines(user, params):
    year = str(params.get("year", "")).strip()
    if year.isascii() and year.isdigit() and len(year) <= 4:
        return [_("Year: %(year)d") % {"year": int(year)}]
    return []


def _decisions(user, params):
    return (
        filtered_decisions(user, params)
        .annotate(recipients=Count("items"), amount=Sum("items__amount"))
        .order_by("-signed_on", "-id")
    )


def _decision_row(decision):
    return [
        decision.number_symbol,
        decision.signed_on,
        decision.org.name,
        decision.subject,
        decision.signer_name,
        decision.get_status_display(),
        decision.recipients,
        decision.amount,
    ]


DECISIONS = ListExport(
    name="thidua.decisions.exports.DECISIONS",
    title=gettext_lazy("Commendation decisions"),
    sheet_title="Quyết định",
    file_prefix="quyet-dinh-khen-thuong",
    columns=DECISION_COLUMNS,
    rows=_decisions,
    row=_decision_row,
    describe=_year_lines,
    allowed=may_see_decisions,
)


def _decision(user, params):
    """The decision (``params["decision"]``), when the user can see it."""
    return Decision.objects.visible_to(user).filter(pk=params.get("decision")).first()


def _recipients(user, params):
    decision = _decision(user, params)
    if decision is None:
        return DecisionItem.objects.none()
    return (
        DecisionItem.objects.filter(decision=decision)
        .select_related("award_type", "member__org", "holder_org", "revocation")
        .order_by("position", "id")
    )


def _recipient_row(item):
    revocation = getattr(item, "revocation", None)
    unit = item.member.org if item.member_id else item.holder_org
    return [
        item.position,
        item.recipient_name,
        unit.name,
        item.award_type.name,
        item.amount,
        revocation is not None,
        revocation.revocation_number if revocation else "",
    ]


def _recipient_lines(user, params):
    decision = _decision(user, params)
    if decision is None:
        return []
    return [
        _("Decision %(number)s of %(date)s: %(subject)s")
        % {
            "number": decision.number_symbol,
            "date": decision.signed_on.strftime("%d/%m/%Y"),
            "subject": decision.subject,
        }
    ]


def _issuing_unit(user, params):
    decision = _decision(user, params)
    return decision.org if decision else user.home_org


RECIPIENTS = ListExport(
    name="thidua.decisions.exports.RECIPIENTS",
    title=gettext_lazy("Recipients of a decision"),
    sheet_title="Danh sách khen thưởng",
    file_prefix="danh-sach-khen-thuong",
    columns=RECIPIENT_COLUMNS,
    rows=_recipients,
    row=_recipient_row,
    describe=_recipient_lines,
    unit=_issuing_unit,
    allowed=may_see_decisions,
)
