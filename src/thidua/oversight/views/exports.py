"""Excel exports of the oversight pages (inspections, overdue board, courses, officers)."""

from thidua.core.list_exports import export_view
from thidua.oversight import exports

inspection_export = export_view(exports.INSPECTIONS)
overdue_export = export_view(exports.OVERDUE)
course_export = export_view(exports.COURSES)
officer_export = export_view(exports.OFFICERS)
