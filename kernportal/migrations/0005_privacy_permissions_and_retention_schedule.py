"""The audit and access-request rights for their groups, and the nightly retention run at
03:00 Europe/Amsterdam (django-celery-beat, editable in admin)."""

from django.db import migrations

from kernportal.migration_utils import grant_group_permissions, noop

MATRIX = {
    "gebiedsregisseur": ["kernportal.view_audit"],
    "beheerder": [
        "kernportal.view_audit",
        "kernportal.handle_access_request",
        "kernportal.view_retentionrun",
    ],
}


def grant(apps, schema_editor):
    grant_group_permissions(apps, MATRIX)


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="3",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.get_or_create(
        name="Bewaartermijnen toepassen",
        defaults={
            "task": "kernportal.tasks.apply_retention",
            "crontab": crontab,
            "description": "Anonimiseert of verwijdert persoonsgegevens waarvan de bewaartermijn "
            "verstreken is (zie README, Security and privacy).",
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task="kernportal.tasks.apply_retention").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kernportal", "0004_retention_run_and_privacy_permissions"),
        ("kernportal", "0003_beat_schedule"),
        ("kernen", "0002_permission_groups"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(grant, noop),
        migrations.RunPython(create_schedule, remove_schedule),
    ]
