"""Tracking tokens are stored as SHA-256 digests, like question tokens. Existing links keep
working: the hash of the token in the URL matches the digest computed here."""

from django.db import migrations, models

from kernportal.tokens import hash_token


def hash_existing_tokens(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    if "token" not in {field.name for field in Initiative._meta.get_fields()}:
        return  # replayed on today's models (tests): nothing left to hash
    for pk, token in Initiative.objects.values_list("pk", "token").iterator():
        Initiative.objects.filter(pk=pk).update(token_hash=hash_token(token))


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0004_english_choice_codes")]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="token_hash",
            field=models.CharField(
                editable=False, max_length=64, null=True, verbose_name="volgcode (hash)"
            ),
        ),
        migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="initiative", name="token"),
        migrations.AlterField(
            model_name="initiative",
            name="token_hash",
            field=models.CharField(
                editable=False, max_length=64, unique=True, verbose_name="volgcode (hash)"
            ),
        ),
    ]
