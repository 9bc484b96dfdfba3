"""The outgoing register (sổ đăng ký văn bản đi) of a unit and year, and its .xlsx export.

The register lists the unit's numbered documents in number order, cancelled ones included: a number,
once given, stays in the register. Column headers are the register's form (fixed Vietnamese, after
the Decree 30/2020 appendix); the title lines follow the user's language.
"""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.core.xlsx import DATE, NUMBER, TEXT, Column, XlsxTable
from thidua.documents.models import Document, DocumentStatus

REGISTER_COLUMNS = (
    Column("number", "Số", kind=NUMBER, width=7),
    Column("number_symbol", "Số, ký hiệu văn bản", width=18),
    Column("issued_on", "Ngày tháng văn bản", kind=DATE, width=14),
    Column("doc_type", "Tên loại văn bản", width=16),
    Column("title", "Trích yếu nội dung", kind=TEXT, width=60),
    Column("signer", "Người ký", width=26),
    Column("recipients", "Nơi nhận", width=36),
    Column("note", "Ghi chú", width=30),
)


def register_documents(org, year, *, filters=None):
    """The register rows: ``org``'s own numbered documents of ``year`` in number order."""
    queryset = Document.objects.register(org, year)
    if filters:
        queryset = queryset.filter(**filters)
    return queryset


def _note(document):
    if document.status == DocumentStatus.CANCELLED:
        reason = document.cancel_reason
        return _("Cancelled: %(reason)s") % {"reason": reason} if reason else _("Cancelled")
    return ""


def _signer(document):
    return ", ".join(part for part in (document.signer_name, document.signer_title) if part)


def register_xlsx(org, year, documents) -> bytes:
    """The register as an .xlsx workbook: title lines, Vietnamese headers, dates dd/mm/yyyy."""
    now = timezone.localtime()
    table = XlsxTable(
        REGISTER_COLUMNS,
        sheet_title=_("Register %(year)s") % {"year": year},
        title_lines=(
            _("OUTGOING DOCUMENT REGISTER %(year)s") % {"year": year},
            _("Unit: %(unit)s") % {"unit": org.name},
            _("Generated at %(time)s") % {"time": date_format(now, "d/m/Y H:i")},
        ),
    )
    for document in documents:
        table.append(
            [
                document.number,
                document.number_symbol,
                document.issued_on,
                document.doc_type.name,
                " — ".join(part for part in (document.title, document.summary) if part),
                _signer(document),
                document.recipients,
                _note(document),
            ]
        )
    buffer = io.BytesIO()
    table.save(buffer)
    return buffer.getvalue()
