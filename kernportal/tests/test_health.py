"""The health endpoints: liveness without I/O, readiness per dependency, nothing leaked."""

import os

from django.db import connection
from django.urls import reverse

import pytest

from kernportal import health
from kernportal.celery import app
from kernportal.testing import redis_down  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

READY = reverse("health")


@pytest.fixture(autouse=True)
def _forget_migration_state(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


def test_liveness_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("health_live"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_is_ok_for_anonymous_when_everything_answers(client):
    response = client.get(READY)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["migrations"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_readiness_fails_when_a_migration_is_not_applied(client):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'initiatives'")
    response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["checks"] == {**response.json()["checks"], "migrations": "fail"}
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.usefixtures("redis_down")
def test_readiness_fails_when_broker_and_cache_are_down_and_says_only_which(client):
    response = client.get(READY)
    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "checks": {"database": "ok", "migrations": "ok", "broker": "fail", "cache": "fail"},
    }
    assert "127.0.0.1" not in response.text and "Error" not in response.text


@pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no Redis configured")
def test_readiness_checks_a_real_broker_and_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "kernportal.cache.FailOpenRedisCache",
            "LOCATION": os.environ.get("REDIS_URL") or os.environ["CELERY_BROKER_URL"],
        }
    }
    app.conf.task_always_eager = False  # the autouse fixture puts it back
    response = client.get(READY)
    assert response.json()["checks"]["broker"] == "ok"
    assert response.json()["checks"]["cache"] == "ok"
    assert response.status_code == 200


def test_a_load_balancer_probing_by_ip_over_http_gets_an_answer(client, settings):
    settings.ALLOWED_HOSTS = ["kernportal.gemeente.example"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(READY, HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get(reverse("health_live"), HTTP_HOST="10.0.0.7").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7").status_code == 400  # everything else: no


def test_readiness_costs_one_query_once_the_migrations_were_seen_applied(
    client, django_assert_num_queries
):
    client.get(READY)
    with django_assert_num_queries(1):
        assert client.get(READY).status_code == 200
