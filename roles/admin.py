from django.contrib import admin

from kernportal.admin import ReadOnlyAdminMixin

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


# Participation requests, their reviews and classifications are read-only here: they are
# written only through the services (the brake, the review rules and the history).


class ParticipationReviewInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ParticipationReview
    fk_name = "request"
    extra = 0


@admin.register(ParticipationRequest)
class ParticipationRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "subject",
        "department",
        "requester",
        "form",
        "start_date",
        "role",
        "created_at",
    ]
    list_filter = ["role", "form", "effort", "kernen"]
    search_fields = ["subject", "department", "ask"]
    list_select_related = ["requester"]
    date_hierarchy = "start_date"
    inlines = [ParticipationReviewInline]


@admin.register(Classification)
class ClassificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "kern",
        "role",
        "owner",
        "classified_by",
        "classified_at",
        "is_current",
    ]
    list_filter = ["role", "owner", "is_current", "content_type", "kern"]
    search_fields = ["title", "reason"]
    list_select_related = ["kern", "classified_by"]
    date_hierarchy = "classified_at"
