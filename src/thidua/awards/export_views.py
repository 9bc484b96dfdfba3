"""Excel exports of the initiative list and of the yearly assessments page."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from thidua.awards import exports
from thidua.awards.views import _unit_in_reach
from thidua.core.list_exports import export_response, export_view

initiative_export = export_view(exports.INITIATIVES)


@login_required
@require_GET
def assessment_export(request):
    """The members of the chosen unit (as on the page: 403 without any unit, 404 for a unit out
    of reach) with their assessment of the year."""
    _units, org = _unit_in_reach(request, exports.ASSESSMENT_PERM)
    params = {
        "org": org.pk,
        "year": exports.assessment_year(request.GET),
        "q": request.GET.get("q", ""),
    }
    return export_response(request, exports.ASSESSMENTS, params)
