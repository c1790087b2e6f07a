"""Migrations must be safe to run while the previous version still serves (README: "Migrations").

A deploy runs `migrate` first and then replaces the web processes, so for a while the old code
runs against the new schema, and a migration that locks a big table stops every request that
touches it. `unsafe_operations()` lists what breaks either rule, per migration after the
baseline; CI fails on any (kernportal/tests/test_migration_safety.py):

- AddField on an existing table must be nullable or carry a `db_default` (the old code's
  INSERTs leave the column out), and must not create an index (add one concurrently instead).
- AlterField must not change the column type, make a column NOT NULL, or add an index or a
  unique constraint: each rewrites or scans the table under an exclusive lock.
- AddIndex on an existing table must be `kernportal.migration_utils.AddIndexConcurrently`
  (in a migration with `atomic = False`); AddConstraint, unique_together and the like need
  review.
- RemoveField, DeleteModel, renames and RunSQL break or may break the running version: they
  need a reviewed entry in REVIEWED, saying why this one is safe (e.g. the code stopped using
  the column one release earlier).
"""

from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.db.migrations import operations as ops
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

from kernportal.migration_utils import AddIndexConcurrently

OUR_APPS = {"kernportal", "kernen", "contacts", "initiatives", "roles"}

# Deployed before this check existed.
BASELINE = {
    ("contacts", "0001_initial"),
    ("contacts", "0002_permission_groups"),
    ("initiatives", "0001_initial"),
    ("initiatives", "0002_permissions_and_steps"),
    ("initiatives", "0003_related_moments_and_agenda"),
    ("kernen", "0001_initial"),
    ("kernen", "0002_permission_groups"),
    ("kernen", "0003_notification_preferences"),
    ("kernen", "0004_agendaitem"),
    ("kernportal", "0001_initial"),
    ("kernportal", "0002_digest_delivery"),
    ("kernportal", "0003_beat_schedule"),
    ("roles", "0001_initial"),
    ("roles", "0002_permission_groups"),
}

_SEARCH_TRIGGER = (
    "SearchVectorTrigger (RunSQL): creates a function and a BEFORE INSERT/UPDATE trigger that "
    "fills the new, nullable search_vector column, then fills existing rows in batches of "
    "20,000 (one short transaction each, no table lock beyond the moment CREATE TRIGGER takes). "
    "The old version never reads or writes the column; its writes get a vector from the "
    "trigger. The GIN index is built concurrently after the backfill."
)

# (app, migration) -> why it is safe anyway. Every entry is a reviewed decision.
REVIEWED: dict[tuple[str, str], str] = {
    ("kernen", "0008_agendaitem_search_vector"): _SEARCH_TRIGGER,
    ("contacts", "0013_search_vectors"): _SEARCH_TRIGGER,
    ("initiatives", "0012_initiative_search_vector"): _SEARCH_TRIGGER,
    ("roles", "0004_participationrequest_search_vector"): _SEARCH_TRIGGER,
    ("kernen", "0005_agenda_owns_feed_token"): (
        "Drops AgendaItem.contact_moments after contacts.0003 copied every link to "
        "ContactMoment.agenda_items. Until the web processes are replaced, the old version's "
        "agenda item form fails to save links; it is a rarely used staff form and nothing is "
        "lost (the links already live on the contacts side)."
    ),
    ("contacts", "0005_english_choice_codes"): (
        "Re-creates the consent constraint for the English code 'consent'. The person table is "
        "small (10,000 rows at the large scale profile), so validating it takes milliseconds; "
        "the old version's writes ('toestemming') pass the new constraint trivially."
    ),
    ("initiatives", "0005_tracking_token_hashed"): (
        "Replaces the plain tracking token by its hash in one step. The initiatives table holds "
        "tens of thousands of rows at most (the large scale profile: 20,000), so the NOT NULL "
        "and unique index take well under a second; during the deploy the old version's "
        "tracking page answers 404 for the seconds until the web processes are replaced, which "
        "a resident retries. Keeping the plain token for one more release would keep the "
        "secret the change is meant to remove."
    ),
}

# Column types as PostgreSQL (production) spells them, whatever database runs the tests.
# Never connects: only its type table is used.
_POSTGRES = PostgresWrapper(
    {
        "NAME": "migration_safety",
        **dict.fromkeys(("USER", "PASSWORD", "HOST", "PORT"), ""),
        "OPTIONS": {},
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TEST": {},
    },
    alias="migration_safety",
)

NEEDS_REVIEW = (
    ops.RemoveField,
    ops.DeleteModel,
    ops.RenameField,
    ops.RenameModel,
    ops.AlterModelTable,
    ops.RunSQL,
    ops.AddConstraint,
    ops.AlterUniqueTogether,
    ops.RemoveIndex,
    ops.RenameIndex,
)


def _creates_index(field) -> bool:
    return bool(field.db_index or field.unique or field.primary_key)


def _add_field_problems(field):
    if field.many_to_many:
        return []  # a new join table
    problems = []
    if not field.null and field.db_default is NOT_PROVIDED:
        problems.append(
            "a NOT NULL column without db_default: make it null=True or give db_default"
        )
    if _creates_index(field):
        problems.append(
            "creates an index under a write lock: db_index=False, then AddIndexConcurrently"
        )
    return problems


def _alter_field_problems(old, new):
    problems = []
    old_type = old.db_parameters(_POSTGRES)["type"]
    new_type = new.db_parameters(_POSTGRES)["type"]
    if old_type != new_type:
        problems.append(f"changes the column type ({old_type} to {new_type}): a table rewrite")
    if old.null and not new.null:
        problems.append("makes the column NOT NULL: a full scan under an exclusive lock")
    if _creates_index(new) and not _creates_index(old):
        problems.append("adds an index or unique constraint under a write lock")
    return problems


def operation_problems(app_label, operation, state, created, migration) -> list[str]:
    """What is unsafe about one operation, given the project state before it and the models
    created earlier in the same migration (new tables are empty and unused: anything goes)."""
    model = getattr(operation, "model_name", None) or getattr(operation, "name", None)
    is_new = model is not None and model.lower() in created
    if isinstance(operation, ops.CreateModel):
        created.add(operation.name_lower)
        return []
    if is_new:
        return []
    if isinstance(operation, NEEDS_REVIEW):
        return ["needs review: the running version may still use what it changes"]
    if isinstance(operation, ops.AddField):
        return _add_field_problems(operation.field)
    if isinstance(operation, ops.AlterField):
        old = state.models[app_label, operation.model_name_lower].fields[operation.name]
        return _alter_field_problems(old, operation.field)
    if isinstance(operation, ops.AddIndex):
        if not isinstance(operation, AddIndexConcurrently):
            return ["locks the table for writes: use migration_utils.AddIndexConcurrently"]
        if migration.atomic:
            return ["AddIndexConcurrently needs `atomic = False` on the migration"]
    return []


def unsafe_operations(loader: MigrationLoader | None = None) -> list[str]:
    """One line per unsafe operation in a migration after the baseline and not reviewed."""
    loader = loader or MigrationLoader(None, ignore_no_migrations=True)
    found = []
    for key, migration in sorted(loader.disk_migrations.items()):
        if key[0] not in OUR_APPS or key in BASELINE or key in REVIEWED:
            continue
        state = loader.project_state(key, at_end=False)
        created: set[str] = set()
        for operation in migration.operations:
            for problem in operation_problems(key[0], operation, state, created, migration):
                found.append(f"{key[0]}.{key[1]}: {operation.describe()}: {problem}")
            operation.state_forwards(key[0], state)
    return found
