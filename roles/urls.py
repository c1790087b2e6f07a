from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("portaal/rollen/", views.role_guide, name="role_guide"),
    path("portaal/rollen/overzicht/", views.overview, name="overview"),
    path("portaal/rollen/indelen/<str:label>/<int:pk>/", views.classify, name="classify"),
    path("portaal/participatie/", views.request_list, name="request_list"),
    path("portaal/participatie/nieuw/", views.request_create, name="request_create"),
    path("portaal/participatie/te-beoordelen/", views.inbox, name="inbox"),
    path("portaal/participatie/belasting/", views.heatmap, name="heatmap"),
    path("portaal/participatie/<int:pk>/", views.request_detail, name="request_detail"),
    path("portaal/participatie/<int:pk>/beoordelen/<slug:slug>/", views.review, name="review"),
    path("portaal/kernen/<slug:slug>/stille-perioden/", views.quiet_list, name="quiet_list"),
    path(
        "portaal/kernen/<slug:slug>/stille-perioden/<int:pk>/verwijderen/",
        views.quiet_delete,
        name="quiet_delete",
    ),
]
