"""The demo members: who works where, in which post, since when. Pure and deterministic.

``generate_members()`` returns the same list of ``MemberSpec`` on every run (it draws from
``random.Random(SEED)`` in a fixed order), so the demo, the tests and the documentation can name
the same people. Each grassroots union's members are spread over the union itself and its union
groups; each place has a staffing profile: the jobs held there with their weights and share of
women, and the management posts (filled one each, in order, then drawn from ``more``).
"""

import datetime
import itertools
import random
from dataclasses import dataclass

from thidua.demo.logins import DEMO_LOGINS
from thidua.demo.names import make_name
from thidua.demo.units import GRASSROOTS

SEED = 2026
# The last day a generated member may have been hired or joined the union.
REFERENCE_DATE = datetime.date(2025, 12, 31)
# Share of the members of a union with groups who belong to the union itself, not to a group.
ROOT_SHARE = 0.12
# Share of members who left the union (inactive, with a leaving date).
LEFT_SHARE = 0.015
# Share of members whose mobile number is on file.
PHONE_SHARE = 0.8
MOBILE_PREFIXES = ("090", "091", "093", "094", "096", "097", "098", "032", "033", "035", "036",
                   "037", "038", "039", "070", "076", "077", "079", "081", "083", "084", "085",
                   "086", "088", "089")  # fmt: skip


@dataclass(frozen=True)
class Job:
    title: str
    weight: int
    female: float  # share of women among the people in this job
    direct: bool = True  # works directly in the service or production


@dataclass(frozen=True)
class Profile:
    staff: tuple[Job, ...]
    heads: tuple[str, ...]  # management posts held by one person each, filled in order
    more: tuple[str, ...]  # further management posts, drawn at random


@dataclass(frozen=True)
class MemberSpec:
    org_code: str
    code: str
    full_name: str
    gender: str
    birth_date: datetime.date
    job_title: str
    is_manager: bool
    is_direct_worker: bool
    employed_since: datetime.date
    union_joined_on: datetime.date
    phone: str = ""
    active: bool = True
    left_on: datetime.date | None = None
    username: str | None = None  # the demo login linked to this member


@dataclass(frozen=True)
class DemoPerson:
    """A demo login who is a member of a grassroots union; the name comes from DEMO_LOGINS."""

    username: str
    org_code: str
    gender: str
    birth_date: datetime.date
    job_title: str
    is_manager: bool
    is_direct_worker: bool
    employed_since: datetime.date
    union_joined_on: datetime.date
    phone: str


DEMO_PEOPLE = (
    DemoPerson(
        "bvdk.chutich", "BVDK", "female", datetime.date(1976, 5, 2),
        "Trưởng phòng Công tác xã hội", True, False,
        datetime.date(1999, 9, 1), datetime.date(2000, 3, 1), "0913456721",
    ),
    DemoPerson(
        "bvdk.thidua", "BVDK", "male", datetime.date(1985, 11, 20),
        "Chuyên viên Phòng Tổ chức cán bộ", False, False,
        datetime.date(2009, 7, 1), datetime.date(2010, 1, 4), "0908123654",
    ),
    DemoPerson(
        "doanvien", "BVDK", "female", datetime.date(1990, 8, 14),
        "Điều dưỡng", False, True,
        datetime.date(2013, 3, 1), datetime.date(2013, 9, 3), "0937281946",
    ),
    DemoPerson(
        "bvnhi.chutich", "BVNHI", "female", datetime.date(1979, 2, 9),
        "Phó Trưởng phòng Kế hoạch tổng hợp", True, False,
        datetime.date(2003, 10, 1), datetime.date(2004, 5, 1), "0918665203",
    ),
    DemoPerson(
        "bvnhi.thidua", "BVNHI", "male", datetime.date(1988, 6, 25),
        "Kỹ thuật viên xét nghiệm", False, True,
        datetime.date(2011, 8, 1), datetime.date(2012, 2, 1), "0976402318",
    ),
)  # fmt: skip

