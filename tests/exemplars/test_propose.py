"""Proposing a member as an exemplar from their page: a found exemplar and a notification."""

import pytest
from django.urls import reverse

from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.core.models import Notification
from thidua.exemplars import services
from thidua.exemplars.models import Exemplar

pytestmark = pytest.mark.django_db
NOTE = "Chị Mai đã cứu sống 3 bệnh nhi nguy kịch trong ca trực đêm 12/3."


def test_proposing_creates_a_found_exemplar_and_notifies_the_sector_officer(people):
    exemplar = services.propose_member_as_exemplar(
        people.child_doctor, by=people.bvnhi_chutich, note=NOTE
    )
    assert exemplar.status == "found" and exemplar.source == "unit_proposal"
    assert exemplar.owner_org == people.child_doctor.org and exemplar.story == NOTE
    (notification,) = Notification.objects.filter(user=people.nganh_thidua)
    assert people.child_doctor.full_name in notification.title
    assert notification.url == reverse("exemplars:exemplar_detail", args=[exemplar.pk])
    assert not Notification.objects.filter(user=people.bvdk_thidua).exists()


def test_a_proposal_needs_a_note_and_a_staff_role(people):
    with pytest.raises(InvalidInput):
        services.propose_member_as_exemplar(people.child_doctor, by=people.bvnhi_thidua, note=" ")
    with pytest.raises(Forbidden):
        services.propose_member_as_exemplar(people.hong, by=people.doanvien, note=NOTE)
    assert not Exemplar.objects.exists()


def test_the_propose_page_shows_the_member_and_creates_on_post(login, people):
    url = reverse("exemplars:propose_member", args=[people.child_doctor.pk])
    client = login(people.bvnhi_thidua)
    page = client.get(url)
    assert page.status_code == 200 and people.child_doctor.full_name in page.content.decode()
    response = client.post(url, {"note": NOTE})
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exemplars:exemplar_detail", args=[exemplar.pk])


def test_the_propose_page_is_404_outside_reach_and_403_for_a_member(login, people):
    url = reverse("exemplars:propose_member", args=[people.child_doctor.pk])
    assert login(people.bvdk_thidua).get(url).status_code == 404
    own = reverse("exemplars:propose_member", args=[people.hong.pk])
    assert login(people.doanvien).get(own).status_code == 403
