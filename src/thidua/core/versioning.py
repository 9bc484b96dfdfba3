"""Optimistic concurrency: a write that carries a stale ``version`` is refused with 409."""

from thidua.core.exceptions import StaleVersion


def lock_for_update(instance):
    """Re-read ``instance`` with a row lock inside the current transaction."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def check_version(current, expected):
    """Raise ``StaleVersion`` when the client's ``expected`` version is not the stored one."""
    if expected is not None and int(expected) != current.version:
        raise StaleVersion()


def bump(instance):
    instance.version = (instance.version or 0) + 1
