"""Periodic reporting: a round asks the grassroots unions below a unit for a report by a date.

A ``ReportingRound`` is asked by one unit (the sector union, usually) for a period (half-year,
annual, or the mid-term or final review of a movement); it holds one ``Report`` slot per grassroots
union that must answer. A report is late when it was submitted after the due date, or when it is
still awaited (pending or returned) after it.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.roles import STAFF_ROLES
from thidua.core.models import VersionedModel
from thidua.core.scoping import OrgScopedQuerySet, subtree_q


class Period(models.TextChoices):
    HALF_YEAR = "half_year", _("Half-year")
    ANNUAL = "annual", _("Annual")
    MOVEMENT_MIDTERM = "movement_midterm", _("Movement mid-term review")
    MOVEMENT_FINAL = "movement_final", _("Movement final review")


MOVEMENT_PERIODS = (Period.MOVEMENT_MIDTERM, Period.MOVEMENT_FINAL)


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Not submitted")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for revision")


REPORT_TRANSITIONS = {
    ReportStatus.PENDING: {ReportStatus.SUBMITTED},
    ReportStatus.SUBMITTED: {ReportStatus.ACCEPTED, ReportStatus.RETURNED},
    ReportStatus.RETURNED: {ReportStatus.SUBMITTED},
    ReportStatus.ACCEPTED: set(),
}
# States in which the report is still awaited from the unit.
AWAITED_STATES = (ReportStatus.PENDING, ReportStatus.RETURNED)
# States in which the unit's latest answer is with the asking unit.
ANSWERED_STATES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def local_date(value):
    """The calendar date of a stored datetime in the site's time zone."""
    return timezone.localtime(value).date() if value is not None else None


def is_late(status, submitted_at, due_on, today=None):
    """Submitted after ``due_on``, or still awaited after it (see ``AWAITED_STATES``)."""
    today = today or timezone.localdate()
    if status in AWAITED_STATES:
        return today > due_on
    return submitted_at is not None and local_date(submitted_at) > due_on


class ReportingRoundQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org__path"
    read_roles = STAFF_ROLES

    def visible_to(self, user):
        """Rounds asked in the user's reach, and rounds in which a unit of the reach must report."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        paths = user.reach_paths(self.read_roles)
        answering = Report.objects.filter(round=OuterRef("pk")).filter(
            subtree_q("org__path", paths)
        )
        return self.filter(subtree_q("org__path", paths) | Q(Exists(answering)))


class ReportingRound(VersionedModel):
    """One call for reports: who asks, for which period and year, and by when."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("asking unit"),
        on_delete=models.PROTECT,
        related_name="reporting_rounds",
    )
    title = models.CharField(_("title"), max_length=300)
    period = models.CharField(_("period"), max_length=20, choices=Period.choices)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reporting_rounds",
    )
    due_on = models.DateField(_("due on"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aggregate_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("aggregated report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-due_on", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_movement_round(self):
        return self.period in MOVEMENT_PERIODS


class ReportQuerySet(OrgScopedQuerySet):
    """Reports are read by the staff whose reach covers the reporting unit (the unit itself and
    every level above it); a grassroots union never sees another union's report."""

    org_path_lookup = "org__path"
    read_roles = STAFF_ROLES

    def with_late(self, today=None):
        """Annotate ``is_late`` (computed by the database, so that lists can filter on it)."""
        today = today or timezone.localdate()
        submitted_on = TruncDate("submitted_at", tzinfo=timezone.get_current_timezone())
        return self.alias(_submitted_on=submitted_on).annotate(
            is_late=Case(
                When(Q(status__in=AWAITED_STATES) & Q(round__due_on__lt=today), then=Value(True)),
                When(
                    Q(status__in=ANSWERED_STATES) & Q(_submitted_on__gt=F("round__due_on")),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def on_time(self):
        """Reports answered on or before their due date (the ``reports_on_time`` indicator)."""
        submitted_on = TruncDate("submitted_at", tzinfo=timezone.get_current_timezone())
        return self.alias(_on=submitted_on).filter(
            status__in=ANSWERED_STATES, _on__lte=F("round__due_on")
        )


class Report(VersionedModel):
    """The report slot of one grassroots union in a round, and the union's answer."""

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="reports"
    )
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.PENDING,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.TextField(_("report"), blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("signed report"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    returned_reason = models.TextField(_("reason for return"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["round", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "org"], name="one_report_per_unit_and_round")
        ]

    def __str__(self):
        return f"{self.round} — {self.org}"

    @property
    def due_on(self) -> datetime.date:
        return self.round.due_on

    @property
    def late(self):
        """Submitted after the due date, or still awaited after it (``with_late`` annotates it)."""
        annotated = self.__dict__.get("is_late")
        if annotated is not None:
            return annotated
        return is_late(self.status, self.submitted_at, self.round.due_on)

    @property
    def awaited(self):
        return self.status in AWAITED_STATES

    @property
    def days_left(self):
        """Days until the due date (negative once it has passed)."""
        return (self.round.due_on - timezone.localdate()).days
