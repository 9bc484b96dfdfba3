"""The union tree (org units), members and the designated emulation officers."""

from django.conf import settings
from django.db import connections, models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from thidua.core.models import VersionedModel
from thidua.core.scoping import OrgScopedQuerySet, subtree_q
from thidua.core.text import name_sort_key, normalize, search_key
from thidua.organizations import name_index


class OrgKind(models.TextChoices):
    CONFEDERATION = "confederation", _("Confederation")
    FEDERATION = "federation", _("Provincial federation")
    SECTOR_UNION = "sector_union", _("Sector union")
    GRASSROOTS_UNION = "grassroots_union", _("Grassroots union")
    UNION_GROUP = "union_group", _("Union group")


class EmployerType(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Administrative body")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    STATE_ENTERPRISE = "state_enterprise", _("State enterprise")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Private enterprise")
    FDI_ENTERPRISE = "fdi_enterprise", _("Foreign-invested enterprise")


# Which kinds may sit directly under which.
ALLOWED_PARENT_KINDS = {
    OrgKind.CONFEDERATION: set(),
    OrgKind.FEDERATION: {OrgKind.CONFEDERATION},
    OrgKind.SECTOR_UNION: {OrgKind.CONFEDERATION, OrgKind.FEDERATION},
    OrgKind.GRASSROOTS_UNION: {OrgKind.FEDERATION, OrgKind.SECTOR_UNION},
    OrgKind.UNION_GROUP: {OrgKind.GRASSROOTS_UNION, OrgKind.UNION_GROUP},
}


class OrgUnitQuerySet(MP_NodeQuerySet):
    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(subtree_q("path", user.reach_paths()))

    def in_subtree(self, org):
        return self.filter(path__startswith=org.path)

    def grassroots(self):
        return self.filter(kind=OrgKind.GRASSROOTS_UNION)


class OrgUnitManager(MP_NodeManager.from_queryset(OrgUnitQuerySet)):
    def get_queryset(self):
        return OrgUnitQuerySet(self.model, using=self._db).order_by("path")


