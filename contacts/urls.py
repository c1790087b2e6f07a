from django.urls import path

from kernportal import views as kernportal_views

from . import views

app_name = "contacts"

urlpatterns = [
    # public
    path("kernen/<slug:slug>/vraag/", views.question_public_create, name="question_ask"),
    path("vraag/<str:token>/", views.question_status, name="question_status"),
    # staff
    path("portaal/contacten/", views.person_list, name="person_list"),
    path("portaal/contacten/nieuw/", views.person_create, name="person_create"),
    path("portaal/contacten/<int:pk>/", views.person_detail, name="person_detail"),
    path("portaal/contacten/<int:pk>/bewerken/", views.person_edit, name="person_edit"),
    path(
        "portaal/contacten/<int:pk>/lidmaatschap/",
        views.membership_create,
        name="membership_create",
    ),
    # The search page belongs to kernportal (it searches every app); its address stays here.
    path("portaal/zoeken/", kernportal_views.search, name="search"),
    path("portaal/zoeken/<slug:kind>/", kernportal_views.search_kind, name="search_kind"),
    path("portaal/organisaties/", views.organisation_list, name="organisation_list"),
    path("portaal/organisaties/nieuw/", views.organisation_create, name="organisation_create"),
    path("portaal/organisaties/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path(
        "portaal/organisaties/<int:pk>/bewerken/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "portaal/lidmaatschappen/<int:pk>/bewerken/",
        views.membership_edit,
        name="membership_edit",
    ),
    path("portaal/kernen/<slug:slug>/contactmoment/", views.moment_create, name="moment_create"),
    path(
        "portaal/kernen/<slug:slug>/contactmoment/personen/",
        views.moment_person_search,
        name="moment_person_search",
    ),
    path(
        "portaal/kernen/<slug:slug>/contactmoment/medewerkers/",
        views.moment_staff_search,
        name="moment_staff_search",
    ),
    path("portaal/contactmomenten/<int:pk>/", views.moment_detail, name="moment_detail"),
    path("portaal/contactmomenten/<int:pk>/bewerken/", views.moment_edit, name="moment_edit"),
    path("portaal/vervolgacties/<int:pk>/gedaan/", views.followup_done, name="followup_done"),
    path("portaal/vragen/", views.question_list, name="question_list"),
    path("portaal/vragen/<int:pk>/", views.question_detail, name="question_detail"),
    path("portaal/vragen/<int:pk>/antwoorden/", views.question_answer, name="question_answer"),
    path("portaal/vragen/<int:pk>/doorzetten/", views.question_route, name="question_route"),
    path("portaal/vragen/<int:pk>/bericht/", views.question_message, name="question_message"),
    path("portaal/vragen/te-laat/", views.late_questions, name="late_questions"),
    path("portaal/vragen/<int:pk>/afsluiten/", views.question_close, name="question_close"),
    path(
        "portaal/kernen/<slug:slug>/adviesvraag/",
        views.question_ask_internal,
        name="question_ask_internal",
    ),
    path(
        "portaal/kernen/<slug:slug>/agenda/<int:pk>/contactmomenten/",
        views.agendaitem_link_moments,
        name="agendaitem_moments",
    ),
]
