"""Quotas, nominations (đề nghị khen thưởng) with their dossiers, submissions (TTr) and the
awards that enterprise unions give themselves (weekly, monthly, quarterly).

A ``Quota`` says how many awards of a type a unit may propose in a year (chỉ tiêu): the federation
or the Confederation grants one to the sector union, which sub-allocates part of it to grassroots
unions (``parent``). A ``Nomination`` proposes one member (or one collective) for one award type;
it moves through ``NOMINATION_TRANSITIONS``. Its dossier is a set of documents, each filed under a
dossier part code of the award type (``NominationDocument``). A ``Submission`` is the cover
document (tờ trình) that groups a unit's nominations.

Which statuses consume a quota place (``QUOTA_STATUSES``): every status from submission on
(submitted, appraised, approved, awarded, forwarded, upper_approved). A draft, a nomination
returned for revision, a withdrawn one and a rejected one (at any level) free their place; a
returned nomination takes a place again only when it is resubmitted (and the quota is checked
again then).
"""

import decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.accounts.roles import STAFF_ROLES
from thidua.core.models import VersionedModel
from thidua.core.scoping import OrgScopedQuerySet


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("nomination status", "Submitted")
    RETURNED = "returned", _("Returned for revision")
    APPRAISED = "appraised", _("Appraised")
    REJECTED = "rejected", pgettext_lazy("nomination status", "Rejected")
    APPROVED = "approved", _("Approved by the council")
    AWARDED = "awarded", _("Awarded")
    FORWARDED = "forwarded", _("Forwarded to the upper level")
    UPPER_APPROVED = "upper_approved", _("Approved by the upper level")
    UPPER_REJECTED = "upper_rejected", _("Rejected by the upper level")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = NominationStatus
# The whole life of a nomination. This app moves draft → submitted ⇄ returned, → withdrawn and
# submitted → appraised | rejected; the council, the decision and the upper level's answer move
# the later states.
NOMINATION_TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.RETURNED, S.APPRAISED, S.REJECTED, S.WITHDRAWN},
    S.RETURNED: {S.SUBMITTED, S.WITHDRAWN},
    S.APPRAISED: {S.APPROVED, S.REJECTED, S.RETURNED},
    S.APPROVED: {S.AWARDED, S.FORWARDED},
    S.FORWARDED: {S.UPPER_APPROVED, S.UPPER_REJECTED},
    S.UPPER_APPROVED: {S.AWARDED},
    S.AWARDED: set(),
    S.REJECTED: set(),
    S.UPPER_REJECTED: set(),
    S.WITHDRAWN: set(),
}
# Statuses that take a quota place.
QUOTA_STATUSES = (
    S.SUBMITTED,
    S.APPRAISED,
    S.APPROVED,
    S.AWARDED,
    S.FORWARDED,
    S.UPPER_APPROVED,
)
# Statuses in which a nomination blocks another one of the same nominee, award type and year
# (a draft does not: two units may prepare one, the first to submit wins).
BLOCKING_STATUSES = (*QUOTA_STATUSES, S.RETURNED)
# Statuses in which the unit still edits the nomination.
EDITABLE_STATUSES = (S.DRAFT, S.RETURNED)
# Statuses approved but not yet decided (seen by the award rules through the pending provider).
PENDING_AWARD_STATUSES = (S.APPROVED, S.FORWARDED, S.UPPER_APPROVED)


class NominationKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic")
    THEMATIC = "thematic", _("Thematic")
    ADHOC = "adhoc", _("Ad-hoc")


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Recommend approval")
    REJECT = "reject", _("Recommend rejection")


class QuotaQuerySet(OrgScopedQuerySet):
    """A quota is seen by the staff of its holder and of the levels above it."""

    org_path_lookup = "org__path"
    read_roles = STAFF_ROLES


