"""Admins configure the decision process and the funds here. Initiatives and grants are not
registered: they change only through the staff pages and their services (history, e-mails,
the fund lock), never by editing rows."""

from django.contrib import admin

from .models import DecisionStep, Fund


@admin.register(DecisionStep)
class DecisionStepAdmin(admin.ModelAdmin):
    list_display = [
        "label",
        "step",
        "typical_days",
        "decided_by",
        "amount_threshold",
        "decided_by_above",
    ]
    ordering = ["order"]

    def has_delete_permission(self, request, obj=None):
        return False  # the tracking page needs every step described


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "kind", "amount_per_inhabitant", "fixed_amount"]
    list_filter = ["year", "kind"]
    filter_horizontal = ["kernen"]
