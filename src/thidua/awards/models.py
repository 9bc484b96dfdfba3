"""The award catalogue and what eligibility is decided on.

``AwardType`` rows are the catalogue (emulation titles and commendation forms) with their council
vote thresholds, dossier parts, rubric (``Criterion``) and eligibility rules (``EligibilityRule``);
``BaseSalary`` rows date the base salary that award amounts multiply. ``AwardRecord`` is the
effective award history of members and collectives (from decisions, imports and upper levels);
``MemberYearAssessment`` and ``DisciplineRecord`` are the yearly facts about members that the rules
read; ``Initiative`` rows are the members' initiatives (sáng kiến) with their benefit value and
recognition, rewarded after ``InitiativeRewardBracket``. Everything here is data the sector admin
edits: no threshold or amount is a constant in code.
"""

import contextlib
import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.accounts.roles import STAFF_ROLES
from thidua.core.models import VersionedModel
from thidua.core.scoping import OrgScopedQuerySet, subtree_q
from thidua.core.text import search_key


class Category(models.TextChoices):
    TITLE = "title", _("Emulation title")
    COMMENDATION = "commendation", _("Commendation form")


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class IssuingLevel(models.TextChoices):
    GRASSROOTS = "grassroots", _("Grassroots union")
    SECTOR = "sector", _("Sector union")
    FEDERATION = "federation", _("Provincial federation")
    CONFEDERATION = "confederation", _("Confederation")
    STATE = "state", _("State")


# Levels whose awards are proposed upwards and counted against quotas.
UPPER_LEVELS = (IssuingLevel.FEDERATION, IssuingLevel.CONFEDERATION, IssuingLevel.STATE)


class VoteBase(models.TextChoices):
    PRESENT = "present", _("Council members present")
    ALL = "all", _("All council members")


class DossierPart(models.TextChoices):
    """The documents of a nomination's dossier (law art. 84, simplified procedure art. 85)."""

    SUBMISSION = "submission", _("Submission (TTr)")
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    COUNCIL_MINUTES = "council_minutes", _("Council minutes")
    INITIATIVE_CERTIFICATE = "initiative_certificate", _("Initiative certificate")
    SUMMARY = "summary", _("Short achievement summary")


SHARE_BASE_MEMBERS = "members"
SHARE_BASE_AWARD_PREFIX = "award:"

# Awards are paid in whole tens of thousands of đồng.
AMOUNT_STEP = 10_000
_ROUNDING = {"up": ROUND_CEILING, "down": ROUND_FLOOR, "nearest": ROUND_HALF_UP}


def base_salary_on(date):
    """The base salary (VND) in force on ``date``, or ``None`` before the first recorded one."""
    row = (
        BaseSalary.objects.filter(effective_from__lte=date)
        .order_by("-effective_from")
        .values_list("amount", flat=True)
        .first()
    )
    return row


def round_amount(value):
    """``value`` rounded to tens of thousands of đồng in the direction of the setting
    ``AWARD_AMOUNT_ROUNDING`` (``up`` by default, ``down`` or ``nearest``)."""
    direction = getattr(settings, "AWARD_AMOUNT_ROUNDING", "up")
    mode = _ROUNDING.get(direction, ROUND_CEILING)
    steps = (Decimal(value) / AMOUNT_STEP).quantize(Decimal(1), rounding=mode)
    return int(steps) * AMOUNT_STEP


class AwardTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def search(self, text):
        key = search_key(text or "")
        return self.filter(search_key__contains=key) if key else self


