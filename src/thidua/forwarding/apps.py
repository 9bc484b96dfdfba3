from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _follows_upper_levels(user):
    """Staff and viewers follow the forwarded nominations of their reach (not plain members)."""
    from thidua.accounts.roles import STAFF_ROLES

    return user.is_authenticated and (user.is_superuser or user.has_role(*STAFF_ROLES))


def _forwards(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("forwarding.forward"))


class ForwardingConfig(AppConfig):
    name = "thidua.forwarding"
    label = "forwarding"
    verbose_name = _("Upper levels")

    def ready(self):
        from thidua.core.navigation import EMULATION, NavItem, register

        register(
            NavItem(
                _("Forward to the upper level"),
                "forwarding:forward",
                icon="send",
                order=75,
                group=EMULATION,
                visible=_forwards,
            ),
            NavItem(
                _("Nominations at the upper levels"),
                "forwarding:follow",
                icon="eye",
                order=76,
                group=EMULATION,
                visible=_follows_upper_levels,
            ),
        )
