"""Read-only admin views for system administrators.

Every change to units, members and officers goes through ``services`` (permissions, rules, audit),
so the admin only looks; the application's own pages make the changes.
"""

from django.contrib import admin

from thidua.organizations.models import Member, OfficerDesignation, OrgUnit


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "kind", "employer_type", "active", "path")
    list_filter = ("kind", "employer_type", "active")
    search_fields = ("code", "name", "short_name", "search_key")
    ordering = ("path",)


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "org", "gender", "is_direct_worker", "is_manager", "active")
    list_filter = ("gender", "is_direct_worker", "is_manager", "active")
    search_fields = ("full_name", "code", "search_key")
    list_select_related = ("org",)
    ordering = ("sort_key", "id")


@admin.register(OfficerDesignation)
class OfficerDesignationAdmin(ReadOnlyAdmin):
    list_display = ("member", "org", "since", "until")
    list_select_related = ("member", "org")
    date_hierarchy = "since"
