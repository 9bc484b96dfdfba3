"""Generating the annual report: the one write of the annual report (house rule: services own
the writes)."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.exceptions import InvalidInput
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.dashboard.annual_report.content import build_report, subject_of
from thidua.dashboard.annual_report.figures import measure
from thidua.dashboard.annual_report.models import AnnualReport
from thidua.dashboard.annual_report.pdf import render_pdf
from thidua.dashboard.annual_report.rules import PERMISSION
from thidua.dashboard.annual_report.word import render_docx
from thidua.documents import services as documents
from thidua.documents.storage import store_bytes
from thidua.reporting.kpis import MIN_YEAR

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_DIRECTIONS = 10_000
MAX_SIGNER = 200
DEFAULT_SIGNER_TITLE = "Chủ tịch"
AUDIT_FIELDS = ("org", "year", "document", "docx_file", "pdf_file")
# Measure, issue, DOCX, PDF, store.
STEPS = 5


def _invalid(field, message):
    return InvalidInput(message, errors=[{"field": field, "message": message}])


def clean_input(*, year, directions, signer_name, signer_title, today=None):
    """The checked inputs, or ``InvalidInput`` naming the field (nothing is written)."""
    today = today or timezone.localdate()
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= today.year:
        raise _invalid(
            "year",
            _("The year must be from %(min)d to %(max)d.") % {"min": MIN_YEAR, "max": today.year},
        )
    directions = (directions or "").strip()
    if not directions:
        raise _invalid("directions", _("Write the directions and tasks for next year."))
    if len(directions) > MAX_DIRECTIONS:
        raise _invalid(
            "directions",
            _("The directions are longer than %(max)d characters.") % {"max": MAX_DIRECTIONS},
        )
    signer_name = (signer_name or "").strip()
    signer_title = (signer_title or "").strip() or DEFAULT_SIGNER_TITLE
    if not signer_name:
        raise _invalid("signer_name", _("Give the name of the person who signs."))
    for field, value in (("signer_name", signer_name), ("signer_title", signer_title)):
        if len(value) > MAX_SIGNER:
            raise _invalid(field, _("At most %(max)d characters, please.") % {"max": MAX_SIGNER})
    return year, directions, signer_name, signer_title


def check_request(*, org, year, by, directions, signer_name=None, signer_title=None, today=None):
    """The permission (``Forbidden``) and the checked inputs (``InvalidInput``) of a request:
    ``{"year", "directions", "signer_name", "signer_title"}``. Writes nothing."""
    require(by, PERMISSION, org)
    if signer_name is None:
        signer_name = by.get_full_name()
    year, directions, signer_name, signer_title = clean_input(
        year=year,
        directions=directions,
        signer_name=signer_name,
        signer_title=signer_title,
        today=today,
    )
    return {
        "year": year,
        "directions": directions,
        "signer_name": signer_name,
        "signer_title": signer_title,
    }


def generate_annual_report(*, org, by, progress=None, today=None, **fields):
    """Issue ``org``'s annual report (BC) on emulation and commendation work in ``year``.

    ``fields``: ``year``, ``directions``, optional ``signer_name`` (the user's name by default)
    and ``signer_title``. Checks them with ``check_request`` (403, or 422 naming the field),
    measures the year (``figures.measure``), then in one transaction: creates the BC in ``org``'s
    register and issues it (the next number of the unit's series), renders the DOCX and the PDF
    with the document's number and date, stores both, puts the PDF on the document and records
    the ``AnnualReport`` with an audit entry. ``progress(done)`` is called after each of the
    ``STEPS`` steps (measure, issue, DOCX, PDF, store). Returns the ``AnnualReport``.
    """
    fields = check_request(org=org, by=by, today=today, **fields)
    year, directions = fields["year"], fields["directions"]
    signer_name, signer_title = fields["signer_name"], fields["signer_title"]
    progress = progress or (lambda done: None)
    with translation.override("vi"):
        figures = measure(year, org, today)
    progress(1)
    with transaction.atomic(), translation.override("vi"):
        document = documents.create_document(
            org=org,
            by=by,
            doc_type="BC",
            title=f"Báo cáo {subject_of(year).lower()}",
            summary=subject_of(year),
            signer_name=signer_name,
            signer_title=signer_title,
        )
        document = documents.issue_document(
            document, by=by, signer_name=signer_name, signer_title=signer_title
        )
        progress(2)
        content = build_report(
            figures,
            org,
            directions=directions,
            signer_name=signer_name,
            signer_title=signer_title,
            number=document.number,
            date=document.issued_on,
        )
        docx = render_docx(content)
        progress(3)
        pdf = render_pdf(content)
        progress(4)
        document = documents.attach_file(
            document, by=by, data=pdf, file_name=file_name(document, year, "pdf")
        )
        report = AnnualReport.objects.create(
            org=org,
            year=year,
            directions=directions,
            document=document,
            docx_file=store_bytes(docx, DOCX_CONTENT_TYPE),
            pdf_file=document.file,
            created_by=by,
        )
        documents.link_document(document, report, by=by)
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            report,
            after=audit.snapshot(report, AUDIT_FIELDS),
            comment=_("Annual report %(number)s issued") % {"number": document.number_symbol},
        )
    progress(STEPS)
    return report


def file_name(document, year, extension):
    """The file name of a rendering: "BC-06-2026-thi-dua-khen-thuong-nam-2025.pdf"."""
    number = f"{document.number:02d}"
    return f"BC-{number}-{document.year}-thi-dua-khen-thuong-nam-{year}.{extension}"
