from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sees_movements(user):
    return user.is_authenticated and (user.is_superuser or bool(user.role_assignments))


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    label = "movements"
    verbose_name = _("Emulation movements")

    def ready(self):
        from thidua.core.navigation import NavItem, register

        register(
            NavItem(
                _("Movements"),
                "movements:movement_list",
                icon="flag",
                order=40,
                visible=_sees_movements,
            )
        )
