"""Factories: the demo vocabulary (CDN-YT, BVDK, BVNHI, bvdk.thidua...) for tests.

Units are created through treebeard (``add_root``/``add_child``), so they are plain functions
around the model API rather than factory_boy factories.
"""

import datetime
import itertools

import factory

from thidua.accounts.models import RoleAssignment, User
from thidua.organizations.counts import refresh_member_counts
from thidua.organizations.models import EmployerType, Member, OrgKind, OrgUnit

_codes = itertools.count(1)


def make_org(kind=OrgKind.GRASSROOTS_UNION, parent=None, **fields):
    """Create a unit; grassroots unions default to a public-service employer."""
    code = fields.pop("code", f"U{next(_codes):04d}")
    fields.setdefault("name", f"Đơn vị {code}")
    if kind == OrgKind.GRASSROOTS_UNION:
        fields.setdefault("employer_type", EmployerType.PUBLIC_SERVICE)
    unit = OrgUnit(kind=kind, code=code, **fields)
    if parent:
        return OrgUnit.objects.add_child(parent, instance=unit)
    return OrgUnit.objects.add_root(instance=unit)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("ThiDua@2026")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    full_name = factory.Faker("name", locale="vi_VN")
    gender = factory.Iterator(["female", "male"])
    birth_date = factory.Faker(
        "date_between", start_date=datetime.date(1965, 1, 1), end_date=datetime.date(2000, 12, 31)
    )
    job_title = "Điều dưỡng"
    is_direct_worker = True
    is_manager = False
    union_joined_on = datetime.date(2015, 6, 1)
    employed_since = datetime.date(2015, 1, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Save, then refresh the stored member counts as the member services do."""
        member = super()._create(model_class, *args, **kwargs)
        refresh_member_counts([member.org_id])
        return member


def grant(user, role, org):
    RoleAssignment.objects.get_or_create(user=user, role=role, org=org)
    user.__dict__.pop("role_assignments", None)
    return user


def user_with_role(role, org, username=None, **fields):
    user = UserFactory(username=username or f"{role}.{org.code}".lower(), **fields)
    return grant(user, role, org)


def verified_login(client, user):
    """Log ``user`` in with a verified two-factor device, as after the code step."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="app", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
