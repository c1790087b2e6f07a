"""A killed worker's tasks return in minutes, and a healthy worker's never run twice."""

from django.conf import settings

from kernportal.celery import app

OUR_APPS = ("kernportal.", "kernen.", "contacts.", "initiatives.", "roles.")


def our_tasks():
    app.loader.import_default_modules()
    tasks = [task for name, task in app.tasks.items() if name.startswith(OUR_APPS)]
    assert tasks, "no tasks found"
    return tasks


def test_a_killed_workers_tasks_come_back_within_fifteen_minutes():
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= 15 * 60


def test_the_visibility_timeout_outlasts_a_prefetched_task_waiting_and_running():
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    longest = max(task.time_limit for task in our_tasks())
    assert all(task.time_limit for task in our_tasks()), "every task needs a hard time limit"
    assert timeout >= 2 * longest * settings.CELERY_WORKER_PREFETCH_MULTIPLIER


def test_no_retry_waits_longer_than_the_visibility_timeout():
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    retrying = [task for task in our_tasks() if getattr(task, "autoretry_for", ())]
    assert retrying
    for task in retrying:
        assert task.retry_backoff_max < timeout, task.name
