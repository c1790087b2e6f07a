from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("initiatieven/", views.public_list, name="public_list"),
    path("initiatieven/kaart.geojson", views.geojson, name="geojson"),
    path("initiatieven/indienen/", views.submit, name="submit"),
    path("initiatieven/ingediend/", views.submitted, name="submitted"),
    path("initiatieven/volgen/<str:token>/", views.track, name="track"),
    path("initiatieven/volgen/<str:token>/intrekken/", views.withdraw, name="withdraw"),
    path("initiatieven/<int:pk>/", views.public_detail, name="public_detail"),
    path("portaal/initiatieven/", views.board, name="board"),
    path("portaal/initiatieven/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("portaal/initiatieven/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("portaal/initiatieven/escalaties/", views.escalations, name="escalations"),
    path("portaal/initiatieven/hefboom/", views.leverage, name="leverage"),
    path("portaal/initiatieven/<int:pk>/", views.detail, name="detail"),
    path("portaal/initiatieven/<int:pk>/status/", views.change_status, name="change_status"),
    path("portaal/initiatieven/<int:pk>/contactpersoon/", views.reassign, name="reassign"),
    path("portaal/initiatieven/<int:pk>/afspraak/", views.support_add, name="support_add"),
    path("portaal/initiatieven/<int:pk>/notitie/", views.note_add, name="note_add"),
    path("portaal/initiatieven/<int:pk>/koppelingen/", views.links, name="links"),
    path("portaal/initiatieven/<int:pk>/escaleren/", views.escalate, name="escalate"),
    path("portaal/initiatieven/<int:pk>/de-escaleren/", views.deescalate, name="deescalate"),
    path("portaal/initiatieven/<int:pk>/toekennen/", views.grant_create, name="grant_create"),
    path("portaal/initiatieven/<int:pk>/cofinanciering/", views.cofundings, name="cofundings"),
    path(
        "portaal/initiatieven/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("portaal/fondsen/", views.fund_list, name="funds"),
    path("portaal/fondsen/<int:pk>/", views.fund_detail, name="fund_detail"),
    path("portaal/toekenningen/<int:pk>/betaald/", views.grant_pay, name="grant_pay"),
]
