"""Users, their roles at org units, and API tokens (hashed at rest)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from thidua.accounts.roles import STAFF_ROLES, Role
from thidua.core.scoping import minimal_paths
from thidua.core.text import normalize, search_key


class User(AbstractUser):
    """A person who logs in. Roles come from ``RoleAssignment`` rows."""

    STAFF_ROLES = STAFF_ROLES

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    search_key = models.CharField(max_length=300, editable=False, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.full_name = normalize(self.full_name or "")
        self.search_key = search_key(f"{self.username} {self.full_name} {self.email}")
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or self.username

    @cached_property
    def role_assignments(self):
        """The user's role assignments with their units, read once per request."""
        return list(self.roles.select_related("org").filter(org__active=True))

    def roles_at(self, org):
        """Roles held at ``org`` or at one of its ancestors."""
        return {a.role for a in self.role_assignments if org.path.startswith(a.org.path)}

    def has_role(self, *roles):
        return any(a.role in roles for a in self.role_assignments)

    def reach_paths(self, roles=None):
        """Org paths reached by the user's roles (``roles``: only those roles)."""
        return minimal_paths(
            a.org.path for a in self.role_assignments if roles is None or a.role in roles
        )

    @property
    def sees_member_lists(self):
        return self.is_superuser or self.has_role(*STAFF_ROLES)

    @property
    def home_org(self):
        """The highest unit where the user holds a role (for defaults and the dashboard)."""
        assignments = sorted(self.role_assignments, key=lambda a: (a.org.depth, a.org.path))
        return assignments[0].org if assignments else None


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    org = models.ForeignKey(
        "organizations.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("role assignment")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "org"], name="unique_role_assignment")
        ]

    def __str__(self):
        return f"{self.get_role_display()} @ {self.org}"

    @property
    def org_path(self):
        return self.org.path


def hash_token(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("prefix"), max_length=12)
    name = models.CharField(_("name"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}…"

    @classmethod
    def issue(cls, user, *, name=""):
        """Create a token; returns ``(token, raw)`` where ``raw`` is shown once to the caller."""
        raw = "td_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            key_hash=hash_token(raw),
            prefix=raw[:10],
            name=name,
            expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS),
        )
        return token, raw

    @property
    def active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
