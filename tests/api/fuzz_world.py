"""The world the API fuzzer runs in: the demo dataset, one bearer token per role, and the ids
of existing records so that generated requests reach real rows as well as missing ones."""

import datetime
import importlib
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone
from hypothesis import strategies as st

from thidua.accounts.models import ApiToken
from thidua.accounts.roles import Role
from thidua.awards.models import AwardType, Initiative
from thidua.council import services as council
from thidua.council.models import CouncilSession, Feedback
from thidua.decisions import services as decisions
from thidua.decisions.models import Certificate, Decision, DecisionItem
from thidua.demo.seed import load_demo
from thidua.documents.models import Document, DocumentType
from thidua.exemplars.models import Exemplar
from thidua.forwarding.models import ForwardingBatch
from thidua.movements.models import Movement, UnitPlan
from thidua.nominations.models import Nomination, NominationStatus, Quota
from thidua.organizations.models import Member, OrgUnit
from thidua.oversight.models import Inspection, Recommendation, TrainingCourse
from thidua.reporting.models import Report, ReportingRound

# The demo login that holds each role (a sector role at CDN-YT, a grassroots one at BVDK).
ROLE_LOGINS = {
    Role.SECTOR_ADMIN: "nganh.admin",
    Role.SECTOR_OFFICER: "nganh.thidua",
    Role.COUNCIL_MEMBER: "hoidong.1",
    Role.GRASSROOTS_CHAIR: "bvdk.chutich",
    Role.GRASSROOTS_OFFICER: "bvdk.thidua",
    Role.INSPECTOR: "kiemtra",
    Role.MEMBER: "doanvien",
    Role.VIEWER: "ldld",
}

# Where the ids of a path parameter, a query filter or a body field come from.
ID_SOURCES = {
    "org_id": OrgUnit,
    "member_id": Member,
    "document_id": Document,
    "movement_id": Movement,
    "plan_id": UnitPlan,
    "round_id": ReportingRound,
    "report_id": Report,
    "award_type_id": AwardType,
    "initiative_id": Initiative,
    "quota_id": Quota,
    "nomination_id": Nomination,
    "batch_id": ForwardingBatch,
    "exemplar_id": Exemplar,
    "inspection_id": Inspection,
    "recommendation_id": Recommendation,
    "course_id": TrainingCourse,
    "feedback_id": Feedback,
    "session_id": CouncilSession,
    "decision_id": Decision,
    "item_id": DecisionItem,
    "certificate_id": Certificate,
}
# Query filters named for the record they select.
FILTER_SOURCES = {
    "org": "org_id",
    "parent": "org_id",
    "member": "member_id",
    "movement": "movement_id",
    "award_type": "award_type_id",
}
IDS_PER_SOURCE = 12


@dataclass
class FuzzWorld:
    tokens: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)
    media_root: str = ""

    def token(self, role):
        """The bearer token of ``role``; ``None`` for the anonymous caller."""
        return self.tokens.get(role)

    def use_known_ids(self, case, draw):
        """Replace some generated ids of ``case`` by ids of existing records.

        Random integers almost never name a record; drawing from the world's ids makes the
        fuzzer reach the code behind the 404 as well.
        """
        for values in (case.path_parameters, case.query, case.body):
            if not isinstance(values, dict):
                continue
            for name in list(values):
                known = self.ids.get(FILTER_SOURCES.get(name, name))
                if known and draw(st.booleans()):
                    values[name] = draw(st.sampled_from(known))


def _sample_ids(model):
    """The first and last ids of ``model``: records of several units, old and new."""
    pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
    half = IDS_PER_SOURCE // 2
    return sorted(set(pks[:half] + pks[-half:]))


def _nominations(demo, status, count, offset):
    """``count`` GK-CDN nominations of BVDK members in ``status``, created directly as the
    council and decision tests do (the workflow up to that state is tested elsewhere)."""
    award = AwardType.objects.get(code="GK-CDN")
    bvdk = demo.units["BVDK"]
    members = Member.objects.filter(org=bvdk, active=True).order_by("pk")[offset : offset + count]
    return [
        Nomination.objects.create(
            award_type=award,
            year=timezone.localdate().year,
            org=bvdk,
            member=member,
            status=status,
            achievements="Hoàn thành xuất sắc nhiệm vụ",
            eligibility={"eligible": True, "reasons": []},
            recommendation="approve" if status == NominationStatus.APPRAISED else "",
        )
        for member in members
    ]


def _council_and_decision(demo):
    """What the demo lacks: a public notice with feedback, a council session, a decision."""
    admin, officer = demo.users["nganh.admin"], demo.users["nganh.thidua"]
    sector = demo.units["CDN-YT"]
    today = timezone.localdate()
    published = _nominations(demo, NominationStatus.APPRAISED, 2, 0)
    council.publish_nominations(
        by=officer, nominations=published, notice_ends_on=today + datetime.timedelta(days=7)
    )
    council.send_feedback(published[0], by=demo.users["doanvien"], text="Đề nghị xem xét lại.")
    council.create_session(
        by=admin,
        org=sector,
        held_on=today,
        nominations=_nominations(demo, NominationStatus.APPRAISED, 2, 2),
        members_present=3,
    )
    decisions.issue_decision(
        by=admin,
        org=sector,
        nominations=_nominations(demo, NominationStatus.APPROVED, 2, 4),
        signed_on=today,
        signer_name="Đàm Đức Chính",
        signer_title="Chủ tịch",
    )


def restore_reference_data():
    """The rows of the data migrations, which a transactional test of this worker may have
    flushed (as ``tests/conftest.py`` restores them for each database test)."""
    for model, migration in (
        (DocumentType, "thidua.documents.migrations.0002_seed_document_types"),
        (AwardType, "thidua.awards.migrations.0002_seed_catalogue"),
    ):
        if not model.objects.exists():
            importlib.import_module(migration).seed(apps, None)


def build_world():
    """Load the demo dataset and issue a token to the demo login of every role."""
    restore_reference_data()
    demo = load_demo()
    _council_and_decision(demo)
    world = FuzzWorld()
    for role, username in ROLE_LOGINS.items():
        _token, raw = ApiToken.issue(demo.users[username], name="fuzz")
        world.tokens[role] = raw
    for name, model in ID_SOURCES.items():
        world.ids[name] = _sample_ids(model)
    world.ids["code"] = list(Certificate.objects.values_list("code", flat=True)[:IDS_PER_SOURCE])
    return world
