"""Development settings: DEBUG on (`make dev`)."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403

DEBUG = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
