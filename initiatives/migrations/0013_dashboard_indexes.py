"""Partial indexes for the dashboard's initiative lists: the open ones a contact official
guides (least recently active first) and the new ones (oldest first, for the late ones).
EXPLAIN ANALYZE on the large profile: 9 ms to 1.8 ms for the busiest KCP (the first read all
1,088 open initiatives they guide, the second walked 936 other initiatives by date). Built
concurrently on PostgreSQL."""

from django.db import migrations, models

from kernportal.migration_utils import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("initiatives", "0012_initiative_search_vector")]

    operations = [
        AddIndexConcurrently(
            model_name="initiative",
            index=models.Index(
                condition=models.Q(
                    (
                        "status__in",
                        [
                            "first_conversation",
                            "granted",
                            "granted_conditions",
                            "plan",
                            "received",
                            "running",
                        ],
                    )
                ),
                fields=["contact_official", "last_activity_at"],
                name="initiatives_open_official_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="initiative",
            index=models.Index(
                condition=models.Q(("status", "received")),
                fields=["created_at"],
                name="initiatives_received_idx",
            ),
        ),
    ]
