"""Indexes for a kern's role signals: its current classifications newest first (the busiest
kern's were read by walking all 22,000 classifications backwards by id), and the requests
about one object, looked up per classification to find clashes (only the content type was
indexed: with many requests about agenda items each lookup would read them all). Built
concurrently on PostgreSQL."""

from django.db import migrations, models

from kernportal.migration_utils import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("roles", "0005_period_indexes")]

    operations = [
        AddIndexConcurrently(
            model_name="classification",
            index=models.Index(
                condition=models.Q(("is_current", True)),
                fields=["kern", "-id"],
                name="roles_class_kern_current_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="participationrequest",
            index=models.Index(
                fields=["subject_content_type", "subject_object_id"],
                name="roles_request_subject_idx",
            ),
        ),
    ]
