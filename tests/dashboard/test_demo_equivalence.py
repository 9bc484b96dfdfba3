"""On the demo data after the movement and commendation journeys, every figure of the dashboard
equals the same figure recomputed here in Python from the raw records, for every role and every
unit the role can open (issue 8, "Done when").

The recomputation reads plain rows (``values()``) and applies DOMAIN.md's definitions of the
indicators; it shares no query, helper or constant with the code under test.
"""

import datetime
import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone
from reportlab.pdfgen import canvas

from tests.factories import verified_login
from tests.movements.conftest import movement_fields
from thidua.accounts.models import RoleAssignment, User
from thidua.awards.models import AwardRecord, AwardType, MemberYearAssessment
from thidua.documents.services import create_document
from thidua.movements import services as movement_services
from thidua.movements.models import Movement, UnitPlan
from thidua.nominations import services as nomination_services
from thidua.nominations.models import Nomination, Quota
from thidua.organizations.models import Member, OfficerDesignation, OrgUnit
from thidua.oversight.models import Attendance
from thidua.reporting.models import Report

YEAR = 2026
# The demo's award history is of the years before (its decisions are dated the year after).
HISTORY_YEAR = 2025
UPPER = {"federation", "confederation", "state"}
# One login per role (the three council members share a role; the member sees no dashboard).
ROLE_LOGINS = (
    "nganh.admin",
    "nganh.thidua",
    "hoidong.1",
    "bvdk.chutich",
    "bvdk.thidua",
    "bvnhi.thidua",
    "kiemtra",
    "ldld",
)

pytestmark = pytest.mark.django_db


def _pdf():
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, "Ho so de nghi khen thuong")
    document.save()
    return buffer.getvalue()


PDF = _pdf()


def _journeys():
    """The movement journey (launch to every unit; return, resubmit, accept) and the
    commendation journey (BVNHI's draft nomination submitted), through the services."""
    admin = User.objects.get(username="nganh.admin")
    sector = OrgUnit.objects.get(code="CDN-YT")
    movement = movement_services.create_movement(org=sector, by=admin, **movement_fields())
    movement = movement_services.launch_movement(movement, by=admin, confirm=True)
    bvdk_officer = User.objects.get(username="bvdk.thidua")
    plan = UnitPlan.objects.get(movement=movement, org__code="BVDK")
    plan = movement_services.submit_plan(plan, by=bvdk_officer, summary="Kế hoạch hưởng ứng")
    plan = movement_services.return_plan(plan, by=admin, reason="Bổ sung chỉ tiêu")
    plan = movement_services.submit_plan(plan, by=bvdk_officer, summary="Kế hoạch đã bổ sung")
    movement_services.accept_plan(plan, by=admin)
    plan = UnitPlan.objects.get(movement=movement, org__code="BVNHI")
    movement_services.submit_plan(
        plan, by=User.objects.get(username="bvnhi.thidua"), summary="Kế hoạch của BVNHI"
    )
    _nominate_two_bvdk_workers(admin)


def _nominate_two_bvdk_workers(admin):
    """BVDK drafts BK-LDLD for two eligible direct workers with their dossiers, the chair submits,
    the sector appraises one of them."""
    bvdk = OrgUnit.objects.get(code="BVDK")
    officer = User.objects.get(username="bvdk.thidua")
    award = AwardType.objects.get(code="BK-LDLD")
    rated = MemberYearAssessment.objects.filter(year=YEAR, task_rating__in=["good", "excellent"])
    members = (
        Member.objects.filter(org_path__startswith=bvdk.path, active=True, is_direct_worker=True)
        .filter(pk__in=rated.values("member_id"))
        .exclude(pk__in=Nomination.objects.values("member_id"))
        .exclude(discipline_records__decided_on__year=YEAR)
        .filter(user__isnull=True)
        .order_by("id")[:2]
    )
    drafts = []
    for member in members:
        documents = {
            create_document(
                org=bvdk, by=officer, doc_type=code, title=title, data=PDF, file_name="hs.pdf"
            ).pk: part
            for code, title, part in (
                ("BC", "Báo cáo thành tích", "achievement_report"),
                ("BB", "Biên bản họp xét", "council_minutes"),
            )
        }
        nomination = nomination_services.create_nomination(
            by=officer,
            award_type=award,
            year=YEAR,
            org=bvdk,
            member=member,
            achievements="Hoàn thành xuất sắc nhiệm vụ",
            self_scores={c.code: c.max_points for c in award.criteria.all()} or None,
            document_ids=list(documents),
            dossier_parts=documents,
        )
        drafts.append(nomination)
    assert len(drafts) == 2
    nomination_services.submit_with_submission(
        org=bvdk, by=User.objects.get(username="bvdk.chutich"), nominations=drafts
    )
    submitted = [Nomination.objects.get(pk=n.pk) for n in drafts]
    assert {n.status for n in submitted} == {"submitted"}
    nomination_services.appraise_nomination(
        submitted[0], by=admin, scores=submitted[0].self_scores, recommendation="approve"
    )


