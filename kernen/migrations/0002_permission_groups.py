"""The five permission groups and what they may do with kernen. Later apps add their own
permissions to these groups in their own data migrations. See the README's permission matrix."""

from django.db import migrations

from kernportal.migration_utils import grant_group_permissions, noop

VIEW = [
    "kernen.view_kern",
    "kernen.view_communitygroup",
    "kernen.view_kcpassignment",
    "kernen.view_staffprofile",
]
EDIT_OWN = ["kernen.change_kern", "kernen.add_communitygroup", "kernen.change_communitygroup"]
MANAGE = ["kernen.manage_all_kernen", "kernen.add_kcpassignment", "kernen.change_kcpassignment"]

MATRIX = {
    "medewerker": VIEW,
    "wethouder": VIEW,
    "KCP": VIEW + EDIT_OWN,
    "gebiedsregisseur": VIEW + EDIT_OWN + MANAGE,
    "beheerder": VIEW
    + EDIT_OWN
    + MANAGE
    + [
        "kernen.add_kern",
        "kernen.delete_communitygroup",
        "kernen.add_staffprofile",
        "kernen.change_staffprofile",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "kernportal.view_outboxemail",
    ],
}


def create_groups(apps, schema_editor):
    grant_group_permissions(apps, MATRIX)


class Migration(migrations.Migration):
    dependencies = [
        ("kernen", "0001_initial"),
        ("kernportal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, noop)]
