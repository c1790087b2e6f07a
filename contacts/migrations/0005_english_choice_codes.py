"""Stored choice values in English (labels stay Dutch): organisation kinds, the AVG basis of a
person (with the constraint that reads it) and contact moment kinds. Dorpsoverleg and
dorpsavond are domain nouns and keep their codes."""

from django.db import migrations, models

from kernportal.migration_utils import recode_choices

ORGANISATION_KINDS = {
    "welzijn": "welfare",
    "woningcorporatie": "housing_corporation",
    "bedrijf": "business",
    "ondernemersvereniging": "entrepreneurs",
    "gemeenschapsgroep": "community_group",
    "anders": "other",
}
BASES = {
    "toestemming": "consent",
    "publieke_taak": "public_task",
    "gerechtvaardigd_belang": "legitimate_interest",
}
MOMENT_KINDS = {"telefoon": "phone", "bezoek": "visit", "anders": "other"}


class Migration(migrations.Migration):
    dependencies = [("contacts", "0004_agenda_links_reverse_name")]

    operations = [
        migrations.RemoveConstraint(model_name="person", name="person_consent_needs_date"),
        migrations.RunPython(
            *recode_choices("contacts", "Organisation", "kind", ORGANISATION_KINDS)
        ),
        migrations.RunPython(*recode_choices("contacts", "Person", "basis", BASES)),
        migrations.RunPython(*recode_choices("contacts", "ContactMoment", "kind", MOMENT_KINDS)),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(("basis", "consent"), _negated=True)
                | models.Q(("consent_date__isnull", False)),
                name="person_consent_needs_date",
                violation_error_message="Vul de datum van de toestemming in.",
            ),
        ),
        migrations.AlterField(
            model_name="contactmoment",
            name="kind",
            field=models.CharField(
                choices=[
                    ("dorpsoverleg", "Vergadering dorpsoverleg"),
                    ("phone", "Telefoongesprek"),
                    ("email", "E-mail"),
                    ("visit", "Bezoek"),
                    ("dorpsavond", "Dorpsavond"),
                    ("other", "Anders"),
                ],
                max_length=20,
                verbose_name="soort",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("welfare", "Welzijnsorganisatie"),
                    ("school", "School"),
                    ("housing_corporation", "Woningcorporatie"),
                    ("business", "Bedrijf"),
                    ("entrepreneurs", "Ondernemersvereniging"),
                    ("community_group", "Gemeenschapsgroep"),
                    ("other", "Anders"),
                ],
                max_length=30,
                verbose_name="soort",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="basis",
            field=models.CharField(
                choices=[
                    ("consent", "Toestemming van de persoon"),
                    ("public_task", "Publieke taak (contactpersoon van een groep of partner)"),
                    ("legitimate_interest", "Gerechtvaardigd belang"),
                ],
                help_text="Waarom de gemeente deze gegevens mag bewaren.",
                max_length=30,
                verbose_name="grondslag voor het bewaren (AVG)",
            ),
        ),
    ]
