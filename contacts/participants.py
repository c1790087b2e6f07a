"""Whom the contact-moment form offers as participants and follow-up owners.

A kern gathers hundreds of contacts and the portal a thousand colleagues over the years; the
form shows a bounded, relevant few of each and finds any other one by a search (see
`views.moment_person_search`), while validation still accepts every valid one."""

from django.db.models import Case, Exists, Max, OuterRef, Q, When

from kernen.models import KcpAssignment
from kernportal.users import users_with_perm

from .models import ContactMoment, FollowUp, Membership, Person

PERSONS_SHOWN = 50
STAFF_SHOWN = 30
SEARCH_RESULTS = 20
# How far back "recently in a contact moment of this kern" looks: the kern's latest moments.
RECENT_MOMENTS = 200
SEARCH_MIN_LENGTH = 2


def staff_users():
    return (
        users_with_perm("kernen.view_kern")
        .select_related("profile")
        .order_by("first_name", "last_name")
    )


def kern_persons(kern):
    """Every person the form accepts for `kern`: the active contacts of the kern."""
    return Person.objects.active().filter(kernen=kern)


def _recent_moments(kern):
    return ContactMoment.objects.filter(kern=kern).order_by("-happened_at")[:RECENT_MOMENTS]


def relevant_persons(kern, *, limit=PERSONS_SHOWN) -> list[Person]:
    """The kern's contacts most recently in one of its contact moments; when there are few,
    filled up with the members of its community groups and then the others, by name."""
    recent = list(
        kern_persons(kern)
        .filter(contact_moments__in=_recent_moments(kern).values("pk"))
        .annotate(last_seen=Max("contact_moments__happened_at"))
        .order_by("-last_seen", "name")[:limit]
    )
    if len(recent) < limit:
        seen = [p.pk for p in recent]
        # Current members of the kern's groups first, then the others, each by name.
        current = Membership.objects.current().filter(group__kern=kern)
        rest = (
            kern_persons(kern)
            .exclude(pk__in=seen)
            .alias(member=Exists(current.filter(person=OuterRef("pk"))))
            .order_by("-member", "name")
        )
        recent += list(rest[: limit - len(recent)])
    return recent


def relevant_staff(kern, user, *, limit=STAFF_SHOWN) -> list:
    """Active colleagues for this kern: its current KCPs, the user, then those recently present
    at or owning follow-ups of its contact moments. Ordered by name."""
    recent = _recent_moments(kern).values("pk")
    kcps = KcpAssignment.objects.current().filter(kern=kern).values("user_id")
    first = Q(pk__in=kcps) | Q(pk=user.pk)
    # IN over small subqueries, no joins: a join to the moments would multiply the rows.
    present = ContactMoment.staff.through.objects.filter(contactmoment_id__in=recent)
    owners = FollowUp.objects.filter(contact_moment_id__in=recent)
    staff = (
        staff_users()
        .filter(first | Q(pk__in=present.values("user_id")) | Q(pk__in=owners.values("owner_id")))
        .alias(later=Case(When(first, then=0), default=1))
        .order_by("later", "first_name", "last_name")
    )
    return list(staff[:limit])


def search_persons(kern, query: str) -> list[Person]:
    if len(query) < SEARCH_MIN_LENGTH:
        return []
    found = kern_persons(kern).filter(Q(name__icontains=query) | Q(role__icontains=query))
    return list(found.select_related("organisation").order_by("name", "pk")[:SEARCH_RESULTS])


def search_staff(query: str) -> list:
    if len(query) < SEARCH_MIN_LENGTH:
        return []
    words = query.split()[:3]
    found = staff_users()
    for word in words:
        found = found.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
        )
    return list(found[:SEARCH_RESULTS])


def person_label(person) -> str:
    return f"{person.name} ({person.role})" if person.role else person.name


def user_label(user) -> str:
    return user.get_full_name() or user.username
