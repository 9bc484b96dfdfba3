"""Excel exports of the reporting pages (the round list, a round's board)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from thidua.core.list_exports import export_response, export_view
from thidua.reporting import exports
from thidua.reporting.views.rounds import visible_round_or_404

round_export = export_view(exports.ROUNDS)


@login_required
@require_GET
def round_board_export(request, pk):
    round_ = visible_round_or_404(request.user, pk)
    params = {"round": round_.pk, "status": request.GET.get("status", "")}
    return export_response(request, exports.ROUND_BOARD, params)
