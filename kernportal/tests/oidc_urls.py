"""The portal's URLs with single sign-on switched on (kernportal.urls adds these only when the
environment configures a provider at start-up)."""

from kernportal.oidc import urlpatterns as oidc_urlpatterns
from kernportal.urls import handler500  # noqa: F401
from kernportal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [*portal_urlpatterns, *oidc_urlpatterns]
