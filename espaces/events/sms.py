"""Sending text messages through a pluggable backend chosen by `settings.SMS_BACKEND`.

- `console`            prints the messages (default, development);
- `file:/path/sms.jsonl` appends one JSON line per message;
- `locmem`             keeps them in `sms.outbox` (tests);
- `http://…`/`https://…` POSTs JSON `{"to", "text", "sender"}` to a provider's gateway with
  `Authorization: Bearer <SMS_API_TOKEN>` (the token may also be given as the URL's password:
  `https://:TOKEN@gateway.example/send`).
"""

import datetime as dt
import json
import logging
import os
import sys
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings

logger = logging.getLogger("espaces.events.sms")

# One mention on every message (French telecoms rules for automated SMS).
STOP_MENTION = "Répondez STOP pour ne plus recevoir de SMS."

outbox: list["SmsMessage"] = []


class SmsError(Exception):
    """The message could not be handed to the provider."""


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str


class SmsBackend(Protocol):
    def send(self, message: SmsMessage) -> None: ...


class ConsoleSmsBackend:
    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, message: SmsMessage) -> None:
        to, text = message.to, message.text
        if not settings.DEBUG:  # the server's output is a log: no number, no link in it
            from espaces.ops.masking import PHONE_MASK, mask_personal_data

            to, text = PHONE_MASK, mask_personal_data(text)
        self.stream.write(f"SMS à {to} :\n{text}\n{'-' * 40}\n")
        self.stream.flush()


class LocmemSmsBackend:
    def send(self, message: SmsMessage) -> None:
        outbox.append(message)


class FileSmsBackend:
    _lock = threading.Lock()

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def send(self, message: SmsMessage) -> None:
        line = json.dumps(
            {
                "to": message.to,
                "text": message.text,
                "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            },
            ensure_ascii=False,
        )
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")


class HttpSmsBackend:
    """A provider gateway taking JSON over HTTPS (most French SMS providers offer one)."""

    def __init__(self, url: str, token: str = "", sender: str = "", timeout: float = 10):
        parts = urlsplit(url)
        if parts.password or parts.username:
            token = token or unquote(parts.password or parts.username or "")
            netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
            url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
        self.url = url
        self.token = token
        self.sender = sender
        self.timeout = timeout

    def send(self, message: SmsMessage) -> None:
        body = json.dumps(
            {"to": message.to, "text": message.text, "sender": self.sender}, ensure_ascii=False
        ).encode()
        request = urllib.request.Request(  # noqa: S310 (scheme checked in get_backend)
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8"}
            | ({"Authorization": f"Bearer {self.token}"} if self.token else {}),
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                if not 200 <= response.status < 300:
                    raise SmsError(f"la passerelle SMS a répondu {response.status}")
        except urllib.error.HTTPError as exc:
            raise SmsError(f"la passerelle SMS a répondu {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsError(f"passerelle SMS injoignable ({exc})") from exc


def get_backend(spec: str | None = None) -> SmsBackend:
    """The backend named by `spec` (default `settings.SMS_BACKEND`)."""
    spec = (spec if spec is not None else getattr(settings, "SMS_BACKEND", "console")) or "console"
    if spec == "console":
        return ConsoleSmsBackend()
    if spec == "locmem":
        return LocmemSmsBackend()
    if spec.startswith("file:"):
        return FileSmsBackend(spec.removeprefix("file:").removeprefix("//"))
    if spec.startswith(("http://", "https://")):
        return HttpSmsBackend(
            spec,
            token=getattr(settings, "SMS_API_TOKEN", "") or os.environ.get("SMS_API_TOKEN", ""),
            sender=getattr(settings, "SMS_SENDER", "") or os.environ.get("SMS_SENDER", ""),
        )
    raise ValueError(
        f"SMS_BACKEND « {spec} » inconnu : console, locmem, file:/chemin ou une adresse http(s)."
    )


def normalise_phone(value: str) -> str | None:
    """A phone number as E.164 (`+33612345678`), or None when it is not a valid number.

    French numbers may be written `06 12 34 56 78`, `06.12.34.56.78` or `+33 6 12 34 56 78`;
    others with their country code (`+32 470 12 34 56`). Parsed by `phonenumbers`
    (espaces.messaging.phones)."""
    from espaces.messaging import phones

    return phones.normalise(value)


def is_mobile(phone: str) -> bool:
    """Text messages only go to mobiles (French 06/07, the mobile ranges elsewhere)."""
    from espaces.messaging import phones

    return phones.is_mobile(phone)


def send_sms(*, to: str, text: str, backend: SmsBackend | None = None) -> None:
    """Send `text` (the STOP mention is appended) to `to`; raises SmsError on failure."""
    body = text.rstrip() + "\n" + STOP_MENTION
    (backend or get_backend()).send(SmsMessage(to=to, text=body))


def format_phone(phone: str) -> str:
    """+33612345678 → 06 12 34 56 78 (other countries in their international form)."""
    from espaces.messaging import phones

    return phones.display(phone)
