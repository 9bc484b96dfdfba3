"""Fixtures of the movement tests: drafting and launching through the services, a 34-union sector,
and an API client whose API has the movement routers mounted."""

import datetime

import pytest
from django.utils import timezone

from tests.api.helpers import ApiClient
from tests.factories import make_org
from thidua.accounts.models import ApiToken
from thidua.movements import services
from thidua.organizations.models import EmployerType, OrgKind

# With BVDK and BVNHI (public service), the 34 grassroots unions of the seed plan's "34 CĐCS".
SECTOR_MIX = (
    [EmployerType.ADMINISTRATIVE] * 4
    + [EmployerType.PUBLIC_SERVICE] * 22
    + [EmployerType.STATE_ENTERPRISE] * 2
    + [EmployerType.PRIVATE_ENTERPRISE] * 3
    + [EmployerType.FDI_ENTERPRISE] * 1
)


def days(n):
    """The date ``n`` days from today."""
    return timezone.localdate() + datetime.timedelta(days=n)


def movement_fields(**overrides):
    fields = {
        "title": "Giỏi việc nước, Đảm việc nhà",
        "kind": "thematic",
        "objectives": "- Động viên nữ CNVCLĐ phát huy vai trò trong gia đình và xã hội.",
        "scope": "Toàn ngành Y tế Đồng Nai",
        "participants": "Nữ đoàn viên, CNVCLĐ",
        "content": "- Hoàn thành tốt nhiệm vụ chuyên môn.\n- Xây dựng gia đình no ấm, hạnh phúc.",
        "measures": "- Công đoàn cơ sở xây dựng kế hoạch hưởng ứng.",
        "targets": [{"name": "CĐCS xây dựng kế hoạch hưởng ứng", "target_value": 100, "unit": "%"}],
        "starts_on": days(-10),
        "ends_on": days(200),
        "plan_due_on": days(20),
        "midterm_review_due_on": days(100),
        "final_review_due_on": days(215),
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def draft(people, tree):
    """``draft(**fields)``: a draft movement of CDN-YT by nganh.admin."""

    def make(org=None, by=None, **overrides):
        return services.create_movement(
            org=org or tree.sector, by=by or people.nganh_admin, **movement_fields(**overrides)
        )

    return make


@pytest.fixture
def launched(draft, people):
    """A launched movement of CDN-YT addressed to BVDK and BVNHI."""
    movement = draft()
    return services.launch_movement(movement, by=people.nganh_admin)


@pytest.fixture
def big_sector(tree):
    """32 more grassroots unions under CDN-YT (with BVDK and BVNHI: 34), and an inactive one."""
    units = [
        make_org(
            OrgKind.GRASSROOTS_UNION,
            tree.sector,
            code=f"CS{index:02d}",
            name=f"Công đoàn cơ sở số {index}",
            employer_type=employer_type,
        )
        for index, employer_type in enumerate(SECTOR_MIX, start=1)
    ]
    make_org(
        OrgKind.GRASSROOTS_UNION,
        tree.sector,
        code="CS-OLD",
        name="Công đoàn cơ sở đã giải thể",
        employer_type=EmployerType.PUBLIC_SERVICE,
        active=False,
    )
    return units


@pytest.fixture
def api_client(db):
    """``api_client(user)`` → a client holding a new bearer token of ``user``."""

    def make(user, **kwargs):
        if user is None:
            return ApiClient(**kwargs)
        _token, raw = ApiToken.issue(user, name="test")
        return ApiClient(user=user, token=raw, **kwargs)

    return make
