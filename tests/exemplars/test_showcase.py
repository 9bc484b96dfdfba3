"""The public showcase: only published honoured exemplars, and nothing personal."""

import pytest
from django.urls import reverse

from tests.exemplars.conftest import image_bytes
from thidua.core.exceptions import InvalidInput, InvalidTransition
from thidua.exemplars import services

pytestmark = pytest.mark.django_db
PUBLIC_NAME = "Điều dưỡng L.T.M, Bệnh viện Nhi đồng"
PUBLIC_STORY = "Bốn tháng trong khu điều trị Covid-19, chị chăm sóc hơn 300 ca bệnh nặng."


def publish(exemplar, people, **kwargs):
    return services.set_publication(
        exemplar,
        by=people.nganh_thidua,
        publish=True,
        public_name=PUBLIC_NAME,
        public_story=PUBLIC_STORY,
        **kwargs,
    )


def test_only_published_honoured_exemplars_show_without_login(login, found, honored, people):
    found(title="Chưa xác minh", story="Câu chuyện chưa xác minh")
    anonymous = login(None)
    page = anonymous.get(reverse("exemplars:showcase"))
    assert page.status_code == 200 and PUBLIC_NAME not in page.content.decode()
    assert anonymous.get(reverse("exemplars:showcase_detail", args=[honored.pk])).status_code == 404

    publish(honored, people)
    content = anonymous.get(reverse("exemplars:showcase")).content.decode()
    assert PUBLIC_NAME in content and "Chưa xác minh" not in content
    detail = anonymous.get(reverse("exemplars:showcase_detail", args=[honored.pk]))
    text = detail.content.decode()
    assert PUBLIC_STORY in text
    member = people.child_doctor
    assert member.full_name not in text
    assert member.birth_date.strftime("%d/%m/%Y") not in text
    assert member.birth_date.isoformat() not in text
    assert f"/members/{member.pk}/" not in text
    assert honored.story not in text


def test_only_an_honoured_exemplar_can_be_published(verified, people):
    with pytest.raises(InvalidTransition):
        publish(verified, people)


def test_publishing_needs_a_public_name_and_story(honored, people):
    with pytest.raises(InvalidInput) as exc:
        services.set_publication(honored, by=people.nganh_thidua, publish=True)
    assert {e["field"] for e in exc.value.errors} == {"public_name", "public_story"}


def test_only_the_chosen_photos_of_a_published_exemplar_are_served(login, honored, people):
    chosen = services.add_evidence(
        honored,
        by=people.nganh_thidua,
        title="Ảnh trao thưởng",
        data=image_bytes("PNG"),
        file_name="trao-thuong.png",
    )
    private = services.add_evidence(
        honored,
        by=people.nganh_thidua,
        title="Ảnh gia đình",
        data=image_bytes(),
        file_name="gia-dinh.jpg",
    )
    anonymous = login(None)
    url = reverse("exemplars:public_photo", args=[honored.pk, chosen.pk])
    assert anonymous.get(url).status_code == 404
    publish(honored, people, public_photos=[chosen])
    response = anonymous.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert (
        anonymous.get(reverse("exemplars:public_photo", args=[honored.pk, private.pk])).status_code
        == 404
    )
    services.set_publication(honored, by=people.nganh_thidua, publish=False)
    assert anonymous.get(url).status_code == 404
