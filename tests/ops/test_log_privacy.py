"""Personal data out of the server's output: the console e-mail backend outside DEBUG, the
console SMS backend, the LOGGING filter, the gunicorn and nginx access-log formats."""

import io
import logging
import re
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

from espaces.events.sms import ConsoleSmsBackend, SmsMessage
from espaces.ops.mail_backends import MaskedConsoleEmailBackend
from espaces.ops.masking import PersonalDataFilter, mask_personal_data

ROOT = Path(__file__).resolve().parents[2]
LINK = "https://exemple.localhost/equipe/mot-de-passe/nouveau/MQ/cf6v2a-4b1c0d9e8f7a6b5c4d3e2f1a/"
BODY = (
    "Bonjour,\nVotre lien : " + LINK + "\nRéponse à marie.dupont@example.org ou au "
    "06 12 34 56 78 (+33 6 98 76 54 32).\nJeton : esp_Zx81kq0Lm3n4b5v6c7x8z9a0s1d2f3\n"
)


def _message(cls=EmailMessage):
    message = cls(
        "Inscription de marie.dupont@example.org",
        BODY,
        "Espaces <noreply@exemple.org>",
        ["marie.dupont@example.org", "jean@example.org"],
    )
    if cls is EmailMultiAlternatives:
        message.attach_alternative(f"<a href='{LINK}'>lien</a>", "text/html")
    return message


def test_masked_console_backend_hides_addresses_links_phones_and_tokens():
    stream = io.StringIO()
    MaskedConsoleEmailBackend(stream=stream).send_messages([_message(EmailMultiAlternatives)])
    out = stream.getvalue()
    for secret in (
        "marie.dupont@example.org",
        "jean@example.org",
        "noreply@exemple.org",
        "/equipe/mot-de-passe/nouveau/",
        "cf6v2a-4b1c0d9e8f7a6b5c4d3e2f1a",
        "06 12 34 56 78",
        "98 76 54 32",
        "esp_Zx81kq0Lm3n4b5v6c7x8z9a0s1d2f3",
    ):
        assert secret not in out, secret
    assert "[lien masqué]" in out and "[adresse masquée]" in out and "[téléphone masqué]" in out
    assert "(2 destinataires)" in out and "[version HTML non affichée]" in out
    assert "Bonjour," in out and "Subject: Inscription de [adresse masquée]" in out


def test_django_console_backend_used_in_debug_shows_everything():
    stream = io.StringIO()
    DjangoConsoleBackend(stream=stream).send_messages([_message()])
    assert LINK in stream.getvalue() and "marie.dupont@example.org" in stream.getvalue()


def test_console_sms_backend_masks_the_number_and_links_outside_debug(settings):
    stream = io.StringIO()
    settings.DEBUG = False
    ConsoleSmsBackend(stream=stream).send(SmsMessage(to="+33612345678", text="Lien : " + LINK))
    assert "+33612345678" not in stream.getvalue() and LINK not in stream.getvalue()
    assert "[téléphone masqué]" in stream.getvalue()
    settings.DEBUG = True
    debug = io.StringIO()
    ConsoleSmsBackend(stream=debug).send(SmsMessage(to="+33612345678", text="Lien : " + LINK))
    assert "+33612345678" in debug.getvalue() and LINK in debug.getvalue()


def test_masking_keeps_ordinary_text_dates_and_counts():
    text = "Séance du 2026-12-03 à 14:30 : 12 inscrits, salle 2, code ABC123."
    assert mask_personal_data(text) == text


def _logged(logger_name, *args, exc=None) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    try:
        if exc is None:
            logger.error(*args)
        else:
            try:
                raise exc
            except Exception:
                logger.exception(*args)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_logging_filter_masks_messages_arguments_and_tracebacks():
    out = _logged("espaces.test", "Envoi à %s refusé (%s)", "marie.dupont@example.org", LINK)
    assert "marie.dupont@example.org" not in out and LINK not in out
    assert "Envoi à [adresse masquée] refusé ([lien masqué])" in out
    out = _logged(
        "espaces.test",
        "Courriel non envoyé",
        exc=OSError("550 refusé pour <jean@example.org>, tél. 07 11 22 33 44"),
    )
    assert "Traceback" in out and "OSError" in out
    assert "jean@example.org" not in out and "07 11 22 33 44" not in out


def test_settings_put_the_filter_on_every_console_handler():
    handlers = settings.LOGGING["handlers"]
    assert all("personal_data" in h.get("filters", []) for h in handlers.values())
    assert (
        settings.LOGGING["filters"]["personal_data"]["()"]
        == "espaces.ops.masking.PersonalDataFilter"
    )


def _access_log_formats() -> list[str]:
    formats = []
    for path in (ROOT / "Makefile", ROOT / "docs" / "deployment.md"):
        formats += re.findall(r"--access-logformat '([^']+)'", path.read_text())
    return formats


def test_gunicorn_access_log_prints_the_path_without_query_string_or_referer():
    formats = _access_log_formats()
    assert len(formats) >= 2  # make run and the systemd unit of docs/deployment.md
    for fmt in formats:
        assert "%(U)s" in fmt
        for leaky in ("%(r)s", "%(q)s", "%(f)s", "{"):  # request line, query, referer, headers
            assert leaky not in fmt, fmt


def test_nginx_log_format_uses_the_path_without_arguments():
    text = (ROOT / "docs" / "deployment.md").read_text()
    formats = re.findall(r"log_format espaces '([^']+)'", text)
    assert formats and all("$uri" in f and "$request_uri" not in f for f in formats)
    assert all("$request " not in f and "$args" not in f for f in formats)
