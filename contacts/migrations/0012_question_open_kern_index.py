"""A partial index on a kern's open questions: the kern page counts them and the inbox lists
them oldest first. EXPLAIN ANALYZE on the large profile: the busiest kern's count read 8,500
rows through the kern index and filtered out 7,885 answered or closed ones (12 ms); with this
index it reads only the open ones. Built concurrently on PostgreSQL."""

from django.db import migrations, models

from kernportal.migration_utils import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("contacts", "0011_question_privacy_consent")]

    operations = [
        AddIndexConcurrently(
            model_name="question",
            index=models.Index(
                condition=models.Q(("status__in", ["answered", "closed"]), _negated=True),
                fields=["kern", "received_at"],
                name="contacts_question_open_idx",
            ),
        ),
    ]
