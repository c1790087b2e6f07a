"""Attachments kept for a form that had errors are removed after a day: an hourly task."""

from django.db import migrations

TASK = "initiatives.tasks.purge_pending_uploads"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    hourly, _ = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    PeriodicTask.objects.get_or_create(
        name="Bijlagen van onverstuurde formulieren opruimen",
        defaults={
            "task": TASK,
            "interval": hourly,
            "description": "Verwijdert bijlagen die inwoners toevoegden aan een formulier met "
            "fouten en dat ze daarna niet binnen een dag verstuurden.",
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0007_escalation_groups_and_admin_permissions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
