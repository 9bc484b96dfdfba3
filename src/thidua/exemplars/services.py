"""The writes on exemplary models, their replications, the news and the library.

Views, the API, other apps (an inspection that finds an exemplar) and commands call these. Every
function checks that the record is visible to the actor (404 otherwise) and that the actor may act
(403), validates (422), writes and appends the audit entry in one transaction; state changes go
through ``core.workflow.transition`` (409 from a wrong state); notifications go out by email after
the commit (``core.notifications.notify``).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.roles import STAFF_ROLES, Role
from thidua.core import audit
from thidua.core.exceptions import Conflict, InvalidInput, InvalidTransition, NotFound
from thidua.core.models import AuditEntry, Transition
from thidua.core.notifications import notify
from thidua.core.permissions import require
from thidua.core.versioning import check_version, lock_for_update
from thidua.core.workflow import transition
from thidua.documents import services as documents
from thidua.documents.models import Document
from thidua.exemplars.models import (
    EXEMPLAR_TRANSITIONS,
    Exemplar,
    ExemplarSource,
    ExemplarStatus,
    HonorHow,
    LibraryCategory,
    LibraryDocument,
    NewsItem,
    Replication,
    ancestor_paths,
)
from thidua.exemplars.rules import FINDER_ROLES
from thidua.organizations.models import OrgKind

MAX_TITLE = 300
MAX_TEXT = 20_000
PHOTO_TYPES = ("image/jpeg", "image/png")
# The archive type of an uploaded library file, by library category.
LIBRARY_DOC_TYPES = {
    LibraryCategory.CONFEDERATION_RULE: "QD",
    LibraryCategory.SECTOR_PLAN: "KH",
    LibraryCategory.GUIDANCE: "HD",
}
EXEMPLAR_AUDIT_FIELDS = (
    "owner_org",
    "member",
    "org",
    "source",
    "title",
    "story",
    "achievements",
    "movement",
    "status",
    "inspection_type",
    "inspection_id",
    "verified_by",
    "verified_at",
    "honored_on",
    "how",
    "honor_note",
    "award_reference",
    "publish",
    "public_name",
    "public_story",
    "version",
)


def _error(field, message):
    return {"field": field, "message": str(message)}


def _invalid(errors):
    return InvalidInput(_("Some fields are invalid."), errors=errors)


def _text(value, field, errors, *, limit=MAX_TEXT, required=False, message=None):
    """``value`` stripped; an error when it is missing (``required``) or too long."""
    value = "" if value is None else str(value).strip()
    if required and not value:
        errors.append(_error(field, message or _("This field is required.")))
    elif len(value) > limit:
        errors.append(_error(field, _("At most %(n)d characters.") % {"n": limit}))
    return value


def _date(value, field, errors, *, required=True, not_future=True):
    if value is None:
        if required:
            errors.append(_error(field, _("Give the date.")))
        return None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        errors.append(_error(field, _("Enter a valid date.")))
        return None
    if not_future and value > timezone.localdate():
        errors.append(_error(field, _("The date cannot be in the future.")))
    return value


def snapshot(exemplar):
    return audit.snapshot(exemplar, EXEMPLAR_AUDIT_FIELDS)


def _org_path(exemplar):
    return exemplar.owner_org.path


def visible_or_404(exemplar, user):
    """The exemplar, if ``user`` may see it; ``NotFound`` otherwise (never reveal it)."""
    if not Exemplar.objects.visible_to(user).filter(pk=exemplar.pk).exists():
        raise NotFound(_("No such exemplary model, or it is not visible to you."))
    return exemplar


def default_owner(user, unit):
    """The unit that records an exemplar of ``unit``: the caller's own unit (the closest where
    they hold a finding role reaching ``unit``), else ``unit`` itself."""
    reaching = [
        a.org
        for a in user.role_assignments
        if a.role in FINDER_ROLES and unit.path.startswith(a.org.path)
    ]
    if not reaching:
        return unit
    return max(reaching, key=lambda org: len(org.path))


def _timeline_start(exemplar, by, comment=""):
    """The first row of the status timeline (none → found)."""
    Transition.objects.create(
        content_type=ContentType.objects.get_for_model(exemplar),
        object_id=str(exemplar.pk),
        from_state="",
        to_state=exemplar.status,
        actor=by if getattr(by, "pk", None) else None,
        comment=comment,
    )


# --- exemplars ------------------------------------------------------------------------------


def create_exemplar(
    *,
    by,
    owner_org,
    member=None,
    org=None,
    source,
    story,
    title="",
    achievements="",
    movement=None,
    inspection=None,
):
    """Record a found exemplar (a ``member``, or a collective ``org``) at ``owner_org``.

    ``inspection`` is the record that found it (an inspection of the oversight app), stored as a
    generic link; it goes with ``source="inspection"``. Writes the exemplar, the first row of its
    timeline and one audit entry.
    """
    require(by, "exemplars.add_exemplar", owner_org)
    errors = []
    if (member is None) == (org is None):
        errors.append(_error("member_id", _("Choose either a member or a collective.")))
    if source not in ExemplarSource.values:
        errors.append(_error("source", _("Choose a source from the list.")))
    title = _text(title, "title", errors, limit=MAX_TITLE)
    story = _text(
        story, "story", errors, required=True, message=_("Tell the story of the exemplar.")
    )
    achievements = _text(achievements, "achievements", errors)
    if inspection is not None:
        if source != ExemplarSource.INSPECTION:
            errors.append(
                _error("source", _("An exemplar found by an inspection has that source."))
            )
        elif getattr(inspection, "pk", None) is None:
            errors.append(_error("inspection", _("The inspection is not saved.")))
    if member is not None and not member.active:
        errors.append(_error("member_id", _("This member has left the union.")))
    if org is not None:
        if not org.active:
            errors.append(_error("org_id", _("The unit is inactive.")))
        elif org.kind in (OrgKind.CONFEDERATION, OrgKind.FEDERATION):
            errors.append(_error("org_id", _("Choose a grassroots union or a union group.")))
    if not owner_org.active:
        errors.append(_error("owner_org_id", _("The unit is inactive.")))
    nominee_unit = member.org if member is not None else org
    if nominee_unit is not None and not nominee_unit.path.startswith(owner_org.path):
        errors.append(
            _error(
                "owner_org_id",
                _("The exemplar must belong to the recording unit or to a unit below it."),
            )
        )
    if errors:
        raise _invalid(errors)
    exemplar = Exemplar(
        owner_org=owner_org,
        member=member,
        org=org,
        source=source,
        title=title,
        story=story,
        achievements=achievements,
        movement=movement,
        found_by=by,
    )
    if inspection is not None:
        exemplar.inspection_type = ContentType.objects.get_for_model(inspection)
        exemplar.inspection_id = inspection.pk
    with transaction.atomic():
        exemplar.save()
        _timeline_start(exemplar, by)
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            exemplar,
            after=snapshot(exemplar),
            org_path=_org_path(exemplar),
        )
    return exemplar


def sector_officers_above(unit):
    """Active users holding the sector officer role at ``unit`` or a unit above it."""
    return list(
        User.objects.filter(
            is_active=True,
            roles__role=Role.SECTOR_OFFICER,
            roles__org__path__in=ancestor_paths([unit.path]),
        ).distinct()
    )


def propose_member_as_exemplar(member, *, by, note):
    """The two-click flag from a member's page: record a found exemplar proposed by the unit, with
    ``note`` as its story, and notify the sector officers above the member's unit."""
    require(by, "exemplars.propose_exemplar", member.org)
    note = _text(note, "note", [], limit=MAX_TEXT)
    if not note:
        raise _invalid([_error("note", _("Say in a few words why this member is exemplary."))])
    exemplar = create_exemplar(
        by=by,
        owner_org=default_owner(by, member.org),
        member=member,
        source=ExemplarSource.UNIT_PROPOSAL,
        story=note,
    )
    url = reverse("exemplars:exemplar_detail", args=[exemplar.pk])
    notify(
        [u for u in sector_officers_above(member.org) if u.pk != by.pk],
        title=_("Exemplar proposed: %(name)s") % {"name": member.full_name},
        body=_("%(unit)s proposes %(name)s as an exemplary model. Verify the proposal.")
        % {"unit": member.org.name, "name": member.full_name},
        url=url,
        key=f"exemplar-proposed-{exemplar.pk}",
    )
    return exemplar


