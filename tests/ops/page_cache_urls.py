"""A URLconf for tests/ops/test_page_cache.py: pages whose only cost is counted."""

from django.http import HttpResponse, HttpResponseNotFound
from django.middleware.csrf import get_token
from django.urls import path

CALLS = {"count": 0}


def page(request):
    CALLS["count"] += 1
    return HttpResponse(f"page {request.get_full_path()} n° {CALLS['count']}")


def page_with_form(request):
    CALLS["count"] += 1
    return HttpResponse(f'<form method="post"><input name="t" value="{get_token(request)}"></form>')


def private(request):
    CALLS["count"] += 1
    response = HttpResponse("privé")
    response["Cache-Control"] = "private"
    return response


def missing(request):
    CALLS["count"] += 1
    return HttpResponseNotFound("absente")


app_name = "pc"
urlpatterns = [
    path("page/", page, name="page"),
    path("formulaire/", page_with_form, name="form"),
    path("prive/", private, name="private"),
    path("autre/", page, name="other"),
    path("absente/", missing, name="missing"),
]
