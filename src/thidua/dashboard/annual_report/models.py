"""An issued annual report: its BC document, both renderings and the officer's directions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import OrgScopedQuerySet


class AnnualReportQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org__path"


class AnnualReport(models.Model):
    """The annual report of ``org`` for ``year``; ``document`` is the numbered BC (its file is
    the PDF), ``docx_file`` and ``pdf_file`` the two renderings."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    directions = models.TextField(_("directions for next year"))
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="annual_report",
    )
    docx_file = models.ForeignKey(
        "documents.StoredFile", on_delete=models.PROTECT, related_name="+"
    )
    pdf_file = models.ForeignKey("documents.StoredFile", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.document.number_symbol} ({self.year})"
