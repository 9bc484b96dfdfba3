from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from thidua.core.navigation import ADMINISTRATION, NavItem, register

        register(
            NavItem(
                _("Failed tasks"),
                "core:task_failures",
                icon="exclamation-triangle",
                order=95,
                group=ADMINISTRATION,
                visible=lambda user: (
                    user.is_authenticated and user.has_perm("core.view_task_failures")
                ),
            )
        )
