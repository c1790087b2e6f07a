"""Stored choice values in English (labels stay Dutch): fund kinds, initiative themes, the help
asked (a JSON list), escalation levels and support record kinds."""

from django.db import migrations, models

from kernportal.migration_utils import recode_choices

FUND_KINDS = {"per_inwoner": "per_inhabitant", "vast": "fixed"}
THEMES = {
    "leefbaarheid": "liveability",
    "groen": "nature",
    "zorg": "care",
    "cultuur": "culture",
    "jeugd": "youth",
    "duurzaamheid": "sustainability",
    "verkeer": "traffic",
    "overig": "other",
}
HELP = {
    "geld": "money",
    "vergunning": "permits",
    "ruimte": "place",
    "contacten": "contacts",
    "publiciteit": "publicity",
    "anders": "other",
}
ESCALATION_LEVELS = {"afdeling": "department", "gemeentesecretaris": "municipal_secretary"}
SUPPORT_KINDS = {
    "gesprek": "conversation",
    "informeel": "informal",
    "intentieovereenkomst": "intention_agreement",
    "beschikking": "grant_decision",
}


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_related_moments_and_agenda")]

    operations = [
        migrations.RunPython(*recode_choices("initiatives", "Fund", "kind", FUND_KINDS)),
        migrations.RunPython(*recode_choices("initiatives", "Initiative", "theme", THEMES)),
        migrations.RunPython(
            *recode_choices("initiatives", "Initiative", "help_asked", HELP, many=True)
        ),
        migrations.RunPython(
            *recode_choices("initiatives", "Initiative", "escalation_level", ESCALATION_LEVELS)
        ),
        migrations.RunPython(
            *recode_choices("initiatives", "SupportRecord", "kind", SUPPORT_KINDS)
        ),
        migrations.AlterField(
            model_name="fund",
            name="kind",
            field=models.CharField(
                choices=[
                    ("per_inhabitant", "Bedrag per inwoner van de kernen"),
                    ("fixed", "Vast bedrag"),
                ],
                max_length=20,
                verbose_name="soort",
            ),
        ),
        migrations.AlterField(
            model_name="initiative",
            name="escalation_level",
            field=models.CharField(
                blank=True,
                choices=[
                    ("department", "Afdelingshoofden"),
                    ("municipal_secretary", "Gemeentesecretaris"),
                ],
                max_length=30,
                verbose_name="escalatie naar",
            ),
        ),
        migrations.AlterField(
            model_name="initiative",
            name="theme",
            field=models.CharField(
                choices=[
                    ("liveability", "Leefbaarheid en ontmoeting"),
                    ("nature", "Groen en natuur"),
                    ("care", "Zorg en welzijn"),
                    ("sport", "Sport en bewegen"),
                    ("culture", "Cultuur en erfgoed"),
                    ("youth", "Jeugd"),
                    ("sustainability", "Duurzaamheid en energie"),
                    ("traffic", "Verkeer en veiligheid"),
                    ("other", "Overig"),
                ],
                max_length=20,
                verbose_name="thema",
            ),
        ),
        migrations.AlterField(
            model_name="supportrecord",
            name="kind",
            field=models.CharField(
                choices=[
                    ("conversation", "Gesprek over ondersteuning"),
                    ("informal", "Informele afspraak"),
                    ("intention_agreement", "Intentieovereenkomst"),
                    ("grant_decision", "Subsidiebeschikking"),
                ],
                max_length=30,
                verbose_name="soort",
            ),
        ),
    ]
