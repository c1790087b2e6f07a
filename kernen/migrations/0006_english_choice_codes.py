"""Stored choice values in English (labels stay Dutch): community group kinds and agenda item
themes. Dorpsoverleg and dorpsraad are domain nouns and keep their codes."""

from django.db import migrations, models

from kernportal.migration_utils import recode_choices

GROUP_KINDS = {"vereniging": "association", "stichting": "foundation", "anders": "other"}
THEMES = {
    "wonen": "housing",
    "verkeer": "traffic",
    "groen": "green_space",
    "zorg": "care",
    "cultuur": "culture",
    "onderwijs": "education",
    "economie": "economy",
    "anders": "other",
}


class Migration(migrations.Migration):
    dependencies = [("kernen", "0005_agenda_owns_feed_token")]

    operations = [
        migrations.RunPython(*recode_choices("kernen", "CommunityGroup", "kind", GROUP_KINDS)),
        migrations.RunPython(*recode_choices("kernen", "AgendaItem", "theme", THEMES)),
        migrations.AlterField(
            model_name="agendaitem",
            name="theme",
            field=models.CharField(
                choices=[
                    ("housing", "Wonen"),
                    ("traffic", "Verkeer en wegen"),
                    ("green_space", "Groen en openbare ruimte"),
                    ("care", "Zorg en welzijn"),
                    ("culture", "Cultuur en evenementen"),
                    ("education", "Onderwijs"),
                    ("economy", "Economie"),
                    ("other", "Anders"),
                ],
                max_length=20,
                verbose_name="thema",
            ),
        ),
        migrations.AlterField(
            model_name="communitygroup",
            name="kind",
            field=models.CharField(
                choices=[
                    ("dorpsoverleg", "Dorpsoverleg"),
                    ("dorpsraad", "Dorpsraad"),
                    ("association", "Vereniging"),
                    ("foundation", "Stichting"),
                    ("other", "Anders"),
                ],
                max_length=20,
                verbose_name="soort",
            ),
        ),
    ]
