from django import template

from kernportal import oidc

register = template.Library()


@register.inclusion_tag("registration/_sso_login.html")
def sso_login(next_url=""):
    """The "Inloggen via <provider>" link, when single sign-on is configured; else nothing."""
    return {"enabled": oidc.is_enabled(), "provider": oidc.provider_name(), "next": next_url}
