"""Writes for kernen, community groups and KCP assignments."""

from django.db import transaction
from django.utils import timezone

from kernportal.services import save_validated
from kernportal.tokens import new_token

from .models import AgendaItem, CalendarFeedToken, CommunityGroup, KcpAssignment, Kern, StaffProfile

KERN_FIELDS = (
    "name",
    "slug",
    "inhabitants",
    "latitude",
    "longitude",
    "description",
    "alderman",
    "is_active",
)
GROUP_FIELDS = ("kind", "name", "email", "website", "meeting_info", "is_active")


@transaction.atomic
def kern_update(*, kern: Kern, fields: dict) -> Kern:
    """Change a kern's fields. Validates the whole model; raises ValidationError, saves nothing then."""
    return save_validated(kern, fields, KERN_FIELDS)


@transaction.atomic
def communitygroup_create(*, kern: Kern, fields: dict) -> CommunityGroup:
    """Add a community group to a kern (validated; ValidationError stores nothing)."""
    return save_validated(CommunityGroup(kern=kern), fields, GROUP_FIELDS)


@transaction.atomic
def communitygroup_update(*, group: CommunityGroup, fields: dict) -> CommunityGroup:
    return save_validated(group, fields, GROUP_FIELDS)


@transaction.atomic
def kcp_assign(*, kern: Kern, user, role: str, start_date, end_date=None) -> KcpAssignment:
    """Make `user` KCP of `kern` for a period.

    Transaction: locks the kern row first, so two concurrent assignments of a primary KCP are
    checked one after the other (the overlap rule spans rows, which a unique index cannot see).
    Raises ValidationError (Dutch, per field) and stores nothing on a second primary in the
    same period, a period ending before it starts or a duplicate assignment.
    """
    Kern.objects.select_for_update().filter(pk=kern.pk).first()
    assignment = KcpAssignment(
        kern=kern, user=user, role=role, start_date=start_date, end_date=end_date
    )
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def kcp_assignment_end(*, assignment: KcpAssignment, end_date) -> KcpAssignment:
    """End an assignment on `end_date` (kept as history). Raises ValidationError if before its start."""
    Kern.objects.select_for_update().filter(pk=assignment.kern_id).first()
    assignment.end_date = end_date
    assignment.full_clean()
    assignment.save(update_fields=["end_date"])
    return assignment


PREFERENCE_FIELDS = ("digest_frequency", "digest_weekday", "immediate_notifications")


@transaction.atomic
def staffprofile_update_preferences(*, user, fields: dict) -> StaffProfile:
    """Store a user's digest and notification preferences (creates the profile if missing)."""
    profile, _ = StaffProfile.objects.select_for_update().get_or_create(user=user)
    return save_validated(profile, fields, PREFERENCE_FIELDS)


# --- Agenda ------------------------------------------------------------------------------------

AGENDA_FIELDS = (
    "side",
    "title",
    "description",
    "theme",
    "status",
    "start_date",
    "end_date",
    "responsible",
)


@transaction.atomic
def agendaitem_save(*, item: AgendaItem, fields: dict) -> AgendaItem:
    """Create or change an agenda item of a kern (validated; ValidationError stores nothing)."""
    return save_validated(item, fields, AGENDA_FIELDS)


def calendar_token_for(user) -> CalendarFeedToken:
    token, _ = CalendarFeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def calendar_token_reset(*, user) -> CalendarFeedToken:
    """Give the user a new feed secret; calendars subscribed with the old one stop updating."""
    token = calendar_token_for(user)
    token.token = new_token()
    token.created_at = timezone.now()
    token.save(update_fields=["token", "created_at"])
    return token
