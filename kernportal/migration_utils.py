"""Helpers for migrations. Kept stable: migrations import them long after they are written."""

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


class AddIndexConcurrentlyOnPostgres(AddIndex):
    """Add an index without blocking writes on PostgreSQL (CREATE INDEX CONCURRENTLY, so a
    large table stays usable while the index builds); a plain CREATE INDEX elsewhere (SQLite).

    CONCURRENTLY cannot run in a transaction: the migration using this sets `atomic = False`.
    The migration state is the same as AddIndex's, so makemigrations sees no difference.
    """

    def _concurrently(self, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        from django.contrib.postgres.operations import AddIndexConcurrently

        return AddIndexConcurrently(self.model_name, self.index)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if operation := self._concurrently(schema_editor):
            return operation.database_forwards(app_label, schema_editor, from_state, to_state)
        return super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if operation := self._concurrently(schema_editor):
            return operation.database_backwards(app_label, schema_editor, from_state, to_state)
        return super().database_backwards(app_label, schema_editor, from_state, to_state)