def verify_exemplar(exemplar, *, by, version=None, comment=""):
    """The sector confirms a found exemplar (found → verified); the whole sector then sees it."""
    visible_or_404(exemplar, by)
    require(by, "exemplars.verify_exemplar", exemplar)
    with transaction.atomic():
        exemplar = lock_for_update(exemplar)
        check_version(exemplar, version)
        if exemplar.status != ExemplarStatus.FOUND:
            raise InvalidTransition(_("Only a found exemplar can be verified."))
        exemplar.verified_by = by
        exemplar.verified_at = timezone.now()
        transition(
            exemplar,
            ExemplarStatus.VERIFIED,
            by=by,
            allowed=EXEMPLAR_TRANSITIONS,
            comment=comment,
        )
    return exemplar


def honor_exemplar(exemplar, *, by, honored_on, how, note="", award_reference="", version=None):
    """Record how a verified exemplar was honoured (verified → honored)."""
    visible_or_404(exemplar, by)
    require(by, "exemplars.honor_exemplar", exemplar)
    errors = []
    honored_on = _date(honored_on, "honored_on", errors)
    if how not in HonorHow.values:
        errors.append(_error("how", _("Choose how the exemplar was honoured.")))
    note = _text(note, "note", errors)
    award_reference = _text(award_reference, "award_reference", errors, limit=200)
    with transaction.atomic():
        exemplar = lock_for_update(exemplar)
        check_version(exemplar, version)
        if exemplar.status != ExemplarStatus.VERIFIED:
            raise InvalidTransition(_("Only a verified exemplar can be honoured."))
        if errors:
            raise _invalid(errors)
        exemplar.honored_on = honored_on
        exemplar.how = how
        exemplar.honor_note = note
        exemplar.award_reference = award_reference
        transition(
            exemplar, ExemplarStatus.HONORED, by=by, allowed=EXEMPLAR_TRANSITIONS, comment=note
        )
    return exemplar


