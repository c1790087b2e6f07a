"""CI refuses migrations that rewrite or lock a table, or break the version still serving."""

from django.db import connection, migrations, models
from django.db.migrations.loader import MigrationLoader

import pytest

from kernportal.migration_safety import operation_problems, unsafe_operations
from kernportal.migration_utils import AddIndexConcurrently


def test_every_migration_after_the_baseline_is_safe_to_run_while_serving():
    problems = unsafe_operations()
    assert not problems, "Unsafe migrations (README: Migrations):\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def state():
    return MigrationLoader(None, ignore_no_migrations=True).project_state()


def check(state, operation, atomic=True, created=()):
    migration = migrations.Migration("0099_test", "kernen")
    migration.atomic = atomic
    return operation_problems("kernen", operation, state.clone(), set(created), migration)


@pytest.mark.parametrize(
    "operation",
    [
        migrations.AddField("kern", "code", models.CharField(max_length=5, default="x")),
        migrations.AddField("kern", "code", models.CharField(max_length=5, null=True, unique=True)),
        migrations.AddField("kern", "code", models.IntegerField(null=True, db_index=True)),
        migrations.AlterField("kern", "name", models.TextField("naam", unique=True)),
        migrations.AlterField(
            "kern", "latitude", models.DecimalField(max_digits=8, decimal_places=6)
        ),
        migrations.AlterField("kern", "description", models.TextField(unique=True)),
        migrations.AddIndex("kern", models.Index(fields=["is_active"], name="kern_active_idx")),
        migrations.RunSQL("UPDATE kernen_kern SET is_active = true"),
        migrations.RemoveField("kern", "description"),
        migrations.RenameField("kern", "description", "text"),
    ],
    ids=lambda op: op.describe(),
)
def test_it_refuses_what_locks_or_breaks_an_existing_table(state, operation):
    assert check(state, operation)


@pytest.mark.parametrize(
    "operation",
    [
        migrations.AddField("kern", "code", models.CharField(max_length=5, null=True)),
        migrations.AddField("kern", "code", models.CharField(max_length=5, db_default="x")),
        migrations.AlterField("kern", "description", models.TextField("tekst", blank=True)),
        migrations.RunPython(migrations.RunPython.noop),
    ],
    ids=lambda op: op.describe(),
)
def test_it_allows_what_the_running_version_does_not_notice(state, operation):
    assert check(state, operation) == []


def test_a_concurrent_index_needs_a_non_atomic_migration(state):
    index = AddIndexConcurrently("kern", models.Index(fields=["is_active"], name="kern_active_idx"))
    assert check(state, index, atomic=True)
    assert check(state, index, atomic=False) == []


def test_anything_goes_on_a_table_created_in_the_same_migration(state):
    add = migrations.AddIndex("kern", models.Index(fields=["is_active"], name="kern_active_idx"))
    assert check(state, add, created={"kern"}) == []


@pytest.mark.django_db(transaction=True)
def test_add_index_concurrently_builds_the_index_and_removes_it_again():
    loader = MigrationLoader(connection)
    before = loader.project_state()
    operation = AddIndexConcurrently(
        "kern", models.Index(fields=["is_active", "name"], name="kern_safety_test_idx")
    )
    after = before.clone()
    operation.state_forwards("kernen", after)

    def indexes():
        with connection.cursor() as cursor:
            return connection.introspection.get_constraints(cursor, "kernen_kern")

    with connection.schema_editor(atomic=False) as editor:
        operation.database_forwards("kernen", editor, before, after)
    assert indexes()["kern_safety_test_idx"]["columns"] == ["is_active", "name"]
    with connection.schema_editor(atomic=False) as editor:
        operation.database_backwards("kernen", editor, after, before)
    assert "kern_safety_test_idx" not in indexes()
