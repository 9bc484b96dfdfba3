"""Anonymising a member who left: what changes, what stays, who may, and only once."""

import datetime
import io
import json
import zipfile

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse
from django.utils import translation

from tests.api.helpers import ApiClient
from tests.dashboard.records import award, nominate
from tests.factories import verified_login
from tests.privacy.records import YEAR, one_of_each
from thidua.accounts.models import ApiToken
from thidua.awards.models import AwardRecord
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput, RuleViolation
from thidua.core.models import AuditEntry
from thidua.dashboard.statistics import BREAKDOWNS
from thidua.decisions.models import Certificate, DecisionItem
from thidua.exemplars.models import Exemplar
from thidua.organizations.models import Member
from thidua.organizations.services import deactivate_member
from thidua.privacy.models import Anonymisation
from thidua.privacy.services import anonymise_member, export_member_data

pytestmark = pytest.mark.django_db

REASON = "Đoàn viên đề nghị xóa dữ liệu ngày 12/03/2026"


@pytest.fixture
def hong_left(people):
    hong = people.hong
    hong.birth_date = datetime.date(1995, 12, 31)
    hong.phone, hong.email, hong.code = "0912345678", "hong@example.org", "NV-0042"
    hong.save()
    return deactivate_member(hong, by=people.bvdk_chutich, left_on=datetime.date(2026, 3, 1))


def test_personal_fields_are_replaced_and_the_rest_kept(people, hong_left):
    member = anonymise_member(member=hong_left, by=people.bvdk_chutich, reason=REASON)
    member.refresh_from_db()
    assert member.full_name == f"Đoàn viên đã ẩn danh #{member.pk}"
    assert member.birth_date == datetime.date(1995, 1, 1)
    assert (member.phone, member.email, member.code, member.job_title) == ("", "", "", "")
    assert member.gender == "female"
    assert member.is_direct_worker and not member.is_manager
    assert member.org == people.hong.org
    assert member.left_on == datetime.date(2026, 3, 1)
    assert not Member.objects.search("Nguyễn Thị Hồng").filter(pk=member.pk).exists()
    assert Member.objects.search("doan vien da an danh").filter(pk=member.pk).exists()
    assert Anonymisation.objects.get(member=member).reason == REASON


def test_linked_user_is_deactivated_and_stripped(people, hong_left):
    _token, raw = ApiToken.issue(people.doanvien, name="điện thoại")
    anonymise_member(member=hong_left, by=people.bvdk_chutich, reason=REASON)
    user = people.doanvien
    user.refresh_from_db()
    assert not user.is_active
    assert user.username == f"an-danh-{user.pk}"
    assert user.email == ""
    assert not user.has_usable_password()
    assert authenticate(username="doanvien", password="ThiDua@2026") is None
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 0
    response = ApiClient(token=raw).get("/api/v1/me")
    assert response.status_code == 401


def test_audit_entries_carry_the_reason_and_not_the_old_values(people, hong_left):
    anonymise_member(member=hong_left, by=people.bvdk_chutich, reason=REASON)
    entries = AuditEntry.objects.filter(comment=REASON)
    assert {e.content_type.model for e in entries} == {"member", "user"}
    for entry in entries:
        assert entry.actor == people.bvdk_chutich
        assert entry.org_path == hong_left.org_path
        assert "Nguyễn Thị Hồng" not in str(entry.after) + entry.object_repr
        assert "0912345678" not in str(entry.after)


def test_active_member_is_refused(people):
    with pytest.raises(RuleViolation):
        anonymise_member(member=people.hong, by=people.bvdk_chutich, reason=REASON)
    people.hong.refresh_from_db()
    assert people.hong.full_name == "Nguyễn Thị Hồng"


def test_second_anonymisation_is_refused_with_a_clear_message(people, hong_left):
    anonymise_member(member=hong_left, by=people.bvdk_chutich, reason=REASON)
    with translation.override("vi"), pytest.raises(Conflict) as exc:
        anonymise_member(member=hong_left, by=people.bvdk_chutich, reason=REASON)
    assert "đã được ẩn danh hóa" in str(exc.value.detail)
    assert Anonymisation.objects.count() == 1


def test_reason_is_required(people, hong_left):
    with pytest.raises(InvalidInput) as exc:
        anonymise_member(member=hong_left, by=people.bvdk_chutich, reason="   ")
    assert exc.value.errors[0]["field"] == "reason"
    assert not Anonymisation.objects.exists()


@pytest.mark.parametrize("username", ["bvdk_thidua", "bvnhi_chutich", "ldld", "doanvien"])
def test_only_the_chair_or_the_sector_admin_may_anonymise(people, hong_left, username):
    with pytest.raises(Forbidden):
        anonymise_member(member=hong_left, by=getattr(people, username), reason=REASON)
    assert not Anonymisation.objects.exists()


def test_published_exemplar_leaves_the_showcase_and_forgets_the_name(people, hong_left):
    exemplar = Exemplar.objects.create(
        owner_org=hong_left.org,
        member=hong_left,
        source="unit_proposal",
        story="Tận tụy với người bệnh",
        publish=True,
        public_name="Chị Hồng",
    )
    assert "nguyen thi hong" in exemplar.search_key
    anonymise_member(member=hong_left, by=people.nganh_admin, reason=REASON)
    exemplar.refresh_from_db()
    assert not exemplar.publish
    assert "nguyen thi hong" not in exemplar.search_key


