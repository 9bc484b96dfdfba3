"""A plain model of an official document, independent of the database.

The layout follows Decree 30/2020/NĐ-CP and the union's format (Decision 933/QĐ-TLĐ): the issuing
body's heading beside the national heading, number and symbol, place and date, the kind and its
subject, the body, the recipients ("Nơi nhận:") and the signature block. The renderers
(``render_docx``, ``render_pdf``) print these values; they compute nothing but the total of an
annex's money column and its reading in words.
"""

import datetime
import enum
import unicodedata
from dataclasses import dataclass

from thidua.core.text import amount_in_words, date_line, format_number

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
# What a draft prints where the number and the day are not known yet.
BLANK_NUMBER = "......"
BLANK_DAY = "......"


class Kind(enum.StrEnum):
    """The kinds of document the system prints; the value names the template file."""

    PLAN = "plan"
    SUBMISSION = "submission"
    MINUTES = "minutes"
    DECISION = "decision"
    REPORT = "report"
    CERTIFICATE = "certificate"

    @property
    def type_code(self) -> str:
        """The type abbreviation of the number ("KH" in 36/KH-CĐN); '' for the certificate."""
        return _TYPE_CODES[self]

    @property
    def title(self) -> str:
        """The kind's name as printed above the subject."""
        return _TITLES[self]


_TYPE_CODES = {
    Kind.PLAN: "KH",
    Kind.SUBMISSION: "TTr",
    Kind.MINUTES: "BB",
    Kind.DECISION: "QĐ",
    Kind.REPORT: "BC",
    Kind.CERTIFICATE: "",
}
_TITLES = {
    Kind.PLAN: "KẾ HOẠCH",
    Kind.SUBMISSION: "TỜ TRÌNH",
    Kind.MINUTES: "BIÊN BẢN",
    Kind.DECISION: "QUYẾT ĐỊNH",
    Kind.REPORT: "BÁO CÁO",
    Kind.CERTIFICATE: "GIẤY KHEN",
}


def nfc(value: str) -> str:
    """Vietnamese text in NFC, so the fonts' precomposed letters are used."""
    return unicodedata.normalize("NFC", value)


@dataclass(frozen=True)
class Heading:
    """The issuing body's heading: its direct superior and itself, both upper-case."""

    superior: str
    issuer: str

    def __post_init__(self):
        object.__setattr__(self, "superior", nfc(self.superior).upper())
        object.__setattr__(self, "issuer", nfc(self.issuer).upper())


class BlockKind(enum.StrEnum):
    HEADING = "heading"  # "I. MỤC ĐÍCH, YÊU CẦU"
    SUBHEADING = "subheading"  # "1. Đổi mới nội dung..."
    PARAGRAPH = "paragraph"
    BULLET = "bullet"  # printed with a leading "- "


@dataclass(frozen=True)
class Block:
    """One paragraph of the body. ``**bold**`` marks a bold part inside the text."""

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH

    def __post_init__(self):
        object.__setattr__(self, "text", nfc(self.text))
        object.__setattr__(self, "kind", BlockKind(self.kind))

    def runs(self) -> list[tuple[str, bool]]:
        """The text as ``(text, bold)`` runs, the bullet dash included."""
        text = self.text
        if self.kind == BlockKind.BULLET and not text.startswith(("- ", "+ ")):
            text = f"- {text}"
        parts = text.split("**")
        if len(parts) % 2 == 0:  # an unmatched "**" is printed as it is
            parts = [text]
        return [(part, index % 2 == 1) for index, part in enumerate(parts) if part]


def heading(text: str) -> Block:
    return Block(text, BlockKind.HEADING)


def subheading(text: str) -> Block:
    return Block(text, BlockKind.SUBHEADING)


def paragraph(text: str) -> Block:
    return Block(text, BlockKind.PARAGRAPH)


def bullet(text: str) -> Block:
    return Block(text, BlockKind.BULLET)


