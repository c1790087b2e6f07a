"""What the five groups may do with roles and participation. See the README's permission matrix."""

from django.db import migrations

from kernportal.migration_utils import grant_group_permissions, noop

FILE = ["roles.add_participationrequest", "roles.add_classification"]
REVIEW_OWN = [
    "roles.change_participationreview",
    "roles.add_quietperiod",
    "roles.change_quietperiod",
    "roles.delete_quietperiod",
]
MANAGE = ["roles.review_any_participation", "roles.view_overview", "roles.view_load_heatmap"]

MATRIX = {
    "medewerker": FILE,
    "wethouder": ["roles.view_overview"],
    "KCP": FILE + REVIEW_OWN,
    "gebiedsregisseur": FILE + REVIEW_OWN + MANAGE,
    "beheerder": FILE
    + REVIEW_OWN
    + MANAGE
    + [
        "roles.view_brakesettings",
        "roles.change_brakesettings",
        "roles.view_quietperiod",
    ],
}


def grant(apps, schema_editor):
    grant_group_permissions(apps, MATRIX)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_initial"),
        ("kernen", "0003_notification_preferences"),
    ]

    operations = [migrations.RunPython(grant, noop)]