class AwardType(VersionedModel):
    """One emulation title or commendation form of the catalogue (individual or collective)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    subject = models.CharField(_("awarded to"), max_length=20, choices=Subject.choices)
    issuing_level = models.CharField(
        _("issuing level"), max_length=20, choices=IssuingLevel.choices
    )
    amount_coefficient = models.DecimalField(
        _("reward coefficient"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The reward is this multiple of the base salary on the decision date."),
    )
    vote_threshold = models.DecimalField(
        _("vote threshold"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.70"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Fraction of the council's votes needed for approval."),
    )
    vote_base = models.CharField(
        _("votes counted against"), max_length=10, choices=VoteBase.choices, default="present"
    )
    quorum = models.DecimalField(
        _("quorum"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.6667"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Fraction of the council's members who must be present."),
    )
    secret_ballot = models.BooleanField(_("secret ballot"), default=False)
    min_score = models.DecimalField(
        _("minimum score"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 means the rubric score is not a condition."),
    )
    quota_limited = models.BooleanField(_("limited by quotas"), default=False)
    required_dossier_parts = models.JSONField(_("dossier parts"), default=list, blank=True)
    simplified_parts = models.JSONField(
        _("dossier parts (simplified procedure)"), default=list, blank=True
    )
    share_cap = models.DecimalField(
        _("share cap"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("At most this fraction of the base may receive the award (empty: no cap)."),
    )
    share_cap_base = models.CharField(
        _("share cap base"),
        max_length=40,
        default=SHARE_BASE_MEMBERS,
        blank=True,
        help_text=_("members (the unit's members) or award:<code> (holders of that award)."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=100)
    active = models.BooleanField(pgettext_lazy("award type", "active"), default=True)
    search_key = models.CharField(max_length=300, editable=False, db_index=True)

    objects = AwardTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        self.search_key = search_key(f"{self.code} {self.name}")
        super().save(*args, **kwargs)

    @property
    def is_individual(self):
        return self.subject == Subject.INDIVIDUAL

    def amount_on(self, date):
        """The reward in VND at the base salary in force on ``date``, rounded (see
        ``round_amount``); 0 when no base salary was in force then."""
        base = base_salary_on(date)
        if not base:
            return 0
        return round_amount(self.amount_coefficient * base)

    @property
    def amount(self):
        """The reward at today's base salary."""
        return self.amount_on(timezone.localdate())

    def criteria_for(self, member=None):
        """The rubric that applies to ``member``: the direct-worker rubric for a direct worker,
        else the non-leader rubric for a member without a management post, when the award type has
        such a rubric; otherwise the general one (``audience=all``)."""
        criteria = list(self.criteria.all())
        if member is not None:
            wanted = []
            if member.is_direct_worker:
                wanted.append(Audience.DIRECT_WORKER)
            if not member.is_manager:
                wanted.append(Audience.NON_LEADER)
            for audience in wanted:
                specific = [c for c in criteria if c.audience == audience]
                if specific:
                    return specific
        return [c for c in criteria if c.audience == Audience.ALL]

    @property
    def max_score(self):
        return sum((c.max_points for c in self.criteria_for()), Decimal("0"))


class Audience(models.TextChoices):
    ALL = "all", _("Everyone")
    DIRECT_WORKER = "direct_worker", _("Direct workers")
    NON_LEADER = "non_leader", _("Staff without a leadership post")


class Criterion(models.Model):
    """One line of an award type's scored rubric (tiêu chí lượng hóa)."""

    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award type"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=500)
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    required = models.BooleanField(
        _("required"), default=False, help_text=_("Must be met (score above 0).")
    )
    audience = models.CharField(
        _("applies to"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["award_type", "audience", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "audience", "code"], name="criterion_code_unique"
            )
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) in force from a date."""

    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    effective_from = models.DateField(_("in force from"), unique=True)
    note = models.CharField(_("legal basis"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.amount} ({self.effective_from:%d/%m/%Y})"


class RecordSource(models.TextChoices):
    DECISION = "decision", _("Decision of the system")
    IMPORTED = "imported", _("Imported history")
    UPPER_LEVEL = "upper_level", _("Decision of an upper level")


# What the breakdown of an award depends on (see ``dashboard.rollups``): a change of one of these
# fields, or of ``revoked_at``, changes the effective history the statistics count.
HISTORY_FIELDS = (
    "member_id",
    "holder_org_id",
    "award_type_id",
    "award_name",
    "year",
    "decided_on",
    "amount",
)
# Listeners kept informed of the effective history (``dashboard.rollups`` registers one in its
# ``AppConfig.ready``): ``removing(pks)`` before effective rows change or leave the history (the
# rows still hold their old values), ``added(pks)`` after rows entered it or changed.
HISTORY_LISTENERS = []


@contextlib.contextmanager
def history_batch():
    """Let the listeners take the changes of the block at once (``batched()`` of each), e.g.
    the items of a decision; use inside the transaction that writes the awards."""
    with contextlib.ExitStack() as stack:
        for listener in HISTORY_LISTENERS:
            stack.enter_context(listener.batched())
        yield


def _history_removing(pks):
    if pks:
        for listener in HISTORY_LISTENERS:
            listener.removing(pks)


def _history_added(pks):
    if pks:
        for listener in HISTORY_LISTENERS:
            listener.added(pks)


class AwardRecordQuerySet(OrgScopedQuerySet):
    """Every write of award rows (``bulk_create``, ``update``, ``delete`` here; ``save`` and
    ``delete`` on the model) tells ``HISTORY_LISTENERS``, so pre-aggregated statistics stay right
    whatever path wrote the rows."""

    org_path_lookup = "holder_org__path"

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            objs = super().bulk_create(objs, *args, **kwargs)
            _history_added([o.pk for o in objs if o.pk is not None and o.revoked_at is None])
        return objs

    def update(self, **kwargs):
        if not HISTORY_LISTENERS or not set(kwargs) & {*HISTORY_FIELDS, "revoked_at"}:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            effective = self.filter(revoked_at__isnull=True)
            _history_removing(list(effective.values_list("pk", flat=True)))
            count = super().update(**kwargs)
            now = AwardRecord.objects.filter(pk__in=pks, revoked_at__isnull=True)
            _history_added(list(now.values_list("pk", flat=True)))
        return count

    def delete(self):
        if not HISTORY_LISTENERS:
            return super().delete()
        with transaction.atomic(using=self.db):
            effective = self.filter(revoked_at__isnull=True)
            _history_removing(list(effective.values_list("pk", flat=True)))
            return super().delete()

    def effective(self):
        """Awards not revoked: the history that counts."""
        return self.filter(revoked_at__isnull=True)

    def visible_to(self, user):
        """Staff roles see the awards held in their reach; a member sees their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        query = subtree_q("holder_org__path", user.reach_paths(STAFF_ROLES))
        return self.filter(query | Q(member__user=user))

    def newest_first(self):
        return self.order_by("-year", models.F("decided_on").desc(nulls_last=True), "-id")


