from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sees_decisions(user):
    from thidua.accounts.roles import STAFF_ROLES

    return user.is_authenticated and (user.is_superuser or user.has_role(*STAFF_ROLES))


def _is_member(user):
    return user.is_authenticated and getattr(user, "member", None) is not None


class DecisionsConfig(AppConfig):
    name = "thidua.decisions"
    label = "decisions"
    verbose_name = _("Decisions and certificates")

    def ready(self):
        from thidua.core import panels
        from thidua.core.navigation import EMULATION, NavItem, register
        from thidua.decisions import panels as decision_panels

        register(
            NavItem(
                _("Decisions"),
                "decisions:decision_list",
                icon="file-earmark-check",
                order=56,
                group=EMULATION,
                visible=_sees_decisions,
            ),
            NavItem(
                _("My awards"),
                "decisions:my_awards",
                icon="trophy",
                order=57,
                group=EMULATION,
                visible=_is_member,
            ),
        )
        panels.register(decision_panels.awaiting_decision)
        panels.register(decision_panels.my_awards)
