"""Inspection and supervision (kiểm tra, giám sát); training (tập huấn) of emulation officers.

An ``InspectionPlan`` is a unit's annual plan of inspections. Each ``Inspection`` looks at one lower
unit (``org``) on behalf of the ``inspecting_org``; its team records the findings and the
``Recommendation`` rows, each with a follow-up date by which the inspected unit answers. A finding
may point at a nomination or an exemplar (``InspectionLink``).

A ``TrainingCourse`` records a training of emulation officers; ``Attendance`` rows say who came.
An officer is trained for a year when they attended a course that ``counts_for_indicator`` held in
that year (``indicators.officers_trained``). ``TrainingDeadline`` is the date by which a sector
wants every officer trained; the reminders are sent against it.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.accounts.roles import STAFF_ROLES
from thidua.core.models import VersionedModel
from thidua.core.scoping import OrgScopedQuerySet, ancestor_paths, subtree_q


class InspectionTopic(models.TextChoices):
    EMULATION = "emulation_commendation", _("Emulation and commendation")
    INTEGRATED = "integrated", _("Integrated in a wider inspection")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    FINDINGS_RECORDED = "findings_recorded", _("Findings recorded")
    CLOSED = "closed", _("Closed")


INSPECTION_TRANSITIONS = {
    InspectionStatus.PLANNED: {InspectionStatus.IN_PROGRESS, InspectionStatus.FINDINGS_RECORDED},
    InspectionStatus.IN_PROGRESS: {InspectionStatus.FINDINGS_RECORDED},
    InspectionStatus.FINDINGS_RECORDED: {InspectionStatus.CLOSED},
    InspectionStatus.CLOSED: set(),
}


class InspectionPlanQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org__path"
    read_roles = STAFF_ROLES


class InspectionPlan(VersionedModel):
    """The annual inspection plan of the inspecting unit."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("inspecting unit"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InspectionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-year", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="one_inspection_plan_per_year")
        ]

    def __str__(self):
        return self.title


class InspectionQuerySet(OrgScopedQuerySet):
    """Seen by the staff of the inspected unit and of every unit above it (the inspecting one)."""

    org_path_lookup = "org__path"
    read_roles = STAFF_ROLES


class Inspection(VersionedModel):
    """One inspection of a lower unit."""

    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("inspection plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("inspected unit"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    inspecting_org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("inspecting unit"),
        on_delete=models.PROTECT,
        related_name="inspections_made",
    )
    planned_on = models.DateField(_("planned on"), db_index=True)
    held_on = models.DateField(pgettext_lazy("inspection", "held on"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=30, choices=InspectionTopic.choices)
    topic_detail = models.CharField(
        pgettext_lazy("inspection topic", "subject"), max_length=300, blank=True
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("team"), blank=True, related_name="inspections"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
        db_index=True,
    )
    findings = models.TextField(_("findings"), blank=True)
    findings_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-planned_on", "-id"]

    def __str__(self):
        return f"{self.get_topic_display()} — {self.org} ({self.planned_on:%d/%m/%Y})"

    @property
    def is_closed(self):
        return self.status == InspectionStatus.CLOSED

    @property
    def accepts_findings(self):
        return self.status in (InspectionStatus.PLANNED, InspectionStatus.IN_PROGRESS)


class RecommendationQuerySet(OrgScopedQuerySet):
    org_path_lookup = "inspection__org__path"
    read_roles = STAFF_ROLES

    def unanswered(self):
        return self.filter(responded_at__isnull=True)

    def overdue(self, today=None):
        """Unanswered after their follow-up date, of inspections not closed."""
        today = today or timezone.localdate()
        return (
            self.unanswered()
            .filter(follow_up_due_on__lt=today)
            .exclude(inspection__status=InspectionStatus.CLOSED)
        )


class Recommendation(models.Model):
    """What the inspected unit must put right, by when, and its answer."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="recommendations"
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(pgettext_lazy("inspection", "recommendation"))
    follow_up_due_on = models.DateField(_("follow-up due on"), db_index=True)
    response = models.TextField(_("the unit's response"), blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("inspection", "recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["inspection", "position", "id"]

    def __str__(self):
        return self.text[:80]

    @property
    def org(self):
        return self.inspection.org

    @property
    def answered(self):
        return self.responded_at is not None

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return (
            not self.answered
            and self.follow_up_due_on < today
            and self.inspection.status != InspectionStatus.CLOSED
        )

    @property
    def overdue(self):
        return self.is_overdue()


class InspectionLink(models.Model):
    """A finding that points at another record: a nomination (e.g. a false dossier, which starts a
    revocation) or an exemplar found during the inspection."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="links")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("inspection link")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "content_type", "object_id"], name="one_link_per_record"
            )
        ]

    def __str__(self):
        return f"{self.inspection} → {self.content_type.model} #{self.object_id}"

    @property
    def kind(self):
        return self.content_type.model


class TrainingCourseQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org__path"

    def visible_to(self, user):
        """Courses organised in the user's reach or above it (they are addressed to the units
        below), or attended by a member in it."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        paths = user.reach_paths(STAFF_ROLES)
        attended = Attendance.objects.filter(subtree_q("member__org_path", paths)).values(
            "course_id"
        )
        return self.filter(
            subtree_q("org__path", paths)
            | Q(org__path__in=ancestor_paths(paths))
            | Q(pk__in=attended)
        )

    def in_year(self, year):
        return self.filter(held_on__year=year)


class TrainingCourse(VersionedModel):
    """A training (tập huấn) on emulation and commendation work."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="training_courses",
    )
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(pgettext_lazy("training course", "held on"), db_index=True)
    organiser = models.CharField(_("organised by"), max_length=300, blank=True)
    content = models.TextField(_("content"), blank=True)
    counts_for_indicator = models.BooleanField(
        _("counts for the training indicator"),
        default=True,
        help_text=_("Attending it makes an emulation officer trained for the year."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TrainingCourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """One member attended one course."""

    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        "organizations.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="training_attendance",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        ordering = ["course", "member__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "member"], name="attend_a_course_once")
        ]

    def __str__(self):
        return f"{self.member} — {self.course}"


class TrainingDeadlineQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org__path"


class TrainingDeadline(models.Model):
    """The date by which every emulation officer under ``org`` should be trained in ``year``."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="training_deadlines",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(_("trained by"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingDeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("training deadline")
        ordering = ["-year", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="one_training_deadline_per_year")
        ]

    def __str__(self):
        return f"{self.org} {self.year}: {self.due_on:%d/%m/%Y}"


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
