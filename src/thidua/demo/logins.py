"""The demo logins (all with DEMO_PASSWORD), shown on the login page only in demo mode."""

DEMO_PASSWORD = "ThiDua@2026"

# (username, full name, role, unit code)
DEMO_LOGINS = [
    ("nganh.admin", "Đàm Đức Chính", "sector_admin", "CDN-YT"),
    ("nganh.thidua", "Phạm Thị Thu Hà", "sector_officer", "CDN-YT"),
    ("hoidong.1", "Nguyễn Văn Hùng", "council_member", "CDN-YT"),
    ("hoidong.2", "Trần Thị Lan", "council_member", "CDN-YT"),
    ("hoidong.3", "Lê Minh Tuấn", "council_member", "CDN-YT"),
    ("bvdk.chutich", "Võ Thị Ngọc Ánh", "grassroots_chair", "BVDK"),
    ("bvdk.thidua", "Huỳnh Văn Phúc", "grassroots_officer", "BVDK"),
    ("bvnhi.chutich", "Đặng Thị Mỹ Linh", "grassroots_chair", "BVNHI"),
    ("bvnhi.thidua", "Bùi Quốc Khánh", "grassroots_officer", "BVNHI"),
    ("kiemtra", "Ngô Thanh Sơn", "inspector", "CDN-YT"),
    ("doanvien", "Nguyễn Thị Hồng", "member", "BVDK"),
    ("ldld", "Trương Công Định", "viewer", "LDLD-DN"),
]
