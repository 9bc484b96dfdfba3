from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "thidua.reporting"
    label = "reporting"
    verbose_name = _("Periodic reporting")

    def ready(self):
        from thidua.core.navigation import NavItem, register
        from thidua.reporting.rules import REPORTER_ROLES
        from thidua.reporting.views.rounds import sees_rounds

        register(
            NavItem(
                _("Reporting rounds"),
                "reporting:round_list",
                icon="clipboard-data",
                order=60,
                visible=sees_rounds,
            ),
            NavItem(
                _("My reports"),
                "reporting:my_reports",
                icon="journal-check",
                order=61,
                visible=lambda user: user.is_authenticated and user.has_role(*REPORTER_ROLES),
            ),
        )
