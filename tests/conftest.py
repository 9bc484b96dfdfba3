"""Shared fixtures: a small tree in the demo's vocabulary and one user per role."""

import importlib
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import MemberFactory, make_org, user_with_role
from thidua.accounts.roles import Role
from thidua.organizations.models import EmployerType, OrgKind


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SECURE_COOKIES = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with an empty cache: no rate-limit counts left by an earlier test."""
    cache.clear()


class VerifiedClient(Client):
    """A test client whose ``force_login`` also verifies the session with a two-factor device."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="app", defaults={"confirmed": True}
        )
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture
def client():
    """The Django test client, where ``client.force_login(user)`` also verifies the session with
    a confirmed authenticator of ``user`` (as ``tests.factories.verified_login`` does), so users of
    roles that require two-factor (``TWO_FACTOR_REQUIRED_ROLES``) reach the pages under test.

    Tests of the login and the two-factor enforcement use a plain ``django.test.Client()``.
    """
    return VerifiedClient()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Restore the rows seeded by data migrations (document types...) for database tests.

    Transactional tests (the browser journeys, concurrency tests) flush every table when they end,
    which also removes migration-seeded rows that later tests in the same worker rely on.
    """
    marker = request.node.get_closest_marker("django_db")
    fixtures = set(request.fixturenames)
    if marker is None and not fixtures & {"db", "transactional_db"}:
        return
    transactional = "transactional_db" in fixtures or (marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.apps import apps

    from thidua.awards.models import AwardType
    from thidua.documents.models import DocumentType

    for model, migration in (
        (DocumentType, "thidua.documents.migrations.0002_seed_document_types"),
        (AwardType, "thidua.awards.migrations.0002_seed_catalogue"),
    ):
        if not model.objects.exists():
            importlib.import_module(migration).seed(apps, None)


@pytest.fixture
def tree(db):
    """TLĐ → LĐLĐ Đồng Nai → CĐN Y tế (CDN-YT) → BVDK (with a union group) and BVNHI."""
    tld = make_org(OrgKind.CONFEDERATION, code="TLD", name="Tổng Liên đoàn Lao động Việt Nam")
    ldld = make_org(
        OrgKind.FEDERATION, tld, code="LDLD-DN", name="Liên đoàn Lao động tỉnh Đồng Nai"
    )
    sector = make_org(
        OrgKind.SECTOR_UNION,
        ldld,
        code="CDN-YT",
        name="Công đoàn ngành Y tế Đồng Nai",
        symbol="CĐN",
    )
    bvdk = make_org(
        OrgKind.GRASSROOTS_UNION,
        sector,
        code="BVDK",
        name="Công đoàn cơ sở Bệnh viện Đa khoa Đồng Nai",
        employer_type=EmployerType.PUBLIC_SERVICE,
    )
    bvdk_group = make_org(OrgKind.UNION_GROUP, bvdk, code="BVDK-KN", name="Tổ công đoàn Khoa Nội")
    bvnhi = make_org(
        OrgKind.GRASSROOTS_UNION,
        sector,
        code="BVNHI",
        name="Công đoàn cơ sở Bệnh viện Nhi đồng Đồng Nai",
        employer_type=EmployerType.PUBLIC_SERVICE,
    )
    return SimpleNamespace(
        tld=tld, ldld=ldld, sector=sector, bvdk=bvdk, bvdk_group=bvdk_group, bvnhi=bvnhi
    )


@pytest.fixture
def people(tree):
    """One user per role, named as the demo logins, and a few members in BVDK and BVNHI."""
    hong = MemberFactory(org=tree.bvdk, full_name="Nguyễn Thị Hồng", gender="female")
    nurse = MemberFactory(org=tree.bvdk_group, full_name="Trần Văn Bình", gender="male")
    child_doctor = MemberFactory(org=tree.bvnhi, full_name="Lê Thị Mai", gender="female")
    doanvien = user_with_role(Role.MEMBER, tree.bvdk, username="doanvien")
    hong.user = doanvien
    hong.save()
    people = SimpleNamespace(
        nganh_admin=user_with_role(Role.SECTOR_ADMIN, tree.sector, username="nganh.admin"),
        nganh_thidua=user_with_role(Role.SECTOR_OFFICER, tree.sector, username="nganh.thidua"),
        hoidong=user_with_role(Role.COUNCIL_MEMBER, tree.sector, username="hoidong.1"),
        bvdk_chutich=user_with_role(Role.GRASSROOTS_CHAIR, tree.bvdk, username="bvdk.chutich"),
        bvdk_thidua=user_with_role(Role.GRASSROOTS_OFFICER, tree.bvdk, username="bvdk.thidua"),
        bvnhi_chutich=user_with_role(Role.GRASSROOTS_CHAIR, tree.bvnhi, username="bvnhi.chutich"),
        bvnhi_thidua=user_with_role(Role.GRASSROOTS_OFFICER, tree.bvnhi, username="bvnhi.thidua"),
        kiemtra=user_with_role(Role.INSPECTOR, tree.sector, username="kiemtra"),
        doanvien=doanvien,
        ldld=user_with_role(Role.VIEWER, tree.ldld, username="ldld"),
        hong=hong,
        nurse=nurse,
        child_doctor=child_doctor,
    )
    people.users = {
        user.username: user for user in vars(people).values() if hasattr(user, "username")
    }
    return people
