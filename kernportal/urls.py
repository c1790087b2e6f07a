from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import access_requests, health, twofactor, views

handler500 = "kernportal.views.server_error"

admin.site.site_header = "Kernportal beheer"
admin.site.site_title = "Kernportal beheer"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("gezond/", health.ready, name="health"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("gezond/live/", health.live, name="health_live"),
    path("beheer/", admin.site.urls),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("inloggen/tweede-stap/", twofactor.verify, name="two_factor_verify"),
    path("inloggen/tweestapsverificatie/", twofactor.enrol, name="two_factor_enrol"),
    path("portaal/herstelcodes/", twofactor.recovery_codes, name="two_factor_recovery"),
    path("privacy/", views.privacy, name="privacy"),
    path("taal/", views.language_switch, name="set_language"),
    path("portaal/geschiedenis/<str:label>/<int:pk>/", views.audit_history, name="audit_history"),
    path("portaal/privacyverzoek/", access_requests.access_request, name="access_request"),
    path(
        "portaal/privacyverzoek/verwijderen/",
        access_requests.access_request_erase,
        name="access_request_erase",
    ),
    path("", include("kernen.urls")),
    path("", include("contacts.urls")),
    path("", include("initiatives.urls")),
    path("", include("roles.urls")),
]

if settings.KERNPORTAL_OIDC:
    from . import oidc

    urlpatterns += oidc.urlpatterns

if settings.KERNPORTAL_BENCH:
    from .bench import floor

    urlpatterns.append(path("bench/floor/", floor, name="bench_floor"))

# Uploaded files are never served from a URL of their own, not even with DEBUG on: only the
# views that check access stream them.
