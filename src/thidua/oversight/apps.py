from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_staff(user):
    from thidua.accounts.roles import STAFF_ROLES

    return user.is_authenticated and (user.is_superuser or user.has_role(*STAFF_ROLES))


class OversightConfig(AppConfig):
    name = "thidua.oversight"
    label = "oversight"
    verbose_name = _("Inspection and training")

    def ready(self):
        from thidua.core.navigation import EMULATION, ORGANISATION, NavItem, register

        register(
            NavItem(
                _("Inspections"),
                "oversight:inspection_list",
                icon="clipboard-check",
                order=60,
                group=EMULATION,
                visible=_is_staff,
            ),
            NavItem(
                _("Overdue follow-ups"),
                "oversight:board",
                icon="exclamation-triangle",
                order=61,
                group=EMULATION,
                visible=_is_staff,
            ),
            NavItem(
                _("Officers and training"),
                "oversight:officers",
                icon="person-badge",
                order=35,
                group=ORGANISATION,
                visible=_is_staff,
            ),
            NavItem(
                _("Training courses"),
                "oversight:course_list",
                icon="mortarboard",
                order=36,
                group=ORGANISATION,
                visible=_is_staff,
            ),
        )
