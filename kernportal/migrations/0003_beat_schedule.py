"""The periodic tasks, stored in the database (django-celery-beat) so admins edit them in admin:
the digest run at 07:00 Europe/Amsterdam, and the outbox sweep every minute."""

from django.db import migrations


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")

    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.get_or_create(
        name="Overzichtsmails versturen",
        defaults={
            "task": "kernportal.tasks.schedule_digests",
            "crontab": crontab,
            "description": "Stuurt elke medewerker wiens overzichtsmail vandaag aan de beurt is zijn overzicht. "
            "Wijzig het uur hier; de tijdzone is Europe/Amsterdam.",
        },
    )
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Uitgaande e-mail: achterstand versturen",
        defaults={
            "task": "kernportal.tasks.flush_outbox",
            "interval": every_minute,
            "description": "Verstuurt e-mails die bleven liggen, bijvoorbeeld toen Redis even weg was.",
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(
        task__in=["kernportal.tasks.schedule_digests", "kernportal.tasks.flush_outbox"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kernportal", "0002_digest_delivery"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
