"""Settings of the site the browser tests drive (a gunicorn subprocess on a temporary SQLite
database, see conftest.py): the test settings, static files served from the source folders,
and a short kiosk idle time so that the kiosk reset can be watched."""

import os

from config.settings.test import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ESPACES_KIOSK_IDLE_SECONDS = int(os.environ.get("ESPACES_KIOSK_IDLE_SECONDS", "6"))
AXES_ENABLED = False
