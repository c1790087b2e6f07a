from django.contrib import admin
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry

from .mail import MAX_ATTEMPTS
from .models import DigestDelivery, OutboxEmail, RetentionRun


class DeliveryStateFilter(admin.SimpleListFilter):
    """SMTP trouble at a glance: what failed and is being retried, and what was given up."""

    title = _("bezorging")
    parameter_name = "bezorging"

    def lookups(self, request, model_admin):
        return [
            ("sent", _("verstuurd")),
            ("waiting", _("wacht")),
            ("failing", _("mislukt, wordt opnieuw geprobeerd")),
            ("given_up", _("opgegeven")),
        ]

    def queryset(self, request, queryset):
        unsent = queryset.filter(sent_at__isnull=True)
        return {
            "sent": queryset.filter(sent_at__isnull=False),
            "waiting": unsent.filter(attempts=0),
            "failing": unsent.filter(attempts__gt=0, attempts__lt=MAX_ATTEMPTS),
            "given_up": unsent.filter(attempts__gte=MAX_ATTEMPTS),
        }.get(self.value(), queryset)


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "created_at", "sent_at", "attempts", "error"]
    list_filter = [DeliveryStateFilter, "kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("laatste fout"))
    def error(self, email):
        return truncatechars(email.last_error, 80)


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "period",
        "frequency",
        "status",
        "item_count",
        "window_start",
        "window_end",
    ]
    list_filter = ["status", "frequency", "period"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
    date_hierarchy = "period"
    readonly_fields = [f.name for f in DigestDelivery._meta.fields]

    def has_add_permission(self, request):
        return False


class ReadOnlyAdminMixin:
    """For records that only services may write (history, money, e-mail): admins can find and
    read them, never add, edit or delete them here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The audit trail is read-only for everyone, superusers included: auditlog's own admin still
# offers deletion to superusers, so it is replaced.
admin.site.unregister(LogEntry)


class ReadOnlyMixin:
    """Records nobody may add, change or delete from admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(ReadOnlyMixin, LogEntryAdmin):
    pass


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["started_at", "trigger", "dry_run", "by"]
    list_filter = ["trigger", "dry_run"]
    readonly_fields = [f.name for f in RetentionRun._meta.fields]
