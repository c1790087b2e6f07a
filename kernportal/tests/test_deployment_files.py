"""Procfile, docker-compose.yml and Dockerfile name the same processes and commands.

This machine has no Docker engine: the compose file is parsed and compared, not run.
"""

import json
import re
import shlex
from pathlib import Path

import yaml
from honcho.environ import parse_procfile

ROOT = Path(__file__).resolve().parents[2]


def procfile():
    return parse_procfile((ROOT / "Procfile").read_text()).processes


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_the_web_process_is_gunicorn_with_its_configuration_and_never_runserver():
    web = procfile()["web"]
    assert web.startswith(".venv/bin/gunicorn kernportal.wsgi --config kernportal/gunicorn.conf.py")
    assert "runserver" not in (ROOT / "Procfile").read_text()


def test_the_release_step_migrates_and_collects_static_files():
    release = procfile()["release"]
    assert "manage.py migrate --noinput" in release
    assert "manage.py collectstatic --noinput" in release


def test_compose_runs_every_procfile_process_with_the_same_command():
    services = compose()
    for name, command in procfile().items():
        assert name in services, f"docker-compose.yml has no service {name!r}"
        assert services[name]["entrypoint"] == ["/bin/sh", "-c"]
        assert services[name]["command"] == [command], name


def test_compose_has_postgresql_and_redis_and_exactly_one_beat():
    services = compose()
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert services["beat"]["deploy"]["replicas"] == 1
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["release"] == {
            "condition": "service_completed_successfully"
        }


def test_the_image_starts_the_procfile_web_command():
    cmd = re.search(r"^CMD (.+)$", (ROOT / "Dockerfile").read_text(), re.MULTILINE).group(1)
    assert json.loads(cmd) == shlex.split(procfile()["web"])


def test_make_services_starts_the_release_and_then_web_worker_and_beat():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nservices:", 1)[1].split("\n\n", 1)[0]
    assert "honcho start release" in recipe
    assert "web worker beat" in recipe.split("honcho start")[-1]
