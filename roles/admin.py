from django.contrib import admin

from .models import (
    BrakeSettings,
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


# Participation requests, their reviews and classifications are not in admin on purpose: they
# are written only through the services (the brake, the review rules and the history), and
# the portal shows them.
