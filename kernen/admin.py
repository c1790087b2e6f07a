from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import (
    AgendaItem,
    CalendarFeedToken,
    CommunityGroup,
    KcpAssignment,
    Kern,
    StaffProfile,
)


# Stacked, not tabular: a tabular inline's fields have only a column header, no label, which
# screen readers (and axe-core) miss.
class CommunityGroupInline(admin.StackedInline):
    model = CommunityGroup
    extra = 0


class KcpAssignmentInline(admin.StackedInline):
    model = KcpAssignment
    extra = 0
    autocomplete_fields = ["user"]
    can_delete = False  # assignments are ended, never deleted: history is kept


@admin.register(Kern)
class KernAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "inhabitants", "alderman", "is_active"]
    list_filter = ["is_active", "alderman"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["alderman"]
    inlines = [CommunityGroupInline, KcpAssignmentInline]

    class Media:
        js = ["js/admin-autocomplete-names.js"]


@admin.register(CommunityGroup)
class CommunityGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "kern", "email", "is_active"]
    list_filter = ["kind", "is_active", "kern"]
    search_fields = ["name", "email", "kern__name"]
    list_select_related = ["kern"]


@admin.register(KcpAssignment)
class KcpAssignmentAdmin(admin.ModelAdmin):
    list_display = ["kern", "user", "role", "start_date", "end_date"]
    list_filter = ["role", "kern", ("end_date", admin.EmptyFieldListFilter)]
    search_fields = ["kern__name", "user__username", "user__first_name", "user__last_name"]
    list_select_related = ["kern", "user"]
    autocomplete_fields = ["user", "kern"]
    date_hierarchy = "start_date"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "team", "job_title", "phone", "absent_from", "absent_until"]
    list_filter = ["team"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "team", "themes"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active"]
    list_filter = [*UserAdmin.list_filter]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kern", "side", "theme", "status", "start_date", "end_date"]
    list_filter = ["side", "status", "theme", "kern"]
    search_fields = ["title", "description", "kern__name"]
    list_select_related = ["kern"]
    date_hierarchy = "start_date"


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    exclude = ["token"]
