"""Project system checks for what Django's own `check --deploy` does not cover: a
Content-Security-Policy without inline script or style, a Permissions-Policy, no wildcard
hosts, brute-force protection and the second factor. Tagged `deploy`, so they run with
`manage.py check --deploy` (and fail CI's `--fail-level WARNING`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning
from django.core.checks import register as register_check

CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"
PP_MIDDLEWARE = "django_permissions_policy.PermissionsPolicyMiddleware"
AXES_MIDDLEWARE = "axes.middleware.AxesMiddleware"
UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "*", "'unsafe-hashes'")


def check_csp(app_configs=None, **kwargs):
    errors = []
    if CSP_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(Error(f"{CSP_MIDDLEWARE} is not in MIDDLEWARE.", id="kernportal.E001"))
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    directives = policy.get("DIRECTIVES") or {}
    if not directives:
        errors.append(Error("CONTENT_SECURITY_POLICY has no directives.", id="kernportal.E002"))
        return errors
    for name in ("default-src", "script-src", "style-src", "object-src", "frame-ancestors"):
        if name not in directives:
            errors.append(Error(f"The CSP lacks {name}.", id="kernportal.E003"))
    for name, sources in directives.items():
        bad = [source for source in sources or () if str(source).lower() in UNSAFE]
        if bad:
            errors.append(
                Error(f"The CSP directive {name} allows {', '.join(bad)}.", id="kernportal.E004")
            )
    return errors


def check_permissions_policy(app_configs=None, **kwargs):
    if PP_MIDDLEWARE not in settings.MIDDLEWARE or not getattr(
        settings, "PERMISSIONS_POLICY", None
    ):
        return [Error("No Permissions-Policy header is configured.", id="kernportal.E005")]
    return []


def check_hosts(app_configs=None, **kwargs):
    wild = [host for host in settings.ALLOWED_HOSTS if host == "*" or host.startswith(".")]
    if wild:
        return [
            Error(
                f"ALLOWED_HOSTS holds wildcards: {', '.join(wild)}. Name each host.",
                id="kernportal.E006",
            )
        ]
    return []


def check_login_protection(app_configs=None, **kwargs):
    errors = []
    if AXES_MIDDLEWARE not in settings.MIDDLEWARE or not getattr(settings, "AXES_ENABLED", True):
        errors.append(Error("Brute-force protection (django-axes) is off.", id="kernportal.E007"))
    if not settings.KERNPORTAL_REQUIRE_2FA:
        errors.append(
            Warning(
                "Two-factor authentication is switched off (KERNPORTAL_REQUIRE_2FA).",
                hint="Only for demos and development.",
                id="kernportal.W001",
            )
        )
    if not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE):
        errors.append(Error("Session and CSRF cookies must be Secure.", id="kernportal.E008"))
    return errors


def register():
    for check in (check_csp, check_permissions_policy, check_hosts, check_login_protection):
        register_check(check, Tags.security, deploy=True)
