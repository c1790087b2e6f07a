from django.contrib import admin

from .models import (
    ContactMoment,
    ContactMomentRevision,
    FollowUp,
    Membership,
    Organisation,
    Person,
    Question,
    QuestionEscalation,
    QuestionEvent,
)

# Fields pointing at tables that grow with the years (people, staff, contact moments, agenda
# items) are raw id fields: a select of every row would make the change page unbounded.


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "community_group"]
    list_filter = ["kind"]
    list_select_related = ["community_group__kern"]  # a group's name says its kern
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "basis", "is_active"]
    list_filter = ["basis", "is_active", "kernen"]
    search_fields = ["name", "role", "email"]
    filter_horizontal = ["kernen"]
    raw_id_fields = ["organisation"]
    inlines = [MembershipInline]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    raw_id_fields = ["owner"]


class ContactMomentRevisionInline(admin.TabularInline):
    """The correction history: shown, never edited here (append-only)."""

    model = ContactMomentRevision
    extra = 0
    fields = ["changed_at", "changed_by", "changes"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ContactMoment)
class ContactMomentAdmin(admin.ModelAdmin):
    list_display = ["kern", "kind", "happened_at", "created_by"]
    list_filter = ["kind", "kern"]
    raw_id_fields = ["persons", "staff", "agenda_items", "created_by"]
    date_hierarchy = "happened_at"
    inlines = [FollowUpInline, ContactMomentRevisionInline]


@admin.register(QuestionEscalation)
class QuestionEscalationAdmin(admin.ModelAdmin):
    """Written by the escalation run only; shown so admins can see who was told when."""

    list_display = ["question", "level", "created_at"]
    list_filter = ["level"]
    readonly_fields = ["question", "level", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class QuestionEventInline(admin.TabularInline):
    model = QuestionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "actor", "to_user", "note", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False  # history is written by the services only


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["pk", "kern", "kind", "status", "received_at", "assigned_to", "routed_to"]
    list_filter = ["status", "kind", "kern"]
    raw_id_fields = ["asked_by", "assigned_to", "routed_to"]
    # The consent is a record of what the asker did on the public form: nobody edits it.
    readonly_fields = ["token_hash", "privacy_consent_at", "privacy_consent_version"]
    inlines = [QuestionEventInline]
