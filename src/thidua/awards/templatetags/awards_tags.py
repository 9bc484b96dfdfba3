"""Template helpers of the awards pages: a member's award history, amounts in words."""

from django import template

from thidua.awards.models import AwardRecord
from thidua.core.text import amount_in_words, format_money

register = template.Library()


@register.simple_tag
def member_awards(member):
    """The member's award records (revoked ones too, marked), newest first."""
    return list(
        AwardRecord.objects.filter(member=member)
        .select_related("award_type", "issued_by_org")
        .newest_first()
    )


@register.filter
def money(value):
    return format_money(value) if value is not None else ""


@register.filter
def in_words(value):
    return amount_in_words(value) if value is not None else ""
