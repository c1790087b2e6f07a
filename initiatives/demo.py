"""Illustrative initiatives and funds (fictional). Idempotent: funds are keyed on name and
year, initiatives on title; an initiative that exists is left alone, so its history, token
and dates do not change on a second run. Sends no e-mail."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from kernen.models import Kern
from kernportal.tokens import hash_token

from .models import CoFunding, Fund, Grant, Initiative, Note, Status, StatusStep, SupportRecord
from .models.initiative import EscalationLevel, Help, Theme

# Dates are relative to the day of the first seed (300 days back, 10:00 UTC), so the demo
# looks current; existing initiatives are never touched, so a second run changes nothing.
DAYS_BACK = 300
PATH = {
    Status.RECEIVED: [Status.RECEIVED],
    Status.FIRST_CONVERSATION: [Status.RECEIVED, Status.FIRST_CONVERSATION],
    Status.PLAN: [Status.RECEIVED, Status.FIRST_CONVERSATION, Status.PLAN],
}
for decision in (Status.GRANTED, Status.GRANTED_CONDITIONS, Status.DECLINED):
    PATH[decision] = [*PATH[Status.PLAN], decision]
PATH[Status.RUNNING] = [*PATH[Status.GRANTED], Status.RUNNING]
PATH[Status.COMPLETED] = [*PATH[Status.RUNNING], Status.COMPLETED]
PATH[Status.WITHDRAWN] = [*PATH[Status.FIRST_CONVERSATION], Status.WITHDRAWN]

REASONS = {
    Status.GRANTED: "Het plan is goed onderbouwd en steunt op veel vrijwilligers.",
    Status.GRANTED_CONDITIONS: "Ja, mits de vereniging het onderhoud na twee jaar overneemt.",
    Status.DECLINED: "Dit valt onder het regulier onderhoud; de gemeente plant het zelf in 2026.",
    Status.WITHDRAWN: "De initiatiefnemers kiezen eerst voor een ander project.",
}

# title, kern slugs, theme, status, publish, amount requested, co-funding, grant from kernbudget
INITIATIVES = [
    (
        "Jeu-de-boulesbaan bij het gemeenschapshuis",
        ["egchel"],
        Theme.LIVEABILITY,
        Status.RECEIVED,
        True,
        "1500",
        [],
        None,
    ),
    (
        "Pluktuin Panningen-Zuid",
        ["panningen"],
        Theme.GREEN,
        Status.FIRST_CONVERSATION,
        True,
        "4000",
        [],
        None,
    ),
    (
        "Repair café Meijel",
        ["meijel"],
        Theme.ENERGY,
        Status.PLAN,
        True,
        "800",
        [("Stichting Duurzaam Peel", "500")],
        None,
    ),
    (
        "Beweegroute voor ouderen",
        ["helden", "panningen"],
        Theme.SPORT,
        Status.GRANTED,
        True,
        "6500",
        [("Zorgverzekeraar", "3000")],
        "6000",
    ),
    (
        "Speeltuin De Kievit opknappen",
        ["kessel"],
        Theme.YOUTH,
        Status.GRANTED_CONDITIONS,
        True,
        "9000",
        [("Oranjefonds", "7500"), ("Eigen bijdrage buurt", "1200")],
        "7000",
    ),
    (
        "Verlichting fietspad naar school",
        ["beringe"],
        Theme.TRAFFIC,
        Status.DECLINED,
        False,
        "12000",
        [],
        None,
    ),
    (
        "Stadslandbouw Baarlo",
        ["baarlo"],
        Theme.GREEN,
        Status.RUNNING,
        True,
        "20000",
        [("Provincie Limburg", "40000"), ("LEADER", "20000")],
        "20000",
    ),
    (
        "Dorpsfeest 900 jaar Maasbree",
        ["maasbree"],
        Theme.CULTURE,
        Status.COMPLETED,
        True,
        "2500",
        [("Sponsors", "4000")],
        "2500",
    ),
    (
        "Buurtbus Koningslust",
        ["koningslust", "grashoek"],
        Theme.CARE,
        Status.WITHDRAWN,
        False,
        None,
        [],
        None,
    ),
    (
        "Ontmoetingsplek in de oude pastorie",
        ["kessel-eik"],
        Theme.LIVEABILITY,
        Status.PLAN,
        False,
        "15000",
        [],
        None,
    ),
    (
        "Kunstroute langs de Kabroeksebeek",
        ["helden"],
        Theme.CULTURE,
        Status.RUNNING,
        True,
        "3000",
        [("Cultuurfonds", "2000")],
        "3000",
    ),
    (
        "Jongerenontmoetingsplek Grashoek",
        ["grashoek"],
        Theme.YOUTH,
        Status.COMPLETED,
        True,
        "5000",
        [("Woningcorporatie", "2500")],
        "4500",
    ),
]
ESCALATED = "Ontmoetingsplek in de oude pastorie"
# Initiatives with their own place on the map; the others sit at their kern's centre.
LOCATIONS = {
    "Kunstroute langs de Kabroeksebeek": ("51.31500", "6.01200"),
    "Stadslandbouw Baarlo": ("51.32600", "6.09900"),
}


def _fund_for(kernbudget, noaberfonds, kern, amount, used):
    """The kernbudget while the kern's part holds the grant, else the Noaberfonds: the demo
    keeps the rules `grant_allocate` enforces."""
    share = kernbudget.compute_total(kern.inhabitants)
    if used.get(kern.pk, Decimal("0")) + amount <= share:
        used[kern.pk] = used.get(kern.pk, Decimal("0")) + amount
        return kernbudget
    return noaberfonds


def _funds(year):
    kernbudget, _ = Fund.objects.update_or_create(
        name="Kernbudget",
        year=year,
        defaults={
            "kind": Fund.Kind.PER_INHABITANT,
            "amount_per_inhabitant": Decimal("2.00"),
            "description": "€ 2 per inwoner per jaar voor initiatieven uit de kernen, "
            "toegekend op basis van plannen.",
        },
    )
    kernbudget.kernen.set(Kern.objects.all())
    noaberfonds, _ = Fund.objects.update_or_create(
        name="Noaberfonds",
        year=year,
        defaults={
            "kind": Fund.Kind.FIXED,
            "fixed_amount": Decimal("25000.00"),
            "description": "Voor initiatieven die meer dan één kern of buurt verbinden.",
        },
    )
    return kernbudget, noaberfonds


def seed():
    User = get_user_model()
    today = timezone.localdate()
    kernbudget, noaberfonds = _funds(today.year)
    used = {}  # granted per kern from the kernbudget
    anchor = datetime.datetime.combine(
        today - datetime.timedelta(days=DAYS_BACK), datetime.time(10), tzinfo=datetime.UTC
    )
    # Grants come from this year's kernbudget, so they are decided this year.
    year_start = datetime.date(today.year, 1, 1)
    officials = {
        "egchel": "demo-kcp",
        "panningen": "demo-kcp",
        "helden": "kcp-bree",
        "maasbree": "kcp-bree",
        "meijel": "kcp-peel",
        "beringe": "kcp-peel",
        "baarlo": "kcp-maas",
        "kessel": "kcp-maas",
        "kessel-eik": "kcp-maas",
        "koningslust": "kcp-noord",
        "grashoek": "kcp-noord",
    }
    # The gebiedsregisseur took over the cycle path lighting from the KCP (only someone who may
    # guide initiatives in the kern can be the contact official).
    overrides = {"Verlichting fietspad naar school": "demo-gebiedsregisseur"}
    usernames = set(officials.values()) | set(overrides.values())
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    regisseur = User.objects.filter(username="demo-gebiedsregisseur").first()
    for n, (title, slugs, theme, status, publish, amount, cofunding, grant) in enumerate(
        INITIATIVES
    ):
        if Initiative.objects.filter(title=title).exists():
            continue
        created = anchor + datetime.timedelta(days=21 * n)
        official = users.get(overrides.get(title, officials[slugs[0]]))
        initiative = Initiative.objects.create(
            title=title,
            description=f"{title}: een initiatief van bewoners (voorbeeldgegevens).",
            theme=theme,
            goal="Meer ontmoeting en een kern die zelf de schouders eronder zet.",
            help_asked=[Help.MONEY, Help.PERMITS] if amount else [Help.CONTACTS],
            amount_requested=Decimal(amount) if amount else None,
            initiator_name="Voorbeeld Initiatiefnemer",
            initiator_email=f"initiatief{n + 1}@voorbeeld.example",
            may_publish=publish,
            privacy_consent_at=created,
            status=status,
            contact_official=official,
            latitude=Decimal(LOCATIONS[title][0]) if title in LOCATIONS else None,
            longitude=Decimal(LOCATIONS[title][1]) if title in LOCATIONS else None,
            created_at=created,
            last_activity_at=created + datetime.timedelta(days=7 * (len(PATH[status]) - 1)),
            # Demo links are predictable on purpose: /initiatieven/volgen/demo-initiatief-1/
            token_hash=hash_token(f"demo-initiatief-{n + 1}"),
        )
        initiative.kernen.set(Kern.objects.filter(slug__in=slugs))
        previous = ""
        for index, to_status in enumerate(PATH[status]):
            StatusStep.objects.create(
                initiative=initiative,
                from_status=previous,
                to_status=to_status,
                at=created + datetime.timedelta(days=7 * index),
                by=official if index else None,
                public_reason=REASONS.get(to_status, ""),
            )
            previous = to_status
        for source, value in cofunding:
            # Completed initiatives had their co-funding confirmed; the others still expect it.
            CoFunding.objects.create(
                initiative=initiative,
                source=source,
                amount=Decimal(value),
                confirmed_amount=Decimal(value) if status == Status.COMPLETED else None,
                confirmed_at=created.date() if status == Status.COMPLETED else None,
            )
        if status != Status.RECEIVED:
            SupportRecord.objects.create(
                initiative=initiative,
                kind=SupportRecord.Kind.CONVERSATION,
                date=(created + datetime.timedelta(days=7)).date(),
                summary="De initiatiefnemers willen vooral hulp bij de vergunning en contact "
                "met de afdeling Openbare Ruimte.",
                by=official,
                created_at=created + datetime.timedelta(days=7),
            )
        if status == Status.GRANTED_CONDITIONS:
            SupportRecord.objects.create(
                initiative=initiative,
                kind=SupportRecord.Kind.INTENTION,
                date=(created + datetime.timedelta(days=21)).date(),
                summary="Intentieovereenkomst: onderhoud na twee jaar door de vereniging.",
                by=official,
                created_at=created + datetime.timedelta(days=21),
            )
        if grant:
            kern = initiative.kernen.order_by("name").first()
            Grant.objects.create(
                fund=_fund_for(kernbudget, noaberfonds, kern, Decimal(grant), used),
                initiative=initiative,
                kern=kern,
                amount=Decimal(grant),
                decided_at=max((created + datetime.timedelta(days=21)).date(), year_start),
                paid_amount=Decimal(grant) if status == Status.COMPLETED else Decimal("0.00"),
                paid_at=min(max((created + datetime.timedelta(days=40)).date(), year_start), today)
                if status == Status.COMPLETED
                else None,
                by=regisseur,
            )
        if title == ESCALATED:
            initiative.escalated = True
            initiative.escalation_level = EscalationLevel.DEPARTMENT
            initiative.escalation_reason = (
                "Vastgoed en Ruimtelijke Ordening zijn het niet eens over het gebruik van de "
                "pastorie; het initiatief ligt al weken stil."
            )
            initiative.escalated_at = created + datetime.timedelta(days=30)
            initiative.save()
            Note.objects.create(
                initiative=initiative,
                author=official,
                text="Geëscaleerd: " + initiative.escalation_reason,
                created_at=created + datetime.timedelta(days=30),
            )
