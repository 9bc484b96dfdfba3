"""Exemplary models (điển hình tiên tiến): found, verified, honoured and replicated; the news and
the curated library that spread them.

An ``Exemplar`` is a member or a collective (a unit) found through an inspection, a field visit,
the media, a writing contest or a unit's proposal. The sector verifies it, then honours it; other
units record that they replicated it (``Replication`` rows: the model's spread over the tree).
An honoured exemplar may be published on the public showcase under the approved public name and
story only. ``NewsItem`` and ``LibraryDocument`` are published by a unit to its subtree.

Visibility (``visible_to``): staff see an exemplar when their reach contains its owner unit or the
nominee's unit; once verified or honoured it is visible to the staff of its whole sector, so that
other units can learn from it and replicate it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.accounts.roles import STAFF_ROLES
from thidua.core.models import VersionedModel
from thidua.core.scoping import OrgScopedQuerySet, subtree_q
from thidua.core.text import search_key
from thidua.organizations.models import OrgKind

STEP = 4  # the length of one level of the tree's materialised path


def ancestor_paths(paths):
    """Every prefix path (the units above, and the units themselves) of ``paths``."""
    return sorted({p[:i] for p in paths for i in range(STEP, len(p) + 1, STEP)})


class ExemplarSource(models.TextChoices):
    INSPECTION = "inspection", _("Inspection and supervision")
    FIELD_VISIT = "field_visit", _("Field visit")
    MEDIA = "media", _("Media report")
    WRITING_CONTEST = "writing_contest", _("Writing contest")
    UNIT_PROPOSAL = "unit_proposal", _("Proposed by a unit")
    COVID_FRONTLINE = "covid_frontline", _("Covid-19 front line")
    OTHER = "other", _("Other")


class ExemplarStatus(models.TextChoices):
    FOUND = "found", _("Found")
    VERIFIED = "verified", _("Verified")
    HONORED = "honored", _("Honoured")


EXEMPLAR_TRANSITIONS = {
    ExemplarStatus.FOUND: {ExemplarStatus.VERIFIED},
    ExemplarStatus.VERIFIED: {ExemplarStatus.HONORED},
    ExemplarStatus.HONORED: set(),
}
# States in which the whole sector sees an exemplar and its units may replicate it.
SHARED_STATES = (ExemplarStatus.VERIFIED, ExemplarStatus.HONORED)


class HonorHow(models.TextChoices):
    CEREMONY = "ceremony", _("Ceremony")
    NEWS = "news", _("News and media")
    AWARD = "award", pgettext_lazy("honour", "Award")
    OTHER = "other", _("Other")


def sector_path_of(org):
    """The path of the sector union that ``org`` belongs to (or of the highest unit above it)."""
    if org.kind in (OrgKind.SECTOR_UNION, OrgKind.FEDERATION, OrgKind.CONFEDERATION):
        return org.path
    unit = org
    while unit.parent_id is not None:
        unit = unit.parent
        if unit.kind == OrgKind.SECTOR_UNION:
            return unit.path
    return org.path[: STEP * 2] if len(org.path) > STEP else org.path


class ExemplarQuerySet(OrgScopedQuerySet):
    org_path_lookup = "owner_path"
    read_roles = STAFF_ROLES

    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        paths = user.reach_paths(STAFF_ROLES)
        if not paths:
            return self.none()
        own = subtree_q("owner_path", paths) | subtree_q("nominee_path", paths)
        shared = Q(status__in=SHARED_STATES, sector_path__in=ancestor_paths(paths))
        return self.filter(own | shared)

    def search(self, text):
        queryset = self
        for word in search_key(text or "").split()[:10]:
            queryset = queryset.filter(search_key__contains=word)
        return queryset

    def published(self):
        """Honoured exemplars published on the public showcase."""
        return self.filter(status=ExemplarStatus.HONORED, publish=True)


class Exemplar(VersionedModel):
    """An exemplary member or collective, from its finding to its honour."""

    owner_org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("recording unit"),
        on_delete=models.PROTECT,
        related_name="exemplars_recorded",
    )
    member = models.ForeignKey(
        "organizations.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplars",
    )
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplars",
    )
    # Copies of the tree paths (owner, nominee's unit, sector) for indexed visibility queries.
    owner_path = models.CharField(max_length=255, editable=False)
    nominee_path = models.CharField(max_length=255, editable=False)
    sector_path = models.CharField(max_length=255, editable=False)
    source = models.CharField(_("source"), max_length=20, choices=ExemplarSource.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    story = models.TextField(_("story"))
    achievements = models.TextField(_("achievements"), blank=True)
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplars",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ExemplarStatus.choices,
        default=ExemplarStatus.FOUND,
        db_index=True,
    )
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("found by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The inspection (or other record) that found the exemplar, without depending on its app.
    inspection_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    inspection_id = models.PositiveBigIntegerField(null=True, blank=True)
    inspection = GenericForeignKey("inspection_type", "inspection_id")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    honored_on = models.DateField(_("honoured on"), null=True, blank=True)
    how = models.CharField(_("honoured by"), max_length=20, choices=HonorHow.choices, blank=True)
    honor_note = models.TextField(_("honour details"), blank=True)
    award_reference = models.CharField(
        _("award or decision reference"),
        max_length=200,
        blank=True,
        help_text=_("For example the number of the decision that awarded it."),
    )
    publish = models.BooleanField(_("published on the public showcase"), default=False)
    public_name = models.CharField(_("public name"), max_length=200, blank=True)
    public_story = models.TextField(_("public story"), blank=True)
    public_photos = models.ManyToManyField(
        "documents.Document", verbose_name=_("public photos"), blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    search_key = models.TextField(blank=True, editable=False)

    objects = ExemplarQuerySet.as_manager()

    class Meta:
        verbose_name = _("exemplary model")
        verbose_name_plural = _("exemplary models")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["owner_path"], name="exemplar_owner_path", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(
                fields=["nominee_path"],
                name="exemplar_nominee_path",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["sector_path", "status"], name="exemplar_sector_status"),
            models.Index(fields=["inspection_type", "inspection_id"], name="exemplar_inspection"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(member__isnull=False) & Q(org__isnull=True))
                | (Q(member__isnull=True) & Q(org__isnull=False)),
                name="exemplar_member_or_collective",
            )
        ]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        self.owner_path = self.owner_org.path
        self.nominee_path = self.nominee_unit.path
        self.sector_path = sector_path_of(self.owner_org)
        self.search_key = search_key(f"{self.title} {self.nominee_name} {self.story}")
        super().save(*args, **kwargs)

    @property
    def nominee_name(self):
        return self.member.full_name if self.member_id else self.org.name

    @property
    def nominee_unit(self):
        """The unit of the exemplar: the member's unit, or the collective itself."""
        return self.member.org if self.member_id else self.org

    @property
    def is_collective(self):
        return self.member_id is None

    @property
    def display_title(self):
        return self.title or self.nominee_name

    @property
    def is_shared(self):
        return self.status in SHARED_STATES

    @property
    def is_public(self):
        return self.publish and self.status == ExemplarStatus.HONORED


class ReplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(exemplar__in=Exemplar.objects.visible_to(user))


class Replication(VersionedModel):
    """A unit adopted an exemplary model (nhân rộng): when, how, with what result."""

    exemplar = models.ForeignKey(
        Exemplar,
        verbose_name=_("exemplary model"),
        on_delete=models.CASCADE,
        related_name="replications",
    )
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("adopting unit"),
        on_delete=models.PROTECT,
        related_name="exemplar_replications",
    )
    adopted_on = models.DateField(_("adopted on"))
    how = models.TextField(_("how it was replicated"), blank=True)
    note = models.TextField(_("result"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        ordering = ["org__path", "id"]
        constraints = [
            models.UniqueConstraint(fields=["exemplar", "org"], name="one_replication_per_unit")
        ]

    def __str__(self):
        return f"{self.exemplar} — {self.org}"


class PublishedQuerySet(models.QuerySet):
    """Records a unit publishes to its subtree: seen above it (reach) and inside it (audience)."""

    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        paths = user.reach_paths()
        if not paths:
            return self.none()
        return self.filter(subtree_q("org_path", paths) | Q(org_path__in=ancestor_paths(paths)))

    def search(self, text):
        queryset = self
        for word in search_key(text or "").split()[:10]:
            queryset = queryset.filter(search_key__contains=word)
        return queryset


class NewsItem(VersionedModel):
    """A news item of a unit for its subtree, optionally about an exemplar or a movement."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("publishing unit"),
        on_delete=models.PROTECT,
        related_name="news_items",
    )
    org_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published at"), db_index=True)
    exemplar = models.ForeignKey(
        Exemplar,
        verbose_name=_("exemplary model"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_key = models.TextField(blank=True, editable=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["org_path"], name="news_org_path", opclasses=["varchar_pattern_ops"]
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        self.search_key = search_key(f"{self.title} {self.body}")
        super().save(*args, **kwargs)


class LibraryCategory(models.TextChoices):
    LAW = "law", _("Law")
    DECREE = "decree", _("Decree or circular")
    CONFEDERATION_RULE = "confederation_rule", _("Rule of the Confederation")
    SECTOR_PLAN = "sector_plan", _("Plan of the sector union")
    GUIDANCE = "guidance", _("Guidance")
    OTHER = "other", _("Other")


class LibraryDocument(VersionedModel):
    """An entry of the curated library: a law, decree, rule, plan or guidance for the subtree."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("publishing unit"),
        on_delete=models.PROTECT,
        related_name="library_documents",
    )
    org_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("title"), max_length=500)
    category = models.CharField(_("category"), max_length=30, choices=LibraryCategory.choices)
    reference_number = models.CharField(
        _("number and symbol"),
        max_length=100,
        blank=True,
        help_text=_("For example 06/2022/QH15."),
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_key = models.TextField(blank=True, editable=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("library document")
        verbose_name_plural = _("library")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(
                fields=["org_path"], name="library_org_path", opclasses=["varchar_pattern_ops"]
            )
        ]

    def __str__(self):
        return f"{self.reference_number} {self.title}".strip()

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        self.search_key = search_key(
            f"{self.reference_number} {self.title} {self.issuer} {self.summary}"
        )
        super().save(*args, **kwargs)
