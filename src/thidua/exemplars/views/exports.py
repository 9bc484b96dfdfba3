"""Excel export of the exemplary models list."""

from thidua.core.list_exports import export_view
from thidua.exemplars import exports

exemplar_export = export_view(exports.EXEMPLARS)
