"""Test helpers other apps' tests import: make Redis (cache and broker) unreachable."""

import socket
import threading

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


class SilentServer:
    """Accepts TCP connections and never says a word: a PostgreSQL or SMTP server that hangs."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.connections.append(self.sock.accept()[0])
            except OSError:
                return

    def close(self):
        for conn in self.connections:
            conn.close()
        self.sock.close()
