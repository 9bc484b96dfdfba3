"""Realistic sample documents of each kind, in the sector union's own words.

The plan is the seed plan 36/KH-CĐN of the Health Sector Trade Union of Đồng Nai (with the
scanner's misreadings corrected). The other samples follow the same unit's practice. They serve
the tests, the validation of uploaded templates (every template must render its kind's sample)
and the rendering bench.
"""

import datetime
import itertools
import math
import random

from thidua.core.text import amount_in_words, format_number
from thidua.documents.rendering.model import (
    Align,
    Annex,
    Certificate,
    Column,
    Heading,
    Kind,
    OfficialDocument,
    Signature,
    bullet,
    heading,
    on_behalf_of_executive_committee,
    on_behalf_of_standing_committee,
    paragraph,
    subheading,
)

SECTOR_HEADING = Heading("Liên đoàn Lao động tỉnh Đồng Nai", "Công đoàn ngành Y tế")
BVDK_HEADING = Heading(
    "Công đoàn ngành Y tế Đồng Nai", "Công đoàn cơ sở Bệnh viện Đa khoa Đồng Nai"
)
PLACE = "Đồng Nai"
SECTOR_CHAIR = "Đàm Đức Chính"
SECTOR_DEPUTY = "Phạm Thị Thu Hà"
BVDK_CHAIR = "Võ Minh Tuấn"

# Base salary from 01/07/2024 and the Giấy khen factor (DOMAIN.md); amounts are rounded up to
# tens of thousands of đồng by the caller, as the awards service does.
BASE_SALARY = 2_340_000
GIAY_KHEN_FACTOR = 0.3


def giay_khen_amount() -> int:
    """0.3 times 2,340,000 = 702,000 đ, rounded up to tens of thousands: 710,000 đ."""
    return math.ceil(BASE_SALARY * GIAY_KHEN_FACTOR / 10_000) * 10_000


_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô")
_MIDDLE = ("Thị", "Văn", "Thị Thu", "Minh", "Ngọc", "Hữu", "Thị Kim", "Đức", "Thanh", "Quốc")
_GIVEN = ("Hồng", "Bình", "Mai", "Lan", "Hùng", "Dũng", "Hương", "Tâm", "Phương", "Sơn", "Thảo")
_POSTS = (
    "Điều dưỡng, Khoa Nội tổng hợp",
    "Bác sĩ, Khoa Cấp cứu",
    "Kỹ thuật viên, Khoa Xét nghiệm",
    "Dược sĩ, Khoa Dược",
    "Hộ sinh, Khoa Sản",
    "Điều dưỡng trưởng, Khoa Hồi sức tích cực",
    "Nhân viên, Phòng Hành chính quản trị",
    "Bác sĩ, Khoa Ngoại chấn thương",
    "Kế toán viên, Phòng Tài chính kế toán",
    "Điều dưỡng, Khoa Nhi",
)


def member_names(count: int) -> list[str]:
    """``count`` distinct Vietnamese full names, "Nguyễn Thị Hồng" first."""
    first = "Nguyễn Thị Hồng"
    names = [f"{f} {m} {g}" for f, m, g in itertools.product(_FAMILY, _MIDDLE, _GIVEN)]
    names.remove(first)
    random.Random(36).shuffle(names)
    names.insert(0, first)
    if count > len(names):
        raise ValueError(f"at most {len(names)} sample names")
    return names[:count]


