"""Excel exports of the forwarded nominations and of the forwarded batches."""

from thidua.core.list_exports import export_view
from thidua.forwarding import exports

batch_export = export_view(exports.BATCHES)
follow_export = export_view(exports.FORWARDED)
