"""Excel export of the council sessions list."""

from thidua.core.list_exports import export_view
from thidua.council import exports

session_export = export_view(exports.SESSIONS)