class AwardRecord(VersionedModel):
    """An award received by a member or a collective: the history eligibility reads."""

    member = models.ForeignKey(
        "organizations.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_records",
    )
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("awarded collective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_records",
    )
    holder_org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit of the holder"),
        on_delete=models.PROTECT,
        related_name="held_award_records",
    )
    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("award type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    award_name = models.CharField(_("award name"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    issued_by_org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_award_records",
    )
    issued_by_name = models.CharField(_("issued by (name)"), max_length=255, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=RecordSource.choices, default=RecordSource.DECISION
    )
    note = models.TextField(_("note"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        ordering = ["-year", "-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(member__isnull=False) & Q(org__isnull=True))
                | (Q(member__isnull=True) & Q(org__isnull=False)),
                name="award_record_one_holder",
            ),
            models.CheckConstraint(
                condition=Q(award_type__isnull=False) | ~Q(award_name=""),
                name="award_record_named",
            ),
        ]
        indexes = [
            models.Index(fields=["award_type", "year"], name="award_record_type_year"),
            models.Index(fields=["member", "year"], name="award_record_member_year"),
        ]

    def __str__(self):
        return f"{self.display_name} {self.year}: {self.holder}"

    def save(self, *args, **kwargs):
        """Saves and tells ``HISTORY_LISTENERS`` what entered or left the effective history,
        in one transaction."""
        if not HISTORY_LISTENERS:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            self._save_in_history(*args, **kwargs)

    def _save_in_history(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            if self.revoked_at is None:
                _history_added([self.pk])
            return
        old = (
            AwardRecord.objects.filter(pk=self.pk)
            .values("revoked_at", *(f.removesuffix("_id") for f in HISTORY_FIELDS))
            .first()
        )
        was = old is not None and old["revoked_at"] is None
        changed = old is not None and any(
            old[f.removesuffix("_id")] != getattr(self, f) for f in HISTORY_FIELDS
        )
        now = self.revoked_at is None
        if was and (changed or not now):
            _history_removing([self.pk])
        super().save(*args, **kwargs)
        if now and (changed or not was):
            _history_added([self.pk])

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            if self.pk is not None and self.revoked_at is None:
                _history_removing([self.pk])
            return super().delete(*args, **kwargs)

    @property
    def holder(self):
        return self.member if self.member_id else self.org

    @property
    def display_name(self):
        return self.award_type.name if self.award_type_id else self.award_name

    @property
    def award_type_code(self):
        return self.award_type.code if self.award_type_id else None

    @property
    def issuer_name(self):
        return self.issued_by_org.name if self.issued_by_org_id else self.issued_by_name

    @property
    def revoked(self):
        return self.revoked_at is not None

    @property
    def org_path(self):
        return self.holder_org.path


class RuleKind(models.TextChoices):
    ACTIVE_MEMBER_IN_SUBTREE = "active_member_in_subtree", _("Active member of the proposing unit")
    MEMBERSHIP_MONTHS = "membership_months", _("Months of union membership")
    EMPLOYMENT_MONTHS = "employment_months", _("Months of employment")
    REQUIRES_AWARD_SAME_YEAR = "requires_award_same_year", _("Requires another award the same year")
    REQUIRES_AWARD_CONSECUTIVE_YEARS = (
        "requires_award_consecutive_years",
        _("Requires an award in consecutive years"),
    )
    REQUIRES_RECOGNISED_INITIATIVE = (
        "requires_recognised_initiative",
        _("Requires a recognised initiative"),
    )
    NO_DISCIPLINE = "no_discipline", _("No discipline in the year")
    MAX_ABSENCE_DAYS = "max_absence_days", _("Limit on days of absence")
    MIN_TASK_RATING = "min_task_rating", _("Minimum task rating")
    SHARE_CAP = "share_cap", _("Share cap of the unit")
    COLLECTIVE_SHARE = "collective_share", _("Share of the collective's members")
    COLLECTIVE_NO_DISCIPLINE = (
        "collective_no_discipline",
        _("No member of the collective disciplined"),
    )
    COLLECTIVE_HAS_AWARD = "collective_has_award", _("A member of the collective holds an award")


class EligibilityRule(VersionedModel):
    """One eligibility condition of an award type: a ``kind`` and its JSON ``params``.

    ``message``, when set, replaces the built-in reason; it may use the ``%(name)s`` placeholders
    the kind provides (see ``thidua.awards.eligibility``).
    """

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("award type"),
        on_delete=models.CASCADE,
        related_name="eligibility_rules",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=RuleKind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    message = models.CharField(_("custom message"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(pgettext_lazy("eligibility rule", "active"), default=True)

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["award_type", "order", "id"]

    def __str__(self):
        return f"{self.award_type.code}: {self.get_kind_display()}"


class TaskRating(models.TextChoices):
    """The yearly rating of task completion, best first."""

    EXCELLENT = "excellent", _("Completed tasks excellently")
    GOOD = "good", _("Completed tasks well")
    COMPLETED = "completed", _("Completed tasks")
    NOT_COMPLETED = "not_completed", _("Did not complete tasks")


TASK_RATING_RANK = {
    TaskRating.NOT_COMPLETED: 0,
    TaskRating.COMPLETED: 1,
    TaskRating.GOOD: 2,
    TaskRating.EXCELLENT: 3,
}


class MemberScopedQuerySet(OrgScopedQuerySet):
    """Records about one member: staff roles in reach see them, the member sees their own."""

    org_path_lookup = "member__org_path"

    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        query = subtree_q("member__org_path", user.reach_paths(STAFF_ROLES))
        return self.filter(query | Q(member__user=user))


class MemberYearAssessment(VersionedModel):
    """A member's yearly assessment: task rating and days of absence."""

    member = models.ForeignKey(
        "organizations.Member",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    task_rating = models.CharField(_("task rating"), max_length=20, choices=TaskRating.choices)
    absence_days = models.PositiveSmallIntegerField(
        _("days of absence"), default=0, validators=[MaxValueValidator(366)]
    )
    maternity_leave_days = models.PositiveSmallIntegerField(
        _("of which maternity leave"),
        default=0,
        validators=[MaxValueValidator(366)],
        help_text=_("Maternity leave does not count against the limit on absence."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("yearly assessment")
        verbose_name_plural = _("yearly assessments")
        ordering = ["-year", "member__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="one_assessment_per_year")
        ]

    def __str__(self):
        return f"{self.member} {self.year}: {self.get_task_rating_display()}"

    @property
    def counted_absence_days(self):
        """Days of absence that count against the limit (maternity leave excepted)."""
        return max(self.absence_days - self.maternity_leave_days, 0)

    @property
    def org_path(self):
        return self.member.org_path


class DisciplineLevel(models.TextChoices):
    """Disciplinary measures, lightest first (Law on Public Employees, Labour Code); an
    administrative sanction (xử phạt vi phạm hành chính) ranks with a reprimand."""

    ADMINISTRATIVE = "administrative", _("Administrative sanction")
    REPRIMAND = "reprimand", _("Reprimand")
    WARNING = "warning", _("Warning")
    DEMOTION = "demotion", _("Demotion or salary step-down")
    REMOVAL = "removal", _("Removal from post")
    DISMISSAL = "dismissal", _("Dismissal")


DISCIPLINE_SEVERITY = {
    DisciplineLevel.ADMINISTRATIVE: 1,
    DisciplineLevel.REPRIMAND: 1,
    DisciplineLevel.WARNING: 2,
    DisciplineLevel.DEMOTION: 3,
    DisciplineLevel.REMOVAL: 4,
    DisciplineLevel.DISMISSAL: 5,
}


def levels_at_or_above(level):
    """The discipline levels at least as severe as ``level``."""
    floor = DISCIPLINE_SEVERITY.get(level, 1)
    return [lvl for lvl, severity in DISCIPLINE_SEVERITY.items() if severity >= floor]


class DisciplineRecord(VersionedModel):
    """A disciplinary measure taken against a member."""

    member = models.ForeignKey(
        "organizations.Member",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="discipline_records",
    )
    level = models.CharField(_("measure"), max_length=20, choices=DisciplineLevel.choices)
    decided_on = models.DateField(_("decided on"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MemberScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("discipline record")
        verbose_name_plural = _("discipline records")
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.member}: {self.get_level_display()} {self.decided_on:%d/%m/%Y}"

    @property
    def org_path(self):
        return self.member.org_path


class InitiativeQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org__path"

    def recognised(self):
        return self.filter(recognized_on__isnull=False)

    def search(self, text):
        key = search_key(text or "")
        return self.filter(search_key__contains=key) if key else self


class Initiative(VersionedModel):
    """An initiative (sáng kiến) of members of a unit, recognised by the unit's council."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    title = models.CharField(pgettext_lazy("initiative", "title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    authors = models.ManyToManyField(
        "organizations.Member", verbose_name=_("authors"), related_name="initiatives"
    )
    applied_from = models.DateField(_("applied from"), null=True, blank=True)
    benefit_value = models.PositiveBigIntegerField(
        _("benefit value (VND)"),
        null=True,
        blank=True,
        help_text=_("What the initiative earns or saves, in đồng."),
    )
    recognized_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_key = models.CharField(max_length=500, editable=False, db_index=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_key = search_key(self.title)
        super().save(*args, **kwargs)

    @property
    def recognised(self):
        return self.recognized_on is not None

    @property
    def reward_bracket(self):
        if self.benefit_value is None:
            return None
        return InitiativeRewardBracket.for_benefit(self.benefit_value)

    @property
    def reward_amount(self):
        """The reward (VND) of the bracket the benefit value falls in, at the base salary in
        force on the recognition date (today while not recognised); ``None`` without a bracket."""
        bracket = self.reward_bracket
        if bracket is None:
            return None
        return bracket.amount_on(self.recognized_on or timezone.localdate())


class InitiativeRewardBracket(models.Model):
    """Reward of an initiative by its benefit value: a fixed amount or a multiple of the base
    salary (one of the two), for benefit values from ``min_benefit`` up to ``max_benefit``."""

    min_benefit = models.PositiveBigIntegerField(_("benefit from (VND)"))
    max_benefit = models.PositiveBigIntegerField(
        _("benefit below (VND)"), null=True, blank=True, help_text=_("Empty: no upper limit.")
    )
    reward_amount = models.PositiveBigIntegerField(_("reward (VND)"), null=True, blank=True)
    reward_coefficient = models.DecimalField(
        _("reward coefficient"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("initiative reward bracket")
        verbose_name_plural = _("initiative reward brackets")
        ordering = ["min_benefit"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reward_amount__isnull=False) | Q(reward_coefficient__isnull=False),
                name="bracket_has_reward",
            )
        ]

    def __str__(self):
        return f"{self.min_benefit} - {self.max_benefit or '∞'}"

    @classmethod
    def for_benefit(cls, value):
        return (
            cls.objects.filter(min_benefit__lte=value)
            .filter(Q(max_benefit__isnull=True) | Q(max_benefit__gt=value))
            .order_by("-min_benefit")
            .first()
        )

    def amount_on(self, date):
        if self.reward_amount is not None:
            return int(self.reward_amount)
        base = base_salary_on(date) or 0
        return round_amount(self.reward_coefficient * base)


class BenefitThreshold(models.Model):
    """Reference thresholds of benefit value for an award (e.g. Bằng Lao động sáng tạo)."""

    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("award type"),
        on_delete=models.CASCADE,
        related_name="benefit_thresholds",
    )
    group = models.CharField(_("group of authors"), max_length=255)
    min_benefit = models.PositiveBigIntegerField(_("minimum benefit (VND)"))
    over_years = models.PositiveSmallIntegerField(
        _("over years"),
        default=1,
        help_text=_("1: from one solution; 3: over 3 consecutive years."),
    )
    effective_from = models.DateField(_("in force from"), default=datetime.date(2014, 1, 1))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("benefit threshold")
        verbose_name_plural = _("benefit thresholds")
        ordering = ["award_type", "order", "id"]

    def __str__(self):
        return f"{self.award_type.code}: {self.group}"
