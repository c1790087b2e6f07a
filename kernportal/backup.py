"""Backups of the database and the uploaded files, and the proof that they restore.

`backup_create` writes one directory: `database.dump` (pg_dump, custom format) or
`database.sqlite3` (the embedded default), `media.tar.gz` and `manifest.json` with the row
count of every table and the SHA-256 of every uploaded file. On PostgreSQL the counts are
taken in the very snapshot pg_dump dumps (`pg_export_snapshot`), so they must match exactly.

`backup_verify` restores the dump into a scratch database (`<name>_restore_check`, dropped
afterwards) and the files into a temporary directory, and compares both with the manifest.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone


class RestoreMismatch(Exception):
    pass


def _pg_env(db, name=None):
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": db["HOST"] or "",
            "PGPORT": str(db["PORT"] or ""),
            "PGUSER": db["USER"] or "",
            "PGPASSWORD": db["PASSWORD"] or "",
            "PGDATABASE": name or db["NAME"],
        }
    )
    return {key: value for key, value in env.items() if value != ""}


def _pg_connect(name=None, autocommit=False):
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    if name:
        params["dbname"] = name
    raw = connection.get_new_connection(params)
    raw.autocommit = autocommit
    return raw


def _pg_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    counts = {}
    for (table,) in cursor.fetchall():
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_counts(conn) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY 1"
        )
    ]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root)): _sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def backup_create(*, output: Path) -> Path:
    """Write a backup directory under `output` and return it. Reads only; writes files."""
    target = Path(output) / f"kernportal-{timezone.now():%Y%m%d-%H%M%S}"
    target.mkdir(parents=True)
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        with closing(_pg_connect()) as raw:
            with raw.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                tables = _pg_counts(cursor)
                dump = ["pg_dump", "--format=custom", "--no-owner", "--no-acl"]
                dump += [f"--snapshot={snapshot}", "--file", str(target / "database.dump")]
                subprocess.run(dump, env=_pg_env(db), check=True)  # noqa: S603
            raw.rollback()
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(target / "database.sqlite3")) as copy:
            connection.connection.backup(copy)
            tables = _sqlite_counts(copy)
    else:
        raise NotImplementedError(connection.vendor)
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / "media.tar.gz", "w:gz") as tar:
        if media_root.is_dir():
            tar.add(media_root, arcname="media")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "tables": tables,
        "media": _files(media_root),
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return target


def backup_verify(*, path: Path) -> dict:
    """Restore the backup at `path` into scratch space and compare it with its manifest.
    Returns a summary; raises RestoreMismatch naming every difference. Creates and drops a
    scratch database (PostgreSQL) and a temporary directory."""
    path = Path(path)
    manifest = json.loads((path / "manifest.json").read_text())
    if manifest["vendor"] == "postgresql":
        restored = _pg_restore_counts(path / "database.dump")
    else:
        with closing(sqlite3.connect(path / "database.sqlite3")) as copy:
            if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise RestoreMismatch("the SQLite copy fails its integrity check")
            restored = _sqlite_counts(copy)
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(path / "media.tar.gz") as tar:
            tar.extractall(scratch, filter="data")
        files = _files(Path(scratch) / "media")
    problems = [
        f"table {t}: {manifest['tables'].get(t)} in the manifest, {restored.get(t)} restored"
        for t in sorted(set(manifest["tables"]) | set(restored))
        if manifest["tables"].get(t) != restored.get(t)
    ] + [
        f"file {f}: differs or is missing after the restore"
        for f in sorted(set(manifest["media"]) | set(files))
        if manifest["media"].get(f) != files.get(f)
    ]
    if problems:
        raise RestoreMismatch("\n".join(problems))
    return {"tables": len(restored), "rows": sum(restored.values()), "files": len(files)}


def _pg_restore_counts(dump: Path) -> dict[str, int]:
    db = connection.settings_dict
    scratch = f"{db['NAME']}_restore_check"
    with closing(_pg_connect("postgres", autocommit=True)) as admin, admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        cursor.execute(f'CREATE DATABASE "{scratch}"')
        try:
            restore = ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error"]
            restore += ["--dbname", scratch, str(dump)]
            subprocess.run(restore, env=_pg_env(db, scratch), check=True)  # noqa: S603
            with closing(_pg_connect(scratch)) as restored, restored.cursor() as rcursor:
                return _pg_counts(rcursor)
        finally:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
