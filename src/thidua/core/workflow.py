"""Explicit workflows: a transition table per stateful model and one function to apply it."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.exceptions import InvalidTransition
from thidua.core.models import AuditEntry, Transition


def transition(instance, to_state, *, by, allowed, comment="", field="status"):
    """Move ``instance`` to ``to_state`` if ``allowed[from_state]`` permits it.

    Saves the record with a bumped version, appends a ``Transition`` row and an audit entry, all in
    one transaction. Refuses any other move with ``InvalidTransition`` (409). The caller checks
    permissions and guards first.
    """
    from_state = getattr(instance, field)
    if to_state not in allowed.get(from_state, ()):
        raise InvalidTransition(
            _("Cannot go from “%(from)s” to “%(to)s”.")
            % {"from": instance.get_status_display(), "to": to_state}
        )
    with transaction.atomic():
        setattr(instance, field, to_state)
        instance.version = (instance.version or 0) + 1
        instance.save()
        Transition.objects.create(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=str(instance.pk),
            from_state=from_state,
            to_state=to_state,
            actor=by if getattr(by, "pk", None) else None,
            comment=comment,
        )
        audit.record(
            by,
            AuditEntry.Action.TRANSITION,
            instance,
            before={field: from_state},
            after={field: to_state},
            comment=comment,
        )
    return instance


def transitions_of(instance):
    return Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("actor")
