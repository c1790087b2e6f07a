"""The agenda's link to contact moments now lives on the contacts side (copied there by
contacts 0003), and the calendar feed token joins the agenda in kernen (its table was renamed
by contacts 0003, so only the state changes here)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import kernportal.tokens


class Migration(migrations.Migration):
    dependencies = [
        ("kernen", "0004_agendaitem"),
        ("contacts", "0003_agenda_links_and_feed_token_move"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(model_name="agendaitem", name="contact_moments"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CalendarFeedToken",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "token",
                            models.CharField(
                                default=kernportal.tokens.new_token, max_length=64, unique=True
                            ),
                        ),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="calendar_feed_token",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "agenda-abonnement",
                        "verbose_name_plural": "agenda-abonnementen",
                    },
                )
            ],
            database_operations=[],
        ),
    ]