def photos_of(exemplar):
    """The JPG/PNG documents linked to ``exemplar`` (its photos)."""
    return Document.objects.for_record(exemplar).filter(file__content_type__in=PHOTO_TYPES)


def set_publication(
    exemplar, *, by, publish, public_name="", public_story="", public_photos=None, version=None
):
    """Publish an honoured exemplar on the public showcase (or withdraw it).

    Only ``public_name``, ``public_story`` and the chosen ``public_photos`` (photos linked to the
    exemplar) are shown to the public; nothing else of the record.
    """
    visible_or_404(exemplar, by)
    require(by, "exemplars.publish_exemplar", exemplar)
    errors = []
    public_name = _text(
        public_name,
        "public_name",
        errors,
        limit=200,
        required=bool(publish),
        message=_("Give the name to publish."),
    )
    public_story = _text(
        public_story,
        "public_story",
        errors,
        required=bool(publish),
        message=_("Give the story to publish."),
    )
    photos = list(public_photos or [])
    allowed = set(photos_of(exemplar).values_list("pk", flat=True))
    if any(p.pk not in allowed for p in photos):
        errors.append(_error("public_photos", _("Choose among the photos of this exemplar.")))
    with transaction.atomic():
        exemplar = lock_for_update(exemplar)
        check_version(exemplar, version)
        if publish and exemplar.status != ExemplarStatus.HONORED:
            raise InvalidTransition(_("Only an honoured exemplar can be published."))
        if errors:
            raise _invalid(errors)
        before = snapshot(exemplar)
        before["public_photos"] = sorted(exemplar.public_photos.values_list("pk", flat=True))
        exemplar.publish = bool(publish)
        exemplar.public_name = public_name
        exemplar.public_story = public_story
        if publish and exemplar.published_at is None:
            exemplar.published_at = timezone.now()
        exemplar.version += 1
        exemplar.save()
        exemplar.public_photos.set(photos)
        after = snapshot(exemplar)
        after["public_photos"] = sorted(p.pk for p in photos)
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            exemplar,
            before=before,
            after=after,
            org_path=_org_path(exemplar),
        )
    return exemplar


