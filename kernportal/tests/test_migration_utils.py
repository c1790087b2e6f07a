"""The list indexes added with AddIndexConcurrently exist after migrating (both databases)."""

from django.db import connection

import pytest


@pytest.mark.django_db
def test_the_list_indexes_exist_after_migrating():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "contacts_question")
    assert constraints["contacts_question_received_idx"]["index"]
