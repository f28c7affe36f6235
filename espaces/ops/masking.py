"""Personal data kept out of the server's output: e-mail addresses, phone numbers and links
(which may carry a token) are replaced by placeholders before anything is printed or logged
(the console e-mail and SMS backends outside DEBUG, the LOGGING filter; docs/security.md)."""

import logging
import re

LINK_MASK = "[lien masqué]"
EMAIL_MASK = "[adresse masquée]"
PHONE_MASK = "[téléphone masqué]"
TOKEN_MASK = "[jeton masqué]"

_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# French numbers (0X XX XX XX XX, +33 X…, with spaces, dots or dashes) and other international
# ones (+ then 8 to 15 digits).
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\w)"
    r"|(?<![\w+])\+\d(?:[\s.-]?\d){7,14}(?!\w)"
)
# Long random-looking strings (API keys esp_…, signed values, reset tokens): 24 or more
# characters of letters, digits, dash or underscore mixing letters and digits.
_TOKEN = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{24,}(?![\w-])")


def mask_personal_data(text: str) -> str:
    """`text` with links, e-mail addresses, phone numbers and token-like strings masked."""
    if not text:
        return text
    text = _URL.sub(LINK_MASK, text)
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _PHONE.sub(PHONE_MASK, text)
    return _TOKEN.sub(TOKEN_MASK, text)


class PersonalDataFilter(logging.Filter):
    """A logging filter that masks personal data in the message and in the traceback (an SMTP
    error names the refused address, a database error the duplicated value)."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is logged as it is
            return True
        record.msg = mask_personal_data(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        return True