_GD = ("Giám đốc", "Phó Giám đốc", "Phó Giám đốc")
_HOSPITAL_MIDDLE = (
    "Trưởng khoa",
    "Phó Trưởng khoa",
    "Điều dưỡng trưởng khoa",
    "Trưởng phòng",
    "Phó Trưởng phòng",
)
_HOSPITAL_STAFF = (
    Job("Bác sĩ", 20, 0.5),
    Job("Điều dưỡng", 40, 0.8),
    Job("Hộ sinh", 4, 1.0),
    Job("Kỹ thuật viên", 9, 0.55),
    Job("Dược sĩ", 5, 0.75),
    Job("Hộ lý", 7, 0.85),
    Job("Y sĩ", 3, 0.6),
    Job("Nhân viên hành chính", 5, 0.7, direct=False),
    Job("Kế toán", 3, 0.85, direct=False),
    Job("Lái xe", 1, 0.0),
    Job("Bảo vệ", 1, 0.05),
)

PROFILES = {
    # Whole employers (the grassroots union itself).
    "hospital": Profile(_HOSPITAL_STAFF, _GD, _HOSPITAL_MIDDLE),
    "private_hospital": Profile(_HOSPITAL_STAFF, _GD[:2], _HOSPITAL_MIDDLE),
    "health_centre": Profile(
        (
            Job("Bác sĩ", 18, 0.5),
            Job("Y sĩ", 12, 0.6),
            Job("Điều dưỡng", 30, 0.8),
            Job("Hộ sinh", 8, 1.0),
            Job("Kỹ thuật viên", 7, 0.55),
            Job("Dược sĩ", 5, 0.75),
            Job("Cử nhân y tế công cộng", 4, 0.6),
            Job("Nhân viên hành chính", 6, 0.7, direct=False),
            Job("Kế toán", 3, 0.85, direct=False),
            Job("Lái xe", 1, 0.0),
        ),
        _GD,
        ("Trưởng khoa", "Phó Trưởng khoa", "Trưởng phòng", "Trưởng trạm y tế", "Điều dưỡng trưởng"),
    ),
    "cdc": Profile(
        (
            Job("Bác sĩ", 18, 0.5),
            Job("Y sĩ", 8, 0.6),
            Job("Cử nhân y tế công cộng", 16, 0.6),
            Job("Kỹ thuật viên", 20, 0.6),
            Job("Điều dưỡng", 10, 0.8),
            Job("Dược sĩ", 3, 0.75),
            Job("Nhân viên hành chính", 7, 0.7, direct=False),
            Job("Kế toán", 3, 0.85, direct=False),
            Job("Lái xe", 2, 0.0),
        ),
        _GD,
        ("Trưởng khoa", "Phó Trưởng khoa", "Trưởng phòng", "Phó Trưởng phòng"),
    ),
    "forensics": Profile(
        (
            Job("Giám định viên pháp y", 35, 0.35),
            Job("Kỹ thuật viên", 25, 0.5),
            Job("Nhân viên hành chính", 15, 0.7, direct=False),
            Job("Kế toán", 8, 0.85, direct=False),
            Job("Lái xe", 6, 0.0),
        ),
        _GD[:2],
        ("Trưởng khoa", "Trưởng phòng"),
    ),
    "testing": Profile(
        (
            Job("Kiểm nghiệm viên", 50, 0.7),
            Job("Dược sĩ", 25, 0.75),
            Job("Kỹ thuật viên", 10, 0.6),
            Job("Nhân viên hành chính", 8, 0.7, direct=False),
            Job("Kế toán", 5, 0.85, direct=False),
        ),
        _GD[:2],
        ("Trưởng khoa", "Phó Trưởng khoa", "Trưởng phòng"),
    ),
    "assessment": Profile(
        (
            Job("Bác sĩ", 45, 0.5),
            Job("Điều dưỡng", 20, 0.85),
            Job("Nhân viên hành chính", 20, 0.7, direct=False),
            Job("Kế toán", 8, 0.85, direct=False),
        ),
        _GD[:2],
        ("Trưởng khoa", "Trưởng phòng"),
    ),
    "department": Profile(
        (
            Job("Chuyên viên", 65, 0.55, direct=False),
            Job("Thanh tra viên", 10, 0.4, direct=False),
            Job("Văn thư", 6, 0.9, direct=False),
            Job("Kế toán", 6, 0.85, direct=False),
            Job("Lái xe", 6, 0.0),
            Job("Bảo vệ", 3, 0.0),
        ),
        ("Giám đốc Sở", "Phó Giám đốc Sở", "Phó Giám đốc Sở", "Chánh Văn phòng", "Chánh Thanh tra"),
        ("Trưởng phòng", "Phó Trưởng phòng", "Phó Chánh Văn phòng"),
    ),
    "subdepartment": Profile(
        (
            Job("Chuyên viên", 65, 0.6, direct=False),
            Job("Kế toán", 8, 0.85, direct=False),
            Job("Văn thư", 6, 0.9, direct=False),
            Job("Lái xe", 6, 0.0),
        ),
        ("Chi cục trưởng", "Phó Chi cục trưởng"),
        ("Trưởng phòng", "Phó Trưởng phòng"),
    ),
    "college": Profile(
        (
            Job("Giảng viên", 60, 0.65),
            Job("Kỹ thuật viên phòng thí nghiệm", 5, 0.5),
            Job("Nhân viên thư viện", 4, 0.9),
            Job("Chuyên viên", 12, 0.6, direct=False),
            Job("Nhân viên hành chính", 8, 0.7, direct=False),
            Job("Kế toán", 6, 0.85, direct=False),
        ),
        ("Hiệu trưởng", "Phó Hiệu trưởng", "Phó Hiệu trưởng"),
        ("Trưởng khoa", "Phó Trưởng khoa", "Trưởng phòng", "Trưởng bộ môn"),
    ),
    "pharma": Profile(
        (
            Job("Công nhân", 35, 0.65),
            Job("Dược sĩ", 15, 0.7),
            Job("Kỹ thuật viên", 8, 0.4),
            Job("Nhân viên kinh doanh", 15, 0.5),
            Job("Nhân viên kho", 6, 0.3),
            Job("Kế toán", 6, 0.85, direct=False),
            Job("Nhân viên hành chính", 6, 0.7, direct=False),
        ),
        ("Tổng Giám đốc", "Phó Tổng Giám đốc", "Phó Tổng Giám đốc"),
        ("Trưởng phòng", "Phó Trưởng phòng", "Quản đốc"),
    ),
    "device_factory": Profile(
        (
            Job("Công nhân", 65, 0.7),
            Job("Kỹ thuật viên", 12, 0.2),
            Job("Kỹ sư", 6, 0.3),
            Job("Nhân viên kiểm tra chất lượng", 7, 0.7),
            Job("Nhân viên kho", 4, 0.2),
            Job("Nhân viên hành chính", 4, 0.7, direct=False),
            Job("Kế toán", 2, 0.85, direct=False),
        ),
        ("Tổng Giám đốc", "Phó Tổng Giám đốc"),
        ("Trưởng phòng", "Quản đốc", "Phó Quản đốc"),
    ),
    # Union groups (a department, a block of departments, a workshop).
    "clinic": Profile(
        (
            Job("Bác sĩ", 30, 0.5),
            Job("Điều dưỡng", 50, 0.8),
            Job("Y sĩ", 8, 0.6),
            Job("Hộ lý", 6, 0.85),
            Job("Nhân viên hành chính", 3, 0.8, direct=False),
        ),
        ("Trưởng khoa", "Điều dưỡng trưởng khoa"),
        ("Phó Trưởng khoa",),
    ),
    "ward": Profile(
        (
            Job("Bác sĩ", 22, 0.5),
            Job("Điều dưỡng", 55, 0.8),
            Job("Hộ lý", 10, 0.85),
            Job("Kỹ thuật viên", 5, 0.55),
            Job("Y sĩ", 4, 0.6),
            Job("Nhân viên hành chính", 2, 0.8, direct=False),
        ),
        ("Trưởng khoa", "Điều dưỡng trưởng khoa"),
        ("Phó Trưởng khoa",),
    ),
    "maternity": Profile(
        (
            Job("Bác sĩ", 25, 0.6),
            Job("Hộ sinh", 45, 1.0),
            Job("Điều dưỡng", 20, 0.9),
            Job("Hộ lý", 10, 0.9),
        ),
        ("Trưởng khoa", "Hộ sinh trưởng khoa"),
        ("Phó Trưởng khoa",),
    ),
    "laboratory": Profile(
        (
            Job("Kỹ thuật viên", 65, 0.6),
            Job("Bác sĩ", 20, 0.5),
            Job("Hộ lý", 7, 0.8),
            Job("Nhân viên hành chính", 3, 0.8, direct=False),
        ),
        ("Trưởng khoa", "Kỹ thuật viên trưởng khoa"),
        ("Phó Trưởng khoa",),
    ),
    "pharmacy": Profile(
        (
            Job("Dược sĩ", 75, 0.75),
            Job("Thủ kho", 10, 0.6),
            Job("Kế toán", 8, 0.85, direct=False),
            Job("Nhân viên hành chính", 5, 0.8, direct=False),
        ),
        ("Trưởng khoa", "Phó Trưởng khoa"),
        ("Phó Trưởng khoa",),
    ),
    "nursing_office": Profile(
        (Job("Điều dưỡng", 80, 0.85), Job("Nhân viên hành chính", 20, 0.8, direct=False)),
        ("Trưởng phòng Điều dưỡng", "Phó Trưởng phòng Điều dưỡng"),
        ("Phó Trưởng phòng Điều dưỡng",),
    ),
    "office": Profile(
        (
            Job("Nhân viên hành chính", 30, 0.65, direct=False),
            Job("Chuyên viên", 25, 0.6, direct=False),
            Job("Văn thư", 8, 0.85, direct=False),
            Job("Kỹ sư công nghệ thông tin", 5, 0.2, direct=False),
            Job("Lái xe", 10, 0.0),
            Job("Bảo vệ", 10, 0.05),
            Job("Nhân viên kỹ thuật", 8, 0.1),
        ),
        ("Trưởng phòng", "Phó Trưởng phòng"),
        ("Phó Trưởng phòng",),
    ),
    "accounts": Profile(
        (
            Job("Kế toán", 70, 0.8, direct=False),
            Job("Thủ quỹ", 10, 0.9, direct=False),
            Job("Nhân viên thu viện phí", 20, 0.8),
        ),
        ("Kế toán trưởng", "Phó Trưởng phòng Tài chính kế toán"),
        ("Phó Trưởng phòng Tài chính kế toán",),
    ),
    "prevention": Profile(
        (
            Job("Bác sĩ", 25, 0.5),
            Job("Y sĩ", 15, 0.6),
            Job("Cử nhân y tế công cộng", 25, 0.6),
            Job("Điều dưỡng", 15, 0.8),
            Job("Kỹ thuật viên", 10, 0.6),
            Job("Nhân viên hành chính", 5, 0.7, direct=False),
        ),
        ("Trưởng khoa", "Phó Trưởng khoa"),
        ("Phó Trưởng khoa",),
    ),
    "station": Profile(
        (
            Job("Y sĩ", 30, 0.6),
            Job("Bác sĩ", 15, 0.5),
            Job("Điều dưỡng", 25, 0.85),
            Job("Hộ sinh", 20, 1.0),
            Job("Dược sĩ", 8, 0.75),
        ),
        ("Trưởng trạm y tế",),
        ("Trưởng trạm y tế", "Phó Trưởng trạm y tế"),
    ),
    "factory": Profile(
        (
            Job("Công nhân", 75, 0.65),
            Job("Kỹ thuật viên", 12, 0.3),
            Job("Dược sĩ", 8, 0.7),
            Job("Nhân viên kho", 5, 0.3),
        ),
        ("Quản đốc", "Phó Quản đốc"),
        ("Phó Quản đốc",),
    ),
    "quality": Profile(
        (
            Job("Kiểm nghiệm viên", 60, 0.7),
            Job("Dược sĩ", 30, 0.75),
            Job("Kỹ thuật viên", 10, 0.5),
        ),
        ("Trưởng phòng", "Phó Trưởng phòng"),
        ("Phó Trưởng phòng",),
    ),
}

