"""Helpers for migrations. Kept stable: migrations import them long after they are written."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import AddIndexConcurrently as _PgAddIndexConcurrently
from django.db.migrations.operations import AddIndex, RunSQL
from django.db.models import Index


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


class SearchVectorIndex(GinIndex):
    """The GIN index on a stored search vector (kernportal/search.py). Other databases have no
    GIN and do not search the vector: there it is a plain index on the unused column."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Index.create_sql(self, model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


def search_vector_sql(columns, row: str = "") -> str:
    """The tsvector of a row from `columns`: [(column, weight, names)]. Every column is read
    with the Dutch configuration (stemming: "wegen" finds "weg"); a column of names is read
    with the simple one as well, so a name is found as written and a prefix of it matches."""
    parts = []
    for column, weight, names in columns:
        value = f"coalesce({row}{column}::text, '')"
        vector = f"to_tsvector('pg_catalog.dutch', {value})"
        if names:
            vector = f"{vector} || to_tsvector('pg_catalog.simple', {value})"
        parts.append(f"setweight({vector}, '{weight}')")
    return " || ".join(parts)


class SearchVectorTrigger(RunSQL):
    """PostgreSQL only: keep `<table>.search_vector` up to date with a BEFORE INSERT/UPDATE
    trigger, so every write path (services, admin, bulk_create in the scale generator, raw SQL)
    fills it without code of its own, then fill it for the existing rows in batches.

    `columns`: [(column, weight "A".."D", names: bool)]. Other databases: nothing (they search
    the fields directly). Needs a reviewed entry in kernportal/migration_safety.py (RunSQL).
    """

    BATCH = 20_000

    def __init__(self, table: str, columns):
        self.table = table
        self.columns = [tuple(c) for c in columns]
        names = ", ".join(c for c, _, _ in self.columns)
        function = f"{table}_search_vector"
        forwards = f"""
            CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search_vector := {search_vector_sql(self.columns, "NEW.")};
                RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS {function} ON {table};
            CREATE TRIGGER {function} BEFORE INSERT OR UPDATE OF {names}, search_vector
            ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();
        """
        backwards = f"""
            DROP TRIGGER IF EXISTS {function} ON {table};
            DROP FUNCTION IF EXISTS {function}();
        """
        super().__init__(forwards, backwards)

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.table, self.columns], {})

    def describe(self):
        return f"Search vector trigger on {self.table}"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        super().database_forwards(app_label, schema_editor, from_state, to_state)
        # Existing rows, in batches (the trigger computes each): short transactions, no long
        # lock on a big table.
        with schema_editor.connection.cursor() as cursor:
            # The table name is the migration's own constant, never input.
            cursor.execute(f"SELECT min(id), max(id) FROM {self.table}")  # noqa: S608
            low, high = cursor.fetchone()
            if low is None:
                return
            for start in range(low, high + 1, self.BATCH):
                cursor.execute(
                    f"UPDATE {self.table} SET search_vector = NULL WHERE id >= %s AND id < %s",  # noqa: S608
                    [start, start + self.BATCH],
                )
            # Fresh statistics of the vector's words: without them the planner guesses, and
            # for a rare word walks the whole table instead of using the GIN index.
            cursor.execute(f"ANALYZE {self.table}")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
