"""Emulation movements (phong trào thi đua), the units' plans in answer, and pledges.

A ``Movement`` is launched by a unit (the sector union, or a grassroots union for its own union
groups). Launching creates one ``UnitPlan`` slot per unit addressed; each unit answers with its plan
(kế hoạch hưởng ứng), which the launching level accepts or returns. Units and members may register
``Pledge`` commitments (đăng ký thi đua). Changes made after the launch are kept as
``MovementAmendment`` rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.accounts.roles import STAFF_ROLES
from thidua.core.models import VersionedModel
from thidua.core.scoping import OrgScopedQuerySet, subtree_q
from thidua.core.text import search_key


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    THEMATIC = "thematic", _("Thematic")


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LAUNCHED = "launched", _("Launched")
    CLOSED = "closed", pgettext_lazy("movement status", "Closed")


MOVEMENT_TRANSITIONS = {
    MovementStatus.DRAFT: {MovementStatus.LAUNCHED},
    MovementStatus.LAUNCHED: {MovementStatus.CLOSED},
    MovementStatus.CLOSED: set(),
}


class PlanStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the plan")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for revision")


PLAN_TRANSITIONS = {
    PlanStatus.PENDING: {PlanStatus.SUBMITTED},
    PlanStatus.SUBMITTED: {PlanStatus.ACCEPTED, PlanStatus.RETURNED},
    PlanStatus.RETURNED: {PlanStatus.SUBMITTED},
    PlanStatus.ACCEPTED: set(),
}
# A plan slot counts as answered in these states (indicator ``plans_submitted``).
PLAN_DONE_STATES = (PlanStatus.SUBMITTED, PlanStatus.ACCEPTED)


class MovementQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org__path"

    def visible_to(self, user):
        """Movements launched in the user's reach, or addressed to a unit in it (a plan slot)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        paths = user.reach_paths()
        addressed = UnitPlan.objects.filter(subtree_q("org__path", paths)).values("movement_id")
        return self.filter(subtree_q("org__path", paths) | Q(pk__in=addressed))

    def search(self, text):
        key = search_key(text or "")
        return self.filter(search_key__contains=key) if key else self


class Movement(VersionedModel):
    """A launched (or drafted) emulation campaign of one unit."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("launching unit"),
        on_delete=models.PROTECT,
        related_name="movements",
    )
    title = models.CharField(pgettext_lazy("movement", "title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=MovementKind.choices, default=MovementKind.REGULAR
    )
    objectives = models.TextField(_("objectives"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    participants = models.TextField(_("participants"), blank=True)
    content = models.TextField(_("content"), blank=True)
    measures = models.TextField(_("measures"), blank=True)
    # Employer types addressed; empty: every grassroots union below ``org``.
    audience_employer_types = models.JSONField(_("audience"), default=list, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    plan_due_on = models.DateField(_("plans due on"), null=True, blank=True)
    midterm_review_due_on = models.DateField(_("mid-term review due on"), null=True, blank=True)
    final_review_due_on = models.DateField(_("final review due on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MovementStatus.choices,
        default=MovementStatus.DRAFT,
        db_index=True,
    )
    launched_on = models.DateField(_("launched on"), null=True, blank=True, db_index=True)
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    launch_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("launch document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    final_review_summary = models.TextField(_("final review"), blank=True)
    final_review_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("final review document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_key = models.CharField(max_length=300, editable=False, db_index=True)

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="movement_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_key = search_key(self.title)[:300]
        super().save(*args, **kwargs)

    @property
    def is_draft(self):
        return self.status == MovementStatus.DRAFT

    @property
    def is_launched(self):
        return self.status == MovementStatus.LAUNCHED

    @property
    def is_closed(self):
        return self.status == MovementStatus.CLOSED

    @property
    def audience(self):
        return {"employer_types": list(self.audience_employer_types or [])}


class MovementTarget(models.Model):
    """A quantified target of a movement: "Công đoàn cơ sở xây dựng kế hoạch", 100, "%"."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("target"), max_length=300)
    target_value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit of measure"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("target")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.name}: {self.value_display} {self.unit}".strip()

    @property
    def value(self):
        """The value as an ``int`` when whole, else a ``float`` (as the API shows it)."""
        value = self.target_value
        return int(value) if value == value.to_integral_value() else float(value)

    @property
    def value_display(self):
        return str(self.value).replace(".", ",")

    def as_dict(self):
        return {"name": self.name, "target_value": self.value, "unit": self.unit}


class MovementAmendment(models.Model):
    """A change made to a movement after its launch: who, when, what, why. Append-only."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="amendments")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)

    class Meta:
        verbose_name = _("amendment")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.movement} ({self.at:%d/%m/%Y})"

    @property
    def changes(self):
        """``[(field, before, after)]`` of the fields changed."""
        keys = list(dict.fromkeys([*self.before.keys(), *self.after.keys()]))
        return [(k, self.before.get(k), self.after.get(k)) for k in keys]


class UnitPlanQuerySet(OrgScopedQuerySet):
    """A plan is seen by its own unit and by the levels above it (the launching sector)."""

    org_path_lookup = "org__path"
    read_roles = STAFF_ROLES


class UnitPlan(VersionedModel):
    """One unit's answer to a movement (kế hoạch hưởng ứng): a slot created at the launch."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="plans")
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="movement_plans",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlanStatus.choices,
        default=PlanStatus.PENDING,
        db_index=True,
    )
    summary = models.TextField(_("summary of the plan"), blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("plan document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_time = models.BooleanField(_("on time"), null=True, blank=True)
    returned_reason = models.TextField(_("reason for return"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UnitPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit plan")
        verbose_name_plural = _("unit plans")
        ordering = ["org__path", "id"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "org"], name="one_plan_per_unit")
        ]

    def __str__(self):
        return f"{self.movement} — {self.org}"

    @property
    def is_done(self):
        return self.status in PLAN_DONE_STATES

    @property
    def is_open(self):
        """The unit can (re)submit it."""
        return self.status in (PlanStatus.PENDING, PlanStatus.RETURNED)


class PledgeQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org__path"
    read_roles = STAFF_ROLES


class Pledge(VersionedModel):
    """Commitments registered for a movement by a unit (collective) or one of its members."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="pledges")
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="movement_pledges",
    )
    member = models.ForeignKey(
        "organizations.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    commitments = models.TextField(_("commitments"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["org__path", "member__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "member"],
                condition=Q(member__isnull=False),
                name="one_pledge_per_member",
            ),
            models.UniqueConstraint(
                fields=["movement", "org"],
                condition=Q(member__isnull=True),
                name="one_collective_pledge_per_unit",
            ),
        ]

    def __str__(self):
        return f"{self.member or self.org}: {self.commitments[:60]}"

    @property
    def is_collective(self):
        return self.member_id is None