# Management posts usually held by women.
_NURSING_POSTS = ("Điều dưỡng", "Hộ sinh")


def _buckets(union):
    """``[(org_code, profile, count, is_root)]``: the union itself first, then its groups."""
    if not union.groups:
        return [(union.code, union.profile, union.size, True)]
    root = round(union.size * ROOT_SHARE)
    rest = union.size - root
    total = sum(group.share for group in union.groups)
    exact = [rest * group.share / total for group in union.groups]
    counts = [int(x) for x in exact]
    # Largest remainders take the members left over by rounding down (ties: first group).
    order = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: rest - sum(counts)]:
        counts[i] += 1
    return [(union.code, union.profile, root, True)] + [
        (group.code, group.profile, count, False)
        for group, count in zip(union.groups, counts, strict=True)
    ]


def _manager_titles(rng, profile, count, is_root, has_groups):
    """The management posts of one bucket of ``count`` members."""
    if is_root and has_groups:
        wanted = len(profile.heads) + round(count * 0.05)
    elif is_root:
        wanted = max(len(profile.heads), round(count * 0.1))
    else:
        wanted = max(1, round(count * 0.1))
    titles = list(profile.heads[:wanted])
    titles += [rng.choice(profile.more) for _ in range(wanted - len(titles))]
    return titles


