"""Who sees a nomination but does not act for its proposing unit is refused (403) by the submit
and withdraw pages, and nothing changes."""

from tests.factories import verified_login
from thidua.nominations.models import Nomination


def test_the_sector_officer_may_not_submit_a_grassroots_nomination(client, people, nominate):
    nomination = nominate()
    verified_login(client, people.nganh_thidua)
    one = client.post(f"/nominations/{nomination.pk}/submit/")
    batch = client.post("/nominations/submit/", {"nominations": [nomination.pk]})
    assert (one.status_code, batch.status_code) == (403, 403)
    assert Nomination.objects.get(pk=nomination.pk).status == "draft"


def test_an_inspector_may_not_withdraw_a_nomination(client, people, nominate):
    nomination = nominate()
    verified_login(client, people.kiemtra)
    response = client.post(f"/nominations/{nomination.pk}/withdraw/", {"reason": "Rút"})
    assert response.status_code == 403
    assert Nomination.objects.get(pk=nomination.pk).status == "draft"


def test_the_unit_still_submits_its_nomination_from_the_page(client, people, nominate, bvdk_quota):
    nomination = nominate()
    verified_login(client, people.bvdk_thidua)
    response = client.post(f"/nominations/{nomination.pk}/submit/")
    assert response.status_code == 302
    assert Nomination.objects.get(pk=nomination.pk).status == "submitted"
