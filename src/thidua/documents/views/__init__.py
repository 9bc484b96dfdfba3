"""The archive pages: documents, the outgoing register and the signing set-up."""

from django.utils.translation import gettext as _

from thidua.core.exceptions import DomainError, InvalidInput


def show_errors(form, exc: DomainError):
    """Put a service's refusal on ``form``: field errors where they belong, the rest on top."""
    placed = False
    for error in exc.errors:
        field = error.get("field")
        if field in form.fields:
            form.add_error(field, str(error.get("message", "")))
            placed = True
    if not placed or not exc.errors:
        form.add_error(None, str(exc.detail))


def form_refusal(form):
    """An ``InvalidInput`` carrying the errors of an invalid form (for actions without a page)."""
    errors = [
        {"field": field, "message": message}
        for field, field_errors in form.errors.items()
        for message in field_errors
    ]
    return InvalidInput(_("Some fields are invalid."), errors=errors)
