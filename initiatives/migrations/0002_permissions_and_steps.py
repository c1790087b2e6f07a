"""What each group may do with initiatives and funds (see the README's permission matrix),
and the default description of the decision process, which admins can change afterwards."""

from decimal import Decimal

from django.db import migrations

from kernportal.migration_utils import grant_group_permissions, noop

VIEW = ["initiatives.view_initiative"]
FUNDS_VIEW = ["initiatives.view_fund", "initiatives.view_grant"]
GUIDE = ["initiatives.change_initiative"]
ALL = ["initiatives.view_all_initiatives", "initiatives.view_escalations"]
DECIDE = ["initiatives.decide_initiative"]
MANAGE = [
    "initiatives.manage_all_initiatives",
    "initiatives.add_fund",
    "initiatives.change_fund",
    "initiatives.add_grant",
    "initiatives.change_grant",
]

MATRIX = {
    "medewerker": VIEW,
    "wethouder": VIEW + FUNDS_VIEW + ALL + DECIDE,
    "KCP": VIEW + FUNDS_VIEW + GUIDE,
    "gebiedsregisseur": VIEW + FUNDS_VIEW + GUIDE + ALL + DECIDE + MANAGE,
    "beheerder": VIEW
    + FUNDS_VIEW
    + GUIDE
    + ALL
    + DECIDE
    + MANAGE
    + ["initiatives.view_decisionstep", "initiatives.change_decisionstep"],
}

STEPS = [
    (
        "received",
        1,
        "Ontvangen",
        "Wij hebben uw initiatief ontvangen. Uw contactpersoon bij de gemeente neemt contact "
        "met u op voor een eerste gesprek.",
        5,
        "uw contactpersoon",
    ),
    (
        "first_conversation",
        2,
        "Eerste gesprek",
        "Uw contactpersoon bespreekt met u wat u wilt bereiken en hoe u ondersteund wilt "
        "worden: met geld, uitleg over een vergunning, een ruimte, contacten of publiciteit.",
        14,
        "u en uw contactpersoon samen",
    ),
    (
        "plan",
        3,
        "Plan uitwerken",
        "U werkt uw plan uit. Uw contactpersoon stemt voor u af met de afdelingen van de "
        "gemeente, zodat u niet van loket naar loket hoeft.",
        30,
        "u, met hulp van uw contactpersoon",
    ),
    (
        "decision",
        4,
        "Besluit",
        "De gemeente besluit over uw plan: toegekend, 'ja, mits' (toegekend met voorwaarden) "
        "of afgewezen. U krijgt altijd de reden.",
        28,
        "de kernwethouder",
    ),
    (
        "running",
        5,
        "Uitvoering",
        "U voert uw initiatief uit. Uw contactpersoon blijft uw aanspreekpunt.",
        180,
        "",
    ),
    ("completed", 6, "Afgerond", "Het initiatief is afgerond.", 0, ""),
]


def forwards(apps, schema_editor):
    grant_group_permissions(apps, MATRIX)
    DecisionStep = apps.get_model("initiatives", "DecisionStep")
    for step, order, label, explanation, days, decided_by in STEPS:
        defaults = {
            "order": order,
            "label": label,
            "public_explanation": explanation,
            "typical_days": days,
            "decided_by": decided_by,
        }
        if step == "decision":
            defaults["amount_threshold"] = Decimal("5000.00")
            defaults["decided_by_above"] = "het college van burgemeester en wethouders"
        DecisionStep.objects.get_or_create(step=step, defaults=defaults)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("kernen", "0003_notification_preferences"),
    ]

    operations = [migrations.RunPython(forwards, noop)]
