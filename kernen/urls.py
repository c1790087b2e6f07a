from django.urls import path

from . import views

app_name = "kernen"

urlpatterns = [
    path("", views.home, name="home"),
    path("kernen/<slug:slug>/", views.public_detail, name="public_detail"),
    path("portaal/", views.dashboard, name="dashboard"),
    path("portaal/overzichtsmail/", views.digest_preview, name="digest_preview"),
    path("portaal/kernen/", views.kern_list, name="list"),
    path("portaal/kernen/<slug:slug>/", views.kern_detail, name="detail"),
    path("portaal/kernen/<slug:slug>/bewerken/", views.kern_edit, name="edit"),
    path("portaal/kernen/<slug:slug>/groepen/nieuw/", views.group_create, name="group_create"),
    path("portaal/kernen/<slug:slug>/groepen/<int:pk>/", views.group_edit, name="group_edit"),
    path(
        "portaal/kernen/<slug:slug>/kcp/nieuw/", views.assignment_create, name="assignment_create"
    ),
    path(
        "portaal/kernen/<slug:slug>/kcp/<int:pk>/beeindigen/",
        views.assignment_end,
        name="assignment_end",
    ),
    path("portaal/kernen/<slug:slug>/agenda/nieuw/", views.agendaitem_create, name="agenda_create"),
    path("portaal/kernen/<slug:slug>/agenda/<int:pk>/", views.agendaitem_edit, name="agenda_edit"),
    path("portaal/agenda-abonnement/", views.calendar_subscribe, name="calendar_subscribe"),
    path("agenda/<slug:slug>/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
