from django.urls import path

from . import views

app_name = "orientation"

urlpatterns = [
    path("", views.start, name="start"),
    path("commencer/", views.begin, name="begin"),
    path("question/<int:number>/", views.question, name="question"),
    path("vos-reponses/", views.review, name="review"),
    path("terminer/", views.finish, name="finish"),
    path("recommencer/", views.restart, name="restart"),
    path("retrouver/", views.find, name="find"),
    path("resultat/<str:code>/", views.result, name="result"),
    path("resultat/<str:code>/imprimer/", views.result_print, name="print"),
    path("resultat/<str:code>/courriel/", views.result_email, name="email"),
    path("resultat/<str:code>/modifier/", views.result_edit, name="edit"),
]
