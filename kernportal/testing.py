"""Test helpers other apps' tests import: make Redis (cache and broker) unreachable."""

import pytest

# Nothing listens on port 1: connections are refused at once.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def use_broker(url):
    """Point this process's producer at another broker. Kombu keeps one pool per broker URL,
    so forgetting the app's references is enough (closing them would close them for good)."""
    from kernportal.celery import app

    # The read and write URLs are resolved from broker_url once, then kept: set all three.
    app.conf.broker_url = app.conf.broker_write_url = app.conf.broker_read_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_down(settings):
    """The rate-limit cache and the Celery broker both point at a Redis that is not there, and
    tasks are really sent (not run eagerly), as in production with Redis stopped."""
    from kernportal.celery import app

    settings.CACHES = {
        "default": {"BACKEND": "kernportal.cache.FailOpenRedisCache", "LOCATION": UNREACHABLE_REDIS}
    }
    from django.core.cache import cache

    cache._fallback.clear()  # the per-process counters outlive a test; start empty
    real_broker, eager = app.conf.broker_url, app.conf.task_always_eager
    use_broker(UNREACHABLE_REDIS)
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager
    use_broker(real_broker)