def _statistics(client, org):
    """Every statistic of the dashboard and the indicators of ``/kpis`` for the sector."""
    results = {}
    for year in (YEAR, 2026):
        query = f"year={year}&org={org.pk}"
        for by in BREAKDOWNS:
            results[f"awards-{by}-{year}"] = client.get(
                f"/api/v1/statistics/awards?{query}&by={by}"
            ).json()
        results[f"nominations-{year}"] = client.get(
            f"/api/v1/statistics/nominations?{query}"
        ).json()
        results[f"fairness-{year}"] = client.get(f"/api/v1/statistics/fairness?{query}").json()
        results[f"kpis-{year}"] = client.get(f"/api/v1/kpis?{query}").json()
    return results


def test_statistics_and_decisions_are_unchanged(tree, people, hong_left):
    hong = hong_left
    one_of_each(hong, tree=tree, people=people)
    award(hong, code="LDTT", year=YEAR)
    award(people.nurse, code="LDTT", year=YEAR)
    award(people.child_doctor, code="LDTT", year=2026)
    nominate(hong, tree.bvdk, code="BK-LDLD", year=2026)
    _token, raw = ApiToken.issue(people.nganh_admin, name="test")
    client = ApiClient(user=people.nganh_admin, token=raw)
    before = _statistics(client, tree.sector)
    items = list(DecisionItem.objects.values("pk", "recipient_name", "amount", "decision_id"))
    records = list(AwardRecord.objects.order_by("pk").values())
    certificates = list(Certificate.objects.values("pk", "code", "item_id"))
    assert before[f"awards-age_band-{YEAR}"]["rows"], before

    anonymise_member(member=hong, by=people.nganh_admin, reason=REASON)

    after = _statistics(client, tree.sector)
    assert after == before
    assert list(DecisionItem.objects.values("pk", "recipient_name", "amount", "decision_id")) == (
        items
    )
    assert [
        {k: v for k, v in r.items() if k not in {"updated_at"}}
        for r in AwardRecord.objects.order_by("pk").values()
    ] == [{k: v for k, v in r.items() if k not in {"updated_at"}} for r in records]
    assert list(Certificate.objects.values("pk", "code", "item_id")) == certificates


def _page(client, user, member):
    verified_login(client, user)
    return client.get(reverse("privacy:member_anonymise", args=[member.pk]))


def test_confirmation_page_needs_the_confirmation_and_a_reason(client, people, hong_left):
    url = reverse("privacy:member_anonymise", args=[hong_left.pk])
    assert _page(client, people.bvdk_chutich, hong_left).status_code == 200
    response = client.post(url, {"reason": REASON, "version": hong_left.version})
    assert response.status_code == 422
    assert not Anonymisation.objects.exists()
    response = client.post(url, {"reason": REASON, "confirm": "on", "version": hong_left.version})
    assert response.status_code == 302
    assert Anonymisation.objects.filter(member=hong_left).exists()
    detail = client.get(response["Location"]).content.decode()
    assert 'data-testid="anonymised"' in detail
    assert url not in detail


def test_confirmation_page_for_an_active_member_offers_no_form(client, people):
    response = _page(client, people.bvdk_chutich, people.hong)
    assert response.status_code == 200
    assert 'data-testid="still-active"' in response.content.decode()
    assert 'name="reason"' not in response.content.decode()


def test_stale_version_is_refused_with_409(client, people, hong_left):
    url = reverse("privacy:member_anonymise", args=[hong_left.pk])
    verified_login(client, people.bvdk_chutich)
    stale = hong_left.version - 1
    response = client.post(url, {"reason": REASON, "confirm": "on", "version": stale})
    assert response.status_code == 409
    assert 'data-testid="stale"' in response.content.decode()
    assert not Anonymisation.objects.exists()


def test_pages_answer_404_outside_reach_and_403_without_the_role(client, people, hong_left):
    assert _page(client, people.bvnhi_chutich, hong_left).status_code == 404
    assert _page(client, people.bvdk_thidua, hong_left).status_code == 403
    assert _page(client, people.doanvien, people.nurse).status_code == 404


def test_member_page_offers_anonymisation_only_for_a_departed_member(client, people, hong_left):
    anonymise = reverse("privacy:member_anonymise", args=[hong_left.pk])
    page = reverse("organizations:member_detail", args=[hong_left.pk])
    verified_login(client, people.bvdk_chutich)
    assert anonymise in client.get(page).content.decode()
    verified_login(client, people.bvdk_thidua)
    assert anonymise not in client.get(page).content.decode()
    verified_login(client, people.bvdk_chutich)
    active = reverse("organizations:member_detail", args=[people.nurse.pk])
    assert reverse("privacy:member_anonymise", args=[people.nurse.pk]) not in (
        client.get(active).content.decode()
    )


def test_export_after_anonymisation_leaves_out_the_replaced_values(people, hong_left):
    member = anonymise_member(member=hong_left, by=people.bvdk_chutich, reason=REASON)
    _name, data = export_member_data(member=member, by=people.nganh_admin)
    text = zipfile.ZipFile(io.BytesIO(data)).read("du-lieu-ca-nhan.json").decode()
    for old in ("Nguyễn Thị Hồng", "0912345678", "hong@example.org", "NV-0042"):
        assert old not in text
    entries = json.loads(text)["cac_muc"]["nhat_ky"]["ban_ghi"]
    older = [e for e in entries if e["action"] == "update" and e["comment"] != REASON]
    assert older and all(e["after"] is None and e["object_repr"] is None for e in older)
    assert any(e["comment"] == REASON for e in entries)
