"""The council's minutes (biên bản, BB) as an official document, in official Vietnamese whatever the
language of the person generating it: date and place, members present, the agenda, the counts
and result of each ballot, and the secretary's and chair's signatures.

``generate_minutes`` creates, numbers (``NN/BB-<symbol>``) and issues a ``documents.Document`` of
type BB for the session's unit, attaches the PDF and links it to the session. ``minutes_docx``
renders the DOCX of the same content on demand.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.exceptions import Conflict
from thidua.core.permissions import require
from thidua.council.models import CouncilRole, CouncilSession
from thidua.documents import services as documents
from thidua.documents.models import IssuerSettings
from thidua.documents.numbering import unit_symbol
from thidua.documents.rendering.model import (
    Align,
    Annex,
    Column,
    Kind,
    OfficialDocument,
    Signature,
    bullet,
    heading,
    heading_for,
    paragraph,
)

RESULT_TEXT = {"approved": "Đạt", "rejected": "Không đạt"}


def _percent(part, whole):
    return f"{part * 100 / whole:.1f}".replace(".", ",") if whole else "0"


def _threshold_text(value):
    return f"{value * 100:.0f}%"


def _seats(session):
    return list(
        session.org.council_members.filter(active=True).select_related("user")
        if not session.members_present.exists()
        else session.members_present.select_related("user")
    )


def subject_of(session):
    return (
        f"Họp Hội đồng Thi đua - Khen thưởng {session.org.name} "
        f"xét khen thưởng ngày {session.held_on:%d/%m/%Y}"
    )


def official_document(session, document=None):
    """The ``OfficialDocument`` of ``session``'s minutes (``document`` gives number and date)."""
    org = session.org
    nominations = list(
        session.nominations.select_related("award_type", "member", "member__org", "nominee_org")
    )
    ballots = {b.nomination_id: b for b in session.ballots.all()}
    seats = _seats(session) if session.members_present.exists() else []
    chair = next((s for s in seats if s.role == CouncilRole.CHAIR), None) or (
        session.org.council_members.filter(active=True, role=CouncilRole.CHAIR)
        .select_related("user")
        .first()
    )
    place = session.place or f"trụ sở {org.name}"
    body = [
        paragraph(
            f"Ngày {session.held_on:%d/%m/%Y}, tại {place}, Hội đồng Thi đua - Khen thưởng "
            f"{org.name} họp xét đề nghị khen thưởng."
        ),
        heading("I. THÀNH PHẦN"),
    ]
    if chair is not None:
        body.append(bullet(f"Chủ trì: {chair.user.get_full_name()}, Chủ tịch Hội đồng."))
    body.append(
        bullet(
            f"Có mặt {session.present_count}/{session.member_count} thành viên Hội đồng"
            + (": " + ", ".join(s.user.get_full_name() for s in seats) + "." if seats else ".")
        )
    )
    body.append(heading("II. NỘI DUNG"))
    awards = list(dict.fromkeys(n.award_type for n in nominations))
    rules = "; ".join(
        f"{a.name}: từ {_threshold_text(a.vote_threshold)} số thành viên "
        f"{'Hội đồng' if a.vote_base == 'all' else 'có mặt'} trở lên"
        for a in awards
    )
    body.append(
        paragraph(
            f"Hội đồng xem xét {len(nominations)} hồ sơ đề nghị khen thưởng đã được thẩm định; "
            f"các thành viên thảo luận và bỏ phiếu kín. Tỷ lệ phiếu đồng ý cần đạt ({rules}). "
            "Kết quả như sau:"
        )
    )
    rows = []
    for nomination in nominations:
        ballot = ballots.get(nomination.pk)
        unit = nomination.member.org.name if nomination.member_id else nomination.org.name
        if ballot is None:
            rows.append((nomination.nominee_name, unit, nomination.award_type.name, "", "", ""))
            continue
        rows.append(
            (
                nomination.nominee_name,
                unit,
                nomination.award_type.name,
                f"{ballot.approve}/{ballot.disapprove}/{ballot.abstain} ({ballot.voting_base})",
                _percent(ballot.approve, ballot.voting_base),
                RESULT_TEXT[ballot.result],
            )
        )
    approved = sum(1 for b in ballots.values() if b.result == "approved")
    closing = [
        paragraph(
            f"Hội đồng thống nhất đề nghị khen thưởng {approved} trường hợp đạt tỷ lệ phiếu "
            "theo quy định."
        ),
        paragraph(
            "Biên bản đã được đọc lại cho các thành viên dự họp nghe và nhất trí thông qua./."
        ),
    ]
    symbol = unit_symbol(org)
    return OfficialDocument(
        kind=Kind.MINUTES,
        heading=heading_for(org),
        symbol=symbol,
        number=document.number if document is not None else None,
        date=document.issued_on if document is not None else None,
        draft_year=session.held_on.year,
        place=org.place or "Đồng Nai",
        subject=subject_of(session),
        body=tuple(body),
        annex=Annex(
            title="KẾT QUẢ BỎ PHIẾU",
            separate_page=False,
            columns=(
                Column("Họ và tên / Tập thể", 3.0),
                Column("Đơn vị", 3.0),
                Column("Hình thức", 2.0, Align.CENTER),
                Column("Đồng ý/Không/Trống (cơ sở)", 2.0, Align.CENTER),
                Column("Tỷ lệ (%)", 1.3, Align.CENTER),
                Column("Kết quả", 1.4, Align.CENTER),
            ),
            rows=tuple(rows),
        ),
        closing=tuple(closing),
        signatures=(
            Signature(title="THƯ KÝ", name=""),
            Signature(
                title="CHỦ TỊCH HỘI ĐỒNG",
                name=chair.user.get_full_name() if chair is not None else "",
            ),
        ),
    )


def generate_minutes(session, *, by):
    """Create, number, issue and render the minutes of ``session``; returns the ``Document``.

    409 when the session already has its minutes.
    """
    from thidua.documents.rendering.pdf import render_pdf

    require(by, "council.hold_session", session.org)
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if session.minutes_id is not None:
            raise Conflict(_("The minutes of this session have already been issued."))
        document = documents.create_document(
            org=session.org,
            by=by,
            doc_type="BB",
            title=subject_of(session)[:500],
            summary=f"{session.nominations.count()} hồ sơ; có mặt "
            f"{session.present_count}/{session.member_count} thành viên",
            record=session,
        )
        issued_on = min(session.held_on, timezone.localdate())
        document = documents.issue_document(document, by=by, issued_on=issued_on)
        pdf = render_pdf(official_document(session, document))
        document = documents.attach_file(
            document, by=by, data=pdf, file_name=f"{document.number_symbol.replace('/', '-')}.pdf"
        )
        document = documents.link_document(document, session, by=by)
        session.minutes = document
        session.version += 1
        session.save(update_fields=["minutes", "version", "updated_at"])
    return document


def minutes_docx(session):
    """The DOCX of the session's minutes (numbered when issued, a draft otherwise)."""
    from thidua.documents.rendering.word import render_docx, template_for

    model = official_document(session, session.minutes)
    return render_docx(model, template=template_for(Kind.MINUTES, session.org))


def can_sign(session):
    """Has the session's unit a signing certificate (so the minutes' PDF can be signed)?"""
    return IssuerSettings.objects.filter(
        org=session.org, signing_certificate__isnull=False
    ).exists()