def sample_plan() -> OfficialDocument:
    """The seed plan 36/KH-CĐN of 20/3/2020."""
    body = (
        paragraph(
            "Thực hiện Kế hoạch số 94/KH-LĐ ngày 10/3/2020 của Ban Thường vụ Liên đoàn Lao động "
            "tỉnh về đổi mới công tác thi đua, khen thưởng trong công nhân, viên chức, lao động và "
            "hoạt động công đoàn, Ban Thường vụ Công đoàn ngành Y tế xây dựng kế hoạch tổ chức "
            "triển khai, thực hiện như sau:"
        ),
        heading("I. MỤC ĐÍCH, YÊU CẦU"),
        paragraph(
            "1. Nhằm tạo sự chuyển biến mạnh mẽ về nhận thức và trách nhiệm của các cấp công đoàn, "
            "cán bộ, đoàn viên, công nhân, viên chức, lao động (CNVCLĐ) trong công tác thi đua, "
            "khen thưởng. Động viên cán bộ, đoàn viên CNVCLĐ năng động, sáng tạo, hăng hái thi đua "
            "lao động sản xuất, công tác."
        ),
        paragraph(
            "2. Đổi mới công tác thi đua, khen thưởng của tổ chức công đoàn theo hướng thiết thực, "
            "hiệu quả, khắc phục bệnh thành tích, hình thức trong thi đua cho phù hợp tình hình "
            "thực tế của cơ quan, đơn vị, doanh nghiệp. Khen thưởng đảm bảo chính xác, kịp thời, "
            "công khai, minh bạch, hướng về người lao động trực tiếp; xây dựng đội ngũ cán bộ làm "
            "công tác thi đua, khen thưởng sáng tạo, tận tâm, trách nhiệm."
        ),
        paragraph(
            "3. Triển khai đồng bộ phong trào thi đua trong các cấp công đoàn góp phần xây dựng tổ "
            "chức Công đoàn vững mạnh; đồng thời công đoàn phối hợp với thủ trưởng cơ quan, người "
            "sử dụng lao động tổ chức hiệu quả phong trào thi đua trong công nhân, viên chức, lao "
            "động; góp phần nâng cao năng suất lao động, vị thế và uy tín của tổ chức Công đoàn "
            "trong hội nhập và phát triển."
        ),
        heading("II. CHỈ TIÊU PHẤN ĐẤU HÀNG NĂM"),
        bullet(
            "100% các Công đoàn cơ sở (CĐCS) xây dựng kế hoạch, tổ chức phát động các phong trào "
            "thi đua do Công đoàn ngành phát động."
        ),
        bullet(
            "100% các phong trào thi đua sau khi được phát động được Công đoàn cơ sở và cán bộ "
            "CNVCLĐ hưởng ứng, được sơ kết, tổng kết và nhân rộng điển hình tiên tiến."
        ),
        bullet(
            "Phấn đấu xét khen thưởng người lao động trực tiếp đề nghị Liên đoàn Lao động tỉnh, "
            "Tổng Liên đoàn Lao động Việt Nam khen thưởng theo số lượng phân bổ hàng năm."
        ),
        bullet(
            "100% cán bộ làm công tác thi đua, khen thưởng được tập huấn, bồi dưỡng kiến thức, kỹ "
            "năng về công tác thi đua, khen thưởng."
        ),
        heading("III. NỘI DUNG VÀ GIẢI PHÁP CHỦ YẾU"),
        subheading("1. Đổi mới nội dung, hình thức tổ chức thi đua"),
        bullet(
            "Lựa chọn nội dung phát động thi đua phải bám sát vào nhiệm vụ trọng tâm của ngành, "
            "các cơ quan, đơn vị và tổ chức Công đoàn; không phát động nhiều phong trào trong cùng "
            "một thời điểm. Trọng tâm thi đua phải hướng về cơ sở, gắn với nhiệm vụ sản xuất – "  # noqa: RUF001
            "kinh doanh, nâng cao năng suất lao động, xây dựng hệ thống chính trị vững mạnh và "
            "hiệu quả quản lý nhà nước."
        ),
        bullet(
            "Trong quá trình tổ chức phong trào thi đua cần xác định rõ mục tiêu, phạm vi, đối "
            "tượng thi đua, nội dung, chỉ tiêu thi đua, biện pháp tổ chức vận động tham gia phong "
            "trào thi đua. Cụ thể hóa nội dung và có hình thức tổ chức phong trào thi đua phù hợp "
            "với từng loại hình tổ chức công đoàn: cơ quan hành chính, đơn vị sự nghiệp, doanh "
            "nghiệp nhà nước, doanh nghiệp tư nhân, doanh nghiệp có vốn đầu tư nước ngoài..."
        ),
        bullet(
            "Các Công đoàn cơ sở tiếp tục duy trì, nâng cao chất lượng tổ chức các phong trào thi "
            "đua chuyên đề “Quy tắc ứng xử”, “Xanh - Sạch - Đẹp” giảm thiểu chất thải nhựa góp "
            "phần bảo vệ môi trường hướng tới sự hài lòng của người bệnh, “Bảo đảm An toàn vệ "
            "sinh lao động”, “Giỏi việc nước, Đảm việc nhà”."
        ),
        subheading(
            "2. Làm tốt công tác phát hiện, lựa chọn, tôn vinh, nhân rộng điển hình tiên tiến "
            "thông qua các phong trào thi đua"
        ),
        bullet(
            "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến những tập thể, cá nhân làm tốt "
            "và có thành tích trong phong trào thi đua, đặc biệt cán bộ CNVCLĐ trong phong trào "
            "phòng, chống dịch SARS-CoV-2 (Covid-19)."
        ),
        bullet(
            "Định kỳ đánh giá, sơ kết, tổng kết các phong trào, các cuộc vận động. Lựa chọn các "
            "tập thể, cá nhân tiêu biểu đủ tiêu chuẩn, điều kiện để tôn vinh; tổ chức biểu "
            "dương, tôn vinh, khen thưởng kịp thời, ý nghĩa, trang trọng, tạo sự lan tỏa."
        ),
        subheading("3. Đổi mới công tác khen thưởng"),
        bullet(
            "Đơn giản hóa hồ sơ khen thưởng, giảm số lượng và yêu cầu về văn bản, tờ trình, báo "
            "cáo thành tích khen thưởng. Nâng cao chất lượng công tác thẩm định hồ sơ khen thưởng. "
            "Đẩy mạnh ứng dụng công nghệ thông tin trong công tác quản lý và việc thực hiện quy "
            "trình, thủ tục, thống kê, lưu trữ hồ sơ khen thưởng."
        ),
        subheading(
            "4. Nâng cao hiệu quả công tác tuyên truyền và chỉ đạo về công tác thi đua, khen thưởng"
        ),
        bullet(
            "Chú trọng nâng cao nhận thức cho chủ tịch công đoàn các cấp, nhất là chủ tịch công "
            "đoàn cơ sở về vai trò, vị trí và tầm quan trọng của công tác thi đua, khen thưởng."
        ),
        subheading("5. Nâng cao chất lượng cán bộ làm công tác thi đua, khen thưởng"),
        bullet(
            "Xây dựng hệ thống bộ máy làm công tác thi đua, khen thưởng của tổ chức Công đoàn, "
            "Công đoàn cơ sở bố trí 01 cán bộ công đoàn kiêm nhiệm công tác thi đua, khen thưởng."
        ),
        heading("IV. TỔ CHỨC THỰC HIỆN"),
        subheading("1. Công đoàn cơ sở"),
        bullet(
            "Căn cứ kế hoạch của Công đoàn ngành, các Công đoàn cơ sở xây dựng kế hoạch, triển "
            "khai thực hiện có hiệu quả ở cấp mình."
        ),
        bullet(
            "Định kỳ 6 tháng và năm tổng hợp, đánh giá kết quả thực hiện kế hoạch và gửi về Công "
            "đoàn ngành Y tế theo quy định."
        ),
        subheading("2. Thường trực Công đoàn ngành"),
        bullet("Xây dựng kế hoạch thực hiện."),
        bullet(
            "Hướng dẫn các Công đoàn cơ sở thực hiện kế hoạch, đồng thời theo dõi, kiểm tra định "
            "kỳ, đánh giá, báo cáo kết quả thực hiện kế hoạch."
        ),
        paragraph(
            "Ban Thường vụ Công đoàn ngành Y tế đề nghị các Công đoàn cơ sở trong ngành triển khai "
            "thực hiện tốt kế hoạch và báo cáo kết quả thực hiện về Công đoàn ngành Y tế "
            "**trước ngày 18/11/2020** để tổng hợp báo cáo Liên đoàn Lao động tỉnh."
        ),
        paragraph(
            "Trên đây là kế hoạch về đổi mới công tác thi đua, khen thưởng trong công nhân, viên "
            "chức, lao động và hoạt động Công đoàn ngành Y tế tỉnh Đồng Nai, đề nghị các Công đoàn "
            "cơ sở triển khai thực hiện./."
        ),
    )
    return OfficialDocument(
        kind=Kind.PLAN,
        heading=SECTOR_HEADING,
        symbol="CĐN",
        number=36,
        place=PLACE,
        date=datetime.date(2020, 3, 20),
        subject=(
            "Về đổi mới công tác thi đua, khen thưởng trong công nhân, viên chức, lao động "
            "và hoạt động công đoàn ngành Y tế"
        ),
        body=body,
        recipients=(
            "Như trên (34 CĐCS)",
            "Ban Thường vụ ĐU Sở Y tế",
            "Ban Thường vụ CĐN",
            "Website Sở Y tế",
        ),
        filed_at="CĐN",
        signatures=(on_behalf_of_standing_committee("CHỦ TỊCH", SECTOR_CHAIR),),
    )


