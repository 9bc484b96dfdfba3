"""An import that fails halfway (a bug on row N, or the database going away) saves nothing."""

import pytest
from django.core.files.base import ContentFile
from django.db import OperationalError

from tests.awards.test_assessment_pages import _xlsx as assessment_file
from tests.awards.test_history_import import _xlsx as history_file
from tests.factories import MemberFactory
from tests.movements.conftest import movement_fields
from tests.movements.test_pledges import workbook as pledge_file
from tests.organizations import test_import_members as member_files
from tests.organizations import test_import_units as unit_files
from thidua.awards import services as award_services
from thidua.awards.imports import import_assessments, import_award_history
from thidua.awards.models import AwardRecord, MemberYearAssessment
from thidua.core.jobs import create_job
from thidua.core.models import AuditEntry, Job
from thidua.movements import services as movement_services
from thidua.movements.imports import import_pledges
from thidua.movements.models import Pledge
from thidua.organizations import imports as org_imports
from thidua.organizations.models import Member, OrgUnit
from thidua.organizations.tasks import run_import

FAILURES = {
    "bug": RuntimeError("unexpected error on a row"),
    "database gone": OperationalError("server closed the connection unexpectedly"),
}


@pytest.fixture(params=list(FAILURES), ids=list(FAILURES))
def failure(request):
    return FAILURES[request.param]


def fail_on_call(monkeypatch, owner, name, call, error):
    """Make ``owner.name`` raise ``error`` on its ``call``-th call (earlier calls work)."""
    original = getattr(owner, name)
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == call:
            raise error
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def stored_job(user, kind, data):
    job = create_job(f"{kind}_import", "Nhập", by=user)
    job.input_file.save("tep.xlsx", ContentFile(data.getvalue()))
    return job


def assert_failed_with_message(job):
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["message"] == "The import failed unexpectedly; nothing was saved."


def test_member_import_job_interrupted_on_the_third_row(monkeypatch, people, failure):
    monkeypatch.setattr(org_imports, "BATCH_SIZE", 1)
    calls = fail_on_call(monkeypatch, org_imports._MemberInsert, "__call__", 3, failure)
    before, audits = Member.objects.count(), AuditEntry.objects.count()
    job = stored_job(people.bvdk_thidua, "members", member_files.three_members())

    with pytest.raises(type(failure)):
        run_import.call(job.pk, "members", "en")

    assert len(calls) == 3  # two batches of one member were written before the failure
    assert Member.objects.count() == before
    assert AuditEntry.objects.count() == audits
    assert_failed_with_message(job)


def test_unit_import_job_interrupted_on_the_third_row(monkeypatch, people, failure):
    calls = fail_on_call(monkeypatch, OrgUnit.objects, "add_child", 3, failure)
    before = OrgUnit.objects.count()
    job = stored_job(people.nganh_admin, "units", unit_files.subtree())

    with pytest.raises(type(failure)):
        run_import.call(job.pk, "units", "en")

    assert len(calls) == 3
    assert OrgUnit.objects.count() == before
    assert not OrgUnit.objects.filter(code__startswith="TTYT-BH").exists()
    assert_failed_with_message(job)


def test_pledge_import_interrupted_on_the_third_row(monkeypatch, people, tree, failure):
    movement = movement_services.launch_movement(
        movement_services.create_movement(
            org=tree.sector, by=people.nganh_admin, **movement_fields()
        ),
        by=people.nganh_admin,
    )
    MemberFactory(org=tree.bvdk, code="BV0099", full_name="Lâm Văn Tâm")
    rows = [
        ["", "Tập thể", "Đạt danh hiệu Tập thể lao động xuất sắc"],
        ["BV0099", "", "Hoàn thành xuất sắc nhiệm vụ"],
        ["", "nguyen thi hong", "Một sáng kiến"],
    ]
    calls = fail_on_call(monkeypatch, Pledge.objects, "create", 3, failure)

    with pytest.raises(type(failure)):
        import_pledges(movement, org=tree.bvdk, by=people.bvdk_thidua, fileobj=pledge_file(rows))

    assert len(calls) == 3
    assert not Pledge.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="pledge").exists()


def test_award_history_import_interrupted_on_the_second_row(monkeypatch, people, tree, failure):
    MemberFactory(org=tree.bvdk, code="DV001", full_name="Nguyễn Văn An")
    MemberFactory(org=tree.bvdk_group, code="DV002", full_name="Trần Thị Bích")
    file = history_file(
        [
            ["DV001", None, "Nguyễn Văn An", 2024, "LDTT", None, "05/QĐ-BVĐK", "15/01/2025", "BV"],
            ["DV002", None, None, 2023, None, "Giấy khen của Sở Y tế", "12/QĐ-SYT", None, "SYT"],
        ]
    )
    calls = fail_on_call(monkeypatch, AwardRecord, "save", 2, failure)

    with pytest.raises(type(failure)):
        import_award_history(file, org=tree.bvdk, by=people.bvdk_thidua)

    assert len(calls) == 2
    assert not AwardRecord.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).exists()


def test_assessment_import_interrupted_on_the_second_row(monkeypatch, people, tree, failure):
    people.hong.code, people.nurse.code = "DV001", "DV002"
    people.hong.save()
    people.nurse.save()
    file = assessment_file(
        [
            ["DV001", None, None, "Hoàn thành xuất sắc nhiệm vụ", 45, 40],
            ["DV002", "BVDK-KN", None, "hoàn thành tốt nhiệm vụ", None, None],
        ]
    )
    calls = fail_on_call(monkeypatch, award_services, "record_assessment", 2, failure)

    with pytest.raises(type(failure)):
        import_assessments(file, org=tree.bvdk, year=2025, by=people.bvdk_thidua)

    assert len(calls) == 2
    assert not MemberYearAssessment.objects.filter(year=2025).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).exists()
