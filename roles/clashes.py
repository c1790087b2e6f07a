"""Role clashes ("signalen"): combinations of role, ownership and participation that contradict the
model of the three roles. `role_signals` is pure; `load_signals` fetches its input."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
        n_requests = asked.get((c.content_type_id, c.object_id, c.kern_id), 0)
        is_standing_request = (
            c.content_type_id == request_type_id and (c.object_id, c.kern_id) in standing
        )
        signals.extend(_signals_of(c, n_requests, is_standing_request))
    return signals


def _signals_of(c, n_requests: int, is_standing_request: bool) -> list[Signal]:
    """The signals of one classification, given how many standing requests ask its kern about
    the classified object and whether it is itself a standing request for that kern."""
    url = getattr(c, "url", "")
    kern_name = getattr(c, "kern_name", "")
    signals = []
    if c.owner == Owner.COMMUNITY and c.role in (Role.RED, Role.BLUE):
        colour = ROLES[c.role].colour
        signals.append(
            Signal(
                COMMUNITY_OWNED,
                c.kern_id,
                c.title,
                _(
                    "De gemeenschap is eigenaar, maar de gemeente werkt %(colour)s. "
                    "Neemt de gemeente hier het plan over?"
                )
                % {"colour": colour},
                url,
                kern_name,
            )
        )
    if c.role == Role.GREEN and n_requests:
        signals.append(
            Signal(
                GREEN_WITH_REQUESTS,
                c.kern_id,
                c.title,
                ngettext(
                    "Groen (de gemeenschap leidt), maar er staat %(n)s "
                    "participatieverzoek van de gemeente op.",
                    "Groen (de gemeenschap leidt), maar er staan %(n)s "
                    "participatieverzoeken van de gemeente op.",
                    n_requests,
                )
                % {"n": n_requests},
                url,
                kern_name,
            )
        )
    if c.role == Role.RED and (n_requests or is_standing_request):
        signals.append(
            Signal(
                RED_WITH_REQUEST,
                c.kern_id,
                c.title,
                _(
                    "Rood (de gemeente beslist, participatie is niet nodig), maar de kern "
                    "wordt toch om participatie gevraagd."
                ),
                url,
                kern_name,
            )
        )
    return signals


_SIGNAL_FIELDS = (
    "content_type",
    "object_id",
    "kern__name",
    "kern__slug",
    "title",
    "role",
    "owner",
)


def load_signals(kern=None) -> list[Signal]:
    """Signals for one kern or all kernen, in two queries whatever the data: the links come
    from each registry entry's `link_getter`, not from loading the classified objects. Reads
    every standing review of the scope: one narrow row each."""
    from .models import Classification, ParticipationRequest, ParticipationReview, ReviewStatus

    # Only the columns the signals use, newest first by pk (no sort over every row's date).
    classifications = (
        Classification.objects.current()
        .select_related("kern")
        .only(*_SIGNAL_FIELDS)
        .order_by("-pk")
    )
    reviews_filter = {}
    if kern is not None:
        classifications = classifications.filter(kern=kern)
        reviews_filter["kern"] = kern
    classifications = list(classifications)
    rows = (
        ParticipationReview.objects.filter(**reviews_filter)
        .exclude(status=ReviewStatus.DECLINED)
        .order_by()
        .values_list(
            "request_id",
            "request__subject_content_type_id",
            "request__subject_object_id",
            "kern_id",
        )
    )
    by_request = {}
    for request_id, ct_id, obj_id, kern_id in rows:
        item = by_request.setdefault(request_id, _RequestRow(request_id, ct_id, obj_id, []))
        item.kern_ids.append(kern_id)
    request_type_id = ContentType.objects.get_for_model(ParticipationRequest).pk
    return role_signals(
        [_with_url(c) for c in classifications],
        by_request.values(),
        request_type_id=request_type_id,
    )


@dataclass
class _RequestRow:
    pk: int
    subject_content_type_id: int
    subject_object_id: int
    kern_ids: list


def _with_url(classification):
    ct = ContentType.objects.get_for_id(classification.content_type_id)  # cached per process
    entry = classifiable.get_by_label(f"{ct.app_label}.{ct.model}")
    classification.url = entry.link(classification.object_id, classification.kern) if entry else ""
    classification.kern_name = classification.kern.name
    return classification


def kern_signals(kern, limit: int) -> tuple[list[Signal], int]:
    """The first `limit` signals of `kern` (newest classification first, as `load_signals`)
    and how many it has in all, in one query whatever the kern's history: the conditions of
    `role_signals` are evaluated in SQL (a classification's standing requests are looked up
    by their subject), so only the classifications shown become objects and links."""
    from .models import Classification, ParticipationRequest, ParticipationReview, ReviewStatus

    request_type_id = ContentType.objects.get_for_model(ParticipationRequest).pk
    standing = ParticipationReview.objects.filter(kern=kern).exclude(status=ReviewStatus.DECLINED)
    asked = standing.filter(
        request__subject_content_type_id=OuterRef("content_type_id"),
        request__subject_object_id=OuterRef("object_id"),
    ).order_by()
    n_asked = Subquery(asked.annotate(n=Func(F("pk"), function="COUNT")).values("n"))
    community_owned = Q(owner=Owner.COMMUNITY, role__in=[Role.RED, Role.BLUE])
    green_asked = Q(role=Role.GREEN, n_requests__gt=0)
    red_asked = Q(role=Role.RED) & (
        Q(n_requests__gt=0) | Q(content_type_id=request_type_id, is_standing_request=True)
    )
    kinds = (community_owned, green_asked, red_asked)
    rows = (
        Classification.objects.current()
        .filter(kern=kern)
        .only("content_type", "object_id", "kern", "title", "role", "owner")
        .annotate(
            # Only green and red classifications can clash with requests: the others skip it.
            n_requests=Case(
                When(role__in=[Role.GREEN, Role.RED], then=n_asked),
                default=Value(0),
                output_field=IntegerField(),
            ),
            is_standing_request=Exists(standing.filter(request_id=OuterRef("object_id"))),
        )
        .filter(community_owned | green_asked | red_asked)
        .annotate(
            total=Window(
                Sum(
                    sum(
                        (Case(When(kind, then=Value(1)), default=Value(0)) for kind in kinds),
                        start=Value(0),
                    ),
                    output_field=IntegerField(),
                )
            )
        )
        .order_by("-pk")[:limit]
    )
    signals = []
    total = 0
    for c in rows:
        total = c.total
        c.kern = kern
        _with_url(c)
        signals.extend(_signals_of(c, c.n_requests, c.is_standing_request))
    return signals[:limit], total
