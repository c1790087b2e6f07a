"""Writes for kernen, community groups and KCP assignments."""

from django.db import transaction

from .models import CommunityGroup, KcpAssignment, Kern, StaffProfile

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


def _apply(instance, fields: dict, allowed) -> list[str]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)
    return list(fields)


def _update(instance, fields: dict, allowed):
    """Set `fields`, validate the whole model (ValidationError saves nothing), save what changed."""
    changed = _apply(instance, fields, allowed)
    instance.full_clean()
    if changed:
        instance.save(update_fields=changed)
    return instance


@transaction.atomic
def kern_update(*, kern: Kern, fields: dict) -> Kern:
    """Change a kern's fields. Validates the whole model; raises ValidationError, saves nothing then."""
    return _update(kern, fields, KERN_FIELDS)


@transaction.atomic
def communitygroup_create(*, kern: Kern, fields: dict) -> CommunityGroup:
    """Add a community group to a kern (validated; ValidationError stores nothing)."""
    group = CommunityGroup(kern=kern)
    _apply(group, fields, GROUP_FIELDS)
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def communitygroup_update(*, group: CommunityGroup, fields: dict) -> CommunityGroup:
    return _update(group, fields, GROUP_FIELDS)


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
    return _update(profile, fields, PREFERENCE_FIELDS)
