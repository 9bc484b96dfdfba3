from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_staff(user):
    from thidua.dashboard.views import may_use

    return user.is_authenticated and may_use(user)


def _subtree_changing(sender, org, **kwargs):
    from thidua.dashboard import rollups

    rollups.subtree_changing(org)


def _subtree_changed(sender, org, **kwargs):
    from thidua.dashboard import rollups

    rollups.subtree_changed(org)


class DashboardConfig(AppConfig):
    name = "thidua.dashboard"
    label = "dashboard"
    verbose_name = _("Indicators and statistics")

    def ready(self):
        from thidua.awards.models import HISTORY_LISTENERS
        from thidua.core.navigation import NavItem, register
        from thidua.dashboard import rollups
        from thidua.organizations.signals import subtree_changed, subtree_changing

        # The upper units' pre-aggregated award statistics follow every change of the history.
        if rollups.listener not in HISTORY_LISTENERS:
            HISTORY_LISTENERS.append(rollups.listener)
        subtree_changing.connect(_subtree_changing, dispatch_uid="award_rollups_changing")
        subtree_changed.connect(_subtree_changed, dispatch_uid="award_rollups_changed")

        register(
            NavItem(
                _("Dashboard"), "dashboard:index", icon="speedometer2", order=5, visible=_is_staff
            )
        )
