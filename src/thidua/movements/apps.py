from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sees_movements(user):
    return user.is_authenticated and (user.is_superuser or bool(user.role_assignments))


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    label = "movements"
    verbose_name = _("Emulation movements")

    def ready(self):
        from thidua.core import panels
        from thidua.core.navigation import EMULATION, NavItem, register
        from thidua.movements import panels as movements_panels

        register(
            NavItem(
                _("Movements"),
                "movements:movement_list",
                icon="flag",
                order=40,
                group=EMULATION,
                visible=_sees_movements,
            )
        )
        panels.register(movements_panels.plans_to_send)
        panels.register(movements_panels.plans_to_review)
