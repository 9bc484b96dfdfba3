"""Excel exports of the nomination pages (nominations, quotas, workplace awards)."""

from thidua.core.list_exports import export_view
from thidua.nominations import exports

nomination_export = export_view(exports.NOMINATIONS)
quota_export = export_view(exports.QUOTAS)
workplace_award_export = export_view(exports.WORKPLACE_AWARDS)
