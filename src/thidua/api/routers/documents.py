"""``/documents``: upload, read, download and search documents (thin: the services decide)."""

import datetime

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile

from thidua.api.pagination import PageQuery, page_of, paginate
from thidua.api.problems import Problem
from thidua.documents import services
from thidua.documents.filters import filtered
from thidua.documents.models import Document
from thidua.documents.storage import open_blob
from thidua.documents.uploads import KINDS, read_upload

router = Router(tags=["documents"])

ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


class SignatureOut(Schema):
    signed: bool
    intact: bool | None
    trusted: bool | None
    signer: str | None
    signed_at: datetime.datetime | None


class DocumentOut(Schema):
    id: int
    org_id: int
    doc_type: str
    title: str
    summary: str
    recipients: str
    status: str
    origin: str
    number: int | None
    year: int | None
    number_symbol: str
    issued_on: datetime.date | None
    signer_name: str
    signer_title: str
    retention: str
    sha256: str | None
    size: int | None
    content_type: str | None
    file_name: str
    signature: SignatureOut
    record_type: str | None = Field(None, description="app_label.model of the linked record")
    record_id: int | None
    version: int
    created_at: datetime.datetime


class DocumentListQuery(PageQuery):
    q: str | None = Field(None, description="Title, number or text; ignores case and diacritics")
    org: int | None = Field(None, description="A unit and its descendants")
    year: int | None = None
    doc_type: str | None = Field(None, description="Document type code")
    status: str | None = Field(None, description="draft | issued | cancelled")
    number: int | None = None


def serialize(document):
    stored = document.file
    content_type = document.content_type
    return {
        "id": document.pk,
        "org_id": document.org_id,
        "doc_type": document.doc_type.code,
        "title": document.title,
        "summary": document.summary,
        "recipients": document.recipients,
        "status": document.status,
        "origin": document.origin,
        "number": document.number,
        "year": document.year,
        "number_symbol": document.number_symbol,
        "issued_on": document.issued_on,
        "signer_name": document.signer_name,
        "signer_title": document.signer_title,
        "retention": document.retention,
        "sha256": stored.sha256 if stored else None,
        "size": stored.size if stored else None,
        "content_type": stored.content_type if stored else None,
        "file_name": document.file_name,
        "signature": document.signature,
        "record_type": f"{content_type.app_label}.{content_type.model}" if content_type else None,
        "record_id": document.object_id,
        "version": document.version,
        "created_at": document.created_at,
    }


def _visible(request):
    return Document.objects.visible_to(request.user).select_related(
        "doc_type", "file", "content_type"
    )


@router.post(
    "",
    response={201: DocumentOut, 413: Problem, **ERRORS},
    summary="Upload a document",
    description=(
        "Multipart: `file`, `title`, `doc_type` (code such as QD, KH, CV, or the abbreviation), "
        "`org_id` (default: the uploader's unit). The type is read from the content; signed PDFs "
        "are verified. The document is created as a draft."
    ),
)
def upload_document(
    request,
    file: File[UploadedFile],
    title: Form[str],
    doc_type: Form[str],
    org_id: Form[int | None] = None,
    summary: Form[str] = "",
    recipients: Form[str] = "",
):
    user = request.user
    org = services.org_for_upload(user, org_id)
    document = services.create_document(
        org=org,
        by=user,
        doc_type=doc_type,
        title=title,
        summary=summary,
        recipients=recipients,
        data=read_upload(file),
        file_name=file.name or "",
    )
    return 201, serialize(document)


@router.get(
    "",
    response={200: page_of(DocumentOut), **ERRORS},
    summary="List and search documents",
)
def list_documents(request, query: Query[DocumentListQuery]):
    data = {
        key: value
        for key, value in query.dict().items()
        if key in {"q", "org", "year", "status", "number"} and value not in (None, "")
    }
    queryset = _visible(request)
    if query.doc_type:
        queryset = queryset.filter(doc_type__code__iexact=query.doc_type)
    return paginate(
        request,
        filtered(data, queryset).order_by("-created_at", "-id"),
        query,
        lambda docs: [serialize(d) for d in docs],
    )


@router.get("/{int:document_id}", response={200: DocumentOut, **ERRORS}, summary="A document")
def get_document(request, document_id: int):
    return serialize(get_object_or_404(_visible(request), pk=document_id))


@router.get(
    "/{int:document_id}/file",
    response={**ERRORS},
    summary="Download the document's file",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, under its original name",
                "content": {
                    kind.content_type: {"schema": {"type": "string", "format": "binary"}}
                    for kind in KINDS
                },
            }
        }
    },
)
def download_document(request, document_id: int):
    document = get_object_or_404(_visible(request), pk=document_id, file__isnull=False)
    return FileResponse(
        open_blob(document.file),
        as_attachment=True,
        filename=document.file_name or document.file.sha256,
        content_type=document.file.content_type,
    )
