"""A partial index on the open questions assigned to someone: the digest reads a user's waiting
questions. EXPLAIN ANALYZE on the large profile: the busiest KCP's waiting questions were found
through the assigned_to index among 7,609 questions assigned to them over ten years, 7,353 of
them answered or closed and filtered out after reading the table (6 ms); with this index only
the open ones are read. Built concurrently on PostgreSQL."""

from django.db import migrations, models

from kernportal.migration_utils import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("contacts", "0013_search_vectors")]

    operations = [
        AddIndexConcurrently(
            model_name="question",
            index=models.Index(
                condition=models.Q(("status__in", ["answered", "closed"]), _negated=True),
                fields=["assigned_to", "received_at"],
                name="contacts_question_assigned_idx",
            ),
        ),
    ]
