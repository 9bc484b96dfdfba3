"""Documents: types, content-addressed files, official documents with their numbers, signing keys.

A ``Document`` belongs to the unit that issued or owns it. Its file is a ``StoredFile``: one row
per distinct content, kept under ``blobs/ab/cd/<sha256>`` in the default storage, never deleted and
never served from a public URL. Numbers follow Decree 30/2020: per issuing unit and calendar year
(per document type when the unit's ``IssuerSettings`` say so), counted in ``NumberCounter`` rows
that only grow.
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
from thidua.core.scoping import OrgScopedQuerySet
from thidua.core.text import search_key


class DocumentType(models.Model):
    """A kind of official document (data): its code and the abbreviation used in the symbol."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=10,
        blank=True,
        help_text=_("Used in the symbol, e.g. QĐ in 12/QĐ-CĐN. Empty for an official letter."),
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(pgettext_lazy("document type", "active"), default=True)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    @property
    def is_letter(self):
        """A công văn: no type abbreviation in its symbol."""
        return not self.abbreviation


class StoredFile(models.Model):
    """One distinct content, addressed by its SHA-256, in the default storage."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=120)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")

    def __str__(self):
        return self.sha256

    @property
    def storage_path(self):
        return blob_path(self.sha256)


def blob_path(sha256):
    """``blobs/ab/cd/<sha256>``: two levels of fan-out keep directories small."""
    return f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    CANCELLED = "cancelled", _("Cancelled")


# The transition table of documents: a number, once given, is never taken back.
DOCUMENT_TRANSITIONS = {
    DocumentStatus.DRAFT: {DocumentStatus.ISSUED, DocumentStatus.CANCELLED},
    DocumentStatus.ISSUED: {DocumentStatus.CANCELLED},
    DocumentStatus.CANCELLED: set(),
}


class Origin(models.TextChoices):
    OWN = "own", _("Issued by the unit")
    RECEIVED = "received", _("Received from another system")


class Retention(models.TextChoices):
    """Retention periods of the archive (Circular 10/2022/TT-BNV classes)."""

    PERMANENT = "permanent", _("Permanent")
    YEARS_20 = "20y", _("20 years")
    YEARS_10 = "10y", _("10 years")
    YEARS_5 = "5y", _("5 years")


class DocumentQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org_path"
    # Union members (the ``member`` role) do not browse the archive.
    read_roles = STAFF_ROLES

    def search(self, text):
        """Documents whose title, number or text contain every word of ``text``.

        Case and diacritics are ignored (``ke hoach`` finds ``Kế hoạch``).
        """
        queryset = self
        for word in search_key(text or "").split()[:10]:
            queryset = queryset.filter(search_key__contains=word)
        return queryset

    def for_record(self, record):
        """Documents linked to ``record`` (a nomination, a decision, a report...)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )

    def register(self, org, year):
        """The outgoing register of ``org`` for ``year``: its numbered documents in number order."""
        return (
            self.filter(org=org, year=year, origin=Origin.OWN, number__isnull=False)
            .select_related("doc_type")
            .order_by("series", "number")
        )


class Document(VersionedModel):
    """An official document of a unit, numbered when issued, with its file and signatures."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    # Copy of org.path: the subtree of a unit is one indexed prefix query.
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("document type"), on_delete=models.PROTECT
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    origin = models.CharField(
        _("origin"), max_length=20, choices=Origin.choices, default=Origin.OWN
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    # The counter series the number was taken from: "" for the unit-wide series, else a type code.
    series = models.CharField(max_length=10, blank=True, editable=False)
    number_symbol = models.CharField(_("number and symbol"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    file = models.ForeignKey(
        StoredFile,
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    search_key = models.TextField(blank=True, editable=False)
    retention = models.CharField(
        _("retention"), max_length=20, choices=Retention.choices, default=Retention.YEARS_10
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    # Summary of the verification of the embedded signatures (PDF only).
    signed = models.BooleanField(_("signed"), default=False)
    signature_intact = models.BooleanField(_("not modified after signing"), null=True)
    signature_trusted = models.BooleanField(_("trusted signer"), null=True)
    signature_signer = models.CharField(_("signed by"), max_length=255, blank=True)
    signature_signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signatures = models.JSONField(_("signatures"), default=list, blank=True)
    cancel_reason = models.TextField(_("reason for cancellation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["org_path"], name="document_org_path", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["content_type", "object_id"], name="document_record"),
            models.Index(fields=["org", "year", "number"], name="document_register"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "series", "number"],
                condition=Q(number__isnull=False),
                name="document_number_unique_in_series",
            )
        ]

    def __str__(self):
        return f"{self.number_symbol} {self.title}".strip() if self.number_symbol else self.title

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        self.search_key = search_key(
            f"{self.number_symbol} {self.title} {self.summary} {self.text}"
        )
        super().save(*args, **kwargs)

    @property
    def signature(self):
        """The API's signature summary."""
        return {
            "signed": self.signed,
            "intact": self.signature_intact,
            "trusted": self.signature_trusted,
            "signer": self.signature_signer or None,
            "signed_at": self.signature_signed_at,
        }

    @property
    def is_pdf(self):
        return self.file is not None and self.file.content_type == "application/pdf"


class NumberCounter(models.Model):
    """The last number given by a unit in a year and series ("" = the unit-wide series)."""

    org = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="number_counters"
    )
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=10, blank=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number counter")
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "series"], name="one_counter_per_series")
        ]

    def __str__(self):
        return f"{self.org_id}/{self.year}/{self.series or '*'}: {self.last_number}"


class SigningCertificate(models.Model):
    """A unit's signing key and certificate (PKCS#12), encrypted at rest (key from SECRET_KEY)."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="signing_certificates",
    )
    name = models.CharField(_("name"), max_length=150)
    subject = models.CharField(_("certificate holder"), max_length=255)
    issuer = models.CharField(pgettext_lazy("certificate", "issued by"), max_length=255)
    serial = models.CharField(_("serial number"), max_length=80)
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64)
    not_valid_before = models.DateTimeField(_("valid from"))
    not_valid_after = models.DateTimeField(_("valid until"))
    pkcs12_encrypted = models.BinaryField(editable=False)
    password_encrypted = models.BinaryField(editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("signing certificate")
        verbose_name_plural = _("signing certificates")
        ordering = ["org__path", "-not_valid_after"]

    def __str__(self):
        return f"{self.name} ({self.subject})"

    @property
    def org_path(self):
        return self.org.path


class IssuerSettings(models.Model):
    """Per-unit settings of issuing: numbering series and the certificate used for signing."""

    org = models.OneToOneField(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="issuer_settings",
    )
    per_type_series = models.BooleanField(
        _("separate number series per document type"),
        default=False,
        help_text=_("Off: one series for all documents of the unit in a year."),
    )
    signing_certificate = models.ForeignKey(
        SigningCertificate,
        verbose_name=_("signing certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("issuing settings")

    def __str__(self):
        return str(self.org)

    @property
    def org_path(self):
        return self.org.path


class TrustAnchor(models.Model):
    """A root certificate whose chains count as trusted when verifying signatures."""

    name = models.CharField(_("name"), max_length=150)
    certificate_pem = models.TextField(_("certificate (PEM)"))
    subject = models.CharField(pgettext_lazy("certificate", "subject"), max_length=255)
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    not_valid_after = models.DateTimeField(_("valid until"))
    active = models.BooleanField(pgettext_lazy("trust anchor", "active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("trust anchor")
        verbose_name_plural = _("trust anchors")
        ordering = ["name"]

    def __str__(self):
        return self.name
