"""Vocabulary of the national dataset: provinces, sector unions, unit and job names.

Province weights are rough shares of union members (the industrial south-east and the two big
cities hold most of them); the rest share a weight of 1.
"""

# (province, weight, centrally run city)
PROVINCES = (
    ("Hà Nội", 9, True), ("Hồ Chí Minh", 14, True), ("Hải Phòng", 3, True),
    ("Đà Nẵng", 2, True), ("Cần Thơ", 1.5, True), ("Hà Giang", 0.5, False),
    ("Cao Bằng", 0.5, False), ("Bắc Kạn", 0.4, False), ("Tuyên Quang", 0.6, False),
    ("Lào Cai", 0.6, False), ("Điện Biên", 0.5, False), ("Lai Châu", 0.4, False),
    ("Sơn La", 0.7, False), ("Yên Bái", 0.6, False), ("Hòa Bình", 0.7, False),
    ("Thái Nguyên", 2, False), ("Lạng Sơn", 0.6, False), ("Quảng Ninh", 2, False),
    ("Bắc Giang", 2.5, False), ("Phú Thọ", 1.2, False), ("Vĩnh Phúc", 1.5, False),
    ("Bắc Ninh", 3, False), ("Hải Dương", 1.8, False), ("Hưng Yên", 1.3, False),
    ("Thái Bình", 1, False), ("Hà Nam", 1, False), ("Nam Định", 1.2, False),
    ("Ninh Bình", 0.9, False), ("Thanh Hóa", 2, False), ("Nghệ An", 1.8, False),
    ("Hà Tĩnh", 0.8, False), ("Quảng Bình", 0.6, False), ("Quảng Trị", 0.5, False),
    ("Thừa Thiên Huế", 0.9, False), ("Quảng Nam", 1.3, False), ("Quảng Ngãi", 0.9, False),
    ("Bình Định", 1, False), ("Phú Yên", 0.6, False), ("Khánh Hòa", 1, False),
    ("Ninh Thuận", 0.4, False), ("Bình Thuận", 0.7, False), ("Kon Tum", 0.4, False),
    ("Gia Lai", 0.8, False), ("Đắk Lắk", 0.9, False), ("Đắk Nông", 0.4, False),
    ("Lâm Đồng", 0.8, False), ("Bình Phước", 1, False), ("Tây Ninh", 1.3, False),
    ("Bình Dương", 7, False), ("Đồng Nai", 6, False), ("Bà Rịa - Vũng Tàu", 1.5, False),
    ("Long An", 2.5, False), ("Tiền Giang", 1.2, False), ("Bến Tre", 0.7, False),
    ("Trà Vinh", 0.6, False), ("Vĩnh Long", 0.6, False), ("Đồng Tháp", 0.8, False),
    ("An Giang", 0.9, False), ("Kiên Giang", 0.8, False), ("Hậu Giang", 0.5, False),
    ("Sóc Trăng", 0.6, False), ("Bạc Liêu", 0.4, False), ("Cà Mau", 0.6, False),
)  # fmt: skip

# Sector unions directly under the Confederation (code suffix, name).
NATIONAL_SECTORS = (
    ("VC", "Công đoàn Viên chức Việt Nam"),
    ("GD", "Công đoàn Giáo dục Việt Nam"),
    ("YT", "Công đoàn Y tế Việt Nam"),
    ("CT", "Công đoàn Công Thương Việt Nam"),
    ("XD", "Công đoàn Xây dựng Việt Nam"),
    ("GTVT", "Công đoàn Giao thông vận tải Việt Nam"),
    ("NN", "Công đoàn Nông nghiệp và Phát triển nông thôn Việt Nam"),
    ("NH", "Công đoàn Ngân hàng Việt Nam"),
    ("DM", "Công đoàn Dệt May Việt Nam"),
    ("DL", "Công đoàn Điện lực Việt Nam"),
    ("DK", "Công đoàn Dầu khí Việt Nam"),
    ("TKV", "Công đoàn Than - Khoáng sản Việt Nam"),
    ("CS", "Công đoàn Cao su Việt Nam"),
    ("BD", "Công đoàn Bưu điện Việt Nam"),
    ("HK", "Công đoàn Tổng Công ty Hàng không Việt Nam"),
    ("DS", "Công đoàn Đường sắt Việt Nam"),
    ("HH", "Công đoàn Tổng Công ty Hàng hải Việt Nam"),
    ("QP", "Công đoàn Quốc phòng"),
    ("CAND", "Công đoàn Công an nhân dân"),
    ("VT", "Công đoàn Tập đoàn Công nghiệp - Viễn thông Quân đội"),
)

# Sector unions of a provincial federation (code suffix, name); small provinces have the first 3.
LOCAL_SECTORS = (
    ("YT", "Công đoàn ngành Y tế"),
    ("GD", "Công đoàn ngành Giáo dục"),
    ("CT", "Công đoàn ngành Công Thương"),
    ("XD", "Công đoàn ngành Xây dựng"),
    ("GTVT", "Công đoàn ngành Giao thông vận tải"),
    ("NN", "Công đoàn ngành Nông nghiệp và Phát triển nông thôn"),
)

