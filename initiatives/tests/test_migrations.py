"""The migration that hashes tracking tokens keeps existing links working."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

import pytest

from kernportal.tokens import hash_token

BEFORE = ("initiatives", "0004_english_choice_codes")
AFTER = ("initiatives", "0005_tracking_token_hashed")


@pytest.mark.django_db(transaction=True)
def test_existing_tracking_links_keep_working_after_hashing(client, migrated_data):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([BEFORE])
        old_apps = executor.loader.project_state([BEFORE]).apps
        Initiative = old_apps.get_model("initiatives", "Initiative")
        Initiative.objects.create(
            title="Oud plan",
            description="Van voor de hash.",
            theme="leefbaarheid",
            goal="Blijven werken.",
            help_asked=[],
            initiator_name="Els",
            initiator_email="els@voorbeeld.example",
            privacy_consent_at="2026-01-01T10:00:00Z",
            token="bestaande-link-uit-een-oude-mail",
        )
        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
        new_apps = executor.loader.project_state([AFTER]).apps
        row = new_apps.get_model("initiatives", "Initiative").objects.get(title="Oud plan")
        assert row.token_hash == hash_token("bestaande-link-uit-een-oude-mail")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(leaves)
    url = reverse("initiatives:track", args=["bestaande-link-uit-een-oude-mail"])
    assert "Oud plan" in client.get(url).text
