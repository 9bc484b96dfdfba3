from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "thidua.reporting"
    label = "reporting"
    verbose_name = _("Periodic reporting")

    def ready(self):
        from thidua.core import panels
        from thidua.core.navigation import EMULATION, NavItem, register
        from thidua.reporting import panels as reporting_panels
        from thidua.reporting.rules import REPORTER_ROLES
        from thidua.reporting.views.rounds import sees_rounds

        register(
            NavItem(
                _("Reporting rounds"),
                "reporting:round_list",
                icon="clipboard-data",
                order=45,
                group=EMULATION,
                visible=sees_rounds,
            ),
            NavItem(
                _("My reports"),
                "reporting:my_reports",
                icon="journal-check",
                order=46,
                group=EMULATION,
                visible=lambda user: user.is_authenticated and user.has_role(*REPORTER_ROLES),
            ),
        )
        panels.register(reporting_panels.reports_to_send)
        panels.register(reporting_panels.reports_to_review)