class OrgUnit(MP_Node, VersionedModel):
    """A unit of the union tree, from the Confederation down to a union group."""

    steplen = 4
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    # The symbol used in document numbers, e.g. "CĐN" in 36/KH-CĐN.
    symbol = models.CharField(_("document symbol"), max_length=30, blank=True)
    employer_type = models.CharField(
        _("employer type"), max_length=30, choices=EmployerType.choices, blank=True
    )
    place = models.CharField(
        _("place name"), max_length=100, blank=True, help_text=_("Used in document date lines.")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    active = models.BooleanField(_("active"), default=True)
    search_key = models.CharField(max_length=255, editable=False, db_index=True)
    # Active members of the unit and its whole subtree, kept by ``organizations.counts`` (the
    # member services refresh it); read it, never count a subtree live.
    member_count = models.PositiveIntegerField(
        _("active members of the subtree"), default=0, editable=False
    )
    # The parent unit, kept beside the path for cheap joins and filters.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="child_units",
    )

    objects = OrgUnitManager()

    class Meta:
        verbose_name = _("union unit")
        verbose_name_plural = _("union units")
        indexes = [
            models.Index(
                fields=["path"], name="org_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["kind", "active"], name="org_kind_active"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = search_key(f"{self.code} {self.name} {self.short_name}")
        if self.kind != OrgKind.GRASSROOTS_UNION:
            self.employer_type = ""
        if self.path and len(self.path) > self.steplen:
            parent_path = self.path[: -self.steplen]
            if self.parent_id is None or self.parent.path != parent_path:
                self.parent = OrgUnit.objects.get(path=parent_path)
        if not self._state.adding and kwargs.get("update_fields") is None:
            # The stored count belongs to organizations.counts: a unit edited from a copy read
            # earlier must not write back a count that a member change has refreshed since.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "member_count"
            ]
        super().save(*args, **kwargs)

    @property
    def display_symbol(self):
        return self.symbol or self.code

    def is_within(self, other):
        """True when this unit is ``other`` or one of its descendants."""
        return self.path.startswith(other.path)


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class MemberQuerySet(OrgScopedQuerySet):
    org_path_lookup = "org_path"

    def visible_to(self, user):
        """Staff roles see members in their reach; the ``member`` role sees only its own record."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        staff_paths = user.reach_paths(user.STAFF_ROLES)
        query = subtree_q("org_path", staff_paths)
        return self.filter(query | Q(user=user))

    def search(self, text):
        """Members whose name holds every word of ``text`` as a whole word, in any order,
        ignoring case and diacritics ("nguyen hong" finds Nguyễn Thị Hồng, "hon" does not).

        On PostgreSQL the rarest word is looked up in ``MemberNameWord`` (see
        ``organizations.name_index``), whose index is already in Vietnamese order: a first page
        reads a few hundred index entries even among millions of members.
        """
        words = name_index.query_words(text)
        if not words:
            return self
        if self.db_vendor != "postgresql":
            padded = Concat(Value(" "), "search_key", Value(" "))
            condition = Q()
            for word in words:
                condition &= Q(padded_key__contains=f" {word} ")
            return self.alias(padded_key=padded).filter(condition)
        rarest = name_index.rarest(words, using=self.db)
        condition = Q(name_words__word=rarest)
        for word in words:
            if word != rarest:
                condition &= Q(name_words__padded_key__contains=f" {word} ")
        return self.filter(condition).alias(name_order=F("name_words__sort_key"))

    @property
    def db_vendor(self):
        return connections[self.db].vendor

    def in_vietnamese_order(self):
        """By name in Vietnamese order (through the word index after a PostgreSQL search)."""
        if "name_order" in self.query.annotations:
            return self.order_by("name_order", "name_words__member_id")
        return self.order_by("sort_key", "id")


class Member(VersionedModel):
    """A union member (đoàn viên)."""

    org = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="members"
    )
    # Copy of org.path so that a subtree of millions of members is one indexed prefix query.
    org_path = models.CharField(max_length=255, editable=False)
    code = models.CharField(_("member code"), max_length=30, blank=True)
    full_name = models.CharField(_("full name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    is_manager = models.BooleanField(
        _("holds a management post"), default=False, help_text=_("Leadership or management post.")
    )
    is_direct_worker = models.BooleanField(
        _("direct worker"),
        default=False,
        help_text=_("Works directly in production or service and holds no management post."),
    )
    union_joined_on = models.DateField(_("joined the union on"), null=True, blank=True)
    employed_since = models.DateField(_("employed since"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    active = models.BooleanField(_("active"), default=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    search_key = models.CharField(max_length=150, editable=False)
    sort_key = models.CharField(max_length=255, editable=False)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(
                fields=["org_path", "sort_key"],
                name="member_org_sort",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["search_key"], name="member_search_key"),
            models.Index(fields=["sort_key", "id"], name="member_sort"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "code"], condition=~Q(code=""), name="member_code_unique_in_org"
            )
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        self.full_name = normalize(self.full_name)
        self.search_key = search_key(self.full_name)
        self.sort_key = name_sort_key(self.full_name)
        super().save(*args, **kwargs)


class MemberNameWord(models.Model):
    """One word of a member's name, for name search at millions of members (PostgreSQL only).

    Not managed by Django: the table, its covering index in Vietnamese order and the triggers
    that keep it equal to ``organizations_member`` are created by migration 0004 on PostgreSQL
    (``organizations.name_index``); nothing in Python writes it. On other databases it does not
    exist and ``MemberQuerySet.search`` reads the member table.
    """

    id = models.BigAutoField(primary_key=True)
    member = models.ForeignKey(
        Member,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="name_words",
    )
    word = models.CharField(max_length=150)
    sort_key = models.CharField(max_length=255)
    org_path = models.CharField(max_length=255)
    active = models.BooleanField()
    # The member's search key between spaces, so that " word " matches a whole word.
    padded_key = models.CharField(max_length=152)

    class Meta:
        managed = False
        db_table = "organizations_member_name_word"

    def __str__(self):
        return self.word


class OfficerDesignation(models.Model):
    """The part-time emulation-and-commendation officer designated in a grassroots union."""

    org = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="officer_terms"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("officer"), on_delete=models.PROTECT, related_name="officer_terms"
    )
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("emulation officer")
        ordering = ["-since"]
        constraints = [
            models.UniqueConstraint(
                fields=["org"], condition=Q(until__isnull=True), name="one_current_officer_per_org"
            )
        ]

    def __str__(self):
        return f"{self.member} ({self.org})"

    @property
    def org_path(self):
        return self.org.path
