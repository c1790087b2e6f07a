"""Reads about kernen and their KCPs that other apps use."""

from collections import defaultdict

from django.utils import timezone

from kernportal import digest

from .models import KcpAssignment


def responsible_kcp(kern, on=None):
    """Who handles the kern's questions and initiatives today: the primary KCP, or a backup
    when the primary is absent or none is set. Falls back to an absent primary rather than
    nobody. Returns a User or None; two queries at most."""
    on = on or timezone.localdate()
    assignments = list(
        KcpAssignment.objects.current(on)
        .filter(kern=kern, user__is_active=True)
        .select_related("user__profile")
        .order_by("role", "start_date")  # "backup" sorts before "primary"
    )
    primaries = [a for a in assignments if a.is_primary]
    backups = [a for a in assignments if not a.is_primary]
    for assignment in primaries + backups:
        profile = getattr(assignment.user, "profile", None)
        if profile is None or not profile.is_absent(on):
            return assignment.user
    return primaries[0].user if primaries else None


def kern_ids_by_kcp(user_ids, on=None) -> dict[int, set[int]]:
    """{user_id: {kern_id, …}} of the kernen each user is a current KCP of, in one query."""
    result = defaultdict(set)
    rows = (
        KcpAssignment.objects.current(on)
        .filter(user_id__in=user_ids)
        .order_by()  # a set: the default ordering by kern name would join the kernen
        .values_list("user_id", "kern_id")
    )
    for user_id, kern_id in rows:
        result[user_id].add(kern_id)
    return result


def my_kern_ids(user) -> set[int]:
    """The kernen `user` is a current KCP of. Remembered on the user object, which lives for one
    request, so the panels and access checks of a page share one query."""
    cached = getattr(user, "_kcp_kern_ids", None)
    if cached is None:
        cached = kern_ids_by_kcp([user.pk]).get(user.pk, set())
        user._kcp_kern_ids = cached
    return cached


def remember_my_kern_ids(user, kern_ids) -> None:
    """Tell `my_kern_ids` what a page already read (the kernen `user` is a current KCP of
    today), so the panels after it do not ask again."""
    user._kcp_kern_ids = set(kern_ids)


def kern_assignments(user, slug: str, on=None) -> list:
    """Every KCP assignment of the kern with `slug` (user and profile along, newest first), read
    in one query with `user`'s own current ones, which it remembers for `my_kern_ids`: the kern
    page lists the first and checks access with the second."""
    on = on or timezone.localdate()
    rows = list(
        (
            KcpAssignment.objects.filter(kern__slug=slug)
            | KcpAssignment.objects.current(on).filter(user=user)
        )
        .select_related("user__profile", "kern")
        .order_by("-start_date")
    )
    if getattr(user, "_kcp_kern_ids", None) is None:
        user._kcp_kern_ids = {a.kern_id for a in rows if a.user_id == user.pk and a.is_current(on)}
    return [a for a in rows if a.kern.slug == slug]


def kcp_kern_ids(users, now) -> dict[int, set[int]]:
    """{user_id: kern ids} where each user is a current KCP on `now`'s date, for digest sections:
    one query per digest build, shared by every section that asks."""
    return digest.shared(
        users,
        ("kcp_kern_ids", timezone.localdate(now)),
        lambda: kern_ids_by_kcp([u.pk for u in users], on=timezone.localdate(now)),
    )


def kcp_contacts(kernen) -> list[tuple]:
    """[(kern, user or None), …]: whom a resident can reach for each kern (its responsible
    KCP, with the profile for the phone number). Two queries per kern; callers pass few."""
    return [(kern, responsible_kcp(kern)) for kern in kernen]
