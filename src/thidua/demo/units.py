"""The demo union tree: TLĐ → LĐLĐ Đồng Nai → Công đoàn ngành Y tế → 34 grassroots unions.

Plain data, no database access. Each grassroots union names its employer type, its member count,
the staffing profile its members are drawn from (see ``people.PROFILES``) and its union groups.
"""

from dataclasses import dataclass, field

from thidua.organizations.models import EmployerType, OrgKind

PLACE = "Đồng Nai"
SECTOR_CODE = "CDN-YT"


@dataclass(frozen=True)
class GroupSpec:
    """A union group (tổ công đoàn) and the staffing profile of its members."""

    code: str
    name: str
    profile: str
    share: int  # relative share of the union's members


@dataclass(frozen=True)
class UnitSpec:
    """A unit of the tree above the grassroots level."""

    code: str
    name: str
    kind: str
    short_name: str = ""
    symbol: str = ""
    place: str = PLACE
    parent: str | None = None


@dataclass(frozen=True)
class GrassrootsSpec:
    """A grassroots union: the employer, how many members it has and how they work."""

    code: str
    employer: str
    employer_type: str
    size: int
    profile: str
    groups: tuple[GroupSpec, ...] = field(default=())
    address: str = ""

    @property
    def name(self):
        return f"Công đoàn cơ sở {self.employer}"

    @property
    def short_name(self):
        return f"CĐCS {self.employer}"


UPPER_UNITS = (
    UnitSpec(
        "TLD",
        "Tổng Liên đoàn Lao động Việt Nam",
        OrgKind.CONFEDERATION,
        short_name="Tổng Liên đoàn Lao động Việt Nam",
        symbol="TLĐ",
        place="Hà Nội",
    ),
    UnitSpec(
        "LDLD-DN",
        "Liên đoàn Lao động tỉnh Đồng Nai",
        OrgKind.FEDERATION,
        short_name="Liên đoàn Lao động tỉnh Đồng Nai",
        symbol="LĐLĐ",
        parent="TLD",
    ),
    UnitSpec(
        SECTOR_CODE,
        "Công đoàn ngành Y tế Đồng Nai",
        OrgKind.SECTOR_UNION,
        short_name="Công đoàn ngành Y tế",
        symbol="CĐN",
        parent="LDLD-DN",
    ),
)


def _groups(unit_code, *groups):
    return tuple(
        GroupSpec(f"{unit_code}-{suffix}", name, profile, share)
        for suffix, name, profile, share in groups
    )


_PUBLIC = EmployerType.PUBLIC_SERVICE
_ADMIN = EmployerType.ADMINISTRATIVE