class Align(enum.StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Column:
    """A column of an annex table. ``weight`` is its share of the table width.

    A ``money`` column holds whole đồng (int), printed with dots, right-aligned and totalled.
    """

    title: str
    weight: float = 1.0
    align: Align = Align.LEFT
    money: bool = False

    def __post_init__(self):
        object.__setattr__(self, "title", nfc(self.title))
        align = Align.RIGHT if self.money else Align(self.align)
        object.__setattr__(self, "align", align)


@dataclass(frozen=True)
class Annex:
    """A numbered table: the renderer adds the "TT" column and, with a money column, the total.

    ``rows`` hold one value per column (text, or int in money columns). When ``separate_page``
    is set the annex follows the signature on a page of its own, under ``title`` and
    ``subtitle`` (e.g. "(Kèm theo Quyết định số 15/QĐ-CĐN ngày ...)"); otherwise it sits in the
    body, before the closing paragraphs.
    """

    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    title: str = ""
    subtitle: str = ""
    separate_page: bool = True
    total_label: str = "Tổng cộng"
    number_title: str = "TT"

    def __post_init__(self):
        object.__setattr__(self, "columns", tuple(self.columns))
        rows = tuple(tuple(nfc(v) if isinstance(v, str) else v for v in row) for row in self.rows)
        for index, row in enumerate(rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(f"annex row {index} has {len(row)} cells, not {len(self.columns)}")
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "title", nfc(self.title))
        object.__setattr__(self, "subtitle", nfc(self.subtitle))

    @property
    def money_index(self) -> int | None:
        """The index of the (first) money column, or None."""
        return next((i for i, column in enumerate(self.columns) if column.money), None)

    @property
    def total(self) -> int | None:
        index = self.money_index
        if index is None:
            return None
        return sum(int(row[index] or 0) for row in self.rows)

    def cell_text(self, column_index: int, value) -> str:
        if value is None:
            return ""
        if self.columns[column_index].money:
            return format_number(int(value))
        return str(value)


@dataclass(frozen=True)
class Signature:
    """A signature block: authority lines ("TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"), title, name."""

    title: str
    name: str
    authority: tuple[str, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "title", nfc(self.title).upper())
        object.__setattr__(self, "name", nfc(self.name))
        object.__setattr__(self, "authority", tuple(nfc(a).upper() for a in self.authority))

    @property
    def lines(self) -> tuple[str, ...]:
        """The bold upper-case lines above the space for the signature and seal."""
        return (*self.authority, self.title)


def on_behalf_of_standing_committee(title="CHỦ TỊCH", name="", deputy=False) -> Signature:
    """Signs for the standing committee, with "KT. CHỦ TỊCH" when a vice-chair signs."""
    authority = ("TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH") if deputy else ("TM. BAN THƯỜNG VỤ",)
    return Signature(title=title, name=name, authority=authority)


def on_behalf_of_executive_committee(title="CHỦ TỊCH", name="", deputy=False) -> Signature:
    """Signs for the executive committee, with "KT. CHỦ TỊCH" when a vice-chair signs."""
    authority = ("TM. BAN CHẤP HÀNH", "KT. CHỦ TỊCH") if deputy else ("TM. BAN CHẤP HÀNH",)
    return Signature(title=title, name=name, authority=authority)


def _draft_date_line(place: str, year: int) -> str:
    return f"{place}, ngày {BLANK_DAY} tháng {BLANK_DAY} năm {year}"


@dataclass(frozen=True)
class OfficialDocument:
    """A plan, submission, minutes, decision or report.

    ``number`` and ``date`` stay None on a draft: it prints "Số: ....../KH-CĐN" and a date line
    with dots. ``recipients`` are printed "- item;" and ``filed_at`` closes the list as
    "- Lưu: VT, CĐN.". ``authority`` is the deciding body of a decision ("BAN THƯỜNG VỤ CÔNG
    ĐOÀN NGÀNH Y TẾ"), ``addressee`` the "Kính gửi:" of a submission or report, ``preamble`` the
    "Căn cứ ..." lines of a decision and ``articles`` its "Điều 1/2/3" texts. Minutes sign with
    two signatures (secretary left, chair right); the others with one, right of the recipients.
    """

    kind: Kind
    heading: Heading
    symbol: str
    place: str
    subject: str
    number: int | None = None
    date: datetime.date | None = None
    draft_year: int | None = None
    authority: str = ""
    addressee: str = ""
    preamble: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()
    articles: tuple[str, ...] = ()
    annex: Annex | None = None
    closing: tuple[Block, ...] = ()
    recipients: tuple[str, ...] = ()
    filed_at: str = ""
    signatures: tuple[Signature, ...] = ()

    def __post_init__(self):
        kind = Kind(self.kind)
        if kind == Kind.CERTIFICATE:
            raise ValueError("a certificate is a Certificate, not an OfficialDocument")
        object.__setattr__(self, "kind", kind)
        for name in ("symbol", "place", "subject", "authority", "addressee", "filed_at"):
            object.__setattr__(self, name, nfc(getattr(self, name)))
        for name in ("preamble", "recipients"):
            object.__setattr__(self, name, tuple(nfc(v) for v in getattr(self, name)))
        object.__setattr__(self, "articles", tuple(nfc(v) for v in self.articles))
        object.__setattr__(self, "body", tuple(self.body))
        object.__setattr__(self, "closing", tuple(self.closing))
        object.__setattr__(self, "signatures", tuple(self.signatures))
        if not self.signatures:
            raise ValueError("an official document needs a signature block")

    @property
    def title(self) -> str:
        return self.kind.title

    @property
    def reference(self) -> str:
        """The number and symbol, "36/KH-CĐN", or "....../KH-CĐN" on a draft."""
        number = BLANK_NUMBER if self.number is None else f"{self.number:02d}"
        return f"{number}/{self.kind.type_code}-{self.symbol}"

    @property
    def number_line(self) -> str:
        return f"Số: {self.reference}"

    @property
    def date_line(self) -> str:
        if self.date is None:
            return _draft_date_line(self.place, self.draft_year or datetime.date.today().year)
        return date_line(self.place, self.date)

    @property
    def recipient_lines(self) -> tuple[str, ...]:
        """The "Nơi nhận:" items: "- item;" and the last "- Lưu: ...."."""
        items = [item.rstrip(" ;.") for item in self.recipients if item.strip()]
        lines = [f"- {item.removeprefix('- ')};" for item in items]
        if self.filed_at:
            lines.append(f"- Lưu: {self.filed_at.rstrip(' ;.')}.")
        elif lines:
            lines[-1] = lines[-1][:-1] + "."
        return tuple(lines)

    @property
    def annex_total_words(self) -> str:
        total = self.annex.total if self.annex else None
        return "" if total is None else f"Bằng chữ: {amount_in_words(total)}."


@dataclass(frozen=True)
class Certificate:
    """A Giấy khen (A4 landscape).

    ``awarding_body`` is the committee that awards ("BAN CHẤP HÀNH CÔNG ĐOÀN NGÀNH Y TẾ ĐỒNG
    NAI"), ``recipient`` the name as printed with its honorific ("Bà Nguyễn Thị Hồng") or a
    collective's name, ``recipient_detail`` the post and unit, ``achievement`` the reason.
    ``verification_url`` is what the QR code points to; ``verification_code`` is printed beside it.
    """

    heading: Heading
    awarding_body: str
    recipient: str
    achievement: str
    decision_reference: str
    decision_date: datetime.date
    place: str
    date: datetime.date
    signature: Signature
    verification_code: str
    verification_url: str
    recipient_detail: str = ""
    register_number: str = ""

    kind = Kind.CERTIFICATE

    def __post_init__(self):
        for name in (
            "awarding_body",
            "recipient",
            "achievement",
            "decision_reference",
            "place",
            "recipient_detail",
            "register_number",
        ):
            object.__setattr__(self, name, nfc(getattr(self, name)))
        object.__setattr__(self, "awarding_body", self.awarding_body.upper())

    @property
    def title(self) -> str:
        return Kind.CERTIFICATE.title

    @property
    def date_line(self) -> str:
        return date_line(self.place, self.date)

    @property
    def decision_line(self) -> str:
        return f"Quyết định số {self.decision_reference} ngày {self.decision_date:%d/%m/%Y}"


def _display_name(org) -> str:
    return org.short_name or org.name


def heading_for(org) -> Heading:
    """The heading of documents issued by ``org``: its parent's name above its own.

    ``short_name`` is used when set, else ``name``; a root unit has no superior line.
    """
    parent = org.parent
    superior = _display_name(parent) if parent is not None else ""
    return Heading(superior=superior, issuer=_display_name(org))
