"""Admins configure the decision process and the funds here. Initiatives and grants are shown
read-only: they change only through the staff pages and their services (history, e-mails,
the fund lock), never by editing rows."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kernportal.admin import ReadOnlyAdminMixin
from kernportal.forms import DutchAmountField

from . import services
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

# Amounts are written the Dutch way in admin too ("1.250,50", "€ 2.000").
AMOUNTS = {models.DecimalField: {"form_class": DutchAmountField}}


@admin.register(DecisionStep)
class DecisionStepAdmin(admin.ModelAdmin):
    formfield_overrides = AMOUNTS
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


FUND_COLUMNS = [
    "name",
    "year",
    "valid_from",
    "valid_until",
    "kind",
    "amount_per_inhabitant",
    "fixed_amount",
]


class FundAdminForm(forms.ModelForm):
    class Meta:
        model = Fund
        fields = [*FUND_COLUMNS, "kernen", "description"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Fund.Kind.PER_INHABITANT and not data.get("kernen"):
            self.add_error("kernen", _("Kies de kernen: elke kern krijgt een deel per inwoner."))
        return data


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    form = FundAdminForm
    formfield_overrides = AMOUNTS
    list_display = FUND_COLUMNS
    list_filter = ["year", "kind", "kernen"]
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

    list_display = [
        "title",
        "status",
        "contact_official",
        "created_at",
        "escalated",
        "anonymised_at",
    ]
    actions = ["anonymise"]
    list_filter = ["status", "theme", "kernen", "escalation_level"]
    search_fields = ["title", "description", "initiator_name", "initiator_email"]
    list_select_related = ["contact_official"]
    date_hierarchy = "created_at"
    exclude = ["token_hash"]
    readonly_fields = ["language"]
    inlines = [
        CoFundingInline,
        StatusStepInline,
        GrantInline,
        SupportRecordInline,
        NoteInline,
        AttachmentInline,
    ]

    def has_anonymise_permission(self, request):
        return request.user.has_perm("initiatives.anonymise_initiative")

    @admin.action(
        description=_("Persoonsgegevens verwijderen (op verzoek van de initiatiefnemer)"),
        permissions=["anonymise"],
    )
    def anonymise(self, request, queryset):
        """Anonymise through the service; each one is logged in the admin history."""
        done = 0
        for initiative in queryset:
            if initiative.anonymised_at:
                continue
            services.initiative_anonymise(initiative=initiative, by=request.user)
            self.log_change(
                request,
                initiative,
                "Persoonsgegevens van de initiatiefnemer verwijderd op diens verzoek.",
            )
            done += 1
        self.message_user(
            request,
            ngettext(
                "Persoonsgegevens verwijderd bij %(count)d initiatief.",
                "Persoonsgegevens verwijderd bij %(count)d initiatieven.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["initiative", "fund", "amount", "decided_at", "paid_amount", "paid_at"]
    list_filter = ["fund"]
    search_fields = ["initiative__title"]
    list_select_related = ["initiative", "fund"]
