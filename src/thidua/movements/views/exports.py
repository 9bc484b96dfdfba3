"""Excel exports of the movement pages (the list, a movement's plan board)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from thidua.core.list_exports import export_response, export_view
from thidua.movements import exports
from thidua.movements.views.movements import visible_movement_or_404

movement_export = export_view(exports.MOVEMENTS)


@login_required
@require_GET
def plan_board_export(request, pk):
    movement = visible_movement_or_404(request.user, pk)
    return export_response(request, exports.PLAN_BOARD, {"movement": movement.pk})
