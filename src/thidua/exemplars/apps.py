from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_staff(user):
    """Staff of some unit (not only a union member's self-service)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.has_role(*user.STAFF_ROLES)


def _has_any_role(user):
    return user.is_authenticated and (user.is_superuser or bool(user.role_assignments))


class ExemplarsConfig(AppConfig):
    name = "thidua.exemplars"
    label = "exemplars"
    verbose_name = _("Exemplary models")

    def ready(self):
        from thidua.core.navigation import EMULATION, NavItem, register

        register(
            NavItem(
                _("Exemplary models"),
                "exemplars:exemplar_list",
                icon="star",
                order=60,
                group=EMULATION,
                visible=_is_staff,
            ),
            NavItem(
                _("News"),
                "exemplars:news_list",
                icon="newspaper",
                order=62,
                group=EMULATION,
                visible=_has_any_role,
            ),
            NavItem(
                _("Library"),
                "exemplars:library_list",
                icon="book",
                order=64,
                group=EMULATION,
                visible=_has_any_role,
            ),
        )