class Quota(VersionedModel):
    """How many awards of ``award_type`` the holder ``org`` may propose in ``year``."""

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    award_type = models.ForeignKey(
        "awards.AwardType",
        verbose_name=_("award type"),
        on_delete=models.PROTECT,
        related_name="quotas",
    )
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("holding unit"),
        on_delete=models.PROTECT,
        related_name="quotas",
    )
    granted_by_org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="quotas_granted",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("allocated from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    count = models.PositiveIntegerField(_("places"), validators=[MaxValueValidator(100_000)])
    min_direct_worker_share = models.DecimalField(
        _("minimum share of direct workers"),
        max_digits=4,
        decimal_places=3,
        default=decimal.Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = QuotaQuerySet.as_manager()

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["-year", "award_type_id", "org__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "award_type", "org"], name="one_quota_per_unit_type_year"
            ),
            models.CheckConstraint(
                condition=Q(min_direct_worker_share__gte=0) & Q(min_direct_worker_share__lte=1),
                name="quota_share_between_0_and_1",
            ),
        ]

    def __str__(self):
        return f"{self.award_type} {self.year} — {self.org}: {self.count}"


class SubmissionQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org__path"
    read_roles = STAFF_ROLES


class Submission(VersionedModel):
    """A unit's cover document (tờ trình, TTr) proposing a list of nominations."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        related_name="nomination_submissions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("submission document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class NominationQuerySet(OrgScopedQuerySet):
    """Staff of the proposing unit and of the levels above it read a nomination; members do not
    (yet: a member will see their own once the list is published)."""

    org_path_lookup = "org_path"
    read_roles = STAFF_ROLES

    def for_nominee(self, *, member=None, nominee_org=None):
        if member is not None:
            return self.filter(member=member)
        return self.filter(nominee_org=nominee_org, member__isnull=True)


class Nomination(VersionedModel):
    """A proposal that one member (or one collective) receive one award in one year."""

    award_type = models.ForeignKey(
        "awards.AwardType",
        verbose_name=_("award type"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    # Copy of org.path: a subtree's nominations are one indexed prefix query.
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    member = models.ForeignKey(
        "organizations.Member",
        verbose_name=_("nominee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominee_org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("nominated collective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collective_nominations",
    )
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=NominationKind.choices, default=NominationKind.PERIODIC
    )
    achievements = models.TextField(_("achievements"), blank=True)
    self_scores = models.JSONField(_("self-assessment"), default=dict, blank=True)
    appraisal_scores = models.JSONField(_("appraisal scores"), default=dict, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, default=0)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
        db_index=True,
    )
    eligibility = models.JSONField(_("eligibility"), default=dict, blank=True)
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
    )
    submitted_at = models.DateTimeField(
        pgettext_lazy("nomination", "submitted at"), null=True, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_reason = models.TextField(_("reason for return"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    appraisal_comment = models.TextField(_("appraisal comment"), blank=True)
    appraisal_checklist = models.JSONField(_("dossier checklist"), default=dict, blank=True)
    appraised_at = models.DateTimeField(_("appraised at"), null=True, blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-year", "org_path", "id"]
        indexes = [
            models.Index(fields=["year", "award_type", "status"], name="nomination_year_type"),
            models.Index(
                fields=["org_path"], name="nomination_org_path", opclasses=["varchar_pattern_ops"]
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, nominee_org__isnull=True)
                | Q(member__isnull=True, nominee_org__isnull=False),
                name="nomination_one_nominee",
            )
        ]

    def __str__(self):
        return f"{self.nominee_name} — {self.award_type} {self.year}"

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        super().save(*args, **kwargs)

    @property
    def nominee(self):
        return self.member if self.member_id else self.nominee_org

    @property
    def nominee_name(self):
        nominee = self.nominee
        return str(nominee) if nominee is not None else ""

    @property
    def is_collective(self):
        return self.member_id is None

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def is_direct_worker(self):
        return bool(self.member_id and self.member.is_direct_worker)


class NominationDocument(models.Model):
    """A document of a nomination's dossier, filed under a dossier part code of its award type."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="dossier_links"
    )
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    part = models.CharField(_("dossier part"), max_length=40)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["part", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "document"], name="nomination_document_once"
            )
        ]

    def __str__(self):
        return f"{self.part}: {self.document}"


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class WorkplaceAwardQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org_path"
    read_roles = STAFF_ROLES


class WorkplaceAward(VersionedModel):
    """An award a grassroots union gives from its own budget for a week, month or quarter
    (khen thưởng theo tuần, tháng, quý): recorded by the unit, no appraisal."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="workplace_awards",
    )
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    member = models.ForeignKey(
        "organizations.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="workplace_awards",
    )
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    period_label = models.CharField(_("period label"), max_length=50)
    period_start = models.DateField(_("period starts on"))
    reason = models.TextField(_("reason"))
    amount = models.PositiveBigIntegerField(_("amount (VND)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = WorkplaceAwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("workplace award")
        verbose_name_plural = _("workplace awards")
        ordering = ["-period_start", "-id"]

    def __str__(self):
        return f"{self.member} — {self.period_label}"

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        super().save(*args, **kwargs)
