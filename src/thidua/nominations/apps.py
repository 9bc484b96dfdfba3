from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sees_nominations(user):
    from thidua.accounts.roles import STAFF_ROLES

    return user.is_authenticated and (user.is_superuser or user.has_role(*STAFF_ROLES))


def _appraises(user):
    from thidua.nominations.rules import APPRAISER_ROLES

    return user.is_authenticated and (user.is_superuser or user.has_role(*APPRAISER_ROLES))


def _records_workplace_awards(user):
    from thidua.nominations.rules import SECTOR_ROLES, UNIT_ROLES

    return user.is_authenticated and (
        user.is_superuser or user.has_role(*UNIT_ROLES, *SECTOR_ROLES)
    )


class NominationsConfig(AppConfig):
    name = "thidua.nominations"
    label = "nominations"
    verbose_name = _("Nominations")

    def ready(self):
        from thidua.awards.eligibility import (
            register_pending_awards_provider,
            register_pending_count_provider,
        )
        from thidua.core.navigation import EMULATION, NavItem, register
        from thidua.nominations import providers

        register_pending_awards_provider(providers.pending_awards)
        register_pending_count_provider(providers.pending_count)
        register(
            NavItem(
                _("Nominations"),
                "nominations:nomination_list",
                icon="award",
                order=50,
                group=EMULATION,
                visible=_sees_nominations,
            ),
            NavItem(
                _("Appraisal board"),
                "nominations:board",
                icon="table",
                order=51,
                group=EMULATION,
                visible=_sees_nominations,
            ),
            NavItem(
                _("Quotas"),
                "nominations:quota_list",
                icon="pie-chart",
                order=52,
                group=EMULATION,
                visible=_sees_nominations,
            ),
            NavItem(
                _("Workplace awards"),
                "nominations:workplace_award_list",
                icon="star",
                order=53,
                group=EMULATION,
                visible=_records_workplace_awards,
            ),
        )
