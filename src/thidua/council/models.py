"""Public notice (công khai) of appraised nominations with the feedback it draws, and the emulation
and commendation council (Hội đồng thi đua - khen thưởng): its members, sessions, secret-ballot
counts and minutes (biên bản, BB).

A ``Notice`` publishes appraised nominations for the subtree of its unit until ``notice_ends_on``
(inclusive). Every user holding a role in that subtree (a ``member`` too) reads the list and may
send ``Feedback``; an unresolved one blocks the decision (``services.decision_blockers``).

A ``CouncilSession`` of a unit votes on its agenda; a ``Ballot`` records the counts only (secret
ballot) and moves the nomination to approved or rejected.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.accounts.roles import STAFF_ROLES
from thidua.core.models import VersionedModel
from thidua.core.scoping import OrgScopedQuerySet, ancestor_paths, subtree_q


class NoticeQuerySet(OrgScopedQuerySet):
    """A notice is read by everyone holding a role in its unit's subtree (members included) and by
    the levels above it."""

    org_path_lookup = "org_path"

    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        paths = user.reach_paths()
        upward = set(paths) | set(ancestor_paths(paths))
        return self.filter(subtree_q("org_path", paths) | Q(org_path__in=upward))

    def running(self, on=None):
        return self.filter(notice_ends_on__gte=on or timezone.localdate())


class Notice(VersionedModel):
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=pgettext_lazy("council notice", "publishing unit"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    notice_ends_on = models.DateField(_("notice ends on"))
    published_at = models.DateTimeField(
        pgettext_lazy("council notice", "published at"), default=timezone.now
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nominations = models.ManyToManyField(
        "nominations.Nomination", verbose_name=_("nominations"), related_name="notices"
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return f"{self.org} — {self.notice_ends_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        super().save(*args, **kwargs)

    @property
    def is_running(self):
        return self.notice_ends_on >= timezone.localdate()


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff in reach of the nomination read its feedback; an author reads their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        staff = subtree_q("nomination__org_path", user.reach_paths(STAFF_ROLES))
        return self.filter(staff | Q(author=user))

    def unresolved(self):
        return self.filter(resolved_at__isnull=True)


class Feedback(models.Model):
    """A remark or an objection on a published nomination, sent during its notice."""

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="feedback")
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="feedback"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("feedback"))
    is_objection = models.BooleanField(_("objection"), default=True)
    confidential = models.BooleanField(
        _("keep my name from the nominee's unit"),
        default=False,
        help_text=_("The staff of the nominee's unit will not see who sent it."),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.nomination} — {self.created_at:%d/%m/%Y}"

    @property
    def org_path(self):
        return self.nomination.org_path

    @property
    def is_resolved(self):
        return self.resolved_at is not None


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", pgettext_lazy("council member", "Member")


class CouncilMemberQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org__path"
    read_roles = STAFF_ROLES

    def active(self):
        return self.filter(active=True)


class CouncilMember(VersionedModel):
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="council_members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    role = models.CharField(
        _("role in the council"), max_length=10, choices=CouncilRole.choices, default="member"
    )
    since = models.DateField(_("member since"), default=timezone.localdate)
    until = models.DateField(_("member until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["org_id", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "user"], condition=Q(active=True), name="one_active_council_seat"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class SessionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("council session status", "Open")
    CLOSED = "closed", _("Closed")


class CouncilSessionQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org_path"
    read_roles = STAFF_ROLES


class CouncilSession(VersionedModel):
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="council_sessions",
    )
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    members_present = models.ManyToManyField(
        CouncilMember, verbose_name=_("members present"), blank=True, related_name="sessions"
    )
    present_count = models.PositiveIntegerField(_("members present"))
    member_count = models.PositiveIntegerField(_("council members"))
    nominations = models.ManyToManyField(
        "nominations.Nomination", verbose_name=_("agenda"), related_name="council_sessions"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    minutes = models.ForeignKey(
        "documents.Document",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CouncilSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.org} — {self.held_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status == SessionStatus.OPEN


class BallotResult(models.TextChoices):
    APPROVED = "approved", pgettext_lazy("council vote", "Approved")
    REJECTED = "rejected", pgettext_lazy("council vote", "Rejected")


class Ballot(models.Model):
    """The counts of a secret ballot on one nomination (no per-member votes are kept)."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="ballots")
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="ballots"
    )
    approve = models.PositiveIntegerField(_("in favour"))
    disapprove = models.PositiveIntegerField(_("against"))
    abstain = models.PositiveIntegerField(_("abstentions"))
    voting_base = models.PositiveIntegerField(_("voting base"))
    recused = models.PositiveIntegerField(_("recused"), default=0)
    required = models.PositiveIntegerField(_("approvals needed"))
    result = models.CharField(_("result"), max_length=10, choices=BallotResult.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination"], name="one_ballot_per_nomination_and_session"
            )
        ]

    def __str__(self):
        return f"{self.nomination}: {self.approve}/{self.voting_base}"
