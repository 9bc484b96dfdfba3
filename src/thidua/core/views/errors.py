"""Error pages in the site's layout (404 also answers for records outside the user's reach)."""

import sys

from django.shortcuts import render

from thidua.core import faults


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def forbidden(request, exception=None):
    return render(request, "errors/403.html", status=403)


def server_error(request):
    if faults.is_database_unavailable(sys.exc_info()[1]):
        return faults.unavailable_response(request)
    return render(request, "errors/500.html", status=500)
