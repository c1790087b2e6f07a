# Kernportal: one image for the web, worker, beat and release processes of the Procfile.
# The commands are the Procfile's (docker-compose.yml repeats them; a test keeps them equal).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_DEBUG=0 \
    GUNICORN_BIND=0.0.0.0:8000 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media

# pg_dump/pg_restore for `manage.py backup`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 kernportal \
    && mkdir -p /app /data/media \
    && chown kernportal:kernportal /app /data/media

WORKDIR /app
USER kernportal

# The virtualenv sits where the Procfile expects it: .venv/bin/...
COPY --chown=kernportal:kernportal requirements.txt .
RUN python -m venv .venv && .venv/bin/pip install -r requirements.txt

COPY --chown=kernportal:kernportal . .
# Static files are collected into the image: every web container serves the same set.
RUN DJANGO_SECRET_KEY=collectstatic-only .venv/bin/python manage.py collectstatic --noinput

EXPOSE 8000
CMD [".venv/bin/gunicorn", "kernportal.wsgi", "--config", "kernportal/gunicorn.conf.py"]
