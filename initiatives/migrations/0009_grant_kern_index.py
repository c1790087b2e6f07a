"""The index on the kern a grant draws on (the per-kern allocation on the funds page and the
kern's protection against deletion), built concurrently on PostgreSQL: the grants table is
in use while it is built."""

from django.db import migrations, models

from kernportal.migration_utils import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("initiatives", "0008_pending_upload_cleanup_schedule")]

    operations = [
        AddIndexConcurrently(
            model_name="grant",
            index=models.Index(fields=["kern"], name="initiatives_grant_kern_idx"),
        ),
    ]
