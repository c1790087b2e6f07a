"""Late questions: the hourly escalation run in the beat schedule (editable in admin), who sees
the overview of late questions (wethouder, gebiedsregisseur, beheerder) and who is told at once
(gebiedsregisseur), and the first-response time of existing questions recomputed: routing no
longer counts as a response, only an answer, a message to the asker or a closing reason."""

from django.db import migrations

from kernportal.migration_utils import grant_group_permissions, noop

MATRIX = {
    "wethouder": ["contacts.view_late_questions"],
    "gebiedsregisseur": [
        "contacts.view_late_questions",
        "contacts.receive_question_escalations",
    ],
    "beheerder": ["contacts.view_late_questions"],
}
TASK = "contacts.tasks.escalate_late_questions"


def grant(apps, schema_editor):
    grant_group_permissions(apps, MATRIX)


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    hourly, _ = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    PeriodicTask.objects.get_or_create(
        name="Te late vragen melden",
        defaults={
            "task": TASK,
            "interval": hourly,
            "description": "Meldt vragen zonder reactie na de termijn aan de KCP en later aan "
            "de gebiedsregisseurs, elke vraag één keer per niveau.",
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


def recompute_first_response(apps, schema_editor):
    Question = apps.get_model("contacts", "Question")
    QuestionEvent = apps.get_model("contacts", "QuestionEvent")
    heard = ["answered", "messaged", "closed"]
    for question in Question.objects.filter(first_response_at__isnull=False).iterator():
        first = (
            QuestionEvent.objects.filter(question=question, kind__in=heard)
            .order_by("created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        if first != question.first_response_at:
            question.first_response_at = first
            question.save(update_fields=["first_response_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0008_question_deadlines_and_escalation"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(grant, noop),
        migrations.RunPython(create_schedule, remove_schedule),
        migrations.RunPython(recompute_first_response, noop, elidable=True),
    ]
