"""The dashboard's only table: the issued annual reports (``annual_report.models``)."""

from thidua.dashboard.annual_report.models import AnnualReport

__all__ = ["AnnualReport"]
