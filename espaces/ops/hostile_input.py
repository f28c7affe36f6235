"""Hostile input answered with a 4xx in French, never a 500, on SQLite and PostgreSQL
(docs/security.md, « Robustness against bad input »):

- a body larger than `ESPACES_MAX_BODY_BYTES` (default: DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB) →
  413, whether announced by Content-Length or found while reading;
- a JSON body nested deeper than `ESPACES_MAX_JSON_DEPTH` (default 64) → 400;
- a NUL character or a lone UTF-16 surrogate (which PostgreSQL refuses to store), or bytes that
  are not UTF-8, in the query string, a form field or a JSON body → 400;
- what slips through (a value the database refuses, a date computation that overflows, an id
  that is not a number) → 400 by `process_exception`, logged without the request's content.

API paths answer JSON `{"message": …}`; pages answer a short French page."""

import logging
import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.db import DataError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger("espaces.security")

API_PREFIX = "/api/"
MESSAGES = {
    413: "Requête trop volumineuse : le corps dépasse {limit} octets. Envoyez moins de données.",
    "depth": "Corps JSON trop imbriqué (plus de {depth} niveaux) : simplifiez la structure.",
    "nul": "Caractère interdit dans la requête (caractère nul ou invalide) : retirez-le et "
    "recommencez.",
    "encoding": "La requête n'est pas en UTF-8 valide : vérifiez l'encodage des caractères.",
    "bad": "Valeur invalide dans la requête : vérifiez les champs (nombres, dates entre le "
    "01/01/2000 et le 31/12/2100) et recommencez.",
}
# a JSON escape of NUL, or of a surrogate not part of a valid pair
_JSON_NUL = re.compile(rb"\\u0000", re.IGNORECASE)
_JSON_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<![0-9a-fA-F]{4})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def max_body_bytes() -> int:
    return int(
        getattr(settings, "ESPACES_MAX_BODY_BYTES", None)
        or settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        or 2_621_440
    )


def max_json_depth() -> int:
    return int(getattr(settings, "ESPACES_MAX_JSON_DEPTH", 64))


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """True when brackets outside strings nest deeper than `limit` (no parsing, no recursion)."""
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def _bad_text(raw: bytes) -> str | None:
    """'nul' or 'encoding' when these bytes cannot be stored as text, else None."""
    if b"\x00" in raw:
        return "nul"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "encoding"
    return None


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def refuse(request, status: int, message: str) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"message": message}, status=status)
    try:
        html = render_to_string("400.html", {"message": message, "status": status}, request)
    except Exception:  # noqa: BLE001 — the answer to bad input must never fail
        html = f"<!DOCTYPE html><title>Requête refusée</title><p>{message}</p>"
    return HttpResponse(html, status=status)


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = self.check(request)
        if problem is not None:
            return refuse(request, *problem)
        return self.get_response(request)

    def check(self, request) -> tuple[int, str] | None:
        limit = max_body_bytes()
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 400, MESSAGES["bad"]
        if length > limit:
            return 413, MESSAGES[413].format(limit=limit)
        query = request.META.get("QUERY_STRING", "")
        if query:
            kind = _bad_text(unquote_to_bytes(query.replace("+", " ")))
            if kind:
                return 400, MESSAGES[kind]
        if request.method in ("GET", "HEAD", "OPTIONS") or not length:
            return None
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if content_type.startswith("multipart/"):
            # files may hold any byte; the text fields may not. The body is read first so that
            # the view can still read it (request.body) after the fields are parsed from it.
            try:
                request.body  # noqa: B018
                fields = request.POST
            except RequestDataTooBig:
                return 413, MESSAGES[413].format(limit=limit)
            for values in fields.lists():
                for value in values[1]:
                    if "\x00" in value or _has_surrogate(value):
                        return 400, MESSAGES["nul"]
            return None
        try:
            body = request.body
        except RequestDataTooBig:
            return 413, MESSAGES[413].format(limit=limit)
        if content_type == "application/x-www-form-urlencoded":
            kind = _bad_text(unquote_to_bytes(body.replace(b"+", b" ")))
            if kind:
                return 400, MESSAGES[kind]
        elif content_type.endswith("json") or request.path_info.startswith(API_PREFIX):
            kind = _bad_text(body)
            if kind:
                return 400, MESSAGES[kind]
            if _JSON_NUL.search(body) or _JSON_SURROGATE.search(body):
                return 400, MESSAGES["nul"]
            if json_depth_exceeds(body, max_json_depth()):
                return 400, MESSAGES["depth"].format(depth=max_json_depth())
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return refuse(request, 413, MESSAGES[413].format(limit=max_body_bytes()))
        if isinstance(exception, TooManyFieldsSent):
            return refuse(request, 400, MESSAGES["bad"])
        if isinstance(exception, DataError | OverflowError | ValidationError | RecursionError):
            logger.warning("Entrée refusée : %s sur %s", type(exception).__name__, request.path)
            return refuse(request, 400, MESSAGES["bad"])
        if isinstance(exception, ValueError) and _is_bad_value(exception):
            logger.warning("Entrée refusée : %s sur %s", type(exception).__name__, request.path)
            return refuse(request, 400, MESSAGES["bad"])
        return None


def _is_bad_value(exception: ValueError) -> bool:
    """ValueErrors that come from the input: an id that is not a number, a NUL refused by the
    database driver, a date out of range."""
    text = str(exception)
    return any(
        marker in text
        for marker in (
            "expected a number",
            "NUL",
            "out of range",
            "year",
            "invalid literal for int",
            "surrogates not allowed",
        )
    )
