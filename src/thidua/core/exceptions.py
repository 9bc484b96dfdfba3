"""Domain errors raised by services; the pages and the API turn them into answers.

Each carries the HTTP status of the API contract (``API.md``) and a Vietnamese message.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A request that the rules refuse. Subclasses set the status and title."""

    status = 422
    title = _("The request breaks a rule")

    def __init__(self, detail="", *, reasons=None, errors=None):
        super().__init__(str(detail))
        self.detail = detail or self.title
        self.reasons = list(reasons or [])
        self.errors = list(errors or [])


class Forbidden(DomainError):
    status = 403
    title = _("You are not allowed to do this")


class NotFound(DomainError):
    status = 404
    title = _("Not found")


class Conflict(DomainError):
    status = 409
    title = _("Conflict")


class StaleVersion(Conflict):
    title = _("The record was changed by someone else")

    def __init__(self, detail="", **kwargs):
        super().__init__(
            detail or _("The record was changed by someone else; reload it and try again."),
            **kwargs,
        )


class InvalidTransition(Conflict):
    title = _("Not possible in the current state")


class RuleViolation(DomainError):
    status = 422
    title = _("The request breaks a rule")


class InvalidInput(DomainError):
    """Well-formed input with invalid values; ``errors`` lists ``{"field", "message"}``."""

    status = 422
    title = _("Invalid data")

    @classmethod
    def from_django(cls, exc, detail=""):
        """Build from a Django ``ValidationError``."""
        errors = []
        if hasattr(exc, "error_dict"):
            for field, field_errors in exc.error_dict.items():
                for error in field_errors:
                    for message in error.messages:
                        errors.append({"field": field, "message": message})
        else:
            errors = [{"field": "__all__", "message": message} for message in exc.messages]
        return cls(detail or _("Some fields are invalid."), errors=errors)
