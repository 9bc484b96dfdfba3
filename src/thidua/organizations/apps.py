from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "thidua.organizations"
    label = "organizations"
    verbose_name = _("Union organisation")

    def ready(self):
        from thidua.core.navigation import ORGANISATION, NavItem, register

        register(
            NavItem(
                _("Units"), "organizations:org_tree", icon="diagram-3", order=10, group=ORGANISATION
            ),
            NavItem(
                _("Members"),
                "organizations:member_list",
                icon="people",
                order=20,
                group=ORGANISATION,
                visible=lambda user: user.is_authenticated and user.sees_member_lists,
            ),
            NavItem(
                _("Emulation officers"),
                "organizations:officer_board",
                icon="person-badge",
                order=30,
                group=ORGANISATION,
                visible=lambda user: user.is_authenticated and user.sees_member_lists,
            ),
        )
