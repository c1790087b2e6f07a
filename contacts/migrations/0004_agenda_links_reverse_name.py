"""Now that kernen 0005 dropped AgendaItem.contact_moments, the link's reverse accessor can
take that name (a hidden one in 0003 kept the two fields apart while copying)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0003_agenda_links_and_feed_token_move"),
        ("kernen", "0005_agenda_owns_feed_token"),
    ]

    operations = [
        migrations.AlterField(
            model_name="contactmoment",
            name="agenda_items",
            field=models.ManyToManyField(
                blank=True,
                help_text="Agendapunten van de kern waarover dit contactmoment ging.",
                related_name="contact_moments",
                to="kernen.agendaitem",
                verbose_name="agendapunten",
            ),
        ),
    ]
