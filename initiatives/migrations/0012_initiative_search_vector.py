"""Search (kernportal/search.py): a stored search vector, kept up to date by a trigger on
PostgreSQL and filled for the existing rows, with a GIN index built without blocking writes."""

import django.contrib.postgres.search
from django.db import migrations

from kernportal.migration_utils import AddIndexConcurrently, SearchVectorIndex, SearchVectorTrigger


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY; the backfill commits per batch

    dependencies = [("initiatives", "0011_privacy_consent_version")]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        SearchVectorTrigger(
            "initiatives_initiative",
            [
                ("title", "A", False),
                ("initiator_name", "B", True),
                ("description", "B", False),
                ("goal", "C", False),
                ("place_description", "C", False),
            ],
        ),
        AddIndexConcurrently(
            model_name="initiative",
            index=SearchVectorIndex(fields=["search_vector"], name="initiatives_search_idx"),
        ),
    ]
