"""`manage.py backup` dumps the database and uploads and proves the dump restores."""

import json
import tarfile

from django.core.management import CommandError, call_command

import pytest

from kernen.models import Kern
from kernen.tests.factories import KernFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "bijlagen").mkdir(parents=True)
    (settings.MEDIA_ROOT / "bijlagen" / "plan.pdf").write_bytes(b"%PDF-1.4\n")
    return settings.MEDIA_ROOT


def backup(tmp_path, capsys, *args):
    call_command("backup", "--output", str(tmp_path / "backups"), *args)
    return capsys.readouterr().out, next((tmp_path / "backups").iterdir())


def test_it_backs_up_and_proves_the_restore(tmp_path, media, capsys, migrated_data):
    KernFactory.create_batch(3)
    out, path = backup(tmp_path, capsys)
    assert "Restore check passed" in out
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["tables"]["kernen_kern"] == Kern.objects.count() == 3
    assert list(manifest["media"]) == ["bijlagen/plan.pdf"]


def test_the_restore_check_fails_when_a_table_does_not_match(
    tmp_path, media, capsys, migrated_data
):
    KernFactory()
    _, path = backup(tmp_path, capsys, "--no-verify")
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["tables"]["kernen_kern"] += 1
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="table kernen_kern: 2 in the manifest, 1 restored"):
        call_command("backup", "--verify", str(path))


def test_the_restore_check_fails_when_an_uploaded_file_is_missing(
    tmp_path, media, capsys, migrated_data
):
    _, path = backup(tmp_path, capsys, "--no-verify")
    with tarfile.open(path / "media.tar.gz", "w:gz"):
        pass  # an archive that lost its files
    with pytest.raises(CommandError, match=r"file bijlagen/plan\.pdf"):
        call_command("backup", "--verify", str(path))
