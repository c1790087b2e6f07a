"""What each group may do with contacts, contact moments, agenda items and questions. Scope
(which kern) is checked in contacts/access.py. See the README's permission matrix."""

from django.db import migrations

from kernportal.migration_utils import grant_group_permissions, noop

VIEW = [
    "contacts.view_organisation",
    "contacts.view_person",
    "contacts.view_membership",
    "contacts.view_contactmoment",
    "contacts.view_followup",
    "contacts.view_question",
    "kernen.view_agendaitem",
]
ASK = ["contacts.ask_internal_question", "contacts.answer_question"]
KCP_WORK = [
    "contacts.add_organisation",
    "contacts.change_organisation",
    "contacts.add_person",
    "contacts.change_person",
    "contacts.add_membership",
    "contacts.change_membership",
    "contacts.add_contactmoment",
    "contacts.change_contactmoment",
    "contacts.add_followup",
    "contacts.change_followup",
    "contacts.route_question",
    "kernen.add_agendaitem",
    "kernen.change_agendaitem",
]

MATRIX = {
    "medewerker": VIEW + ASK,
    "wethouder": [*VIEW, "contacts.view_all_questions"],
    "KCP": VIEW + ASK + KCP_WORK,
    "gebiedsregisseur": [*VIEW, *ASK, *KCP_WORK, "contacts.view_all_questions"],
    "beheerder": [
        *VIEW,
        *ASK,
        *KCP_WORK,
        "contacts.view_all_questions",
        "contacts.delete_person",
        "contacts.delete_organisation",
        "kernen.delete_agendaitem",
    ],
}


def grant(apps, schema_editor):
    grant_group_permissions(apps, MATRIX)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("kernen", "0004_agendaitem"),
    ]

    operations = [migrations.RunPython(grant, noop)]
