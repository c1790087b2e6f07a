from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

admin.site.site_header = "Kernportal beheer"
admin.site.site_title = "Kernportal beheer"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("privacy/", views.privacy, name="privacy"),
    path("", include("kernen.urls")),
    path("", include("contacts.urls")),
    path("", include("initiatives.urls")),
    path("", include("roles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
