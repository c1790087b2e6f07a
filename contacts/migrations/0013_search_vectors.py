"""Search (kernportal/search.py): a stored search vector, kept up to date by a trigger on
PostgreSQL and filled for the existing rows, with a GIN index built without blocking writes."""

import django.contrib.postgres.search
from django.db import migrations

from kernportal.migration_utils import AddIndexConcurrently, SearchVectorIndex, SearchVectorTrigger


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY; the backfill commits per batch

    dependencies = [("contacts", "0012_question_open_kern_index")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        SearchVectorTrigger(
            "contacts_person",
            [
                ("name", "A", True),
                ("role", "B", False),
                ("email", "B", True),
                ("notes", "C", False),
            ],
        ),
        AddIndexConcurrently(
            model_name="person",
            index=SearchVectorIndex(fields=["search_vector"], name="contacts_person_search_idx"),
        ),
        migrations.AddField(
            model_name="contactmoment",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        SearchVectorTrigger(
            "contacts_contactmoment",
            [("summary", "A", False), ("agreements", "B", False)],
        ),
        AddIndexConcurrently(
            model_name="contactmoment",
            index=SearchVectorIndex(fields=["search_vector"], name="contacts_moment_search_idx"),
        ),
        migrations.AddField(
            model_name="question",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        SearchVectorTrigger(
            "contacts_question",
            [("text", "A", False), ("asker_name", "B", True), ("answer", "B", False)],
        ),
        AddIndexConcurrently(
            model_name="question",
            index=SearchVectorIndex(fields=["search_vector"], name="contacts_question_search_idx"),
        ),
    ]
