"""Contact moments now declare their link to agenda items (contacts sits above kernen), and the
calendar feed token moves to kernen, which owns the agenda. The link rows are copied from the
old table (dropped by kernen's next migration); the token table is renamed, keeping its rows."""

from django.db import migrations, models


def _throughs(apps):
    # Through _meta, not attributes: the old field's reverse accessor on ContactMoment is also
    # called `agenda_items` and would shadow the new field.
    old = apps.get_model("kernen", "AgendaItem")._meta.get_field("contact_moments")
    new = apps.get_model("contacts", "ContactMoment")._meta.get_field("agenda_items")
    return old.remote_field.through, new.remote_field.through


def copy_links(apps, schema_editor):
    old, new = _throughs(apps)
    new.objects.bulk_create(
        new(contactmoment_id=row.contactmoment_id, agendaitem_id=row.agendaitem_id)
        for row in old.objects.all()
    )


def copy_links_back(apps, schema_editor):
    old, new = _throughs(apps)
    old.objects.bulk_create(
        old(contactmoment_id=row.contactmoment_id, agendaitem_id=row.agendaitem_id)
        for row in new.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0002_permission_groups"),
        ("kernen", "0004_agendaitem"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactmoment",
            name="agenda_items",
            field=models.ManyToManyField(
                blank=True,
                help_text="Agendapunten van de kern waarover dit contactmoment ging.",
                related_name="+",
                to="kernen.agendaitem",
                verbose_name="agendapunten",
            ),
        ),
        migrations.RunPython(copy_links, copy_links_back, elidable=True),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CalendarFeedToken")],
            database_operations=[
                migrations.AlterModelTable(
                    name="CalendarFeedToken", table="kernen_calendarfeedtoken"
                )
            ],
        ),
    ]
