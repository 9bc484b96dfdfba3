"""Forwarding nominations to the upper levels, and receiving them there.

A ``ForwardingBatch`` is one round in which the sector union (``org``) sends approved nominations
for awards issued by an upper level (the provincial federation, the Confederation or the State)
to the unit whose award it is (``upper_org``, or ``upper_body`` for a State body). The batch holds
its submission (tờ trình, TTr) listing every nomination of the round, and the dossier package (a
ZIP another thidua installation imports). ``ForwardedNomination`` links a nomination to its batch
and keeps what the upper level answered.

At the upper level, ``IncomingBatch`` and ``IncomingNomination`` record an imported package: the
nominees' data from its ``nominations.json`` and the documents recreated from its manifest.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.accounts.roles import STAFF_ROLES
from thidua.awards.models import IssuingLevel
from thidua.core.models import VersionedModel
from thidua.core.scoping import OrgScopedQuerySet

UPPER_LEVEL_CHOICES = [
    (IssuingLevel.FEDERATION.value, IssuingLevel.FEDERATION.label),
    (IssuingLevel.CONFEDERATION.value, IssuingLevel.CONFEDERATION.label),
    (IssuingLevel.STATE.value, IssuingLevel.STATE.label),
]


class UpperResult(models.TextChoices):
    PENDING = "pending", _("Awaiting the upper level")
    APPROVED = "approved", _("Approved by the upper level")
    REJECTED = "rejected", _("Rejected by the upper level")


class ForwardingBatchQuerySet(OrgScopedQuerySet):
    """A batch is read by the staff of the forwarding unit and of the levels above it."""

    org_path_lookup = "org_path"
    read_roles = STAFF_ROLES


class ForwardingBatch(VersionedModel):
    """One round of nominations sent to an upper level, with its TTr and its dossier package."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("forwarding unit"),
        on_delete=models.PROTECT,
        related_name="forwarding_batches",
    )
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    upper_org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("upper level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incoming_forwarding_batches",
    )
    upper_body = models.CharField(_("upper body"), max_length=255)
    level = models.CharField(_("award level"), max_length=20, choices=UPPER_LEVEL_CHOICES)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)
    submission_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("submission document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    package_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("dossier package"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ForwardingBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("forwarding batch")
        verbose_name_plural = _("forwarding batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        super().save(*args, **kwargs)


class ForwardedNominationQuerySet(OrgScopedQuerySet):
    """Read like the nomination: staff of the proposing unit and of the levels above it."""

    org_path_lookup = "nomination__org_path"
    read_roles = STAFF_ROLES


class ForwardedNomination(models.Model):
    """A nomination sent in a batch, and the upper level's answer once it is recorded."""

    batch = models.ForeignKey(
        ForwardingBatch, on_delete=models.CASCADE, related_name="items", verbose_name=_("batch")
    )
    nomination = models.OneToOneField(
        "nominations.Nomination",
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="forwarding",
    )
    upper_result = models.CharField(
        _("upper level's result"),
        max_length=10,
        choices=UpperResult.choices,
        default=UpperResult.PENDING,
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    award_record = models.ForeignKey(
        "awards.AwardRecord",
        verbose_name=_("award record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    objects = ForwardedNominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("forwarded nomination")
        verbose_name_plural = _("forwarded nominations")
        ordering = ["batch_id", "id"]

    def __str__(self):
        return f"{self.nomination} → {self.batch}"


class IncomingBatchQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org_path"
    read_roles = STAFF_ROLES


class IncomingBatch(models.Model):
    """A dossier package received from a lower level and imported at ``org``."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("receiving unit"),
        on_delete=models.PROTECT,
        related_name="incoming_batches",
    )
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    from_org_code = models.CharField(_("code of the sending unit"), max_length=30, blank=True)
    from_org_name = models.CharField(_("sending unit"), max_length=255)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)
    level = models.CharField(_("award level"), max_length=20, choices=UPPER_LEVEL_CHOICES)
    year = models.PositiveSmallIntegerField(_("year"))
    submission_number = models.CharField(_("submission number"), max_length=60, blank=True)
    package_sha256 = models.CharField(_("SHA-256 of the package"), max_length=64)
    generated_at = models.CharField(_("package generated at"), max_length=40, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    objects = IncomingBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("incoming batch")
        verbose_name_plural = _("incoming batches")
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "package_sha256"], name="incoming_package_once_per_unit"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        super().save(*args, **kwargs)


class IncomingNomination(models.Model):
    """One nominee of an imported package, as the sending unit described them."""

    batch = models.ForeignKey(
        IncomingBatch, on_delete=models.CASCADE, related_name="items", verbose_name=_("batch")
    )
    source_id = models.PositiveBigIntegerField(_("id at the sending unit"))
    collective = models.BooleanField(_("collective"), default=False)
    full_name = models.CharField(pgettext_lazy("person", "name"), max_length=255)
    gender = models.CharField(_("gender"), max_length=10, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    award_type_code = models.CharField(_("award type code"), max_length=30)
    award_type_name = models.CharField(_("award type"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    achievements = models.TextField(_("achievements"), blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, default=0)
    is_direct_worker = models.BooleanField(_("direct worker"), default=False)
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("documents"), related_name="+", blank=True
    )

    class Meta:
        verbose_name = _("incoming nomination")
        verbose_name_plural = _("incoming nominations")
        ordering = ["batch_id", "id"]

    def __str__(self):
        return f"{self.full_name} — {self.award_type_code} {self.year}"