DISTRICTS = (
    "Châu Thành", "Tân Phú", "Long Thành", "Phú Giáo", "Hòa Vang", "Thống Nhất", "Bình Minh",
    "Phước Long", "Tân Uyên", "Đông Anh", "Sóc Sơn", "Gia Lâm", "Thủy Nguyên", "Cẩm Mỹ",
    "Xuân Lộc", "Định Quán", "Tam Nông", "Cái Bè", "Mỏ Cày", "Vĩnh Cửu", "Nhơn Trạch",
    "Trảng Bom", "Bến Cát", "Dầu Tiếng", "Hương Thủy", "Điện Bàn", "Tuy Phước", "Ninh Hòa",
)  # fmt: skip

SCHOOL_NAMES = (
    "Lê Quý Đôn", "Nguyễn Du", "Trần Phú", "Lê Lợi", "Chu Văn An", "Nguyễn Trãi", "Võ Thị Sáu",
    "Kim Đồng", "Lý Thường Kiệt", "Quang Trung", "Trần Hưng Đạo", "Nguyễn Bỉnh Khiêm",
    "Hoa Sen", "Họa Mi", "Sơn Ca", "Hướng Dương", "Lương Thế Vinh", "Nguyễn Văn Trỗi",
)  # fmt: skip

COMPANY_WORDS = (
    "Thành", "Phát", "Hưng", "Thịnh", "Phú", "An", "Tân", "Đại", "Minh", "Hòa", "Long",
    "Việt", "Nam", "Sao", "Mai", "Hoàng", "Gia", "Tiến", "Trường", "Quang", "Kim", "Bảo",
)  # fmt: skip

COMPANY_TRADES = (
    "May mặc", "Giày da", "Chế biến gỗ", "Thực phẩm", "Cơ khí", "Xây dựng", "Vận tải",
    "Thương mại", "Điện tử", "Bao bì", "Nhựa", "Dệt", "Thủy sản", "Dịch vụ",
)  # fmt: skip

FDI_NAMES = (
    "Samsung Electronics", "Pouchen", "Changshin", "Hansae", "Foxconn", "Canon", "Nidec",
    "Taekwang", "Freetrend", "Hyosung", "Panasonic", "Yazaki", "Luxshare", "Regina Miracle",
    "Shilla Bags", "Wonderful Saigon", "Ching Luh", "Fuji Xerox", "Brother", "LG Display",
)  # fmt: skip

STATE_ENTERPRISES = (
    "Công ty Điện lực", "Công ty Cấp nước", "Công ty Môi trường đô thị", "Công ty Xổ số kiến thiết",
    "Công ty Cao su", "Công ty Lâm nghiệp", "Tổng Công ty Phát triển công nghiệp",
)  # fmt: skip

ADMINISTRATIVE = (
    "Văn phòng UBND", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Tư pháp", "Sở Nội vụ",
    "Cục Thuế", "Kho bạc Nhà nước", "Chi cục Thống kê", "UBND huyện", "Phòng Giáo dục và Đào tạo",
    "Bảo hiểm xã hội", "Tòa án nhân dân", "Viện Kiểm sát nhân dân",
)  # fmt: skip

JOB_TITLES = {
    "administrative": ("Chuyên viên", "Chuyên viên chính", "Văn thư", "Kế toán", "Cán sự"),
    "public_service": ("Giáo viên", "Điều dưỡng", "Bác sĩ", "Nhân viên", "Kỹ thuật viên"),
    "state_enterprise": ("Công nhân", "Kỹ sư", "Nhân viên kỹ thuật", "Kế toán", "Lái xe"),
    "private_enterprise": ("Công nhân", "Công nhân may", "Thợ cơ khí", "Nhân viên", "Tổ trưởng"),
    "fdi_enterprise": ("Công nhân", "Công nhân may", "Công nhân lắp ráp", "Kỹ thuật viên"),
}

GROUP_NAMES = {
    "administrative": "Tổ công đoàn Phòng",
    "public_service": "Tổ công đoàn Khoa",
    "state_enterprise": "Tổ công đoàn Phân xưởng",
    "private_enterprise": "Tổ công đoàn Tổ sản xuất",
    "fdi_enterprise": "Tổ công đoàn Chuyền",
}

MOVEMENT_TITLES = (
    "Phong trào thi đua “Lao động giỏi, Lao động sáng tạo”",
    "Phong trào thi đua “Xanh - Sạch - Đẹp, Bảo đảm an toàn vệ sinh lao động”",
    "Phong trào thi đua “Giỏi việc nước, đảm việc nhà”",
    "Phong trào thi đua “Chuyển đổi số trong hoạt động công đoàn”",
    "Phong trào thi đua “Đổi mới, sáng tạo trong dạy và học”",
    "Phong trào thi đua “Người lao động học tập, nâng cao trình độ, kỹ năng nghề”",
)