def sample_decision(recipients: int = 12, *, number: int | None = 15) -> OfficialDocument:
    """A decision of the sector union giving Giấy khen to ``recipients`` members of BVDK."""
    amount = giay_khen_amount()
    names = member_names(recipients)
    total = amount * recipients
    date = datetime.date(2025, 1, 15)
    reference = f"{number:02d}/QĐ-CĐN" if number is not None else "....../QĐ-CĐN"
    on_date = f" ngày {date:%d/%m/%Y}" if number is not None else ""
    rows = tuple(
        (name, f"{_POSTS[i % len(_POSTS)]}, Bệnh viện Đa khoa Đồng Nai", "Giấy khen", amount)
        for i, name in enumerate(names)
    )
    return OfficialDocument(
        kind=Kind.DECISION,
        heading=SECTOR_HEADING,
        symbol="CĐN",
        number=number,
        place=PLACE,
        date=date if number is not None else None,
        draft_year=date.year,
        subject=(
            "Về việc tặng Giấy khen cho đoàn viên Công đoàn cơ sở Bệnh viện Đa khoa Đồng Nai "
            "đã có thành tích xuất sắc trong phong trào thi đua năm 2024"
        ),
        authority="BAN THƯỜNG VỤ CÔNG ĐOÀN NGÀNH Y TẾ ĐỒNG NAI",
        preamble=(
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
            "Căn cứ Điều lệ Công đoàn Việt Nam;",
            "Căn cứ Quyết định số 999/QĐ-TLĐ ngày 29/5/2024 của Tổng Liên đoàn Lao động Việt Nam "
            "về khen thưởng của tổ chức Công đoàn;",
            "Xét đề nghị của Ban Chấp hành Công đoàn cơ sở Bệnh viện Đa khoa Đồng Nai tại Tờ trình "
            "số 08/TTr-CĐCS ngày 06/01/2025 và kết quả bình xét của Hội đồng Thi đua - Khen thưởng "
            "Công đoàn ngành Y tế,",
        ),
        articles=(
            f"Tặng Giấy khen của Ban Chấp hành Công đoàn ngành Y tế Đồng Nai cho {recipients:02d} "
            "đoàn viên Công đoàn cơ sở Bệnh viện Đa khoa Đồng Nai (có danh sách kèm theo) đã có "
            "thành tích xuất sắc trong phong trào thi đua năm 2024.",
            f"Mỗi cá nhân được tặng Giấy khen kèm theo tiền thưởng {format_number(amount)} đồng. "
            f"Tổng số tiền thưởng: {format_number(total)} đồng (Bằng chữ: "
            f"{amount_in_words(total)}), trích từ quỹ khen thưởng của Công đoàn ngành Y tế.",
            "Văn phòng Công đoàn ngành, Ban Chấp hành Công đoàn cơ sở Bệnh viện Đa khoa Đồng Nai "
            "và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ),
        annex=Annex(
            title="DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
            subtitle=(
                f"(Kèm theo Quyết định số {reference}{on_date} "
                "của Ban Thường vụ Công đoàn ngành Y tế Đồng Nai)"
            ),
            columns=(
                Column("Họ và tên", 3.2),
                Column("Chức danh, đơn vị công tác", 5.0),
                Column("Hình thức khen thưởng", 2.2, Align.CENTER),
                Column("Số tiền (đồng)", 2.0, money=True),
            ),
            rows=rows,
        ),
        recipients=(
            "Như Điều 3",
            "Liên đoàn Lao động tỉnh (để b/c)",
            "Đảng ủy Sở Y tế (để b/c)",
        ),
        filed_at="VT, CĐN",
        signatures=(on_behalf_of_standing_committee("CHỦ TỊCH", SECTOR_CHAIR),),
    )


def sample_submission() -> OfficialDocument:
    """BVDK's submission to the sector union proposing 12 members for Giấy khen."""
    names = member_names(12)
    achievements = (
        "Hoàn thành xuất sắc nhiệm vụ; có sáng kiến cải tiến quy trình chăm sóc người bệnh",
        "Hoàn thành xuất sắc nhiệm vụ; tích cực trong phong trào “Giỏi việc nước, Đảm việc nhà”",
        "Hoàn thành xuất sắc nhiệm vụ; tham gia hiến máu tình nguyện nhiều lần",
    )
    rows = tuple(
        (name, _POSTS[i % len(_POSTS)], "Giấy khen", achievements[i % len(achievements)])
        for i, name in enumerate(names)
    )
    return OfficialDocument(
        kind=Kind.SUBMISSION,
        heading=BVDK_HEADING,
        symbol="CĐCS",
        number=8,
        place=PLACE,
        date=datetime.date(2025, 1, 6),
        subject="Về việc đề nghị tặng Giấy khen cho đoàn viên có thành tích xuất sắc năm 2024",
        addressee="Ban Thường vụ Công đoàn ngành Y tế Đồng Nai",
        body=(
            paragraph(
                "Căn cứ Quyết định số 999/QĐ-TLĐ ngày 29/5/2024 của Tổng Liên đoàn Lao động Việt "
                "Nam về khen thưởng của tổ chức Công đoàn; căn cứ kết quả bình xét của Hội đồng "
                "Thi đua - Khen thưởng Công đoàn cơ sở ngày 03/01/2025,"
            ),
            paragraph(
                "Ban Chấp hành Công đoàn cơ sở Bệnh viện Đa khoa Đồng Nai kính đề nghị Ban Thường "
                "vụ Công đoàn ngành Y tế Đồng Nai xem xét, tặng Giấy khen cho **12 đoàn viên** đã "
                "có thành tích xuất sắc trong phong trào thi đua năm 2024 (có danh sách và báo cáo "
                "thành tích kèm theo)."
            ),
            paragraph(
                "Trong số được đề nghị có 10 người lao động trực tiếp, chiếm 83,3%. Các cá nhân "
                "đều đạt danh hiệu Lao động tiên tiến năm 2024, không vi phạm kỷ luật."
            ),
            paragraph(
                "Kính đề nghị Ban Thường vụ Công đoàn ngành Y tế Đồng Nai xem xét, quyết định./."
            ),
        ),
        annex=Annex(
            title="DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN",
            subtitle=(
                "(Kèm theo Tờ trình số 08/TTr-CĐCS ngày 06/01/2025 của Ban Chấp hành "
                "Công đoàn cơ sở Bệnh viện Đa khoa Đồng Nai)"
            ),
            columns=(
                Column("Họ và tên", 3.0),
                Column("Chức danh, khoa/phòng", 3.6),
                Column("Hình thức đề nghị", 1.8, Align.CENTER),
                Column("Tóm tắt thành tích", 4.6),
            ),
            rows=rows,
        ),
        recipients=("Như trên",),
        filed_at="VT, CĐCS",
        signatures=(on_behalf_of_executive_committee("CHỦ TỊCH", BVDK_CHAIR),),
    )


def sample_minutes() -> OfficialDocument:
    """The council's minutes of its review and vote on the BVDK nominations."""
    names = member_names(12)
    votes = (9, 9, 8, 9, 9, 7, 9, 8, 9, 9, 6, 9)
    rows = tuple(
        (
            name,
            "Bệnh viện Đa khoa Đồng Nai",
            "Giấy khen",
            f"{vote}/9",
            f"{vote / 9 * 100:.1f}".replace(".", ","),
            "Đạt" if vote / 9 >= 0.7 else "Không đạt",
        )
        for name, vote in zip(names, votes, strict=True)
    )
    return OfficialDocument(
        kind=Kind.MINUTES,
        heading=SECTOR_HEADING,
        symbol="HĐTĐKT",
        number=2,
        place=PLACE,
        date=datetime.date(2025, 1, 10),
        subject="Họp Hội đồng Thi đua - Khen thưởng Công đoàn ngành Y tế xét khen thưởng năm 2024",
        body=(
            paragraph(
                "Vào lúc 14 giờ 00 ngày 10 tháng 01 năm 2025, tại Văn phòng Công đoàn ngành Y tế "
                "Đồng Nai, Hội đồng Thi đua - Khen thưởng Công đoàn ngành Y tế họp xét khen thưởng "
                "năm 2024."
            ),
            heading("I. THÀNH PHẦN"),
            bullet(f"Chủ trì: Ông {SECTOR_CHAIR}, Chủ tịch Công đoàn ngành, Chủ tịch Hội đồng."),
            bullet(f"Thư ký: Bà {SECTOR_DEPUTY}, Phó Chủ tịch Công đoàn ngành."),
            bullet("Có mặt 9/9 thành viên Hội đồng; vắng: không."),
            heading("II. NỘI DUNG"),
            paragraph(
                "Hội đồng nghe Thường trực Công đoàn ngành báo cáo kết quả thẩm định hồ sơ đề nghị "
                "khen thưởng của Công đoàn cơ sở Bệnh viện Đa khoa Đồng Nai tại Tờ trình số "
                "08/TTr-CĐCS ngày 06/01/2025; các thành viên thảo luận và bỏ phiếu kín. Tỷ lệ "
                "phiếu đồng ý cần đạt từ 70% số thành viên có mặt trở lên. Kết quả như sau:"
            ),
        ),
        annex=Annex(
            title="KẾT QUẢ BỎ PHIẾU",
            separate_page=False,
            columns=(
                Column("Họ và tên", 3.0),
                Column("Đơn vị", 3.4),
                Column("Hình thức", 1.6, Align.CENTER),
                Column("Phiếu đồng ý", 1.5, Align.CENTER),
                Column("Tỷ lệ (%)", 1.4, Align.CENTER),
                Column("Kết quả", 1.5, Align.CENTER),
            ),
            rows=rows,
        ),
        closing=(
            paragraph(
                "Hội đồng thống nhất đề nghị Ban Thường vụ Công đoàn ngành Y tế tặng Giấy khen cho "
                "11 cá nhân đạt tỷ lệ phiếu theo quy định."
            ),
            paragraph(
                "Cuộc họp kết thúc vào lúc 16 giờ 00 cùng ngày. Biên bản đã được đọc lại cho các "
                "thành viên dự họp nghe và nhất trí thông qua./."
            ),
        ),
        signatures=(
            Signature(title="THƯ KÝ", name=SECTOR_DEPUTY),
            Signature(title="CHỦ TỊCH HỘI ĐỒNG", name=SECTOR_CHAIR),
        ),
    )


def sample_report() -> OfficialDocument:
    """The sector union's half-year report on emulation and commendation to the federation."""
    return OfficialDocument(
        kind=Kind.REPORT,
        heading=SECTOR_HEADING,
        symbol="CĐN",
        number=45,
        place=PLACE,
        date=datetime.date(2025, 6, 25),
        subject="Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2025",
        addressee="Ban Thường vụ Liên đoàn Lao động tỉnh Đồng Nai",
        body=(
            paragraph(
                "Thực hiện Kế hoạch số 36/KH-CĐN về đổi mới công tác thi đua, khen thưởng, Ban "
                "Thường vụ Công đoàn ngành Y tế báo cáo kết quả 6 tháng đầu năm 2025 như sau:"
            ),
            heading("I. KẾT QUẢ THỰC HIỆN"),
            subheading("1. Tổ chức phong trào thi đua"),
            bullet("34/34 Công đoàn cơ sở xây dựng kế hoạch hưởng ứng phong trào thi đua (100%)."),
            bullet(
                "Phong trào “Xanh - Sạch - Đẹp” được sơ kết tại 30/34 Công đoàn cơ sở; 05 mô hình "
                "điển hình được nhân rộng trong toàn ngành."
            ),
            subheading("2. Công tác khen thưởng"),
            bullet(
                "Ban Thường vụ Công đoàn ngành tặng Giấy khen cho 126 cá nhân và 14 tập thể, trong "
                "đó người lao động trực tiếp chiếm 78,6%."
            ),
            bullet(
                "Đề nghị Liên đoàn Lao động tỉnh tặng Bằng khen cho 08 cá nhân, 02 tập thể; 100% "
                "hồ sơ được thẩm định đúng thời hạn."
            ),
            heading("II. TỒN TẠI, HẠN CHẾ"),
            paragraph(
                "Một số Công đoàn cơ sở khối doanh nghiệp gửi báo cáo chậm; việc phát hiện điển "
                "hình tiên tiến trong người lao động trực tiếp còn ít."
            ),
            heading("III. PHƯƠNG HƯỚNG 6 THÁNG CUỐI NĂM"),
            bullet("Tổ chức tập huấn nghiệp vụ thi đua, khen thưởng cho 100% cán bộ phụ trách."),
            bullet("Tổng kết phong trào thi đua năm 2025 **trước ngày 15/12/2025**."),
            paragraph(
                "Trên đây là báo cáo sơ kết 6 tháng đầu năm 2025 của Công đoàn ngành Y tế./."
            ),
        ),
        recipients=("Như trên", "Thường trực CĐN"),
        filed_at="VT, CĐN",
        signatures=(on_behalf_of_standing_committee("PHÓ CHỦ TỊCH", SECTOR_DEPUTY, deputy=True),),
    )


def sample_certificate(
    verification_url: str = "https://thidua.congdoanyte-dongnai.vn/xac-thuc/GK-7K3M-Q9XD",
) -> Certificate:
    """The Giấy khen of the first member of the sample decision."""
    return Certificate(
        heading=SECTOR_HEADING,
        awarding_body="Ban Chấp hành Công đoàn ngành Y tế Đồng Nai",
        recipient="Bà Nguyễn Thị Hồng",
        recipient_detail="Điều dưỡng, Khoa Nội tổng hợp, Bệnh viện Đa khoa Đồng Nai",
        achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm 2024",
        decision_reference="15/QĐ-CĐN",
        decision_date=datetime.date(2025, 1, 15),
        place=PLACE,
        date=datetime.date(2025, 1, 15),
        signature=on_behalf_of_executive_committee("CHỦ TỊCH", SECTOR_CHAIR),
        verification_code="GK-7K3M-Q9XD",
        verification_url=verification_url,
        register_number="Số vào sổ: 015/GK-2025",
    )


SAMPLES = {
    Kind.PLAN: sample_plan,
    Kind.SUBMISSION: sample_submission,
    Kind.MINUTES: sample_minutes,
    Kind.DECISION: sample_decision,
    Kind.REPORT: sample_report,
    Kind.CERTIFICATE: sample_certificate,
}


def sample(kind) -> OfficialDocument | Certificate:
    """The sample document of ``kind``."""
    return SAMPLES[Kind(kind)]()
