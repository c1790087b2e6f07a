"""Health endpoints for load balancers and orchestrators.

`/gezond/live/` (liveness) answers without any I/O: the process serves requests.
`/gezond/` (readiness) checks what a request needs: the database answers, every migration is
applied, and, where configured, the broker and the cache answer. The body names each check
with "ok" or "fail" and nothing else: no versions, hosts or error texts for a stranger to
read. Each check is bounded by a short timeout; the whole check stays cheap enough to run
every few seconds.
"""

import logging

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

BROKER_TIMEOUT = 2

# Once every migration is applied it stays so for the life of this code: check it once.
_migrations_applied = False


def check_database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def check_migrations() -> bool:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        targets = executor.loader.graph.leaf_nodes()
        _migrations_applied = not executor.migration_plan(targets)
    return _migrations_applied


def check_broker() -> bool:
    from kernportal.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
        return True


def check_cache() -> bool:
    return cache.is_reachable()


def _checks():
    from kernportal.celery import app

    checks = {"database": check_database, "migrations": check_migrations}
    if not app.conf.task_always_eager:
        checks["broker"] = check_broker
    if hasattr(cache, "is_reachable"):  # an in-process cache is always there
        checks["cache"] = check_cache
    return checks


def run_checks() -> dict[str, bool]:
    """{check name: passed}. A check that raises has failed; the reason goes to the log only."""
    results = {}
    for name, check in _checks().items():
        if name == "migrations" and not results["database"]:
            results[name] = False  # unknowable, and not worth waiting on the database twice
            continue
        try:
            results[name] = bool(check())
        except Exception:
            logger.warning("Health check %s failed", name, exc_info=True)
            results[name] = False
    return results


@login_not_required
@never_cache
def ready(request):
    results = run_checks()
    healthy = all(results.values())
    body = {
        "status": "ok" if healthy else "fail",
        "checks": {name: "ok" if passed else "fail" for name, passed in results.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)


@login_not_required
@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


class HealthCheckMiddleware:
    """Answers the health endpoints before host validation, HTTPS redirect, sessions and the
    rest: load balancers probe by IP address over plain HTTP, and the probe must stay cheap.
    Right after the request-id middleware in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = {"/gezond/": ready, "/gezond/live/": live}

    def __call__(self, request):
        view = self.views.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)
