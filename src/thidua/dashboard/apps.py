from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_staff(user):
    from thidua.dashboard.views import may_use

    return user.is_authenticated and may_use(user)


class DashboardConfig(AppConfig):
    name = "thidua.dashboard"
    label = "dashboard"
    verbose_name = _("Indicators and statistics")

    def ready(self):
        from thidua.core.navigation import NavItem, register

        register(
            NavItem(
                _("Dashboard"), "dashboard:index", icon="speedometer2", order=5, visible=_is_staff
            )
        )
