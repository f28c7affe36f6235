"""SMS backends: console, file, locmem and the HTTP provider adapter (against a local fake)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from espaces.events import sms


class FakeGateway(BaseHTTPRequestHandler):
    received: list = []
    status = 202

    def do_POST(self):  # noqa: N802 (http.server API)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(
            {
                "path": self.path,
                "authorization": self.headers.get("Authorization"),
                "content_type": self.headers.get("Content-Type"),
                "json": json.loads(body),
            }
        )
        self.send_response(type(self).status)
        self.end_headers()
        self.wfile.write(b'{"id": "abc"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    FakeGateway.received = []
    FakeGateway.status = 202
    server = HTTPServer(("127.0.0.1", 0), FakeGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_backend_posts_json_with_the_bearer_token(gateway, settings):
    settings.SMS_BACKEND = f"{gateway}/v1/sms"
    settings.SMS_API_TOKEN = "jeton-secret"
    sms.send_sms(to="+33612345678", text="Rappel : atelier demain à 14 h.")
    [request] = FakeGateway.received
    assert request["path"] == "/v1/sms"
    assert request["authorization"] == "Bearer jeton-secret"
    assert request["content_type"].startswith("application/json")
    assert request["json"]["to"] == "+33612345678"
    assert request["json"]["text"] == (
        "Rappel : atelier demain à 14 h.\nRépondez STOP pour ne plus recevoir de SMS."
    )


def test_http_backend_takes_the_token_from_the_url_and_reports_failures(gateway):
    backend = sms.get_backend(gateway.replace("http://", "http://:dans-url@") + "/send")
    backend.send(sms.SmsMessage(to="+33700000000", text="Bonjour"))
    assert FakeGateway.received[0]["authorization"] == "Bearer dans-url"
    FakeGateway.status = 500
    with pytest.raises(sms.SmsError, match="500"):
        backend.send(sms.SmsMessage(to="+33700000000", text="Bonjour"))
    with pytest.raises(sms.SmsError, match="injoignable"):
        sms.get_backend("http://127.0.0.1:9/send").send(sms.SmsMessage(to="+337", text="x"))


def test_file_backend_appends_json_lines(tmp_path, settings):
    path = tmp_path / "sms" / "sortie.jsonl"
    settings.SMS_BACKEND = f"file:{path}"
    sms.send_sms(to="+33612345678", text="Un")
    sms.send_sms(to="+33712345678", text="Deux")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(line["to"], line["text"].split("\n")[0]) for line in lines] == [
        ("+33612345678", "Un"),
        ("+33712345678", "Deux"),
    ]


def test_console_backend_prints(capsys, settings):
    settings.SMS_BACKEND = "console"
    settings.DEBUG = True  # make dev: everything
    sms.send_sms(to="+33612345678", text="Bonjour")
    assert "SMS à +33612345678" in capsys.readouterr().out
    settings.DEBUG = False  # the server's log: the number is masked (docs/security.md)
    sms.send_sms(to="+33612345678", text="Bonjour")
    out = capsys.readouterr().out
    assert "SMS à [téléphone masqué]" in out and "+33612345678" not in out and "Bonjour" in out


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="SMS_BACKEND"):
        sms.get_backend("pigeon")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("03 28 00 00 00", "+33328000000"),
        ("+32 470 12 34 56", "+32470123456"),
        ("12", None),
        ("06 12 34", None),
        ("bonjour", None),
    ],
)
def test_phone_numbers_are_normalised(raw, expected):
    assert sms.normalise_phone(raw) == expected


def test_only_mobiles_receive_sms():
    assert sms.is_mobile("+33612345678") and sms.is_mobile("+33756123456")
    assert not sms.is_mobile("+33328000000")
    assert sms.format_phone("+33612345678") == "06 12 34 56 78"
