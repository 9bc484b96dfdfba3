"""Where thidua holds data about a member: one declarative registry (``SOURCES``).

Each ``Source`` names a model and the lookup from it to the ``Member`` (``"member"``,
``"item__member"``, or through the linked user: ``"user__member"``), so that
``Model.objects.filter(**{lookup: member.pk})`` is the member's rows. The export walks the registry;
a new model that points at a member is added here, in one place
(``tests/privacy/test_inventory.py`` fails until it is).

Council ballots hold no member: the vote is secret and only counts are stored. Relations to a user
that only stamp who did something (``created_by``, ``*_by``, ``actor``) are not data about that
user as a member and are left out (``is_actor_stamp``).
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

# Fields never exported: secrets and internal copies used for searching and scoping.
NEVER_EXPORTED = frozenset(
    {
        "password",
        "key",
        "key_hash",
        "throttling_failure_timestamp",
        "throttling_failure_count",
        "search_key",
        "sort_key",
        "org_path",
        "owner_path",
        "nominee_path",
        "sector_path",
    }
)
# User relations that record an action of the user rather than data about them.
ACTOR_FIELD_NAMES = frozenset({"actor", "by"})
ACTOR_MODELS = frozenset({"admin.LogEntry"})
# Copies of the member record that the database keeps equal to it (and so exported, corrected and
# anonymised with it): the PostgreSQL word index of names (``organizations.name_index``).
DERIVED_COPIES = frozenset({"organizations.MemberNameWord"})


def is_actor_stamp(model, field):
    return (
        field.name in ACTOR_FIELD_NAMES
        or field.name.endswith("_by")
        or model._meta.label in ACTOR_MODELS
    )


def _audit_entries(member):
    from thidua.core.models import AuditEntry
    from thidua.organizations.models import Member

    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Member), object_id=str(member.pk)
    ).select_related("actor")


# Audit fields that hold a record's values at the time of the entry.
AUDIT_SNAPSHOT_FIELDS = frozenset({"before", "after", "object_repr"})


def _replaced_values(member):
    """Audit entries written before an anonymisation still hold the replaced values: their
    snapshots and record name are left out of the export."""
    from thidua.privacy.models import Anonymisation

    done = Anonymisation.objects.filter(member=member).first()
    if done is None:
        return lambda entry: frozenset()
    return lambda entry: AUDIT_SNAPSHOT_FIELDS if entry.at < done.at else frozenset()


@dataclass(frozen=True)
class Source:
    """One kind of record about a member.

    ``key`` names its section in the export (stable, ASCII); ``lookup`` goes from the model to the
    member; ``rows`` replaces the lookup for records that point at the member without a foreign
    key (the audit trail); ``hide(member)`` gives, for a row, the fields to leave empty in the
    export. Fields in ``NEVER_EXPORTED`` are left out of every source.
    """

    key: str
    model_label: str
    title: str
    lookup: str = "member"
    rows: object = None  # callable(member) -> QuerySet
    hide: object = None  # callable(member) -> callable(row) -> set of field names

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def queryset(self, member):
        if self.rows is not None:
            return self.rows(member)
        return self.model._default_manager.filter(**{self.lookup: member.pk}).distinct()

    def exported_fields(self):
        return [f for f in self.model._meta.concrete_fields if f.name not in NEVER_EXPORTED]


SOURCES = (
    Source("doan_vien", "organizations.Member", _("Member record"), lookup="pk"),
    Source("tai_khoan", "accounts.User", _("User account"), lookup="member"),
    Source("vai_tro", "accounts.RoleAssignment", _("Roles"), lookup="user__member"),
    Source("ma_api", "accounts.ApiToken", _("API tokens"), lookup="user__member"),
    Source(
        "xac_thuc_hai_buoc",
        "otp_totp.TOTPDevice",
        _("Two-factor devices (authenticator app)"),
        lookup="user__member",
    ),
    Source(
        "ma_du_phong",
        "otp_static.StaticDevice",
        _("Two-factor devices (backup codes)"),
        lookup="user__member",
    ),
    Source("thong_bao", "core.Notification", _("Notifications"), lookup="user__member"),
    Source(
        "can_bo_thi_dua",
        "organizations.OfficerDesignation",
        _("Emulation officer terms"),
    ),
    Source("dang_ky_thi_dua", "movements.Pledge", _("Emulation pledges")),
    Source("khen_thuong", "awards.AwardRecord", _("Award history")),
    Source("danh_gia_nam", "awards.MemberYearAssessment", _("Yearly assessments")),
    Source("ky_luat", "awards.DisciplineRecord", _("Discipline records")),
    Source("sang_kien", "awards.Initiative", _("Initiatives (as an author)"), lookup="authors"),
    Source("de_nghi_khen_thuong", "nominations.Nomination", _("Nominations")),
    Source("khen_thuong_tai_noi_lam_viec", "nominations.WorkplaceAward", _("Workplace awards")),
    Source("dien_hinh_tien_tien", "exemplars.Exemplar", _("Exemplary models")),
    Source("tap_huan", "oversight.Attendance", _("Training attendance")),
    Source(
        "doan_kiem_tra",
        "oversight.Inspection",
        _("Inspections (as a team member)"),
        lookup="team__member",
    ),
    Source(
        "y_kien_cong_khai",
        "council.Feedback",
        _("Feedback sent on public notices"),
        lookup="author__member",
    ),
    Source(
        "hoi_dong_thi_dua",
        "council.CouncilMember",
        _("Council memberships"),
        lookup="user__member",
    ),
    Source("quyet_dinh", "decisions.DecisionItem", _("Decision items")),
    Source("giay_khen", "decisions.Certificate", _("Certificates"), lookup="item__member"),
    Source("an_danh_hoa", "privacy.Anonymisation", _("Anonymisation")),
    Source(
        "nhat_ky",
        "core.AuditEntry",
        _("Audit trail of the member record"),
        rows=_audit_entries,
        hide=_replaced_values,
    ),
)


def source(key):
    return next(s for s in SOURCES if s.key == key)
