"""Kernportal settings: one module, driven by environment variables.

With nothing set the portal runs on an embedded default (SQLite, eager Celery tasks, console
e-mail, DEBUG on). Every variable is documented in the README.
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

import environ

from kernportal.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=True)
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env("DJANGO_SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else None)
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Absolute base URL used in e-mails (tracking links, digest links).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "auditlog",
    "kernportal",
    "kernen",
    "contacts",
    "initiatives",
    "roles",
]

MIDDLEWARE = [
    "kernportal.logs.RequestIdMiddleware",
    "kernportal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # The audit trail records the logged-in user as the actor of every change.
    "kernportal.audit.AuditActorMiddleware",
    # An idle session ends first; only a live session is sent to the second login step.
    "kernportal.security.IdleTimeoutMiddleware",
    "kernportal.twofactor.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kernportal.urls"
WSGI_APPLICATION = "kernportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kernportal.twofactor.context",
            ],
            "builtins": ["kernportal.templatetags.panels", "kernportal.templatetags.amounts"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # a persistent connection to a restarted server
# Behind PgBouncer in transaction pooling a server-side cursor cannot outlive a transaction.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DATABASE_DISABLE_SERVER_SIDE_CURSORS", default=False
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL down or hanging: a page answers a friendly 503 in seconds instead of waiting
    # for the OS's TCP timeout; a slow query is cancelled before gunicorn kills the worker.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["connect_timeout"] = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    # 0 sends nothing: PgBouncer refuses the `options` parameter; set it on the role there.
    if _statement_timeout := env.int("DATABASE_STATEMENT_TIMEOUT", default=20):
        _options["options"] = f"-c statement_timeout={_statement_timeout}s"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "kernen:dashboard"
LOGOUT_REDIRECT_URL = "kernen:home"

# Dutch is the source language and the default; English is a complete translation
# (locale/en, compiled in the repository; `make messages` refreshes it). A visitor's choice is
# kept in a cookie by Django's set_language view (the switch in the footer of every page).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One way of writing dates everywhere ("3 december 2026"), see kernportal/formats/nl.
FORMAT_MODULE_PATH = ["kernportal.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
# Uploaded files are served only through views that check access (kernportal/files.py):
# "django" streams them, "nginx" (X-Accel-Redirect) or "sendfile" (X-Sendfile) let the proxy.
KERNPORTAL_FILE_SERVING = env.str("KERNPORTAL_FILE_SERVING", default="django")
if KERNPORTAL_FILE_SERVING not in ("django", "nginx", "sendfile"):
    raise ImproperlyConfigured("KERNPORTAL_FILE_SERVING must be django, nginx or sendfile.")
KERNPORTAL_FILE_ACCEL_PREFIX = env.str("KERNPORTAL_FILE_ACCEL_PREFIX", default="/_bestanden/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Cache (rate limits) -------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Redis down must not refuse residents: the cache falls back to a per-process one.
    CACHES = {"default": {"BACKEND": "kernportal.cache.FailOpenRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATELIMIT_VIEW = "kernportal.views.ratelimited"
# The embedded default's in-process cache is fine for one runserver process; the fail-open
# cache is Django's RedisCache (atomic INCR), which django-ratelimit does not list by name.
SILENCED_SYSTEM_CHECKS = (
    ["django_ratelimit.W001"] if REDIS_URL else ["django_ratelimit.E003", "django_ratelimit.W001"]
)
# Stored submissions per client address (kernportal.security.client_ip, see
# RATELIMIT_IP_META_KEY) on each public form (initiatives, questions). A village hall or
# library shares one address, so this is per hour and generous.
KERNPORTAL_PUBLIC_FORM_RATE = env.str("KERNPORTAL_PUBLIC_FORM_RATE", default="20/h")
# Files kept for forms with errors, per client address (bounds disk use by abuse).
KERNPORTAL_PENDING_UPLOAD_RATE = env.str("KERNPORTAL_PENDING_UPLOAD_RATE", default="60/h")

# --- E-mail --------------------------------------------------------------------------------
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)  # a hanging SMTP server must not hang a worker
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kernportal <noreply@kernportal.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Operators who hear about digests and e-mails that failed for good: "Name <a@b>,Other <c@d>".
ADMINS = [
    (addr.split("<")[0].strip() or addr, addr.split("<")[-1].rstrip(">").strip())
    for addr in env.list("DJANGO_ADMINS", default=[])
]

# --- Celery --------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A user action must never hang on an unreachable broker: the outbox catches up later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # acks_late tasks of a killed worker are delivered again after this many seconds. It must
    # outlast the longest a message stays unacknowledged in a healthy worker, or Redis hands
    # it out twice: a prefetched message waits for one task, then runs one (2 x 360 s hard
    # limit), and a retry waits up to RETRY_BACKOFF_MAX (600 s). README: "Production".
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
}
if _sentinel_master := env.str("CELERY_BROKER_SENTINEL_MASTER", default=""):
    CELERY_BROKER_TRANSPORT_OPTIONS["master_name"] = _sentinel_master
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=2)
# Workers log through LOGGING (request/task id, JSON on request) instead of Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Reminders and deadlines ------------------------------------------------------------------
# First-response deadlines in working days (weekends and Dutch public holidays do not count).
KERNPORTAL_RESPONSE_DEADLINES = {
    "question": env.int("KERNPORTAL_QUESTION_DEADLINE_DAYS", default=5),
    "initiative": env.int("KERNPORTAL_INITIATIVE_DEADLINE_DAYS", default=10),
}
# A question still without a response this many working days after its deadline is reported
# at once to the gebiedsregisseurs (its KCP is told the day the deadline passes).
KERNPORTAL_QUESTION_ESCALATION_DAYS = env.int("KERNPORTAL_QUESTION_ESCALATION_DAYS", default=3)
# Initiatives without any activity for this many days show up in their official's digest.
KERNPORTAL_IDLE_INITIATIVE_DAYS = env.int("KERNPORTAL_IDLE_INITIATIVE_DAYS", default=30)
# Send a digest that has nothing in it (off: an empty digest closes its period silently).
KERNPORTAL_DIGEST_SEND_EMPTY = env.bool("KERNPORTAL_DIGEST_SEND_EMPTY", default=False)
# The outbox sweep sends e-mails left unsent for longer than this (the broker was down).
KERNPORTAL_OUTBOX_SWEEP_AFTER_SECONDS = env.int("KERNPORTAL_OUTBOX_SWEEP_AFTER_SECONDS", default=60)
# How far ahead digests look for due follow-ups, meetings and agenda items.
KERNPORTAL_DIGEST_LOOKAHEAD_DAYS = env.int("KERNPORTAL_DIGEST_LOOKAHEAD_DAYS", default=7)

# --- Maps ---------------------------------------------------------------------------------------
# The residents' browsers load the tiles; the server needs no internet. Empty: no tiles, the
# maps then show the kernen as named points only. See the README for the PDOK basemap.
KERNPORTAL_MAP_TILE_URL = env.str(
    "KERNPORTAL_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
KERNPORTAL_MAP_ATTRIBUTION = env.str(
    "KERNPORTAL_MAP_ATTRIBUTION", default="© OpenStreetMap-bijdragers"
)


def tile_source(url: str) -> list[str]:
    """The Content-Security-Policy `img-src` entry for a tile URL template: its scheme and
    host, Leaflet's `{s}` subdomain placeholder as a wildcard. Nothing for no tiles or tiles
    served by the portal itself (covered by 'self')."""
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return []
    return [f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"]


# --- Forms -----------------------------------------------------------------------------------
FORMS_URLFIELD_ASSUME_HTTPS = True
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ==============================================================================
# Everything that makes the portal safe to run lives in this block (README "Security and
# privacy"); `kernportal/checks.py` fails `check --deploy` when a part of it is missing.
from csp.constants import NONE, SELF  # noqa: E402

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Submitting the domain to the browsers' preload list is the domain owner's decision.
        SILENCED_SYSTEM_CHECKS.append("security.W021")

# Benchmark mode (bench/, never in production): a floor view and an X-Query-Count header.
KERNPORTAL_BENCH = env.bool("KERNPORTAL_BENCH", default=False)
if KERNPORTAL_BENCH:
    MIDDLEWARE.insert(0, "kernportal.bench.QueryCountMiddleware")

# Sessions end after this many idle minutes (kernportal.security.IdleTimeoutMiddleware, which
# tells the user why). The stored session outlives that by five minutes as a backstop, so the
# middleware still finds it to say so.
KERNPORTAL_SESSION_IDLE_MINUTES = env.int("KERNPORTAL_SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = (KERNPORTAL_SESSION_IDLE_MINUTES + 5) * 60

# The client address behind reverse proxies: the number of proxies in front of Django that
# append to X-Forwarded-For. 0 trusts no header and uses the socket address. Lockouts and rate
# limits both key on kernportal.security.client_ip.
KERNPORTAL_TRUSTED_PROXIES = env.int("KERNPORTAL_TRUSTED_PROXIES", default=0)
RATELIMIT_IP_META_KEY = "kernportal.security.client_ip"

# Audit trail (django-auditlog): every create, change and delete of the portal's own data and
# of users and groups, with actor and address. Plumbing and secrets stay out of it.
AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "sessions",
    "contenttypes",
    "auth.permission",
    "axes",
    "django_celery_beat",
    "otp_totp",
    "otp_static",
    # The outbox and delivery log are the record of e-mail itself, kept under their own retention.
    "kernportal.outboxemail",
    "kernportal.digestdelivery",
    "kernportal.retentionrun",
    # Files kept for a resident's form with errors live a day; an audit entry would keep their
    # names (often personal) for the audit trail's seven years.
    "initiatives.pendingupload",
)
AUDITLOG_EXCLUDE_TRACKING_FIELDS = ("last_login",)
AUDITLOG_MASK_TRACKING_FIELDS = ("password", "token", "token_hash")
AUDITLOG_DISABLE_REMOTE_ADDR = False
# How many audit entries a detail page shows before linking to the full history.
KERNPORTAL_AUDIT_PANEL_SIZE = 10

# The version of the privacy statement (templates/privacy.html) the page shows and each public
# submission records with its consent. Change it whenever the statement's text changes.
KERNPORTAL_PRIVACY_STATEMENT_VERSION = env.str(
    "KERNPORTAL_PRIVACY_STATEMENT_VERSION", default="2026-11"
)

# Retention (AVG): personal data older than this many days (counted from the moment its case
# ended, see README "Security and privacy") is anonymised or deleted by `apply_retention`.
KERNPORTAL_RETENTION_DAYS = {
    "initiators": env.int("KERNPORTAL_RETAIN_INITIATORS_DAYS", default=2 * 365),
    "askers": env.int("KERNPORTAL_RETAIN_ASKERS_DAYS", default=365),
    "contacts": env.int("KERNPORTAL_RETAIN_CONTACTS_DAYS", default=2 * 365),
    "attachments": env.int("KERNPORTAL_RETAIN_ATTACHMENTS_DAYS", default=2 * 365),
    "outbox": env.int("KERNPORTAL_RETAIN_OUTBOX_DAYS", default=90),
    "audit": env.int("KERNPORTAL_RETAIN_AUDIT_DAYS", default=7 * 365),
}

# Two-factor authentication (TOTP + recovery codes) for every login. On unless DEBUG is on;
# demo and development switch it off explicitly, and the portal then says so on every page.
KERNPORTAL_REQUIRE_2FA = env.bool("KERNPORTAL_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("KERNPORTAL_OTP_ISSUER", default="Kernportal")

# Brute-force protection (django-axes): an account is locked for one address after this many
# failures, so an attacker cannot lock everyone out from one machine. PermissionBackend only
# reads permissions (one query instead of ModelBackend's two); ModelBackend logs users in.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "kernportal.backends.PermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("KERNPORTAL_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("KERNPORTAL_LOGIN_LOCKOUT_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "kernportal.security.client_ip"
AXES_LOCKOUT_CALLABLE = "kernportal.security.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # kernportal.security logs lockouts in its own structured form

# Single sign-on through the municipality's identity provider (OpenID Connect, optional;
# kernportal/oidc.py). On only when the client and all provider endpoints are set; it links
# logins to existing active accounts by verified e-mail address and creates none.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
KERNPORTAL_OIDC = all(
    (
        OIDC_RP_CLIENT_ID,
        OIDC_RP_CLIENT_SECRET,
        OIDC_OP_AUTHORIZATION_ENDPOINT,
        OIDC_OP_TOKEN_ENDPOINT,
        OIDC_OP_USER_ENDPOINT,
        OIDC_OP_JWKS_ENDPOINT,
    )
)
# Shown on the login page as "Inloggen via <name>".
KERNPORTAL_OIDC_PROVIDER_NAME = env.str("KERNPORTAL_OIDC_PROVIDER_NAME", default="de gemeente")
# ID-token values that mean the provider did multi-factor authentication, so its login counts
# as the second step; any other login still goes through the portal's own TOTP step.
KERNPORTAL_OIDC_MFA_ACR = env.list("KERNPORTAL_OIDC_MFA_ACR", default=[])
KERNPORTAL_OIDC_MFA_AMR = env.list("KERNPORTAL_OIDC_MFA_AMR", default=["mfa"])
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = "openid email"
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "login"
if KERNPORTAL_OIDC:
    AUTHENTICATION_BACKENDS.append("kernportal.oidc.StaffOIDCBackend")

# Content-Security-Policy (django-csp): no inline script or style anywhere, admin included.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its icons as data: SVG; the maps load tiles from the configured host.
        "img-src": [SELF, "data:", *tile_source(KERNPORTAL_MAP_TILE_URL)],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Every line carries the request id; private tokens are masked; JSON lines on request.
LOGGING = logging_config(
    json_format=env.str("DJANGO_LOG_FORMAT", default="text").lower() == "json",
    level=env.str("DJANGO_LOG_LEVEL", default="INFO").upper(),
)
