"""The writes of periodic reporting: ask, answer, review, remind. Views, the API and commands call
these; none re-implements a rule.

Every write checks the actor's permission, validates, writes inside one transaction and appends the
audit entry (and, for state changes, the transition row). Notifications are in-app with an email
copy sent after the commit (``core.notifications.notify``); reminders carry a key so the same
reminder never reaches the same person twice. The aggregated report lives in ``aggregate.py``.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.accounts.roles import Role
from thidua.core import audit
from thidua.core.exceptions import InvalidInput, InvalidTransition
from thidua.core.models import AuditEntry
from thidua.core.notifications import notify
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update
from thidua.core.workflow import transition
from thidua.organizations.models import OfficerDesignation, OrgKind, OrgUnit
from thidua.reporting.figures import clean_figures
from thidua.reporting.models import (
    AWAITED_STATES,
    MOVEMENT_PERIODS,
    REPORT_TRANSITIONS,
    Period,
    Report,
    ReportingRound,
    ReportStatus,
)

ROUND_FIELDS = ("org", "title", "period", "year", "movement", "due_on", "version")
REPORT_FIELDS = ("status", "content", "figures", "document", "returned_reason", "version")
MAX_CONTENT = 50_000
MIN_YEAR, MAX_YEAR = 2000, 2100
DEFAULT_REMINDER_DAYS = (7, 3, 1)
# What the pages and the API say of a reference the user cannot see (never whether it exists).
UNIT_NOT_VISIBLE = gettext_lazy("No such unit, or it is not visible to you.")
MOVEMENT_NOT_VISIBLE = gettext_lazy("No such movement, or it is not visible to you.")
DOCUMENT_NOT_VISIBLE = gettext_lazy("No such document, or it is not visible to you.")


def _invalid(field, message):
    return InvalidInput(message, errors=[{"field": field, "message": message}])


def _day(value):
    return date_format(value, "SHORT_DATE_FORMAT")


def report_url(report):
    return reverse("reporting:report_detail", args=[report.pk])


# --- recipients -----------------------------------------------------------------------------------


def _role_holders(org, role):
    return list(User.objects.filter(is_active=True, roles__role=role, roles__org=org).distinct())


def officer_users(org):
    """Who answers for ``org``'s reports: its designated officer's account, else its
    ``grassroots_officer`` role holders."""
    term = (
        OfficerDesignation.objects.filter(org=org, until__isnull=True)
        .select_related("member__user")
        .first()
    )
    user = term.member.user if term is not None else None
    if user is not None and user.is_active:
        return [user]
    return _role_holders(org, Role.GRASSROOTS_OFFICER)


def chair_users(org):
    """The ``grassroots_chair`` role holders of ``org`` (the escalation of an overdue report)."""
    return _role_holders(org, Role.GRASSROOTS_CHAIR)


def _unit_contacts(org):
    """The officer and the chair of ``org``, without duplicates."""
    return list({u.pk: u for u in [*officer_users(org), *chair_users(org)]}.values())


def _sector_officers(org):
    return list(
        User.objects.filter(
            is_active=True,
            roles__org=org,
            roles__role__in=[Role.SECTOR_OFFICER, Role.SECTOR_ADMIN],
        ).distinct()
    )


# --- rounds ---------------------------------------------------------------------------------------


def reporting_units(org, movement=None):
    """The grassroots unions that must report in a round of ``org``.

    For a movement with plan slots: the active units of those slots; otherwise every active
    grassroots union below ``org``.
    """
    if movement is not None:
        planned = OrgUnit.objects.filter(
            pk__in=movement.plans.values("org_id"), active=True
        ).order_by("path")
        if movement.plans.exists():
            return list(planned)
    return list(OrgUnit.objects.in_subtree(org).grassroots().filter(active=True).order_by("path"))


def _check_round(org, title, period, year, due_on, movement):
    errors = []
    title = (title or "").strip()
    if not title:
        errors.append({"field": "title", "message": _("Give the round a title.")})
    elif len(title) > 300:
        errors.append({"field": "title", "message": _("The title is longer than 300 characters.")})
    if period not in Period.values:
        errors.append({"field": "period", "message": _("Choose a period from the list.")})
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        errors.append(
            {
                "field": "year",
                "message": _("Enter a year between %(min)d and %(max)d.")
                % {"min": MIN_YEAR, "max": MAX_YEAR},
            }
        )
        year = None
    if not isinstance(due_on, datetime.date):
        errors.append({"field": "due_on", "message": _("Enter a valid date.")})
    elif year is not None and due_on.year not in (year, year + 1):
        errors.append(
            {
                "field": "due_on",
                "message": _("The due date must fall in %(year)d or early the next year.")
                % {"year": year},
            }
        )
    if org.kind in (OrgKind.GRASSROOTS_UNION, OrgKind.UNION_GROUP):
        errors.append(
            {"field": "org_id", "message": _("Only a unit above the grassroots unions asks.")}
        )
    elif not org.active:
        errors.append({"field": "org_id", "message": _("The unit is no longer active.")})
    if period in MOVEMENT_PERIODS:
        if movement is None:
            errors.append(
                {"field": "movement_id", "message": _("A movement review names its movement.")}
            )
        elif movement.status == "draft":
            errors.append(
                {"field": "movement_id", "message": _("The movement has not been launched yet.")}
            )
        elif not movement.org.is_within(org):
            errors.append(
                {
                    "field": "movement_id",
                    "message": _("The movement was not launched by this unit or below it."),
                }
            )
    elif movement is not None:
        errors.append(
            {
                "field": "movement_id",
                "message": _("Only a movement's mid-term or final review names a movement."),
            }
        )
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)
    return title


def create_round(*, org, by, title, period, year, due_on, movement=None):
    """Ask the grassroots unions below ``org`` for a report by ``due_on``.

    Creates the round and one pending report slot per unit (``reporting_units``). Side effects:
    one audit entry for the round, and a notification to each unit's officer and chair.
    """
    require(by, "reporting.add_round", org)
    title = _check_round(org, title, period, year, due_on, movement)
    units = reporting_units(org, movement if period in MOVEMENT_PERIODS else None)
    if not units:
        raise _invalid("org_id", _("No active grassroots union below this unit must report."))
    with transaction.atomic():
        round_ = ReportingRound.objects.create(
            org=org,
            title=title,
            period=period,
            year=year,
            due_on=due_on,
            movement=movement if period in MOVEMENT_PERIODS else None,
            created_by=by,
        )
        Report.objects.bulk_create([Report(round=round_, org=unit) for unit in units])
        after = audit.snapshot(round_, ROUND_FIELDS)
        after["units"] = [unit.code for unit in units]
        audit.record(by, AuditEntry.Action.CREATE, round_, after=after)
        for report in Report.objects.filter(round=round_).select_related("org"):
            notify(
                _unit_contacts(report.org),
                title=_("Report requested: %(title)s") % {"title": title},
                body=_("%(asker)s asks %(unit)s for its report by %(due)s.")
                % {"asker": org.name, "unit": report.org.name, "due": _day(due_on)},
                url=report_url(report),
                key=f"report-{report.pk}-asked",
            )
    return round_


# --- the unit's answer and its review ----------------------------------------------------------


def _check_document(document, report, by):
    from thidua.documents.models import Document, DocumentStatus

    visible = Document.objects.visible_to(by).filter(pk=document.pk).first()
    if visible is None or not visible.org.is_within(report.org):
        raise _invalid("document_id", _("Attach a document of your own unit."))
    if visible.status == DocumentStatus.CANCELLED:
        raise _invalid("document_id", _("The document was cancelled."))
    return visible


def submit_report(report, *, by, content, figures, document=None, version=None):
    """The unit sends its report (from pending, or again after a return).

    ``content`` is the narrative, ``figures`` the structured figures (``figures.clean_figures``),
    ``document`` the signed report, a document of the unit (linked to the report). Side effects: a
    transition row and audit entries, a notification to the asking unit's sector staff.
    """
    require(by, "reporting.submit_report", report)
    content = (content or "").strip()
    errors = []
    if not content:
        errors.append({"field": "content", "message": _("Write the report.")})
    elif len(content) > MAX_CONTENT:
        errors.append(
            {
                "field": "content",
                "message": _("The report is longer than %(max)d characters.")
                % {"max": MAX_CONTENT},
            }
        )
    if errors:
        raise InvalidInput(_("Some fields are invalid."), errors=errors)
    cleaned = clean_figures(figures, report.round)
    if document is not None:
        document = _check_document(document, report, by)
    with transaction.atomic():
        report = lock_for_update(report)
        check_version(report, version)
        if ReportStatus.SUBMITTED not in REPORT_TRANSITIONS.get(report.status, ()):
            raise InvalidTransition(
                _("This report was already submitted (“%(status)s”).")
                % {"status": report.get_status_display()}
            )
        before = audit.snapshot(report, REPORT_FIELDS)
        report.content = content
        report.figures = cleaned
        report.document = document
        report.submitted_at = timezone.now()
        report.submitted_by = by
        transition(report, ReportStatus.SUBMITTED, by=by, allowed=REPORT_TRANSITIONS)
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            report,
            before=before,
            after=audit.snapshot(report, REPORT_FIELDS),
        )
        if document is not None and (document.content_type_id, document.object_id) != (
            ContentType.objects.get_for_model(Report).pk,
            report.pk,
        ):
            from thidua.documents.services import link_document

            link_document(document, report, by=by)
        round_ = report.round
        notify(
            _sector_officers(round_.org),
            title=_("%(unit)s submitted its report") % {"unit": report.org.name},
            body=_("%(round)s — submitted %(when)s%(late)s.")
            % {
                "round": round_.title,
                "when": _day(timezone.localdate()),
                "late": _(", after the due date") if report.late else "",
            },
            url=report_url(report),
            key=f"report-{report.pk}-submitted-{report.version}",
        )
    return report


def accept_report(report, *, by, version=None, comment=""):
    """The asking unit accepts a submitted report. Side effects: transition, audit, notice."""
    require(by, "reporting.review_report", report)
    with transaction.atomic():
        report = lock_for_update(report)
        check_version(report, version)
        report.reviewed_at = timezone.now()
        report.reviewed_by = by
        transition(
            report,
            ReportStatus.ACCEPTED,
            by=by,
            allowed=REPORT_TRANSITIONS,
            comment=(comment or "").strip(),
        )
        notify(
            _unit_contacts(report.org),
            title=_("Your report was accepted: %(round)s") % {"round": report.round.title},
            url=report_url(report),
            key=f"report-{report.pk}-accepted",
        )
    return report


def return_report(report, *, by, reason, version=None):
    """The asking unit sends a submitted report back with ``reason``; the unit submits again."""
    require(by, "reporting.review_report", report)
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", _("Say what the unit should correct."))
    if len(reason) > 5000:
        raise _invalid("reason", _("The reason is longer than 5000 characters."))
    with transaction.atomic():
        report = lock_for_update(report)
        check_version(report, version)
        report.returned_reason = reason
        report.reviewed_at = timezone.now()
        report.reviewed_by = by
        transition(report, ReportStatus.RETURNED, by=by, allowed=REPORT_TRANSITIONS, comment=reason)
        notify(
            _unit_contacts(report.org),
            title=_("Your report was returned: %(round)s") % {"round": report.round.title},
            body=reason,
            url=report_url(report),
            key=f"report-{report.pk}-returned-{report.version}",
        )
    return report


# --- reminders ------------------------------------------------------------------------------------


def remind_unit(report, *, by):
    """One-click reminder from the round's board to the unit's officer and chair.

    At most one per report and day (a second click the same day sends nothing). Returns the
    number of people notified. A report that is no longer awaited is refused (409).
    """
    require(by, "reporting.remind_unit", report)
    if report.status not in AWAITED_STATES:
        raise InvalidTransition(
            _("%(unit)s has already submitted this report.") % {"unit": report.org.name}
        )
    today = timezone.localdate()
    round_ = report.round
    if today > round_.due_on:
        body = _("The report for “%(round)s” was due on %(due)s and has not arrived yet.")
    else:
        body = _("Please send the report for “%(round)s” by %(due)s.")
    with transaction.atomic():
        sent = notify(
            _unit_contacts(report.org),
            title=_("Reminder: report due %(due)s") % {"due": _day(round_.due_on)},
            body=body % {"round": round_.title, "due": _day(round_.due_on)},
            url=report_url(report),
            key=f"report-{report.pk}-manual-{today.isoformat()}",
        )
        if sent:
            Report.objects.filter(pk=report.pk).update(last_reminded_at=timezone.now())
            audit.record(
                by,
                AuditEntry.Action.UPDATE,
                report,
                after={"reminded": [u.username for u in (n.user for n in sent)]},
                comment=_("Reminder sent"),
            )
    return len(sent)


def remind_awaited(round_, *, by):
    """Remind every unit of ``round_`` whose report is still awaited; returns people notified."""
    require(by, "reporting.remind_unit", round_)
    total = 0
    for report in round_.reports.filter(status__in=AWAITED_STATES).select_related("org", "round"):
        total += remind_unit(report, by=by)
    return total


def reminder_days():
    """The days before the due date on which the officer is reminded (``REPORT_REMINDER_DAYS``)."""
    days = getattr(settings, "REPORT_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
    return tuple(sorted({int(d) for d in days if int(d) >= 0}))


def due_reminder_kind(due_on, today, days=None):
    """Which scheduled reminder is due for a report awaited on ``today``, or None.

    Before the due date: ``"due-<d>"`` for the smallest ``d`` of ``days`` with at least as many
    days left (a missed run catches up with the latest reminder only). After it: ``"overdue"``.
    """
    days = reminder_days() if days is None else days
    left = (due_on - today).days
    if left < 0:
        return "overdue"
    reached = [d for d in days if left <= d]
    return f"due-{min(reached)}" if reached else None


def send_due_reminders(today=None):
    """Send the scheduled reminders of every awaited report; safe to run as often as wished.

    Before the due date (``REPORT_REMINDER_DAYS``, default 7, 3 and 1 days) the unit's officer is
    reminded; once it has passed, the unit's chair receives one escalation. Each (report, kind)
    reaches each person once, whatever the number of runs. Returns ``{"reminders", "escalations",
    "without_recipient"}``: notifications created, and reports nobody could be told about.
    """
    today = today or timezone.localdate()
    days = reminder_days()
    horizon = today + datetime.timedelta(days=max(days, default=0))
    counts = {"reminders": 0, "escalations": 0, "without_recipient": 0}
    reports = (
        Report.objects.filter(
            status__in=AWAITED_STATES, round__due_on__lte=horizon, org__active=True
        )
        .select_related("round", "org")
        .order_by("round__due_on", "pk")
    )
    for report in reports:
        kind = due_reminder_kind(report.round.due_on, today, days)
        if kind is None:
            continue
        round_ = report.round
        due = _day(round_.due_on)
        if kind == "overdue":
            recipients = chair_users(report.org) or officer_users(report.org)
            title = _("Overdue report: %(round)s") % {"round": round_.title}
            body = _(
                "%(unit)s has not sent its report for “%(round)s”, due on %(due)s. "
                "Please see that it is sent."
            ) % {"unit": report.org.name, "round": round_.title, "due": due}
        else:
            recipients = officer_users(report.org)
            title = _("Reminder: report due %(due)s") % {"due": due}
            body = _("Please send the report for “%(round)s” by %(due)s.") % {
                "round": round_.title,
                "due": due,
            }
        if not recipients:
            counts["without_recipient"] += 1
            continue
        with transaction.atomic():
            sent = notify(
                recipients,
                title=title,
                body=body,
                url=report_url(report),
                key=f"report-{report.pk}-{kind}",
            )
        counts["escalations" if kind == "overdue" else "reminders"] += len(sent)
    return counts
