"""Nominations from draft to decision and revocation, driven through the services by every role.

Invariants after every step: each status is in the table and every change is a recorded
transition allowed by it; an awarded nomination always has its decision item, award record and
certificate; no quota is ever used beyond its count; refused calls change nothing.
"""

from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from tests.factories import MemberFactory, user_with_role
from tests.properties.machine import ServiceMachine, assert_recorded, run
from thidua.accounts.roles import Role
from thidua.awards.models import AwardRecord, AwardType
from thidua.council import services as council
from thidua.decisions import services as decisions
from thidua.decisions.models import Certificate, DecisionItem
from thidua.nominations import quotas, services
from thidua.nominations.models import (
    NOMINATION_TRANSITIONS,
    Nomination,
    NominationStatus,
    Quota,
)

S = NominationStatus
YEAR = timezone.localdate().year
# Who may succeed at each action (a superset: the unit scope is checked by the services).
PROPOSERS = {"bvdk.chutich", "bvdk.thidua", "bvnhi.chutich", "bvnhi.thidua"}
APPRAISERS = {"nganh.admin", "nganh.thidua"}
SECRETARIES = {"nganh.admin", "nganh.thidua"}
DECIDERS = {"nganh.admin"}


@pytest.fixture
def world(tree, people):
    """A quota-limited sector award (3 places at CDN-YT, 1 passed on to BVNHI), a council of
    four and members to nominate in both unions."""
    award = AwardType.objects.create(
        code="GK-PT",
        name="Giấy khen thi đua ngành",
        category="commendation",
        subject="individual",
        issuing_level="sector",
        amount_coefficient=Decimal("0.3"),
        quota_limited=True,
        min_score=Decimal("0"),
        required_dossier_parts=[],
        vote_threshold=Decimal("0.70"),
        vote_base="present",
        quorum=Decimal("0.5"),
    )
    sector_quota = quotas.create_quota(
        by=people.nganh_admin,
        year=YEAR,
        award_type=award,
        org=tree.sector,
        granted_by_org=tree.ldld,
        count=3,
    )
    quotas.create_quota(by=people.nganh_admin, org=tree.bvnhi, parent=sector_quota, count=1)
    council.add_council_member(
        by=people.nganh_admin, org=tree.sector, user=people.nganh_admin, role="chair"
    )
    extra = [
        user_with_role(Role.COUNCIL_MEMBER, tree.sector, username=f"hoidong.{i}") for i in (2, 3)
    ]
    people.users.update({user.username: user for user in extra})
    for user in [people.hoidong, *extra]:
        council.add_council_member(by=people.nganh_admin, org=tree.sector, user=user)
    members = [people.hong, people.nurse, people.child_doctor]
    members += [MemberFactory(org=tree.bvdk), MemberFactory(org=tree.bvnhi)]
    return award, members


ACTIONS = {
    "create": PROPOSERS,
    "submit": PROPOSERS,
    "give_back": APPRAISERS,
    "withdraw": PROPOSERS,
    "appraise": APPRAISERS,
    "vote": SECRETARIES,
    "decide": DECIDERS,
    "revoke": DECIDERS,
}
# The natural next step of each status, taken by someone who may ("advance").
NEXT = {
    S.DRAFT: "submit",
    S.RETURNED: "submit",
    S.SUBMITTED: "appraise",
    S.APPRAISED: "vote",
    S.APPROVED: "decide",
    S.AWARDED: "revoke",
}


