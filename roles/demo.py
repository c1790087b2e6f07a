"""Demo participation requests in every review state, their roles, quiet periods and the brake.

Idempotent: keyed on subjects, kernen and usernames, with dates relative to today and to the
start of the quarter two weeks ahead, so running it twice on the same day changes nothing. Panningen is over the
brake's threshold this quarter; Egchel has a quiet period around its harvest festival.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from kernen.models import Kern

from .brake import quarter_bounds
from .definitions import Owner, Role
from .models import (
    BrakeSettings,
    Classification,
    ParticipationRequest,
    ParticipationReview,
    QuietPeriod,
    ReviewStatus,
)

F = ParticipationRequest.Form
E = ParticipationRequest.Effort
S = ReviewStatus

# subject, department, form, start: ("q", days) from the start of the quarter two weeks ahead
# or ("t", days) from today, length in days, effort, role, {kern slug: (status, reason)}
REQUESTS = [
    (
        "Inloopavond riolering Kerkstraat",
        "Openbare Ruimte",
        F.EVENING,
        ("q", 1),
        0,
        E.SMALL,
        Role.BLUE,
        {"panningen": (S.APPROVED, "Korte avond, raakt veel bewoners direct.")},
    ),
    (
        "Meedenken over het speelplekkenplan",
        "Maatschappelijke Ontwikkeling",
        F.THINK_ALONG,
        ("q", 10),
        14,
        E.MEDIUM,
        Role.BLUE,
        {
            "panningen": (S.APPROVED, "Dorpsoverleg had hier zelf om gevraagd."),
            "helden": (S.POSTPONED, "Eerst het dorpsplan van Helden afronden."),
        },
    ),
    (
        "Enquête afvalinzameling",
        "Openbare Ruimte",
        F.SURVEY,
        ("q", 20),
        21,
        E.SMALL,
        Role.BLUE,
        {
            "panningen": (S.APPROVED, "Digitale enquête, weinig belasting."),
            "baarlo": (S.APPROVED, "Geen andere verzoeken dit kwartaal."),
            "meijel": (S.DECLINED, "Meijel is net bevraagd over hetzelfde onderwerp."),
        },
    ),
    (
        "Consultatieavond herinrichting Raadhuisplein",
        "Omgevingsontwikkeling",
        F.EVENING,
        ("t", 14),
        0,
        E.MEDIUM,
        Role.BLUE,
        {"panningen": (S.PENDING, "")},
    ),
    (
        "Meedenken over groen in de wijk",
        "Openbare Ruimte",
        F.THINK_ALONG,
        ("t", 28),
        7,
        E.SMALL,
        Role.BLUE,
        {"baarlo": (S.COMBINED, "Past bij de enquête afvalinzameling: één bijeenkomst.")},
    ),
    (
        "Gesprek over het dorpsplan",
        "Maatschappelijke Ontwikkeling",
        F.THINK_ALONG,
        ("t", 21),
        0,
        E.SMALL,
        Role.GREEN,
        {"egchel": (S.PENDING, "")},
    ),
    (
        "Uitleg handhaving parkeren Markt",
        "Veiligheid en Handhaving",
        F.EVENING,
        ("t", 35),
        0,
        E.SMALL,
        Role.RED,
        {"kessel": (S.PENDING, "")},
    ),
]

# kern slug, offsets (days from today), reason
QUIET_PERIODS = [
    ("egchel", 18, 25, "Oogstfeest en kermis in Egchel"),
    ("panningen", 60, 64, "Kermis Panningen"),
]


def seed():
    User = get_user_model()
    today = timezone.localdate()
    quarter_start, _ = quarter_bounds(today + datetime.timedelta(days=14))
    last_week = today - datetime.timedelta(days=7)
    decided_at = timezone.make_aware(datetime.datetime.combine(last_week, datetime.time(9)))
    requester = User.objects.get(username="demo-medewerker")
    reviewer = User.objects.get(username="demo-kcp")
    kernen = {k.slug: k for k in Kern.objects.all()}
    BrakeSettings.objects.update_or_create(pk=1, defaults={"max_per_quarter": 3})
    request_type = ContentType.objects.get_for_model(ParticipationRequest)
    created = {}
    for subject, department, form, offset, length, effort, role, reviews in REQUESTS:
        base, days = offset
        start = (quarter_start if base == "q" else today) + datetime.timedelta(days=days)
        request, _ = ParticipationRequest.objects.get_or_create(
            requester=requester,
            subject=subject,
            defaults={
                "department": department,
                "ask": f"{subject}: wij horen graag wat de kern ervan vindt.",
                "form": form,
                "start_date": start,
                "end_date": start + datetime.timedelta(days=length),
                "effort": effort,
                "role": role,
            },
        )
        created[subject] = request
        for slug, (status, reason) in reviews.items():
            decided = status != S.PENDING
            ParticipationReview.objects.get_or_create(
                request=request,
                kern=kernen[slug],
                defaults={
                    "status": status,
                    "reason": reason,
                    "decided_by": reviewer if decided else None,
                    "decided_at": decided_at if decided else None,
                    "postponed_to": today + datetime.timedelta(days=30)
                    if status == S.POSTPONED
                    else None,
                    "combined_with": created.get("Enquête afvalinzameling")
                    if status == S.COMBINED
                    else None,
                },
            )
            Classification.objects.get_or_create(
                content_type=request_type,
                object_id=request.pk,
                kern=kernen[slug],
                is_current=True,
                defaults={
                    "title": subject,
                    "role": role,
                    "owner": Owner.MUNICIPALITY,
                    "reason": "Rol gekozen bij het indienen van het participatieverzoek.",
                    "classified_by": requester,
                    "classified_at": decided_at,
                },
            )
    for slug, first, last, reason in QUIET_PERIODS:
        QuietPeriod.objects.get_or_create(
            kern=kernen[slug],
            reason=reason,
            defaults={
                "start_date": today + datetime.timedelta(days=first),
                "end_date": today + datetime.timedelta(days=last),
            },
        )
