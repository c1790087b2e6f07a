"""Search (kernportal/search.py): a stored search vector, kept up to date by a trigger on
PostgreSQL and filled for the existing rows, with a GIN index built without blocking writes."""

import django.contrib.postgres.search
from django.db import migrations

from kernportal.migration_utils import AddIndexConcurrently, SearchVectorIndex, SearchVectorTrigger


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY; the backfill commits per batch

    dependencies = [("roles", "0003_request_order_index")]

    operations = [
        migrations.AddField(
            model_name="participationrequest",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        SearchVectorTrigger(
            "roles_participationrequest",
            [("subject", "A", False), ("department", "B", True), ("ask", "B", False)],
        ),
        AddIndexConcurrently(
            model_name="participationrequest",
            index=SearchVectorIndex(fields=["search_vector"], name="roles_request_search_idx"),
        ),
    ]