@pytest.mark.django_db
def test_no_sequence_of_actions_breaks_the_nomination_rules(world, tree, people):
    award, members = world
    users = people.users
    names = sorted(users)
    today = timezone.localdate()
    proposer = {m.pk: tree.bvdk if m.org == tree.bvdk_group else m.org for m in members}
    unit_officer = {tree.bvdk.pk: "bvdk.thidua", tree.bvnhi.pk: "bvnhi.thidua"}

    def mostly(allowed):
        """Mostly someone who may act, sometimes anyone (most of whom are refused)."""
        return st.sampled_from(sorted(allowed) * 3 + names)

    class Nominations(ServiceMachine):
        def records(self):
            return Nomination.objects.order_by("pk").values_list("pk", "status", "version")

        def create(self, member, actor):
            created = self.attempt(
                services.create_nomination,
                by=users[actor],
                award_type=award,
                year=YEAR,
                org=proposer[member.pk],
                member=member,
                achievements="Hoàn thành xuất sắc nhiệm vụ",
            )
            if created is not None:
                assert actor in PROPOSERS
                self.pks.append(created.pk)

        @initialize()
        def two_drafts(self):
            self.pks = []
            self.create(members[0], "bvdk.thidua")
            self.create(members[2], "bvnhi.thidua")

        @rule(
            data=st.data(),
            action=st.sampled_from(["advance", "advance", *ACTIONS]),
            pick=st.integers(0, 7),
        )
        def act(self, data, action, pick):
            nomination = Nomination.objects.get(pk=self.pks[pick % len(self.pks)])
            if action == "advance":
                action = NEXT.get(nomination.status, "create")
                actor = {
                    "submit": unit_officer.get(nomination.org_id),
                    "appraise": "nganh.thidua",
                    "vote": "nganh.thidua",
                }.get(action, "nganh.admin" if action in ("decide", "revoke") else None)
            else:
                actor = None
            if actor is None:
                actor = data.draw(mostly(ACTIONS[action]), label="actor")
            if action == "create":
                self.create(data.draw(st.sampled_from(members), label="member"), actor)
                return
            done = getattr(self, action)(nomination, users[actor], data)
            if done is not None:
                assert actor in ACTIONS[action], f"{actor} could {action}"

        def submit(self, nomination, user, data):
            return self.attempt(services.submit_nomination, nomination, by=user)

        def give_back(self, nomination, user, data):
            reason = data.draw(st.sampled_from(["", "Thiếu minh chứng"]), label="reason")
            done = self.attempt(services.return_nomination, nomination, by=user, reason=reason)
            assert done is None or reason
            return done

        def withdraw(self, nomination, user, data):
            return self.attempt(services.withdraw_nomination, nomination, by=user)

        def appraise(self, nomination, user, data):
            recommendation = data.draw(st.sampled_from(["approve", "approve", "reject"]))
            return self.attempt(
                services.appraise_nomination,
                nomination,
                by=user,
                scores={},
                recommendation=recommendation,
                comment="Không đủ thành tích" if recommendation == "reject" else "",
            )

        def vote(self, nomination, user, data):
            approvals = data.draw(st.sampled_from([4, 3, 1]), label="approvals")
            session = self.attempt(
                council.create_session,
                by=user,
                org=tree.sector,
                held_on=today,
                nominations=[nomination],
                members_present=4,
            )
            if session is None:
                return None
            ballot = self.attempt(
                council.record_ballot,
                session,
                by=user,
                nomination=nomination,
                approve=approvals,
                disapprove=4 - approvals,
                abstain=0,
            )
            council.close_session(session, by=user)
            nomination.refresh_from_db()
            assert ballot is not None
            assert nomination.status == (S.APPROVED if approvals >= 3 else S.REJECTED)
            return session

        def decide(self, nomination, user, data):
            return self.attempt(
                decisions.issue_decision,
                by=user,
                org=tree.sector,
                nominations=[nomination],
                signed_on=today,
                signer_name="Đàm Đức Chính",
                signer_title="Chủ tịch",
            )

        def revoke(self, nomination, user, data):
            item = DecisionItem.objects.filter(nomination=nomination).first()
            if item is None:
                return None
            return self.attempt(
                decisions.revoke_award,
                item,
                by=user,
                reason="false_declaration",
                revocation_number="01/QĐ-CĐN",
                revoked_on=today,
            )

        @invariant()
        def every_change_is_a_recorded_allowed_transition(self):
            for nomination in Nomination.objects.all():
                assert_recorded(nomination, NOMINATION_TRANSITIONS, S.DRAFT)

        @invariant()
        def a_decided_nomination_always_has_its_decision(self):
            for nomination in Nomination.objects.filter(status=S.AWARDED):
                item = DecisionItem.objects.get(nomination=nomination)
                assert item.decision.number_symbol and item.decision.document.number
                assert Certificate.objects.filter(item=item).exists()
                assert AwardRecord.objects.filter(member=nomination.member, year=YEAR).exists()
            assert not DecisionItem.objects.exclude(nomination__status=S.AWARDED).exists()

        @invariant()
        def no_quota_is_ever_exceeded(self):
            for quota in Quota.objects.all():
                usage = quotas.usage_of(quota)
                assert usage.used <= quota.count, f"{quota}: {usage.used} > {quota.count}"

    run(Nominations)
