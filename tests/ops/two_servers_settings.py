"""Settings of the app servers started by test_two_servers.py: the production settings
(config.settings.base, CACHE_URL from the environment) with plain static files, so that no
collectstatic is needed."""

from config.settings.base import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
