"""Vietnamese personal names for the demo, weighted as a reader in Đồng Nai would expect.

Family names follow their national shares, tilted to the south (Huỳnh and Võ are far more common
there than Hoàng and Vũ). Middle names depend on gender: Thị and Văn dominate among people born
before 1990, double middle names ("Thị Ngọc", "Thị Thu") are common for women.
"""

# (family name, weight in per mille)
FAMILY_NAMES = (
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Huỳnh", 40),
    ("Phan", 42),
    ("Võ", 39),
    ("Hoàng", 15),
    ("Vũ", 10),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Trương", 12),
    ("Lý", 5),
    ("Đinh", 8),
    ("Đoàn", 6),
    ("Lâm", 6),
    ("Mai", 5),
    ("Cao", 5),
    ("Lương", 4),
    ("Hà", 4),
    ("Châu", 3),
    ("Tô", 3),
    ("Thái", 3),
    ("Lưu", 3),
    ("Phùng", 2),
    ("Triệu", 2),
    ("Tạ", 2),
    ("La", 2),
    ("Quách", 2),
    ("Chu", 2),
    ("Kiều", 1),
    ("Khưu", 1),
    ("Từ", 1),
    ("Tăng", 1),
)

FEMALE_MIDDLE_NAMES = (
    ("Thị", 420),
    ("Thị Ngọc", 45),
    ("Thị Thu", 40),
    ("Thị Thanh", 35),
    ("Thị Kim", 30),
    ("Thị Mỹ", 25),
    ("Thị Hồng", 20),
    ("Thị Bích", 15),
    ("Thị Thúy", 12),
    ("Ngọc", 60),
    ("Thanh", 45),
    ("Thu", 35),
    ("Kim", 30),
    ("Mỹ", 25),
    ("Hồng", 20),
    ("Bích", 15),
    ("Minh", 15),
    ("Phương", 15),
    ("Hoài", 10),
    ("Diễm", 8),
    ("Quỳnh", 8),
    ("Bảo", 8),
    ("Khánh", 6),
    ("Tường", 4),
)

MALE_MIDDLE_NAMES = (
    ("Văn", 400),
    ("Minh", 80),
    ("Hữu", 60),
    ("Quốc", 55),
    ("Đức", 45),
    ("Thanh", 45),
    ("Công", 35),
    ("Hoàng", 30),
    ("Tấn", 30),
    ("Trọng", 25),
    ("Quang", 25),
    ("Ngọc", 20),
    ("Duy", 20),
    ("Thành", 20),
    ("Anh", 15),
    ("Xuân", 15),
    ("Đình", 15),
    ("Nhật", 12),
    ("Trung", 10),
    ("Phước", 10),
    ("Hoài", 8),
    ("Bá", 8),
    ("Chí", 8),
    ("Gia", 8),
)

FEMALE_GIVEN_NAMES = (
    ("Hương", 30), ("Lan", 25), ("Hà", 22), ("Linh", 30), ("Ánh", 15), ("Mai", 22),
    ("Thảo", 30), ("Trang", 30), ("Ngân", 18), ("Nhung", 15), ("Hằng", 20), ("Hạnh", 18),
    ("Huyền", 18), ("Phương", 20), ("Thủy", 20), ("Tuyết", 12), ("Loan", 12), ("Nga", 15),
    ("Vân", 15), ("Yến", 18), ("Oanh", 10), ("Dung", 15), ("Hoa", 15), ("Hiền", 18),
    ("Trinh", 12), ("Nhi", 15), ("Vy", 12), ("Uyên", 12), ("Quyên", 8), ("Duyên", 12),
    ("Diễm", 8), ("Hậu", 6), ("Liên", 10), ("Nguyệt", 8), ("Tâm", 10), ("Thơ", 6),
    ("Xuân", 8), ("My", 8), ("Ngọc", 12), ("Châu", 6), ("Tiên", 8), ("Thư", 10),
    ("Hân", 6), ("Giang", 10), ("Kiều", 5), ("Lệ", 5), ("Thắm", 6), ("Trâm", 8),
    ("Bích", 5), ("Cúc", 4), ("Nhàn", 5), ("Quỳnh", 10), ("Sương", 4), ("Tươi", 4),
    ("Thúy", 10), ("Hồng", 12), ("Vi", 5), ("Thanh", 8), ("Phượng", 8),
)  # fmt: skip

MALE_GIVEN_NAMES = (
    ("Hùng", 25), ("Tuấn", 25), ("Dũng", 20), ("Minh", 25), ("Nam", 20), ("Phúc", 15),
    ("Khánh", 12), ("Sơn", 15), ("Long", 18), ("Hải", 18), ("Hoàng", 12), ("Huy", 20),
    ("Tài", 12), ("Thành", 18), ("Trung", 15), ("Hiếu", 15), ("Phong", 12), ("Cường", 12),
    ("Tâm", 10), ("Thắng", 12), ("Toàn", 10), ("Vinh", 12), ("Bình", 12), ("Đức", 12),
    ("Hậu", 8), ("Lộc", 10), ("Nhân", 10), ("Nghĩa", 10), ("Phát", 8), ("Quang", 10),
    ("Tân", 8), ("Thịnh", 8), ("Tín", 8), ("Trí", 10), ("Tùng", 10), ("Việt", 8),
    ("Vũ", 8), ("Bảo", 8), ("Danh", 6), ("Duy", 10), ("Hưng", 10), ("Khoa", 10),
    ("Kiên", 6), ("Luân", 5), ("Lực", 4), ("Nhựt", 5), ("Phước", 8), ("Tú", 6),
    ("Thông", 6), ("Thuận", 6), ("Định", 5), ("Đạt", 12), ("Hiệp", 6), ("Hòa", 8),
    ("Lâm", 6), ("Sang", 6), ("Tiến", 8), ("Trọng", 5), ("An", 10), ("Khang", 8),
)  # fmt: skip


def _split(table):
    names, weights = zip(*table, strict=True)
    return names, weights


_FAMILY = _split(FAMILY_NAMES)
_MIDDLE = {"female": _split(FEMALE_MIDDLE_NAMES), "male": _split(MALE_MIDDLE_NAMES)}
_GIVEN = {"female": _split(FEMALE_GIVEN_NAMES), "male": _split(MALE_GIVEN_NAMES)}


def _pick(rng, table):
    names, weights = table
    return rng.choices(names, weights)[0]


def make_name(rng, gender):
    """A full name ("Nguyễn Thị Thu Hà") for ``gender`` ("female" or "male")."""
    given = _pick(rng, _GIVEN[gender])
    middle = _pick(rng, _MIDDLE[gender])
    while middle.split()[-1] == given:
        middle = _pick(rng, _MIDDLE[gender])
    return f"{_pick(rng, _FAMILY)} {middle} {given}"