GRASSROOTS = (
    # Provincial hospitals.
    GrassrootsSpec(
        "BVDK",
        "Bệnh viện Đa khoa Đồng Nai",
        _PUBLIC,
        420,
        "hospital",
        _groups(
            "BVDK",
            ("KKB", "Tổ công đoàn Khoa Khám bệnh", "clinic", 8),
            ("KCC", "Tổ công đoàn Khoa Cấp cứu", "ward", 8),
            ("KN", "Tổ công đoàn Khoa Nội", "ward", 14),
            ("KNG", "Tổ công đoàn Khoa Ngoại", "ward", 12),
            ("HSTC", "Tổ công đoàn Khoa Hồi sức tích cực - Chống độc", "ward", 8),
            ("KSAN", "Tổ công đoàn Khoa Phụ sản", "maternity", 8),
            ("XN", "Tổ công đoàn Khoa Xét nghiệm", "laboratory", 6),
            ("CDHA", "Tổ công đoàn Khoa Chẩn đoán hình ảnh", "laboratory", 5),
            ("KDUOC", "Tổ công đoàn Khoa Dược", "pharmacy", 4),
            ("PDD", "Tổ công đoàn Phòng Điều dưỡng", "nursing_office", 2),
            ("HCQT", "Tổ công đoàn Phòng Hành chính quản trị", "office", 6),
            ("TCKT", "Tổ công đoàn Phòng Tài chính kế toán", "accounts", 4),
        ),
    ),
    GrassrootsSpec(
        "BVNHI",
        "Bệnh viện Nhi đồng Đồng Nai",
        _PUBLIC,
        350,
        "hospital",
        _groups(
            "BVNHI",
            ("SS", "Tổ công đoàn Khoa Sơ sinh", "ward", 10),
            ("HSTC", "Tổ công đoàn Khoa Hồi sức tích cực - Chống độc", "ward", 8),
            ("NTH", "Tổ công đoàn Khoa Nội tổng hợp", "ward", 12),
            ("NG", "Tổ công đoàn Khoa Ngoại - Chuyên khoa", "ward", 8),
            ("CLS", "Tổ công đoàn Khối Cận lâm sàng", "laboratory", 7),
            ("HC", "Tổ công đoàn Khối Hành chính", "office", 8),
        ),
    ),
    GrassrootsSpec(
        "BVTN",
        "Bệnh viện Đa khoa Thống Nhất",
        _PUBLIC,
        360,
        "hospital",
        _groups(
            "BVTN",
            ("NOI", "Tổ công đoàn Khối Nội", "ward", 14),
            ("NGOAI", "Tổ công đoàn Khối Ngoại", "ward", 12),
            ("CLS", "Tổ công đoàn Khối Cận lâm sàng", "laboratory", 7),
            ("HC", "Tổ công đoàn Khối Hành chính", "office", 7),
        ),
    ),
    GrassrootsSpec("BVLK", "Bệnh viện Đa khoa khu vực Long Khánh", _PUBLIC, 300, "hospital"),
    GrassrootsSpec("BVDQ", "Bệnh viện Đa khoa khu vực Định Quán", _PUBLIC, 200, "hospital"),
    GrassrootsSpec("BVLT", "Bệnh viện Đa khoa khu vực Long Thành", _PUBLIC, 180, "hospital"),
    GrassrootsSpec("BVPHOI", "Bệnh viện Phổi Đồng Nai", _PUBLIC, 110, "hospital"),
    GrassrootsSpec("BVDL", "Bệnh viện Da liễu Đồng Nai", _PUBLIC, 45, "hospital"),
    GrassrootsSpec("BVYDCT", "Bệnh viện Y dược cổ truyền Đồng Nai", _PUBLIC, 100, "hospital"),
    GrassrootsSpec("BVMAT", "Bệnh viện Mắt Đồng Nai", _PUBLIC, 55, "hospital"),
    # Health centres of the city and districts.
    GrassrootsSpec(
        "TTYT-BH",
        "Trung tâm Y tế thành phố Biên Hòa",
        _PUBLIC,
        140,
        "health_centre",
        _groups(
            "TTYT-BH",
            ("DT", "Tổ công đoàn Khối Điều trị", "ward", 9),
            ("DP", "Tổ công đoàn Khối Dự phòng", "prevention", 6),
            ("TYT", "Tổ công đoàn Các trạm y tế phường", "station", 9),
            ("HC", "Tổ công đoàn Khối Hành chính", "office", 4),
        ),
    ),
    GrassrootsSpec("TTYT-LK", "Trung tâm Y tế thành phố Long Khánh", _PUBLIC, 100, "health_centre"),
    GrassrootsSpec("TTYT-TB", "Trung tâm Y tế huyện Trảng Bom", _PUBLIC, 115, "health_centre"),
    GrassrootsSpec("TTYT-TN", "Trung tâm Y tế huyện Thống Nhất", _PUBLIC, 80, "health_centre"),
    GrassrootsSpec("TTYT-VC", "Trung tâm Y tế huyện Vĩnh Cửu", _PUBLIC, 75, "health_centre"),
    GrassrootsSpec("TTYT-CM", "Trung tâm Y tế huyện Cẩm Mỹ", _PUBLIC, 70, "health_centre"),
    GrassrootsSpec("TTYT-XL", "Trung tâm Y tế huyện Xuân Lộc", _PUBLIC, 105, "health_centre"),
    GrassrootsSpec("TTYT-TP", "Trung tâm Y tế huyện Tân Phú", _PUBLIC, 80, "health_centre"),
    GrassrootsSpec("TTYT-DQ", "Trung tâm Y tế huyện Định Quán", _PUBLIC, 90, "health_centre"),
    GrassrootsSpec("TTYT-NT", "Trung tâm Y tế huyện Nhơn Trạch", _PUBLIC, 95, "health_centre"),
    GrassrootsSpec("TTYT-LT", "Trung tâm Y tế huyện Long Thành", _PUBLIC, 100, "health_centre"),
    # Provincial centres.
    GrassrootsSpec(
        "CDC",
        "Trung tâm Kiểm soát bệnh tật tỉnh Đồng Nai",
        _PUBLIC,
        130,
        "cdc",
        _groups(
            "CDC",
            ("PCBTN", "Tổ công đoàn Khoa Phòng, chống bệnh truyền nhiễm", "prevention", 5),
            ("XN", "Tổ công đoàn Khoa Xét nghiệm - Chẩn đoán hình ảnh", "laboratory", 4),
            ("HC", "Tổ công đoàn Khối Hành chính", "office", 3),
        ),
    ),
    GrassrootsSpec("TTPY", "Trung tâm Pháp y tỉnh Đồng Nai", _PUBLIC, 22, "forensics"),
    GrassrootsSpec(
        "TTKN", "Trung tâm Kiểm nghiệm Dược phẩm - Mỹ phẩm Đồng Nai", _PUBLIC, 32, "testing"
    ),
    GrassrootsSpec("TTGDYK", "Trung tâm Giám định y khoa tỉnh Đồng Nai", _PUBLIC, 20, "assessment"),
    # Administrative bodies of the Department of Health.
    GrassrootsSpec("VPSYT", "Văn phòng Sở Y tế Đồng Nai", _ADMIN, 38, "department"),
    GrassrootsSpec(
        "CCDS", "Chi cục Dân số - Kế hoạch hóa gia đình Đồng Nai", _ADMIN, 24, "subdepartment"
    ),
    GrassrootsSpec(
        "CCATTP", "Chi cục An toàn vệ sinh thực phẩm Đồng Nai", _ADMIN, 26, "subdepartment"
    ),
    # Training.
    GrassrootsSpec("CDYT", "Trường Cao đẳng Y tế Đồng Nai", _PUBLIC, 70, "college"),
    # Enterprises.
    GrassrootsSpec(
        "DONAIPHARM",
        "Công ty Cổ phần Dược Đồng Nai",
        EmployerType.STATE_ENTERPRISE,
        140,
        "pharma",
        _groups(
            "DONAIPHARM",
            ("PXSX", "Tổ công đoàn Phân xưởng sản xuất", "factory", 6),
            ("KN", "Tổ công đoàn Phòng Kiểm tra chất lượng", "quality", 2),
            ("VP", "Tổ công đoàn Khối Văn phòng", "office", 2),
        ),
    ),
    GrassrootsSpec(
        "BVQT",
        "Bệnh viện Quốc tế Đồng Nai",
        EmployerType.PRIVATE_ENTERPRISE,
        90,
        "private_hospital",
    ),
    GrassrootsSpec(
        "BVTHP",
        "Bệnh viện Đa khoa Tâm Hồng Phước",
        EmployerType.PRIVATE_ENTERPRISE,
        55,
        "private_hospital",
    ),
    GrassrootsSpec(
        "SHINGMARK",
        "Bệnh viện Đại học Y Dược Shing Mark",
        EmployerType.FDI_ENTERPRISE,
        120,
        "private_hospital",
    ),
    GrassrootsSpec(
        "MEDITECH",
        "Công ty TNHH Thiết bị Y tế Meditech Việt Nam",
        EmployerType.FDI_ENTERPRISE,
        110,
        "device_factory",
        address="Khu công nghiệp Amata, phường Long Bình, thành phố Biên Hòa",
    ),
)

# Grassroots unions that are left without a designated emulation officer.
WITHOUT_OFFICER = ("TTPY", "BVTHP", "MEDITECH")


def all_codes():
    """Every unit code of the demo tree, groups included."""
    codes = [unit.code for unit in UPPER_UNITS]
    for union in GRASSROOTS:
        codes.append(union.code)
        codes.extend(group.code for group in union.groups)
    return codes
