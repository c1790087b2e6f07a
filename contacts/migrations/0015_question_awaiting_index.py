"""A partial index on the questions still waiting for a first response, by the KCP they are
assigned to, oldest first: the dashboard's "waiting" list. EXPLAIN ANALYZE on the large
profile: the busiest KCP's list read all 7,609 questions ever assigned to them (2,717 heap
blocks, 10 ms) to keep 256; with this index it reads those 256. Built concurrently on
PostgreSQL."""

from django.db import migrations, models

from kernportal.migration_utils import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("contacts", "0014_question_open_assigned_index")]

    operations = [
        AddIndexConcurrently(
            model_name="question",
            index=models.Index(
                condition=models.Q(
                    ("first_response_at__isnull", True),
                    models.Q(("status__in", ["answered", "closed"]), _negated=True),
                ),
                fields=["assigned_to", "received_at"],
                name="contacts_question_awaiting_idx",
            ),
        ),
    ]
