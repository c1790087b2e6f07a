"""Role clashes ("signalen"): combinations of role, ownership and participation that contradict the
model of the three roles. `role_signals` states the rules in Python over given rows;
`signal_rows` states the same rules in SQL, so a page counts and slices the signals there."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, F, Func, OuterRef, Subquery, Value
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernen.models import Kern

from . import classifiable
from .definitions import ROLES, Owner, Role


@dataclass(frozen=True)
class Signal:
    kind: str
    kern_id: int
    title: str
    message: str
    url: str = ""
    kern_name: str = ""


COMMUNITY_OWNED = "community_owned_not_green"
GREEN_WITH_REQUESTS = "green_with_requests"
RED_WITH_REQUEST = "red_with_request"


def role_signals(classifications, requests, *, request_type_id=None) -> list[Signal]:
    """Signals for current classifications.

    `classifications`: objects with content_type_id, object_id, kern_id, title, role, owner and
    optionally `url`. `requests`: participation requests that still stand (not declined), with
    pk, subject_content_type_id, subject_object_id and the kern_ids they stand for
    (`kern_ids`). `request_type_id`: the content type id of ParticipationRequest, so a standing
    request that is itself classified red is a contradiction too.
    """
    asked = defaultdict(int)
    standing = set()
    for request in requests:
        standing.update((request.pk, kern_id) for kern_id in request.kern_ids)
        if request.subject_content_type_id is None:
            continue
        for kern_id in request.kern_ids:
            key = (request.subject_content_type_id, request.subject_object_id, kern_id)
            asked[key] += 1
    signals = []
    for c in classifications:
        url = getattr(c, "url", "")
        kern_name = getattr(c, "kern_name", "")
        n_requests = asked.get((c.content_type_id, c.object_id, c.kern_id), 0)
        is_standing_request = (
            c.content_type_id == request_type_id and (c.object_id, c.kern_id) in standing
        )
        kinds = []
        if c.owner == Owner.COMMUNITY and c.role in (Role.RED, Role.BLUE):
            kinds.append(COMMUNITY_OWNED)
        if c.role == Role.GREEN and n_requests:
            kinds.append(GREEN_WITH_REQUESTS)
        if c.role == Role.RED and (n_requests or is_standing_request):
            kinds.append(RED_WITH_REQUEST)
        signals.extend(
            Signal(kind, c.kern_id, c.title, _message(kind, c.role, n_requests), url, kern_name)
            for kind in kinds
        )
    return signals


def _message(kind, role, n_requests) -> str:
    if kind == COMMUNITY_OWNED:
        return _(
            "De gemeenschap is eigenaar, maar de gemeente werkt %(colour)s. "
            "Neemt de gemeente hier het plan over?"
        ) % {"colour": ROLES[role].colour}
    if kind == GREEN_WITH_REQUESTS:
        return ngettext(
            "Groen (de gemeenschap leidt), maar er staat %(n)s "
            "participatieverzoek van de gemeente op.",
            "Groen (de gemeenschap leidt), maar er staan %(n)s "
            "participatieverzoeken van de gemeente op.",
            n_requests,
        ) % {"n": n_requests}
    return _(
        "Rood (de gemeente beslist, participatie is niet nodig), maar de kern "
        "wordt toch om participatie gevraagd."
    )


def signal_rows(kern=None):
    """One row per signal of the current classifications (of one kern or all kernen), newest
    classification first: a QuerySet of dicts, one query. For a page of them use
    `SignalRows`; `to_signals` turns rows into `Signal`s."""
    first, *rest = _branches(kern)
    return first.union(*rest, all=True).order_by(*_ORDER)


_ORDER = ("-id", "rank")


class SignalRows:
    """The rows of `signal_rows` as a sequence for the paginator. A slice asks each branch for
    no more rows than the slice's end, newest first (the primary key's index), so the first
    pages do not read every classification; the count still reads them all, once."""

    def __init__(self, kern=None):
        self._kern = kern
        self._branches = _branches(kern)

    def count(self) -> int:
        # Only the keys: no join to the kern, no count of requests per row.
        first, *rest = _branches(self._kern, fields=("id",))
        return first.union(*rest, all=True).count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice):
        if index.stop is not None and index.stop <= (index.start or 0):
            return []  # the paginator's empty first page; an empty slice cannot be reordered
        branches = self._branches
        if index.stop is not None and connection.features.supports_slicing_ordering_in_compound:
            branches = [b.order_by("-id")[: index.stop] for b in branches]
        first, *rest = branches
        return first.union(*rest, all=True).order_by(*_ORDER)[index]


def _branches(kern=None, fields=None) -> list:
    """The rules of `role_signals` as filters on the current classifications, one query set
    of rows per kind of signal (two for red), to be joined by UNION ALL."""
    from .models import Classification, ParticipationRequest, ParticipationReview, ReviewStatus

    standing = ParticipationReview.objects.exclude(status=ReviewStatus.DECLINED).order_by()
    # Standing requests about the classified object, for the same kern.
    # (The isnull filter is implied, but tells the planner that few requests have a subject,
    # so it starts from those instead of hashing every review.)
    asked = standing.filter(
        request__subject_content_type__isnull=False,
        request__subject_content_type=OuterRef("content_type"),
        request__subject_object_id=OuterRef("object_id"),
        kern=OuterRef("kern"),
    )
    n_asked = asked.annotate(n=Func(F("pk"), function="COUNT")).values("n")
    # The classified object is itself a request that still stands for this kern.
    is_standing = standing.filter(request=OuterRef("object_id"), kern=OuterRef("kern"))
    request_type = ContentType.objects.get_for_model(ParticipationRequest)

    base = Classification.objects.current().order_by()
    if kern is not None:
        base = base.filter(kern=kern)

    def branch(queryset, rank, kind, n_requests):
        if fields is not None:
            return queryset.values(*fields)
        return queryset.annotate(
            rank=Value(rank),
            kind=Value(kind),
            n_requests=n_requests,
        ).values(*_ROW_FIELDS)

    community = branch(
        base.filter(owner=Owner.COMMUNITY, role__in=(Role.RED, Role.BLUE)),
        1,
        COMMUNITY_OWNED,
        Value(0),
    )
    green = branch(
        base.filter(Exists(asked), role=Role.GREEN), 2, GREEN_WITH_REQUESTS, Subquery(n_asked)
    )
    # Red with requests on it, or red and itself a standing request: two disjoint branches,
    # not one OR, so each is a plain (anti-)semi-join.
    red_asked = branch(base.filter(Exists(asked), role=Role.RED), 3, RED_WITH_REQUEST, Value(0))
    red_standing = branch(
        base.filter(Exists(is_standing), ~Exists(asked), role=Role.RED, content_type=request_type),
        3,
        RED_WITH_REQUEST,
        Value(0),
    )
    return [community, green, red_asked, red_standing]


_ROW_FIELDS = (
    "id",
    "content_type_id",
    "object_id",
    "kern_id",
    "kern__name",
    "kern__slug",
    "title",
    "role",
    "rank",
    "kind",
    "n_requests",
)


def to_signals(rows) -> list[Signal]:
    """`Signal`s for rows of `signal_rows` (a slice of it: one query), with the message in the
    active language and the link from each registry entry's `link_getter`, without loading the
    classified objects."""
    signals = []
    for row in rows:
        kern = Kern(pk=row["kern_id"], name=row["kern__name"], slug=row["kern__slug"])
        ct = ContentType.objects.get_for_id(row["content_type_id"])  # cached per process
        entry = classifiable.get_by_label(f"{ct.app_label}.{ct.model}")
        signals.append(
            Signal(
                row["kind"],
                row["kern_id"],
                row["title"],
                _message(row["kind"], row["role"], row["n_requests"]),
                entry.link(row["object_id"], kern) if entry else "",
                row["kern__name"],
            )
        )
    return signals


def first_signals(kern, n: int) -> tuple[list[Signal], int]:
    """The kern's first `n` signals and how many it has, in one query: the rows are narrow,
    and only the shown ones get a message and a link."""
    rows = list(signal_rows(kern))
    return to_signals(rows[:n]), len(rows)


def load_signals(kern=None) -> list[Signal]:
    """Every signal for one kern or all kernen, in one query. For a bounded list, page or
    slice `signal_rows` instead."""
    return to_signals(signal_rows(kern))
