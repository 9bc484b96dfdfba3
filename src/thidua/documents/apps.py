from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _sees_documents(user):
    return user.is_authenticated and (user.is_superuser or user.has_role(*user.STAFF_ROLES))


def _manages_signing(user):
    return user.is_authenticated and user.has_perm("documents.manage_signing")


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from thidua.core.navigation import DOCUMENTS, NavItem, register

        register(
            NavItem(
                _("Documents"),
                "documents:document_list",
                icon="folder2-open",
                order=60,
                group=DOCUMENTS,
                visible=_sees_documents,
            ),
            NavItem(
                _("Outgoing register"),
                "documents:register",
                icon="journal-text",
                order=61,
                group=DOCUMENTS,
                visible=lambda user: (
                    user.is_authenticated and user.has_perm("documents.view_register")
                ),
            ),
            NavItem(
                _("Digital signatures"),
                "documents:signing_overview",
                icon="pen",
                order=62,
                group=DOCUMENTS,
                visible=_manages_signing,
            ),
            NavItem(
                _("Document templates"),
                "documents:document_templates:index",
                icon="file-earmark-word",
                order=63,
                group=DOCUMENTS,
                visible=lambda user: (
                    user.is_authenticated and user.has_perm("documents.manage_templates")
                ),
            ),
        )
