"""Demo quotas and nominations for 2026.

The federation granted CDN-YT 10 places of BK-LDLD (at least half for direct workers) and the
Confederation 3 of BK-TLD; the sector passed 3 BK-LDLD places on to BVDK and 2 to BVNHI. BVDK has
already submitted one BK-LDLD nomination (so the demo journey fills BVDK's places with two more and
sees the fourth refused); BVNHI has one draft, one submitted and one appraised. BK-LDLD gets the
conditions "no discipline" and "completes tasks well" when the catalogue has none, so that a
disciplined member shows the refusal.
"""

from decimal import Decimal

from django.utils import timezone

from thidua.awards.models import AwardType, EligibilityRule, MemberYearAssessment
from thidua.demo.seed import register
from thidua.demo.units import SECTOR_CODE
from thidua.documents.models import Document, DocumentStatus, DocumentType
from thidua.nominations.models import Nomination, NominationDocument, NominationStatus, Quota
from thidua.organizations.models import Member

YEAR = 2026
# Members used by the demo nominations are taken from the end of each unit's list, so the first
# members of BVDK stay free for the browser journey.
ACHIEVEMENTS = (
    "Hoàn thành xuất sắc nhiệm vụ; tham gia tích cực phòng chống dịch và hiến máu tình nguyện.",
    "Có sáng kiến cải tiến quy trình chăm sóc người bệnh, được Hội đồng khoa học công nhận.",
    "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, tận tụy với người bệnh.",
)


def _rules(award):
    if not award.eligibility_rules.filter(active=True).exists():
        EligibilityRule.objects.create(
            award_type=award, kind="no_discipline", params={"min_level": "reprimand"}, order=1
        )
        EligibilityRule.objects.create(
            award_type=award, kind="min_task_rating", params={"rating": "good"}, order=2
        )


def _eligible_members(org, count):
    rated = MemberYearAssessment.objects.filter(
        year=YEAR, task_rating__in=["good", "excellent"], absence_days__lt=30
    ).values("member_id")
    return list(
        Member.objects.filter(
            org_path__startswith=org.path, active=True, is_direct_worker=True, pk__in=rated
        )
        .exclude(discipline_records__decided_on__year=YEAR)
        .exclude(user__isnull=False)
        .order_by("-id")[:count]
    )


def _document(org, doc_type, title, user):
    return Document.objects.create(
        org=org,
        doc_type=DocumentType.objects.get(code=doc_type),
        title=title,
        status=DocumentStatus.DRAFT,
        created_by=user,
    )


def _nomination(award, org, member, status, user, index):
    nomination = Nomination.objects.create(
        award_type=award,
        year=YEAR,
        org=org,
        member=member,
        achievements=ACHIEVEMENTS[index % len(ACHIEVEMENTS)],
        status=status,
        eligibility={"eligible": True, "reasons": []},
        created_by=user,
        submitted_at=timezone.now() if status != NominationStatus.DRAFT else None,
        recommendation="approve" if status == NominationStatus.APPRAISED else "",
    )
    parts = {"TTR": "submission", "BC": "achievement_report", "BB": "council_minutes"}
    for code, part in parts.items():
        document = _document(org, code, f"{part} — {member.full_name}", user)
        NominationDocument.objects.create(
            nomination=nomination, document=document, part=part, added_by=user
        )
    return nomination


@register
def quotas_and_nominations(demo):
    sector = demo.units[SECTOR_CODE]
    federation, confederation = sector.parent, sector.parent.parent
    bvdk, bvnhi = demo.units["BVDK"], demo.units["BVNHI"]
    admin = demo.users.get("nganh.admin")
    bk_ldld = AwardType.objects.get(code="BK-LDLD")
    bk_tld = AwardType.objects.get(code="BK-TLD")
    _rules(bk_ldld)
    main = Quota.objects.create(
        year=YEAR,
        award_type=bk_ldld,
        org=sector,
        granted_by_org=federation,
        count=10,
        min_direct_worker_share=Decimal("0.5"),
        created_by=admin,
    )
    Quota.objects.create(
        year=YEAR,
        award_type=bk_tld,
        org=sector,
        granted_by_org=confederation,
        count=3,
        min_direct_worker_share=Decimal("0.5"),
        created_by=admin,
    )
    for org, count in ((bvdk, 3), (bvnhi, 2)):
        Quota.objects.create(
            year=YEAR,
            award_type=bk_ldld,
            org=org,
            granted_by_org=sector,
            parent=main,
            count=count,
            min_direct_worker_share=Decimal("0.5"),
            created_by=admin,
        )
    bvdk_officer = demo.users.get("bvdk.thidua")
    bvnhi_officer = demo.users.get("bvnhi.thidua")
    (first,) = _eligible_members(bvdk, 1)
    _nomination(bk_ldld, bvdk, first, NominationStatus.SUBMITTED, bvdk_officer, 0)
    statuses = (NominationStatus.DRAFT, NominationStatus.SUBMITTED, NominationStatus.APPRAISED)
    for index, (member, status) in enumerate(
        zip(_eligible_members(bvnhi, 3), statuses, strict=False)
    ):
        _nomination(bk_ldld, bvnhi, member, status, bvnhi_officer, index + 1)
    demo.note(f"quotas {YEAR}: BK-LDLD 10 (BVDK 3, BVNHI 2), BK-TLD 3; 4 nominations")
