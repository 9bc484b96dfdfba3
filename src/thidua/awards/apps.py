from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _signed_in(user):
    return user.is_authenticated and (user.is_superuser or bool(user.role_assignments))


def _records_assessments(user):
    return user.is_authenticated and user.has_perm("awards.record_assessment")


def _imports_history(user):
    return user.is_authenticated and user.has_perm("awards.import_history")


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Award catalogue")

    def ready(self):
        from thidua.core.navigation import EMULATION, NavItem, register

        register(
            NavItem(
                _("Award catalogue"),
                "awards:catalogue",
                icon="trophy",
                order=55,
                group=EMULATION,
                visible=_signed_in,
            ),
            NavItem(
                _("Initiatives"),
                "awards:initiative_list",
                icon="lightbulb",
                order=56,
                group=EMULATION,
                visible=_signed_in,
            ),
            NavItem(
                _("Yearly assessments"),
                "awards:assessments",
                icon="clipboard-check",
                order=57,
                group=EMULATION,
                visible=_records_assessments,
            ),
            NavItem(
                _("Import award history"),
                "awards:history_import",
                icon="upload",
                order=58,
                group=EMULATION,
                visible=_imports_history,
            ),
        )
