"""Excel export of the audit trail."""

from thidua.core import exports
from thidua.core.list_exports import export_view

audit_export = export_view(exports.AUDIT)
