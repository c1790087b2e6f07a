"""An index for the participation request lists' ordering (newest first). Built concurrently
on PostgreSQL."""

from django.db import migrations, models

from kernportal.migration_utils import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("roles", "0002_permission_groups")]

    operations = [
        AddIndexConcurrently(
            model_name="participationrequest",
            index=models.Index(fields=["-created_at", "-id"], name="roles_request_created_idx"),
        ),
    ]
