from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _has_any_role(user):
    return user.is_authenticated and (user.is_superuser or bool(user.role_assignments))


def _resolves(user):
    from thidua.council.views import sees_feedback

    return sees_feedback(user)


def _sees_council(user):
    from thidua.accounts.roles import Role
    from thidua.council.rules import SECRETARY_ROLES

    return user.is_authenticated and (
        user.is_superuser or user.has_role(*SECRETARY_ROLES, Role.COUNCIL_MEMBER)
    )


class CouncilConfig(AppConfig):
    name = "thidua.council"
    label = "council"
    verbose_name = _("Council and public notice")

    def ready(self):
        from thidua.core import panels
        from thidua.core.navigation import EMULATION, NavItem, register
        from thidua.council import panels as council_panels

        register(
            NavItem(
                _("Public notice"),
                "council:notice_list",
                icon="megaphone",
                order=55,
                group=EMULATION,
                visible=_has_any_role,
            ),
            NavItem(
                _("Feedback to resolve"),
                "council:feedback_list",
                icon="chat-left-text",
                order=56,
                group=EMULATION,
                visible=_resolves,
            ),
            NavItem(
                _("Council sessions"),
                "council:session_list",
                icon="people",
                order=57,
                group=EMULATION,
                visible=_sees_council,
            ),
            NavItem(
                _("Council members"),
                "council:member_list",
                icon="person-badge",
                order=58,
                group=EMULATION,
                visible=_sees_council,
            ),
        )
        panels.register(council_panels.feedback_to_resolve)
        panels.register(council_panels.council_sessions)
