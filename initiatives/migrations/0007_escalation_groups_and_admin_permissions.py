"""Escalations reach the right people, and admins manage without being superusers.

- `gemeentesecretaris`: receives escalations "naar de gemeentesecretaris".
- `management` (the department heads): receives escalations "naar de afdelingshoofden"; the
  gebiedsregisseur does too, as before. The wethouder keeps `view_escalations`, which now shows
  the escalations of the kernen they are alderman of.
- `beheerder`: funds and decision steps, the reminder schedule (django-celery-beat), the log of
  digests and e-mails, and anonymising initiatives on request, all in Django admin.
Groups are never assigned to users here; see the README's permission matrix."""

from django.db import migrations

from kernportal.migration_utils import grant_group_permissions, noop

KERNEN_VIEW = [
    "kernen.view_kern",
    "kernen.view_communitygroup",
    "kernen.view_kcpassignment",
    "kernen.view_staffprofile",
]
INITIATIVES_VIEW = [
    "initiatives.view_initiative",
    "initiatives.view_all_initiatives",
    "initiatives.view_escalations",
    "initiatives.view_fund",
    "initiatives.view_grant",
]

MATRIX = {
    "gemeentesecretaris": KERNEN_VIEW
    + INITIATIVES_VIEW
    + ["initiatives.receive_secretary_escalations"],
    "management": KERNEN_VIEW + INITIATIVES_VIEW + ["initiatives.receive_department_escalations"],
    "gebiedsregisseur": ["initiatives.receive_department_escalations"],
    "beheerder": [
        "initiatives.view_fund",
        "initiatives.add_fund",
        "initiatives.change_fund",
        "initiatives.delete_fund",
        "initiatives.view_decisionstep",
        "initiatives.change_decisionstep",
        "initiatives.view_grant",
        "initiatives.view_initiative",
        "initiatives.anonymise_initiative",
        "django_celery_beat.view_periodictask",
        "django_celery_beat.view_crontabschedule",
        "django_celery_beat.view_intervalschedule",
        "django_celery_beat.view_clockedschedule",
        "django_celery_beat.view_solarschedule",
        "kernportal.view_outboxemail",
        "kernportal.view_digestdelivery",
    ],
}


def forwards(apps, schema_editor):
    grant_group_permissions(apps, MATRIX)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0006_funds_per_kern_and_period_confirmed_cofunding_place"),
        ("kernen", "0002_permission_groups"),
        ("kernportal", "0003_beat_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, noop)]
