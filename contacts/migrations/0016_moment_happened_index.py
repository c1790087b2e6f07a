"""An index on the moments' date alone, for search: a word in many of the 500,000 contact
moments of the large profile finds its newest matches by walking it from the newest moment
(kernportal.search) instead of sorting every match. Built concurrently on PostgreSQL."""

from django.db import migrations, models

from kernportal.migration_utils import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("contacts", "0015_question_awaiting_index")]

    operations = [
        AddIndexConcurrently(
            model_name="contactmoment",
            index=models.Index(fields=["-happened_at"], name="contacts_moment_happened_idx"),
        ),
    ]
