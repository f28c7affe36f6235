"""Spreadsheet-safe cells (CSV injection, OWASP « CSV Injection »): the one function every
export (CSV, XLSX) passes its cells through, so that no text becomes a live formula when the
file is opened in a spreadsheet.

- A text starting with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed gets a
  leading apostrophe (the spreadsheets' « this is text » mark).
- The same characters right after a separator a spreadsheet may split on (`;`, `,`, `|`, tab,
  line breaks; spaces and quotes in between allowed), as in « ;=4+4 » opened with « ; » as the
  separator, get an apostrophe too.
- Numbers, dates and empty values are left as they are.
"""

import csv
import re
from decimal import Decimal

from django.utils.functional import Promise

FORMULA_CHARS = "=+-@\t\r\n"
_AFTER_SEPARATOR = re.compile(r"([;,|\t\r\n][\s\"']*)([=+\-@])")


def safe_cell(value):
    """The value, with any text that a spreadsheet would read as a formula neutralised."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str) or value == "":
        return value
    text = _AFTER_SEPARATOR.sub(r"\1'\2", value)
    if text[0] in FORMULA_CHARS:
        text = "'" + text
    return text


def safe_row(values) -> list:
    return [safe_cell(v) for v in values]


class _SafeWriter:
    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, values):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows):
        for values in rows:
            self.writerow(values)


def csv_writer(out) -> _SafeWriter:
    """A csv.writer whose every cell goes through `safe_cell`."""
    return _SafeWriter(out)


def xlsx_value(value):
    """A cell value for openpyxl: Decimal as float, lazy text as text, texts neutralised."""
    if isinstance(value, Decimal):
        return float(value)
    return safe_cell(value)
