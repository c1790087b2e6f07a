"""AddIndexConcurrentlyOnPostgres: CONCURRENTLY on PostgreSQL, a plain index elsewhere."""

from types import SimpleNamespace

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import connection, models

import pytest

from kernportal.migration_utils import AddIndexConcurrentlyOnPostgres


@pytest.mark.parametrize(("vendor", "concurrently"), [("postgresql", True), ("sqlite", False)])
def test_it_builds_concurrently_only_on_postgresql(vendor, concurrently):
    operation = AddIndexConcurrentlyOnPostgres("question", models.Index(fields=["x"], name="i"))
    chosen = operation._concurrently(SimpleNamespace(connection=SimpleNamespace(vendor=vendor)))
    assert isinstance(chosen, AddIndexConcurrently) is concurrently


@pytest.mark.django_db
def test_the_list_indexes_exist_after_migrating():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "contacts_question")
    assert constraints["contacts_question_received_idx"]["index"]
