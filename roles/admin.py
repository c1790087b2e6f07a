from django.contrib import admin

from .models import (
    BrakeSettings,
    Classification,
    ParticipationRequest,
    ParticipationReview,
    QuietPeriod,
)


@admin.register(BrakeSettings)
class BrakeSettingsAdmin(admin.ModelAdmin):
    """One row for the whole municipality: it can be changed, not added twice or deleted."""

    list_display = ["__str__", "max_per_quarter"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not BrakeSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QuietPeriod)
class QuietPeriodAdmin(admin.ModelAdmin):
    list_display = ["kern", "start_date", "end_date", "reason"]
    list_filter = ["kern"]
    list_select_related = ["kern"]


class ParticipationReviewInline(admin.TabularInline):
    model = ParticipationReview
    fk_name = "request"
    extra = 0
    can_delete = False
    readonly_fields = [
        "kern",
        "status",
        "reason",
        "override_reason",
        "combined_with",
        "postponed_to",
        "decided_by",
        "decided_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ParticipationRequest)
class ParticipationRequestAdmin(admin.ModelAdmin):
    """Read-only here: reviews are decided in the portal, where the brake is checked."""

    list_display = ["subject", "department", "requester", "start_date", "role"]
    search_fields = ["subject", "department"]
    inlines = [ParticipationReviewInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Classification)
class ClassificationAdmin(admin.ModelAdmin):
    """History of role choices: read-only."""

    list_display = [
        "title",
        "kern",
        "role",
        "owner",
        "classified_by",
        "classified_at",
        "is_current",
    ]
    list_filter = ["role", "owner", "is_current", "kern"]
    list_select_related = ["kern", "classified_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
