"""Demo contacts, contact moments, agenda items and questions for Panningen and Egchel.

Idempotent: keyed on names, titles and times; dates are relative to today, so running it twice
on one day changes nothing. The demo status link of the answered question is
/vraag/demo-vraag-beantwoord/.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from kernen.models import AgendaItem, CommunityGroup, Kern
from kernportal.tokens import hash_token

from .models import (
    ContactMoment,
    FollowUp,
    Membership,
    Organisation,
    Person,
    Question,
    QuestionEvent,
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _month(today, offset, day=10):
    index = today.year * 12 + today.month - 1 + offset
    return datetime.date(index // 12, index % 12 + 1, day)


def seed():
    User = get_user_model()
    today = timezone.localdate()
    kcp = User.objects.get(username="demo-kcp")
    colleague = User.objects.get(username="demo-medewerker")
    panningen = Kern.objects.get(slug="panningen")
    egchel = Kern.objects.get(slug="egchel")

    welfare, _ = Organisation.objects.update_or_create(
        name="Welzijnsorganisatie Peel en Maas (voorbeeld)",
        defaults={"kind": Organisation.Kind.WELFARE, "email": "info@welzijn.example"},
    )
    group = CommunityGroup.objects.get(kern=panningen, name="Dorpsoverleg Panningen")
    overleg, _ = Organisation.objects.update_or_create(
        name="Dorpsoverleg Panningen",
        defaults={"kind": Organisation.Kind.COMMUNITY, "community_group": group},
    )
    chair, _ = Person.objects.update_or_create(
        name="Marij Hesen",
        defaults={
            "organisation": overleg,
            "role": "voorzitter dorpsoverleg",
            "email": "voorzitter@panningen.example",
            "basis": Person.Basis.PUBLIC_TASK,
        },
    )
    chair.kernen.set([panningen])
    Membership.objects.update_or_create(
        person=chair,
        group=group,
        defaults={"role": "voorzitter", "start_date": datetime.date(2023, 1, 1)},
    )
    worker, _ = Person.objects.update_or_create(
        name="Karim El Amrani",
        defaults={
            "organisation": welfare,
            "role": "opbouwwerker",
            "phone": "06 12 34 56 78",
            "basis": Person.Basis.CONSENT,
            "consent_date": datetime.date(2024, 3, 1),
        },
    )
    worker.kernen.set([panningen, egchel])

    meeting, _ = ContactMoment.objects.update_or_create(
        kern=panningen,
        kind=ContactMoment.Kind.DORPSOVERLEG,
        happened_at=_at(today - datetime.timedelta(days=20), 20),
        defaults={
            "summary": "Dorpsplan besproken; zorgen over verkeersveiligheid bij de basisschool.",
            "agreements": "KCP vraagt Openbare Ruimte om een verkeerstelling.",
            "created_by": kcp,
            "created_at": _at(today - datetime.timedelta(days=20), 22),
        },
    )
    meeting.persons.set([chair, worker])
    meeting.staff.set([kcp])
    FollowUp.objects.update_or_create(
        contact_moment=meeting,
        description="Verkeerstelling aanvragen bij Openbare Ruimte",
        defaults={"owner": kcp, "due_date": today - datetime.timedelta(days=5)},
    )
    FollowUp.objects.update_or_create(
        contact_moment=meeting,
        description="Verslag dorpsplan rondsturen",
        defaults={"owner": kcp, "due_date": today + datetime.timedelta(days=4)},
    )
    call, _ = ContactMoment.objects.update_or_create(
        kern=egchel,
        kind=ContactMoment.Kind.PHONE,
        happened_at=_at(today - datetime.timedelta(days=3), 10),
        defaults={
            "summary": "Opbouwwerker belde over een ontmoetingsplek voor ouderen.",
            "created_by": kcp,
            "created_at": _at(today - datetime.timedelta(days=3), 11),
        },
    )
    call.persons.set([worker])
    FollowUp.objects.update_or_create(
        contact_moment=call,
        description="Ruimte in gemeenschapshuis navragen",
        defaults={"owner": kcp, "due_date": today + datetime.timedelta(days=10)},
    )
    upcoming, _ = ContactMoment.objects.update_or_create(
        kern=panningen,
        kind=ContactMoment.Kind.DORPSAVOND,
        happened_at=_at(today + datetime.timedelta(days=9), 19),
        defaults={
            "summary": "Dorpsavond over het dorpsplan (gepland).",
            "created_by": kcp,
            "created_at": _at(today - datetime.timedelta(days=1), 9),
        },
    )

    raad = CommunityGroup.objects.get(kern=panningen, name="Dorpsraad Panningen")
    council, _ = Person.objects.update_or_create(
        name="Harrie Janssen",
        defaults={
            "role": "voorzitter dorpsraad",
            "email": "voorzitter@dorpsraad-panningen.example",
            "basis": Person.Basis.PUBLIC_TASK,
        },
    )
    council.kernen.set([panningen])
    Membership.objects.update_or_create(
        person=council,
        group=raad,
        defaults={"role": "voorzitter", "start_date": datetime.date(2022, 9, 1)},
    )
    Membership.objects.update_or_create(
        person=worker, group=group, defaults={"role": "adviseur", "start_date": None}
    )
    AgendaItem.objects.update_or_create(
        kern=egchel,
        title="Schouw openbare ruimte met de dorpsraad",
        defaults={
            "side": AgendaItem.Side.MUNICIPAL,
            "theme": AgendaItem.Theme.GREEN,
            "start_date": today + datetime.timedelta(days=12),
            "responsible": "Afdeling Openbare Ruimte",
            "status": AgendaItem.Status.PLANNED,
        },
    )

    clash = _month(today, 2)
    agenda = [
        ("community", "Kermis en dorpsfeest", AgendaItem.Theme.CULTURE, clash, clash + datetime.timedelta(days=3), "Stichting Kermis Panningen"),
        ("community", "Dorpsplan 2030", AgendaItem.Theme.HOUSING, _month(today, 0, 1), _month(today, 5, 28), "Dorpsoverleg Panningen"),
        ("community", "Buurtmoestuin", AgendaItem.Theme.GREEN, None, None, "Bewoners Kerkstraat"),
        ("municipal", "Reconstructie Raadhuisstraat", AgendaItem.Theme.TRAFFIC, _month(today, 2, 1), _month(today, 3, 15), "Afdeling Openbare Ruimte"),
        ("municipal", "Nieuwbouw basisschool", AgendaItem.Theme.EDUCATION, _month(today, 7, 1), None, "Afdeling Vastgoed"),
    ]  # fmt: skip
    for side, title, theme, start, end, responsible in agenda:
        item, _ = AgendaItem.objects.update_or_create(
            kern=panningen,
            title=title,
            defaults={
                "side": side,
                "theme": theme,
                "start_date": start,
                "end_date": end,
                "responsible": responsible,
                "status": AgendaItem.Status.PLANNED,
            },
        )
        if title == "Dorpsplan 2030":
            item.contact_moments.set([meeting, upcoming])

    questions = [
        ("demo-vraag-nieuw", "Wie gaat over de speeltuin aan de Kerkstraat?", Question.Status.NEW, 2, None),
        ("demo-vraag-doorgezet", "Kan de lantaarnpaal bij het fietspad weer aan?", Question.Status.ROUTED, 6, colleague),
        ("demo-vraag-beantwoord", "Waar vraag ik een vergunning voor een buurtfeest aan?", Question.Status.ANSWERED, 12, None),
        # Late: no response after the deadline; shows on the dashboards and the overview.
        ("demo-vraag-te-laat", "Wanneer wordt de stoep bij de bibliotheek hersteld?", Question.Status.ROUTED, 16, colleague),
    ]  # fmt: skip
    for token, text, status, days_ago, routed_to in questions:
        received = _at(today - datetime.timedelta(days=days_ago), 9)
        # Routing is not a response: only the answered question has reached its asker.
        responded = received + datetime.timedelta(days=1)
        heard = responded if status == Question.Status.ANSWERED else None
        question, _ = Question.objects.update_or_create(
            token_hash=hash_token(token),
            defaults={
                "kern": panningen,
                "kind": Question.Kind.PUBLIC,
                "asker_name": "Jan Inwoner",
                "asker_email": "jan@inwoner.example",
                "text": text,
                "status": status,
                "assigned_to": kcp,
                "routed_to": routed_to,
                "received_at": received,
                "first_response_at": heard,
                "answered_at": responded if status == Question.Status.ANSWERED else None,
                "answer": "Via het omgevingsloket; de KCP helpt u graag."
                if status == Question.Status.ANSWERED
                else "",
            },
        )
        steps = [(QuestionEvent.Kind.RECEIVED, None, kcp, received)]
        if status == Question.Status.ROUTED:
            steps.append((QuestionEvent.Kind.ROUTED, kcp, colleague, responded))
        if status == Question.Status.ANSWERED:
            steps.append((QuestionEvent.Kind.ANSWERED, kcp, None, responded))
        for kind, actor, to_user, when in steps:
            QuestionEvent.objects.get_or_create(
                question=question,
                kind=kind,
                defaults={"actor": actor, "to_user": to_user, "created_at": when},
            )
    internal_hash = hash_token("demo-adviesvraag")
    if not Question.objects.filter(token_hash=internal_hash).exists():
        advice = Question.objects.create(
            token_hash=internal_hash,
            kern=panningen,
            kind=Question.Kind.INTERNAL,
            asker_name=colleague.get_full_name(),
            asker_email=colleague.email,
            asked_by=colleague,
            text="Welke rol neem ik bij de herinrichting van het plein: regelgestuurd of communicatief?",
            assigned_to=kcp,
            received_at=_at(today - datetime.timedelta(days=1), 14),
        )
        QuestionEvent.objects.create(
            question=advice,
            kind=QuestionEvent.Kind.RECEIVED,
            actor=colleague,
            to_user=kcp,
            created_at=advice.received_at,
        )
