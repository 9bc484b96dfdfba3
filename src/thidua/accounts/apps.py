from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = _("Users and roles")

    def ready(self):
        from thidua.core.navigation import ADMINISTRATION, NavItem, register

        register(
            NavItem(
                _("Users"),
                "accounts:user_list",
                icon="person-gear",
                order=80,
                group=ADMINISTRATION,
                visible=lambda user: (
                    user.is_authenticated and user.has_perm("accounts.manage_users")
                ),
            ),
            NavItem(
                _("Audit trail"),
                "core:audit_list",
                icon="clock-history",
                order=90,
                group=ADMINISTRATION,
                visible=lambda user: user.is_authenticated and user.has_perm("core.view_audit"),
            ),
        )
