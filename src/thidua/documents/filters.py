"""Filters of documents, declared once: the archive page, the register and the API use them."""

import django_filters
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import InvalidInput
from thidua.documents.models import Document, DocumentStatus, DocumentType
from thidua.organizations.models import OrgUnit


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    org = django_filters.NumberFilter(method="filter_org", label=_("Unit (with its sub-units)"))
    year = django_filters.NumberFilter(label=_("Year"))
    doc_type = django_filters.ModelChoiceFilter(
        queryset=DocumentType.objects.filter(active=True), label=_("Document type")
    )
    status = django_filters.ChoiceFilter(choices=DocumentStatus.choices, label=_("Status"))
    number = django_filters.NumberFilter(label=_("Number"))

    class Meta:
        model = Document
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_org(self, queryset, name, value):
        """The unit and its descendants; an unknown unit matches nothing."""
        org = OrgUnit.objects.filter(pk=value).only("path").first()
        if org is None:
            return queryset.none()
        return queryset.filter(org_path__startswith=org.path)


def filtered(data, queryset):
    """``DocumentFilter(data, queryset).qs``; invalid filter values raise ``InvalidInput``."""
    filterset = DocumentFilter(data, queryset=queryset)
    if not filterset.is_valid():
        errors = [
            {"field": field, "message": str(message)}
            for field, messages in filterset.errors.items()
            for message in messages
        ]
        raise InvalidInput(gettext("Some filters are invalid."), errors=errors)
    return filterset.qs