def add_evidence(exemplar, *, by, title, data, file_name):
    """Upload an evidence document or a photo (JPG/PNG) of the exemplar, filed as a document of
    the recording unit and linked to the exemplar."""
    visible_or_404(exemplar, by)
    require(by, "exemplars.change_exemplar", exemplar)
    with transaction.atomic():
        document = documents.create_document(
            org=exemplar.owner_org,
            by=by,
            doc_type="BC",
            title=title,
            data=data,
            file_name=file_name,
            record=exemplar,
        )
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            exemplar,
            after={"evidence": document.pk, "title": document.title},
            comment=_("Evidence added"),
            org_path=_org_path(exemplar),
        )
    return document


# --- replications ---------------------------------------------------------------------------


def record_replication(exemplar, *, by, org, adopted_on, how="", note=""):
    """Record that ``org`` adopted the model (nhân rộng). The exemplar must be verified or
    honoured (409 otherwise); a unit replicates a model once (409 on a duplicate)."""
    visible_or_404(exemplar, by)
    require(by, "exemplars.add_replication", org)
    errors = []
    adopted_on = _date(adopted_on, "adopted_on", errors)
    how = _text(how, "how", errors)
    note = _text(note, "note", errors)
    if not org.active:
        errors.append(_error("org_id", _("The unit is inactive.")))
    elif org.pk == exemplar.nominee_unit.pk:
        errors.append(_error("org_id", _("The model comes from this unit; choose another unit.")))
    with transaction.atomic():
        exemplar = lock_for_update(exemplar)
        if not exemplar.is_shared:
            raise InvalidTransition(_("Only a verified or honoured exemplar can be replicated."))
        if errors:
            raise _invalid(errors)
        if Replication.objects.filter(exemplar=exemplar, org=org).exists():
            raise Conflict(_("%(unit)s has already replicated this model.") % {"unit": org.name})
        try:
            with transaction.atomic():
                replication = Replication.objects.create(
                    exemplar=exemplar,
                    org=org,
                    adopted_on=adopted_on,
                    how=how,
                    note=note,
                    recorded_by=by,
                )
        except IntegrityError as exc:
            raise Conflict(
                _("%(unit)s has already replicated this model.") % {"unit": org.name}
            ) from exc
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            replication,
            after=audit.snapshot(replication, ("exemplar", "org", "adopted_on", "how", "note")),
            org_path=org.path,
        )
    return replication


def spread(replications):
    """The units that adopted a model grouped under their parent units, with counts:
    ``[{"parent": OrgUnit, "units": [Replication...], "count": n}]`` in tree order."""
    groups = {}
    for replication in sorted(replications, key=lambda r: r.org.path):
        parent = replication.org.parent or replication.org
        group = groups.setdefault(parent.pk, {"parent": parent, "units": []})
        group["units"].append(replication)
    result = sorted(groups.values(), key=lambda g: g["parent"].path)
    for group in result:
        group["count"] = len(group["units"])
    return result


# --- news -----------------------------------------------------------------------------------

NEWS_FIELDS = ("title", "body", "exemplar", "movement")


def _clean_news(fields, errors):
    if "title" in fields:
        fields["title"] = _text(
            fields["title"],
            "title",
            errors,
            limit=MAX_TITLE,
            required=True,
            message=_("Give the news item a title."),
        )
    if "body" in fields:
        fields["body"] = _text(
            fields["body"], "body", errors, required=True, message=_("Write the news item.")
        )
    unknown = sorted(set(fields) - set(NEWS_FIELDS))
    for name in unknown:
        errors.append(_error(name, _("This field cannot be set.")))


def _news_audience(org, exclude):
    """Staff of ``org``'s subtree (the audience of its news), but ``exclude``."""
    return list(
        User.objects.filter(
            is_active=True, roles__role__in=STAFF_ROLES, roles__org__path__startswith=org.path
        )
        .exclude(pk=exclude.pk)
        .distinct()
    )


def publish_news(*, by, org, title, body, exemplar=None, movement=None):
    """Publish a news item of ``org`` to its subtree and notify the staff there."""
    require(by, "exemplars.publish_news", org)
    errors = []
    fields = {"title": title, "body": body}
    _clean_news(fields, errors)
    if errors:
        raise _invalid(errors)
    item = NewsItem(
        org=org,
        published_at=timezone.now(),
        exemplar=exemplar,
        movement=movement,
        created_by=by,
        **fields,
    )
    with transaction.atomic():
        item.save()
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            item,
            after=audit.snapshot(item, (*NEWS_FIELDS, "org", "published_at")),
        )
        notify(
            _news_audience(org, by),
            title=_("News: %(title)s") % {"title": item.title},
            body=item.body[:500],
            url=reverse("exemplars:news_detail", args=[item.pk]),
            key=f"news-{item.pk}",
        )
    return item


