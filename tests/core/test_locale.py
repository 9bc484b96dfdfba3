"""Vietnamese first: dd/mm/yyyy dates, dotted thousands, and a compiled Vietnamese catalogue."""

import datetime

from django import forms
from django.utils import formats, translation


class BirthForm(forms.Form):
    born = forms.DateField()


def test_dates_are_entered_day_first_in_vietnamese():
    with translation.override("vi"):
        form = BirthForm({"born": "05/02/1990"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["born"] == datetime.date(1990, 2, 5)


def test_us_month_first_dates_are_not_accepted():
    with translation.override("vi"):
        assert not BirthForm({"born": "12/31/1990"}).is_valid()


def test_dates_and_numbers_are_shown_the_vietnamese_way():
    with translation.override("vi"):
        assert formats.date_format(datetime.date(2020, 3, 20), "SHORT_DATE_FORMAT") == "20/03/2020"
        assert formats.number_format(1490000, force_grouping=True) == "1.490.000"


def test_interface_is_translated_to_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("Members") == "Đoàn viên"
        assert translation.gettext("Log out") == "Đăng xuất"


def test_ids_and_years_render_plain_and_counts_group_only_when_asked():
    from django.template import Context, Template

    template = Template(
        '{% load humanize %}<option value="{{ pk }}">{{ year }}</option> {{ count|intcomma }}'
    )
    with translation.override("vi"):
        rendered = template.render(Context({"pk": 1360, "year": 2026, "count": 4047}))
    assert rendered == '<option value="1360">2026</option> 4.047'