def _random_date(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def _years_after(day, years):
    return day.replace(year=day.year + years, day=min(day.day, 28))


def _career(rng, birth_date, manager):
    """``(employed_since, union_joined_on)``: hired after 22, joined the union within a year."""
    earliest = _years_after(birth_date, 22)
    span = (REFERENCE_DATE - earliest).days
    employed = earliest + datetime.timedelta(
        days=rng.randrange(min(span, (5 if manager else 8) * 365) + 1)
    )
    joined = min(employed + datetime.timedelta(days=rng.randrange(30, 365)), REFERENCE_DATE)
    return employed, joined


def _birth_date(rng, manager):
    year = round(rng.triangular(1966, 1986, 1974) if manager else rng.triangular(1966, 2002, 1991))
    return _random_date(rng, datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _phone(rng):
    if rng.random() >= PHONE_SHARE:
        return ""
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"


def _person(rng, reserved, *, org_code, code, job_title, female, manager, direct):
    gender = "female" if rng.random() < female else "male"
    full_name = make_name(rng, gender)
    while full_name in reserved:
        full_name = make_name(rng, gender)
    birth_date = _birth_date(rng, manager)
    employed, joined = _career(rng, birth_date, manager)
    active, left_on = True, None
    if not manager and rng.random() < LEFT_SHARE:
        start = max(joined + datetime.timedelta(days=30), datetime.date(2023, 1, 1))
        if start <= REFERENCE_DATE:
            active, left_on = False, _random_date(rng, start, REFERENCE_DATE)
    return MemberSpec(
        org_code=org_code,
        code=code,
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        job_title=job_title,
        is_manager=manager,
        is_direct_worker=direct and not manager,
        employed_since=employed,
        union_joined_on=joined,
        phone=_phone(rng),
        active=active,
        left_on=left_on,
    )


def _demo_member(person, code):
    full_names = {username: full_name for username, full_name, _role, _unit in DEMO_LOGINS}
    return MemberSpec(
        org_code=person.org_code,
        code=code,
        full_name=full_names[person.username],
        gender=person.gender,
        birth_date=person.birth_date,
        job_title=person.job_title,
        is_manager=person.is_manager,
        is_direct_worker=person.is_direct_worker,
        employed_since=person.employed_since,
        union_joined_on=person.union_joined_on,
        phone=person.phone,
        username=person.username,
    )


def generate_members(rng=None):
    """Every demo member, demo logins' own records first in their unit. Same list every run."""
    rng = rng or random.Random(SEED)
    reserved = {full_name for _username, full_name, _role, _unit in DEMO_LOGINS}
    members = []
    for union in GRASSROOTS:
        codes = (f"{union.code}-{serial:04d}" for serial in itertools.count(1))
        for org_code, profile_name, count, is_root in _buckets(union):
            demo = [p for p in DEMO_PEOPLE if p.org_code == org_code]
            members += [_demo_member(person, next(codes)) for person in demo]
            profile = PROFILES[profile_name]
            count -= len(demo)
            titles = _manager_titles(rng, profile, count, is_root, bool(union.groups))
            jobs = rng.choices(profile.staff, [job.weight for job in profile.staff], k=count)
            for index in range(count):
                if index < len(titles):
                    title = titles[index]
                    female = 0.85 if title.startswith(_NURSING_POSTS) else 0.5
                    post = {"job_title": title, "female": female, "manager": True, "direct": False}
                else:
                    job = jobs[index]
                    post = {"job_title": job.title, "female": job.female, "manager": False}
                    post["direct"] = job.direct
                members.append(_person(rng, reserved, org_code=org_code, code=next(codes), **post))
    return members
