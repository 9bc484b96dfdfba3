"""Commendation decisions (quyết định khen thưởng, QĐ), their items, the certificates (Giấy khen)
printed for each item, and revocations (thu hồi, law chapter VII).

A ``Decision`` is issued by one unit on one date and numbered through ``documents`` (its
``document`` is the QĐ, ``number_symbol`` a copy of its ``12/QĐ-CĐN``). Each ``DecisionItem`` gives
one award to one approved nomination's nominee, with the amount computed at the base salary in
force on the signing date. A ``Certificate`` carries a random, URL-safe verification ``code`` that
the public page ``/verify/<code>/`` reads. A ``Revocation`` withdraws one item's award.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.accounts.roles import STAFF_ROLES
from thidua.core.models import VersionedModel
from thidua.core.scoping import OrgScopedQuerySet, subtree_q

# 15 random bytes: 120 bits, 20 URL-safe characters.
CODE_BYTES = 15


def new_certificate_code():
    return secrets.token_urlsafe(CODE_BYTES)


class DecisionStatus(models.TextChoices):
    ISSUED = "issued", _("Issued")
    PARTIALLY_REVOKED = "partially_revoked", _("Partially revoked")
    REVOKED = "revoked", _("Revoked")


class RevocationReason(models.TextChoices):
    FALSE_DECLARATION = "false_declaration", _("False declaration of achievements")
    FORGED_DOSSIER = "forged_dossier", _("Forged dossier")
    UNLAWFUL_APPRAISAL = "unlawful_appraisal", _("Unlawful appraisal or proposal")
    LATER_DISCIPLINE = "later_discipline", _("Discipline found later")
    OTHER = "other", _("Other reason")


class DecisionQuerySet(OrgScopedQuerySet):
    """Staff see the decisions of their reach and those that award someone in their reach."""

    org_path_lookup = "org__path"
    read_roles = STAFF_ROLES

    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        paths = user.reach_paths(STAFF_ROLES)
        concerning = DecisionItem.objects.filter(subtree_q("holder_org__path", paths))
        return self.filter(
            subtree_q("org__path", paths) | Q(pk__in=concerning.values("decision_id"))
        )


class Decision(VersionedModel):
    """A numbered, signed commendation decision of one unit."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("decision document"),
        on_delete=models.PROTECT,
        related_name="decision",
    )
    number_symbol = models.CharField(_("number and symbol"), max_length=60)
    signed_on = models.DateField(_("signed on"), db_index=True)
    signer_name = models.CharField(_("signer"), max_length=150)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    subject = models.CharField(_("subject"), max_length=500)
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.ISSUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-signed_on", "-id"]

    def __str__(self):
        return f"{self.number_symbol} ({self.signed_on:%d/%m/%Y})"

    @property
    def org_path(self):
        return self.org.path

    @property
    def total_amount(self):
        return sum(item.amount for item in self.items.all())


class DecisionItem(models.Model):
    """One award of a decision: to a member or to a collective, with its amount."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"), default=0)
    nomination = models.OneToOneField(
        "nominations.Nomination",
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="decision_item",
    )
    award_type = models.ForeignKey(
        "awards.AwardType", verbose_name=_("award type"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        "organizations.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_items",
    )
    collective = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collective_decision_items",
    )
    # The unit of the holder (the member's unit, or the collective itself): scoping and notices.
    holder_org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="held_decision_items",
    )
    recipient_name = models.CharField(_("recipient"), max_length=255)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    amount_in_words = models.CharField(_("amount in words"), max_length=500)
    award_record = models.OneToOneField(
        "awards.AwardRecord",
        verbose_name=_("award record"),
        on_delete=models.PROTECT,
        related_name="decision_item",
    )

    class Meta:
        verbose_name = _("decision item")
        verbose_name_plural = _("decision items")
        ordering = ["decision_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, collective__isnull=True)
                | Q(member__isnull=True, collective__isnull=False),
                name="decision_item_one_recipient",
            )
        ]

    def __str__(self):
        return f"{self.recipient_name} — {self.award_type.code}"

    @property
    def org_path(self):
        return self.holder_org.path

    @property
    def revoked(self):
        return hasattr(self, "revocation")


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see the certificates of decisions they see; a member sees their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        decisions = Decision.objects.visible_to(user).values("pk")
        return self.filter(Q(item__decision__in=decisions) | Q(item__member__user=user))


class Certificate(models.Model):
    """The Giấy khen of one decision item; ``code`` is its public verification code."""

    item = models.OneToOneField(DecisionItem, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(
        _("verification code"), max_length=40, unique=True, default=new_certificate_code
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["item__decision_id", "item__position", "id"]

    def __str__(self):
        return self.code

    @property
    def verification_path(self):
        return f"/verify/{self.code}/"

    @property
    def verification_url(self):
        return f"{settings.SITE_URL.rstrip('/')}{self.verification_path}"


class Revocation(models.Model):
    """The withdrawal of one item's award by a revocation decision (append-only)."""

    item = models.OneToOneField(DecisionItem, on_delete=models.PROTECT, related_name="revocation")
    reason = models.CharField(_("reason"), max_length=30, choices=RevocationReason.choices)
    detail = models.TextField(_("details"), blank=True)
    revocation_number = models.CharField(_("revocation decision number"), max_length=60)
    revoked_on = models.DateField(_("revocation decided on"))
    amount_recovered = models.PositiveBigIntegerField(
        _("amount recovered (VND)"), null=True, blank=True
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")
        ordering = ["-revoked_on", "-id"]

    def __str__(self):
        return f"{self.revocation_number}: {self.item}"

    @property
    def org_path(self):
        return self.item.holder_org.path

    @property
    def reason_text(self):
        """The reason as shown publicly: its label, and the detail when given."""
        label = str(self.get_reason_display())
        return f"{label}: {self.detail}" if self.detail else label
