"""Helpers for migrations. Kept stable: migrations import them long after they are written."""

from django.contrib.postgres.operations import AddIndexConcurrently as _PgAddIndexConcurrently
from django.db.migrations.operations import AddIndex


def grant_group_permissions(apps, matrix: dict[str, list[str]]) -> None:
    """Create the groups in `matrix` if needed and give them the listed "app_label.codename"s.

    Permissions are normally created after all migrations ran; create them now so a data
    migration can hand them out.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, perms in matrix.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def noop(apps, schema_editor):
    """Reverse of a permission grant: groups and permissions may stay."""


class AddIndexConcurrently(_PgAddIndexConcurrently):
    """Add an index to a table in use without blocking its writes.

    On PostgreSQL `CREATE INDEX CONCURRENTLY` (the migration needs `atomic = False`); on
    SQLite, the embedded default, a plain CREATE INDEX. The migration-safety check
    (kernportal/tests/test_migration_safety.py) asks for this on every existing table.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)


def recode_choices(app_label: str, model: str, field: str, mapping: dict[str, str], *, many=False):
    """A RunPython pair that renames stored choice values (`mapping`: old -> new) and back.

    `many=True` for a JSON list of values. Plain fields change with one UPDATE per value, so the
    cost does not grow with the number of rows; lists are rewritten row by row.
    """

    def forwards(apps, schema_editor, mapping=mapping):
        Model = apps.get_model(app_label, model)
        if many:
            for row in Model.objects.exclude(**{field: []}).only("pk", field):
                values = getattr(row, field)
                if isinstance(values, list) and set(values) & set(mapping):
                    setattr(row, field, [mapping.get(v, v) for v in values])
                    row.save(update_fields=[field])
            return
        for old, new in mapping.items():
            Model.objects.filter(**{field: old}).update(**{field: new})

    def backwards(apps, schema_editor):
        forwards(apps, schema_editor, mapping={new: old for old, new in mapping.items()})

    return forwards, backwards