class Raw:
    """The raw records, read once, and the indicators recomputed from them for a unit."""

    def __init__(self):
        self.today = timezone.localdate()
        self.units = {u["pk"]: u for u in OrgUnit.objects.values("pk", "path", "kind", "active")}
        self.plans = list(UnitPlan.objects.values("org__path", "status", "movement__launched_on"))
        self.plans_due = {
            m["pk"]: m["plan_due_on"] for m in Movement.objects.values("pk", "plan_due_on")
        }
        self.plan_movements = list(UnitPlan.objects.values("org__path", "status", "movement_id"))
        self.movements = list(
            Movement.objects.values(
                "org__path", "status", "final_review_due_on", "final_review_summary"
            )
        )
        self.nominations = list(
            Nomination.objects.values(
                "year",
                "org_path",
                "status",
                "award_type__issuing_level",
                "member__is_direct_worker",
            )
        )
        self.quotas = list(
            Quota.objects.values(
                "year", "count", "award_type__issuing_level", "org__path", "parent__org__path"
            )
        )
        self.reports = list(
            Report.objects.values("org__path", "status", "submitted_at", "round__due_on")
        )
        self.awards = list(AwardRecord.objects.values("year", "holder_org__path", "revoked_at"))
        self.attendance = list(
            Attendance.objects.values(
                "member_id", "course__counts_for_indicator", "course__held_on"
            )
        )
        self.designations = list(
            OfficerDesignation.objects.values(
                "org_id", "member_id", "member__active", "member__user_id", "since", "until"
            )
        )
        self.user_members = defaultdict(set)
        for m in Member.objects.filter(user__isnull=False).values("user_id", "pk"):
            self.user_members[m["user_id"]].add(m["pk"])
        active_users = set(User.objects.filter(is_active=True).values_list("pk", flat=True))
        self.sector_officers = [
            (self.units[r["org_id"]]["path"], r["user_id"])
            for r in RoleAssignment.objects.filter(role="sector_officer").values(
                "org_id", "user_id"
            )
            if self.units[r["org_id"]]["kind"] == "sector_union"
            and self.units[r["org_id"]]["active"]
            and r["user_id"] in active_users
        ]

    def training(self, year):
        """``(officers, designated_users, trained_users)`` for ``year``: the designated officers
        in force on the year's reference day as ``(unit path, member id, trained)``, the users of
        those officers per unit path, and the users who attended a counting course."""
        day = min(max(self.today, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))
        trained_members = {
            a["member_id"]
            for a in self.attendance
            if a["course__counts_for_indicator"] and a["course__held_on"].year == year
        }
        officers, designated_users = [], defaultdict(set)
        for d in self.designations:
            unit = self.units[d["org_id"]]
            in_force = d["since"] <= day and (d["until"] is None or d["until"] > day)
            counted = unit["kind"] == "grassroots_union" and unit["active"] and d["member__active"]
            if in_force and counted:
                officers.append((unit["path"], d["member_id"], d["member_id"] in trained_members))
                if d["member__user_id"]:
                    designated_users[unit["path"]].add(d["member__user_id"])
        trained_users = {
            user for user, members in self.user_members.items() if members & trained_members
        }
        return officers, designated_users, trained_users

    @staticmethod
    def _ratio(done, total):
        return {"done": done, "total": total, "rate": round(done / total, 4) if total else 0}

    def figures(self, path, year=YEAR):
        """The dashboard's figures for ``year`` and the subtree at ``path``."""
        within = lambda value: value is not None and value.startswith(path)  # noqa: E731
        plans = [
            p
            for p in self.plans
            if within(p["org__path"])
            and p["movement__launched_on"]
            and p["movement__launched_on"].year == year
        ]
        movements = [
            m
            for m in self.movements
            if within(m["org__path"])
            and m["final_review_due_on"]
            and m["final_review_due_on"].year == year
            and m["status"] != "draft"
        ]
        nominations = [
            n
            for n in self.nominations
            if n["year"] == year
            and within(n["org_path"])
            and n["award_type__issuing_level"] in UPPER
            and n["status"] not in {"draft", "withdrawn"}
        ]
        direct = sum(1 for n in nominations if n["member__is_direct_worker"])
        quota = sum(
            q["count"]
            for q in self.quotas
            if q["year"] == year
            and q["award_type__issuing_level"] in UPPER
            and within(q["org__path"])
            and not within(q["parent__org__path"])
        )
        reports = [
            r for r in self.reports if within(r["org__path"]) and r["round__due_on"].year == year
        ]
        on_time = [
            r
            for r in reports
            if r["status"] in {"submitted", "accepted"}
            and timezone.localtime(r["submitted_at"]).date() <= r["round__due_on"]
        ]
        officers, designated_users, trained_users = self.training(year)
        designated = {(key, trained) for unit, key, trained in officers if within(unit)}
        counted_users = set().union(
            *(users for unit, users in designated_users.items() if within(unit))
        )
        sector = {
            user
            for unit, user in self.sector_officers
            if within(unit) and user not in counted_users
        }
        trained = sum(1 for _, done in designated if done)
        trained += sum(1 for user in sector if user in trained_users)
        overdue_plans = sum(
            1
            for p in self.plan_movements
            if within(p["org__path"])
            and p["status"] in {"pending", "returned"}
            and self.plans_due[p["movement_id"]] < self.today
        )
        overdue_reports = sum(
            1
            for r in self.reports
            if within(r["org__path"])
            and r["status"] in {"pending", "returned"}
            and r["round__due_on"] < self.today
        )
        return {
            "plans_submitted": self._ratio(
                sum(1 for p in plans if p["status"] in {"submitted", "accepted"}), len(plans)
            ),
            "movements_reviewed": self._ratio(
                sum(1 for m in movements if m["status"] == "closed" and m["final_review_summary"]),
                len(movements),
            ),
            "direct_worker_nominations": {
                "proposed": direct,
                "quota": quota,
                "share": round(direct / len(nominations), 4) if nominations else 0.0,
            },
            "officers_trained": self._ratio(trained, len(designated) + len(sector)),
            "reports": self._ratio(len(on_time), len(reports)),
            "overdue": {"plans": overdue_plans, "reports": overdue_reports},
            "awards_total": sum(
                1
                for a in self.awards
                if a["year"] == year and a["revoked_at"] is None and within(a["holder_org__path"])
            ),
        }


