"""The dashboard's tables: the issued annual reports (``annual_report.models``) and the
pre-aggregated award statistics of the upper units (``AwardRollup``, kept by ``rollups``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.dashboard.annual_report.models import AnnualReport

__all__ = ["AnnualReport", "AwardRollup"]


class AwardRollup(models.Model):
    """The effective awards of ``year`` held in ``org``'s subtree with the breakdown key ``key``
    of ``dimension``: how many and their amount (see ``dashboard.rollups``)."""

    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    dimension = models.CharField(_("breakdown"), max_length=20)
    key = models.CharField(pgettext_lazy("award rollup", "key"), max_length=255)
    count = models.IntegerField(pgettext_lazy("award rollup", "count"), default=0)
    amount = models.BigIntegerField(_("amount (VND)"), default=0)

    class Meta:
        verbose_name = _("award rollup")
        verbose_name_plural = _("award rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "dimension", "key"], name="award_rollup_unique"
            )
        ]

    def __str__(self):
        return f"{self.org_id} {self.year} {self.dimension}={self.key}: {self.count}"
