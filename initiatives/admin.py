"""Admins configure the decision process and the funds here. Initiatives and grants are shown
read-only: they change only through the staff pages and their services (history, e-mails,
the fund lock), never by editing rows."""

from django.contrib import admin

from kernportal.admin import ReadOnlyAdminMixin

from .models import (
    Attachment,
    CoFunding,
    DecisionStep,
    Fund,
    Grant,
    Initiative,
    Note,
    StatusStep,
    SupportRecord,
)


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


class _ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0


class CoFundingInline(_ReadOnlyInline):
    model = CoFunding


class StatusStepInline(_ReadOnlyInline):
    model = StatusStep


class GrantInline(_ReadOnlyInline):
    model = Grant


class SupportRecordInline(_ReadOnlyInline):
    model = SupportRecord


class NoteInline(_ReadOnlyInline):
    model = Note


class AttachmentInline(_ReadOnlyInline):
    model = Attachment
    exclude = ["file"]  # read through the staff page, which checks access


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: initiatives change through the staff pages (history, e-mails, fund lock)."""

    list_display = ["title", "status", "contact_official", "created_at", "escalated"]
    list_filter = ["status", "theme", "kernen", "escalation_level"]
    search_fields = ["title", "description", "initiator_name", "initiator_email"]
    list_select_related = ["contact_official"]
    date_hierarchy = "created_at"
    exclude = ["token_hash"]
    inlines = [
        CoFundingInline,
        StatusStepInline,
        GrantInline,
        SupportRecordInline,
        NoteInline,
        AttachmentInline,
    ]


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["initiative", "fund", "amount", "decided_at", "paid_amount", "paid_at"]
    list_filter = ["fund"]
    search_fields = ["initiative__title"]
    list_select_related = ["initiative", "fund"]
