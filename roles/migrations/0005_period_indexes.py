"""Indexes for the roles pages' period filters on the large profile: the overview's role mix
(current classifications made in a period) and the load heatmap and brake (requests starting
in a period). Built concurrently on PostgreSQL."""

from django.db import migrations, models

from kernportal.migration_utils import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("roles", "0004_participationrequest_search_vector")]

    operations = [
        AddIndexConcurrently(
            model_name="classification",
            index=models.Index(
                fields=["classified_at"],
                condition=models.Q(is_current=True),
                name="roles_class_current_at_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="participationrequest",
            index=models.Index(fields=["start_date"], name="roles_request_start_idx"),
        ),
    ]
