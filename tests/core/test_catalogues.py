"""Django merges every app's catalogue into one per language, so the first app in INSTALLED_APPS
wins for a msgid that several apps translate. One (context, msgid) must therefore mean one thing:
where the meaning differs by place, the msgid carries a context (``pgettext``)."""

import collections
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

import thidua
from thidua.council.models import BallotResult, SessionStatus
from thidua.decisions.models import Decision
from thidua.movements.forms import MovementForm
from thidua.movements.models import MovementStatus
from thidua.nominations.models import NominationStatus
from thidua.oversight.models import Recommendation

CATALOGUES = sorted(Path(thidua.__file__).parent.glob("*/locale/vi/LC_MESSAGES/django.po"))


def live_entries():
    for path in CATALOGUES:
        app = path.parts[-5]
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                yield app, entry


def test_every_app_has_a_vietnamese_catalogue():
    assert len(CATALOGUES) >= 15


def test_a_msgid_means_the_same_in_every_catalogue():
    translations = collections.defaultdict(dict)
    for app, entry in live_entries():
        translated = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
        if translated:
            translations[(entry.msgctxt, entry.msgid)][app] = translated
    clashes = {key: apps for key, apps in translations.items() if len(set(apps.values())) > 1}
    assert clashes == {}


def test_every_entry_is_translated_and_not_fuzzy():
    unfinished = [
        (app, entry.msgctxt, entry.msgid)
        for app, entry in live_entries()
        if "fuzzy" in entry.flags
        or not (entry.msgstr or any(entry.msgstr_plural.values()))
        or (entry.msgstr_plural and not all(entry.msgstr_plural.values()))
    ]
    assert unfinished == []


@pytest.fixture
def vietnamese():
    with translation.override("vi"):
        yield


def test_movement_title_is_the_movement_name(vietnamese):
    assert MovementForm.base_fields["title"].label == "Tên phong trào"


def test_statuses_read_as_their_own_object(vietnamese):
    assert SessionStatus.OPEN.label == "Đang họp"
    assert SessionStatus.CLOSED.label == "Đã kết thúc"
    assert MovementStatus.CLOSED.label == "Đã tổng kết"
    assert BallotResult.REJECTED.label == "Không đạt"
    assert NominationStatus.SUBMITTED.label == "Đã trình"


def test_field_names_read_as_their_own_object(vietnamese):
    assert capfirst(Recommendation._meta.verbose_name) == "Kiến nghị"
    assert capfirst(Decision._meta.get_field("subject").verbose_name) == "Trích yếu"


def test_award_catalogue_heads_the_code_column_as_code(client, people):
    client.force_login(people.doanvien)
    page = client.get(reverse("awards:catalogue"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<th scope="col">Mã</th>' in page
    assert "Mã đơn vị" not in page


def test_unit_page_still_heads_the_code_as_unit_code(client, tree, people):
    client.force_login(people.nganh_admin)
    page = client.get(reverse("organizations:org_detail", args=[tree.bvdk.pk])).content.decode()
    assert "Mã đơn vị" in page