def update_news(item, *, by, version=None, **fields):
    require(by, "exemplars.publish_news", item.org)
    errors = []
    _clean_news(fields, errors)
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        item = lock_for_update(item)
        check_version(item, version)
        before = audit.snapshot(item, NEWS_FIELDS)
        for key, value in fields.items():
            setattr(item, key, value)
        item.version += 1
        item.save()
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            item,
            before=before,
            after=audit.snapshot(item, NEWS_FIELDS),
        )
    return item


def delete_news(item, *, by):
    require(by, "exemplars.publish_news", item.org)
    with transaction.atomic():
        audit.record(
            by,
            AuditEntry.Action.DELETE,
            item,
            before=audit.snapshot(item, (*NEWS_FIELDS, "org", "published_at")),
        )
        item.delete()


# --- library --------------------------------------------------------------------------------

LIBRARY_FIELDS = ("title", "category", "reference_number", "issued_on", "issuer", "summary")


def _clean_library(fields, errors):
    if "title" in fields:
        fields["title"] = _text(
            fields["title"],
            "title",
            errors,
            limit=500,
            required=True,
            message=_("Give the document a title."),
        )
    if "category" in fields and fields["category"] not in LibraryCategory.values:
        errors.append(_error("category", _("Choose a category from the list.")))
    if "reference_number" in fields:
        fields["reference_number"] = _text(
            fields["reference_number"], "reference_number", errors, limit=100
        )
    if "issuer" in fields:
        fields["issuer"] = _text(fields["issuer"], "issuer", errors, limit=255)
    if "summary" in fields:
        fields["summary"] = _text(fields["summary"], "summary", errors)
    if "issued_on" in fields:
        fields["issued_on"] = _date(
            fields["issued_on"], "issued_on", errors, required=False, not_future=False
        )
    unknown = sorted(set(fields) - set(LIBRARY_FIELDS))
    for name in unknown:
        errors.append(_error(name, _("This field cannot be set.")))


def add_library_document(*, by, org, data=None, file_name="", document=None, **fields):
    """Add an entry to ``org``'s library, with an uploaded file (``data``) or an existing
    ``document`` of the archive, or only its reference number."""
    require(by, "exemplars.manage_library", org)
    fields.setdefault("title", "")
    fields.setdefault("category", "")
    errors = []
    _clean_library(fields, errors)
    if data is not None and document is not None:
        errors.append(_error("file", _("Upload a file or choose a document, not both.")))
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        if data is not None:
            document = documents.create_document(
                org=org,
                by=by,
                doc_type=LIBRARY_DOC_TYPES.get(fields["category"], "CV"),
                title=fields["title"],
                data=data,
                file_name=file_name,
            )
        entry = LibraryDocument(org=org, document=document, created_by=by, **fields)
        entry.save()
        audit.record(
            by,
            AuditEntry.Action.CREATE,
            entry,
            after=audit.snapshot(entry, (*LIBRARY_FIELDS, "org", "document")),
        )
    return entry


def update_library_document(entry, *, by, version=None, **fields):
    require(by, "exemplars.manage_library", entry.org)
    errors = []
    _clean_library(fields, errors)
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        entry = lock_for_update(entry)
        check_version(entry, version)
        before = audit.snapshot(entry, LIBRARY_FIELDS)
        for key, value in fields.items():
            setattr(entry, key, value)
        entry.version += 1
        entry.save()
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            entry,
            before=before,
            after=audit.snapshot(entry, LIBRARY_FIELDS),
        )
    return entry


def delete_library_document(entry, *, by):
    require(by, "exemplars.manage_library", entry.org)
    with transaction.atomic():
        audit.record(
            by,
            AuditEntry.Action.DELETE,
            entry,
            before=audit.snapshot(entry, (*LIBRARY_FIELDS, "org", "document")),
        )
        entry.delete()