def _reach(user, units):
    """Units the user may open: the subtrees of the units where they hold a role."""
    roots = list(RoleAssignment.objects.filter(user=user).values_list("org__path", flat=True))
    return {pk for pk, u in units.items() if any(u["path"].startswith(r) for r in roots)}


def _shown(page):
    context = page.context
    targets = {t["key"]: t for t in context["targets"]}
    nominations = targets["direct_worker_nominations"]["nominations"]
    return {
        "plans_submitted": targets["plans_submitted"]["ratio"],
        "movements_reviewed": targets["movements_reviewed"]["ratio"],
        "direct_worker_nominations": {k: nominations[k] for k in ("proposed", "quota", "share")},
        "officers_trained": targets["officers_trained"]["ratio"],
        "reports": context["reports"],
        "overdue": {
            item["key"]: item["count"]
            for item in context["overdue"]
            if item["key"] in {"plans", "reports"}
        },
        "awards_total": context["awards_total"],
    }


def test_dashboard_equals_the_raw_records_for_every_role_and_unit(client):
    call_command("seed_demo", stdout=io.StringIO())
    _journeys()
    raw = Raw()
    checked = 0
    for username in ROLE_LOGINS:
        user = User.objects.get(username=username)
        verified_login(client, user)
        reach = _reach(user, raw.units)
        assert reach, username
        for pk in sorted(reach):
            page = client.get(f"/dashboard/?org={pk}&year={YEAR}")
            assert page.status_code == 200, (username, pk)
            assert _shown(page) == raw.figures(raw.units[pk]["path"]), (username, pk)
            checked += 1
        outside = next((pk for pk in sorted(raw.units) if pk not in reach), None)
        if outside is not None:
            assert client.get(f"/dashboard/?org={outside}&year={YEAR}").status_code == 404
        home = client.get(f"/dashboard/?year={HISTORY_YEAR}")
        path = home.context["org"].path
        assert _shown(home) == raw.figures(path, HISTORY_YEAR), (username, HISTORY_YEAR)
    sector = OrgUnit.objects.get(code="CDN-YT")
    expected = raw.figures(sector.path)
    # The journeys left figures worth comparing: not a comparison of zeros.
    assert expected["plans_submitted"]["done"] >= 2
    assert expected["direct_worker_nominations"]["proposed"] >= 1
    assert raw.figures(sector.path, HISTORY_YEAR)["awards_total"] > 0
    assert checked > len(ROLE_LOGINS)
