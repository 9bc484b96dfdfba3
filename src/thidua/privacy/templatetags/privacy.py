"""Personal-data buttons: ``{% member_data_actions member %}`` on a member's page (shown only to
those allowed, ``privacy/rules.py``) and ``{% my_data_link member %}`` on the member's own pages."""

from django import template

from thidua.privacy.models import Anonymisation

register = template.Library()


@register.inclusion_tag("privacy/_member_data_actions.html", takes_context=True)
def member_data_actions(context, member):
    user = context["request"].user
    anonymised = Anonymisation.objects.filter(member=member).first()
    return {
        "member": member,
        "anonymised": anonymised,
        "can_export": user.has_perm("privacy.export_member_data", member),
        "can_anonymise": anonymised is None
        and not member.active
        and user.has_perm("privacy.anonymise_member", member),
    }


@register.inclusion_tag("privacy/_my_data_link.html")
def my_data_link(member):
    """The member's own "export my personal data" button (on "My awards")."""
    return {"member": member}
