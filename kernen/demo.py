"""Illustrative demo data: the 11 kernen of Peel en Maas with approximate figures, fictional staff.

Idempotent: keyed on slugs, usernames and fixed dates, so running it twice changes nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import CommunityGroup, KcpAssignment, Kern, StaffProfile

DEMO_PASSWORD = "kernportal-demo"  # noqa: S105  (demo only; seed_demo refuses with DEBUG off)
START = datetime.date(2024, 1, 1)

# name, inhabitants (approximate), latitude, longitude: illustrative, not official figures.
KERNEN = [
    ("Baarlo", 6600, "51.3310", "6.0940"),
    ("Beringe", 1700, "51.3370", "5.9460"),
    ("Egchel", 1600, "51.3160", "5.9900"),
    ("Grashoek", 1800, "51.3590", "5.9300"),
    ("Helden", 6300, "51.3200", "6.0040"),
    ("Kessel", 4200, "51.2920", "6.0540"),
    ("Kessel-Eik", 1300, "51.2800", "6.0200"),
    ("Koningslust", 1300, "51.3480", "5.9560"),
    ("Maasbree", 6000, "51.3580", "6.0480"),
    ("Meijel", 6000, "51.3440", "5.8840"),
    ("Panningen", 11000, "51.3300", "5.9800"),
]

# username, first, last, team, job title, group, kernen as primary KCP, kernen as backup
STAFF = [
    (
        "demo-kcp",
        "Anouk",
        "Verheijen",
        "Maatschappelijke Ontwikkeling",
        "Beleidsmedewerker sociaal domein",
        "KCP",
        ["Panningen", "Egchel"],
        ["Helden"],
    ),
    (
        "kcp-maas",
        "Thijs",
        "Janssen",
        "Omgevingsontwikkeling",
        "Projectleider ruimte",
        "KCP",
        ["Baarlo", "Kessel", "Kessel-Eik"],
        ["Maasbree"],
    ),
    (
        "kcp-peel",
        "Mieke",
        "Hendrikx",
        "Maatschappelijke Ontwikkeling",
        "Beleidsmedewerker cultuur",
        "KCP",
        ["Meijel", "Beringe"],
        ["Panningen"],
    ),
    (
        "kcp-bree",
        "Ruud",
        "Peeters",
        "Openbare Ruimte",
        "Wijkbeheerder",
        "KCP",
        ["Maasbree", "Helden"],
        ["Baarlo"],
    ),
    (
        "kcp-noord",
        "Sanne",
        "Gielen",
        "Openbare Ruimte",
        "Coördinator openbare ruimte",
        "KCP",
        ["Grashoek", "Koningslust"],
        ["Meijel"],
    ),
    (
        "demo-gebiedsregisseur",
        "Jeroen",
        "Smeets",
        "Gebiedsgericht werken",
        "Gebiedsregisseur",
        "gebiedsregisseur",
        [],
        [],
    ),
    ("demo-wethouder", "Ingrid", "van Dijk", "College van B&W", "Wethouder", "wethouder", [], []),
    ("wethouder-maas", "Paul", "Hermans", "College van B&W", "Wethouder", "wethouder", [], []),
    (
        "demo-medewerker",
        "Bas",
        "Willems",
        "Openbare Ruimte",
        "Beleidsmedewerker wegen",
        "medewerker",
        [],
        [],
    ),
    (
        "demo-secretaris",
        "Ingrid",
        "Smeets",
        "Directie",
        "Gemeentesecretaris",
        "gemeentesecretaris",
        [],
        [],
    ),
    (
        "demo-beheerder",
        "Lotte",
        "Kusters",
        "Informatievoorziening",
        "Functioneel beheerder",
        "beheerder",
        [],
        [],
    ),
]

DEMO_LOGINS = [  # (username, password, what), printed by seed_demo
    ("demo-kcp", DEMO_PASSWORD, "KCP van Panningen en Egchel, vervanger in Helden"),
    ("demo-gebiedsregisseur", DEMO_PASSWORD, "gebiedsregisseur: alle kernen, wijst KCP's toe"),
    ("demo-wethouder", DEMO_PASSWORD, "kernwethouder: leest overzichten"),
    ("demo-medewerker", DEMO_PASSWORD, "vakcollega: krijgt doorgezette vragen"),
    ("demo-secretaris", DEMO_PASSWORD, "gemeentesecretaris: krijgt escalaties naar de secretaris"),
    ("demo-beheerder", DEMO_PASSWORD, "beheerder: ook Django-beheer op /beheer/"),
]

# A dorpsraad (village council) beside the dorpsoverleg in a few kernen: the two play different
# parts and the kern page shows them apart.
DORPSRADEN = ("Panningen", "Helden", "Kessel")
THEMES = {
    "demo-medewerker": "wegen, verkeer, openbare verlichting",
    "demo-kcp": "dorpsplannen, ontmoeting, leefbaarheid",
    "demo-gebiedsregisseur": "gebiedsgericht werken, KCP-inzet",
}
# Earlier KCPs, kept as history: (username, kern, role, start, end).
PAST_ASSIGNMENTS = [
    ("demo-medewerker", "Panningen", "primary", datetime.date(2019, 1, 1), datetime.date(2023, 12, 31)),
    ("demo-gebiedsregisseur", "Egchel", "backup", datetime.date(2021, 3, 1), datetime.date(2023, 6, 30)),
]  # fmt: skip

ALDERMEN = {"demo-wethouder": range(6), "wethouder-maas": range(6, 11)}


def seed():
    User = get_user_model()
    kernen = {}
    for name, inhabitants, lat, lon in KERNEN:
        slug = name.lower()
        kern, _ = Kern.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "inhabitants": inhabitants,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "description": f"{name} is een kern van de gemeente Peel en Maas (voorbeeldgegevens).",
            },
        )
        kernen[name] = kern
        CommunityGroup.objects.update_or_create(
            kern=kern,
            name=f"Dorpsoverleg {name}",
            defaults={
                "kind": CommunityGroup.Kind.DORPSOVERLEG,
                "email": f"dorpsoverleg@{slug}.example",
                "meeting_info": "Elke eerste dinsdag van de maand, 20.00 uur, in het gemeenschapshuis.",
            },
        )
        if name in DORPSRADEN:
            CommunityGroup.objects.update_or_create(
                kern=kern,
                name=f"Dorpsraad {name}",
                defaults={
                    "kind": CommunityGroup.Kind.DORPSRAAD,
                    "email": f"dorpsraad@{slug}.example",
                    "meeting_info": "Vergadert elk kwartaal in het openbaar; spreekt namens de kern "
                    "met de gemeente.",
                },
            )

    for username, first, last, team, title, group, primary, backup in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@gemeente.example",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = group == "beheerder"
            user.save()
        user.groups.add(Group.objects.get(name=group))
        StaffProfile.objects.update_or_create(
            user=user,
            defaults={
                "team": team,
                "job_title": title,
                "phone": "077 306 66 66",
                "themes": THEMES.get(username, ""),
            },
        )
        for names, role in (
            (primary, KcpAssignment.Role.PRIMARY),
            (backup, KcpAssignment.Role.BACKUP),
        ):
            for kern_name in names:
                KcpAssignment.objects.get_or_create(
                    kern=kernen[kern_name], user=user, role=role, start_date=START
                )

    for username, kern_name, role, start, end in PAST_ASSIGNMENTS:
        KcpAssignment.objects.get_or_create(
            kern=kernen[kern_name],
            user=User.objects.get(username=username),
            role=role,
            start_date=start,
            defaults={"end_date": end},
        )

    names = [name for name, *_ in KERNEN]
    for username, indexes in ALDERMEN.items():
        alderman = User.objects.get(username=username)
        Kern.objects.filter(name__in=[names[i] for i in indexes]).update(alderman=alderman)
