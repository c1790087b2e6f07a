"""gunicorn settings for the Procfile's `web` process; every knob comes from the environment.

`gunicorn kernportal.wsgi --config kernportal/gunicorn.conf.py`. See the README's
"Production" section for the variables.
"""

import os

from kernportal.logs import logging_config


def _int(name, default):
    return int(os.environ.get(name) or default)


# Behind a proxy on the same machine 127.0.0.1 is right; a container publishes 0.0.0.0.
bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{_int('PORT', 8000)}"
# Processes x threads = requests served at once. Two processes per core is gunicorn's advice;
# threads let a process wait on PostgreSQL for one request while serving another.
workers = _int("WEB_CONCURRENCY", 2)
threads = _int("GUNICORN_THREADS", 4)
# A request running longer than this is killed (the statement timeout answers sooner).
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle processes now and then, so a slow leak never becomes an outage.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max(1, max_requests // 10)
# The heartbeat file lives in memory: a container's disk may be slow or read-only.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

logger_class = "kernportal.logs.GunicornLogger"
accesslog = None  # the access log goes through logconfig_dict, masked, without addresses
logconfig_dict = logging_config(
    json_format=os.environ.get("DJANGO_LOG_FORMAT", "text").lower() == "json",
    level=os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper(),
)
