"""Search (kernportal/search.py): a stored search vector, kept up to date by a trigger on
PostgreSQL and filled for the existing rows, with a GIN index built without blocking writes."""

import django.contrib.postgres.search
from django.db import migrations

from kernportal.migration_utils import AddIndexConcurrently, SearchVectorIndex, SearchVectorTrigger


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY; the backfill commits per batch

    dependencies = [("kernen", "0007_staffprofile_themes")]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        SearchVectorTrigger(
            "kernen_agendaitem",
            [("title", "A", False), ("description", "B", False), ("responsible", "B", True)],
        ),
        AddIndexConcurrently(
            model_name="agendaitem",
            index=SearchVectorIndex(fields=["search_vector"], name="kernen_agenda_search_idx"),
        ),
    ]
