"""The public verification page of a certificate (no login)."""

from django.shortcuts import render

from thidua.decisions import verification


def verify(request, code):
    wait = verification.check_rate(request)
    if wait:
        response = render(request, "decisions/verify_limited.html", status=429)
        response["Retry-After"] = str(wait)
        return response
    certificate = verification.find(code)
    if certificate is None:
        return render(request, "decisions/verify_unknown.html", {"code": code[:40]}, status=404)
    return render(
        request,
        "decisions/verify.html",
        {"facts": verification.public_status(certificate)},
    )
