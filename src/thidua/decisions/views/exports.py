"""Excel exports of the decision pages (the list, a decision's recipients)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from thidua.core.list_exports import export_response, export_view
from thidua.decisions import exports
from thidua.decisions.views.decisions import visible_decision_or_404

decision_export = export_view(exports.DECISIONS)


@login_required
@require_GET
def recipient_export(request, pk):
    decision = visible_decision_or_404(request.user, pk)
    return export_response(request, exports.RECIPIENTS, {"decision": decision.pk})
