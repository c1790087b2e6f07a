"""An index on a kern's agenda by start date: the digest reads what is coming up in a KCP's
kernen. EXPLAIN ANALYZE on the large profile: the busiest kern's 3,075 agenda items were all
read through the kern index to find the 10 in the coming week (6 ms); with this index only
those are read. Built concurrently on PostgreSQL."""

from django.db import migrations, models

from kernportal.migration_utils import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("kernen", "0008_agendaitem_search_vector")]

    operations = [
        AddIndexConcurrently(
            model_name="agendaitem",
            index=models.Index(fields=["kern", "start_date"], name="kernen_agenda_kern_start_idx"),
        ),
    ]
