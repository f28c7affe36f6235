"""Settings for every environment. Everything comes from environment variables
(docs/configuration.md); the defaults make `make run` work with nothing set."""

import os
from datetime import timedelta

import dj_database_url

from .environment import (
    BASE_DIR,
    VAR_DIR,
    caches_from_url,
    env_bool,
    env_csv,
    env_int,
    env_list,
    secret_key,
)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", ".localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

ESPACES_TERRITORY = os.environ.get("ESPACES_TERRITORY", "dunkerque")

INSTALLED_APPS = [
    "espaces.common.admin_scope.ScopedAdminConfig",  # django.contrib.admin, scoped
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "espaces.common",
    "espaces.accounts",
    "espaces.territories",
    "espaces.rome",
    "espaces.catalogue",
    "espaces.services",
    "espaces.orientation",
    "espaces.events",
    "espaces.reception",
    "espaces.recruitment",
    "espaces.stats",
    "espaces.ops",
    "espaces.network",
    "espaces.api",
    "espaces.kiosk",
    "espaces.pros",
    "espaces.gains",
    "espaces.messaging",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # hostile input (oversized or too deep bodies, NUL bytes…) → 4xx in French, never 500
    "espaces.ops.hostile_input.HostileInputMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "espaces.api.middleware.FrenchApiMiddleware",
    "espaces.ops.page_cache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "espaces.ops.middleware.StaffSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "espaces.territories.middleware.TerritoryMiddleware",
    "espaces.kiosk.middleware.KioskMiddleware",
    # Last, as django-axes asks: turns a locked-out login attempt into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# Bodies above this size are answered 413 (docs/security.md); JSON deeper than this, 400.
ESPACES_MAX_BODY_BYTES = env_int("ESPACES_MAX_BODY_BYTES", 2_621_440)
ESPACES_MAX_JSON_DEPTH = env_int("ESPACES_MAX_JSON_DEPTH", 64)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "espaces.territories.context_processors.territory",
            ],
            # `{% url %}` and `|date` with their results remembered per process (issue SPEED).
            "builtins": [
                "espaces.common.templatetags.fast_url",
                "espaces.common.templatetags.fast_dates",
            ],
        },
    },
]

# Form widgets: Django's templates, `<input>` widgets drawn in Python (same HTML; issue SPEED).
FORM_RENDERER = "espaces.common.form_rendering.FormRenderer"

# Database: SQLite embedded by default (WAL, busy timeout, immediate transactions so that
# concurrent writers wait for the lock instead of failing); PostgreSQL through DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'espaces.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 30),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["NAME"] = str(DATABASES["default"]["NAME"])
# Persistent connections on both engines: opening one (and, on SQLite, its PRAGMAs) cost a few
# milliseconds on every request, more than rendering a cached public page (issue SPEED).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "territories:home"

# Password reset by e-mail (docs/security.md): the link is valid PASSWORD_RESET_TIMEOUT seconds
# (2 h) and once; requests are limited per client address and per e-mail address, per hour.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 2 * 3600)
ESPACES_PASSWORD_RESET_PER_CLIENT = env_int("ESPACES_PASSWORD_RESET_PER_CLIENT", 10)
ESPACES_PASSWORD_RESET_PER_ADDRESS = env_int("ESPACES_PASSWORD_RESET_PER_ADDRESS", 3)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# E-mail: console by default; EMAIL_URL=smtp://user:password@host:port (smtp+tls:// for TLS).
EMAIL_URL = os.environ.get("EMAIL_URL", "console://")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Espaces 20 000 emplois <noreply@localhost>"
)
if EMAIL_URL.startswith("console:"):
    # Outside DEBUG the console is the server's log: addresses and links (keys) are masked.
    EMAIL_BACKEND = (
        "django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "espaces.ops.mail_backends.MaskedConsoleEmailBackend"
    )
elif EMAIL_URL.startswith("locmem:"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    from urllib.parse import unquote, urlparse

    _email = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme in {"smtp+tls", "submission"}
    EMAIL_USE_SSL = _email.scheme == "smtps"

SMS_BACKEND = os.environ.get("SMS_BACKEND", "console")

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
    }
}

# Security (docs/security.md). HTTPS=1 behind TLS (nginx): secure cookies, HSTS, redirect.
HTTPS = env_bool("HTTPS", False)
# Django's database sessions, read with one plain SELECT (espaces/ops/sessions.py).
SESSION_ENGINE = "espaces.ops.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preload is only a signal: nothing happens until the domain owner submits it to hstspreload.org.
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# The health check answers plain HTTP on loopback (monitoring, load balancer).
SECURE_REDIRECT_EXEMPT = [r"^sante/"]

# Sessions: the public only keeps its orientation answers in one; staff sessions end when the
# browser closes and at the latest SESSION_COOKIE_AGE seconds (8 h) after the login.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Caches: CACHE_URL, the memory of each process by default (`locmem://`) or one Redis shared by
# every app server and worker (`redis://host:port/db`). `pages` holds the public pages for
# anonymous visitors when ESPACES_PAGE_CACHE_SECONDS > 0 (espaces/ops/page_cache.py); `default`
# the content version, template fragments, rate limits (docs/deployment.md, docs/architecture.md).
CACHE_URL = os.environ.get("CACHE_URL", "locmem://")
CACHES = caches_from_url(CACHE_URL)
ESPACES_PAGE_CACHE_SECONDS = env_int("ESPACES_PAGE_CACHE_SECONDS", 30)
# Prepared reads (espaces/common/prepared.py): the team pages' queries compiled once per process;
# 0 runs them through the ORM at each call. The test settings check each against the ORM.
ESPACES_PREPARED_READS = env_bool("ESPACES_PREPARED_READS", True)
ESPACES_PREPARED_READS_CHECK = False
# The smallest count readable by a role without access to personal files (funders, the public,
# the network): disclosure control, docs/stats.md. ESPACES_SMALL_COUNT_K is its former name.
ESPACES_DISCLOSURE_K = env_int("ESPACES_DISCLOSURE_K", env_int("ESPACES_SMALL_COUNT_K", 5))
ESPACES_PAGE_CACHE_VIEWS = {
    "territories:home",
    "territories:projects",
    "catalogue:list",
    "catalogue:detail",
    "services:search",
    "services:detail",
    "events:agenda",
    "impact:impact",
    "network:stats",
}

# Content-Security-Policy (django-csp 4): no inline script, no foreign origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    },
}

# Login protection: django-axes locks a (login, address) pair out after AXES_FAILURE_LIMIT
# failures for AXES_COOLOFF_MINUTES; the pair (not the address alone) so that a mediator's
# typos at a shared desk do not lock colleagues out, nor a stranger lock out a known login.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend with a faster read of the signed-in account (espaces/accounts/backends.py)
    "espaces.accounts.backends.AccountBackend",
    # Sessions opened before AccountBackend name this one: they stay valid until they expire.
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Failures and lock-outs in the database: every app server sharing the database sees the same
# lock-outs (docs/deployment.md, « Plusieurs serveurs »); the cache handler would need a shared
# cache and forgets lock-outs when it is emptied.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not recorded (data minimisation)
AXES_LOCKOUT_CALLABLE = "espaces.ops.views.lockout"
AXES_CLIENT_IP_CALLABLE = "espaces.ops.client_ip.client_ip"
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field (the e-mail address)
AXES_USERNAME_CALLABLE = "espaces.ops.client_ip.login_username"
AXES_VERBOSE = False
# Number of reverse proxies (nginx: 1) whose X-Forwarded-For gives the client address.
ESPACES_PROXY_COUNT = env_int("ESPACES_PROXY_COUNT", 0)

# Two-factor authentication (TOTP, django-otp): mandatory for these roles (comma-separated;
# empty: optional for everyone). Accounts that set up a device always have to use it.
ESPACES_OTP_REQUIRED_ROLES = env_csv("ESPACES_OTP_REQUIRED_ROLES", ["admin", "coordinator"])
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Espaces 20 000 emplois")

# Personal data never goes to logs: requests are logged without query strings or bodies, and
# every record (message and traceback) has its e-mail addresses, phone numbers, links and
# token-like strings masked (espaces/ops/masking.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "espaces.ops.masking.PersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["personal_data"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

VAR_DIR = VAR_DIR
ESPACES_PACKS_DIR = BASE_DIR / "data" / "packs"
# The compact ROME 4.0 dataset (docs/rome.md), loaded by `bootstrap` when no fiche is imported.
ROME_DATASET_DIR = BASE_DIR / "data" / "rome"
# A job sheet whose conditions contradict its ROME work contexts without a written reason is an
# error of `load_pack` when true, a warning otherwise (docs/catalogue.md).
PACK_STRICT_CONDITIONS = env_bool("PACK_STRICT_CONDITIONS", False)
ESPACES_ROME_DIR = os.environ.get("ESPACES_ROME_DIR", "")

# Events: reminders, retention of registrations, satisfaction survey, links in messages.
ESPACES_REMINDER_HOURS = env_int("ESPACES_REMINDER_HOURS", 48)
ESPACES_REGISTRATION_RETENTION_DAYS = env_int("ESPACES_REGISTRATION_RETENTION_DAYS", 90)
ESPACES_SURVEY_DAYS = env_int("ESPACES_SURVEY_DAYS", 7)
# The base of every absolute link (e-mails, SMS, QR codes, PDFs): espaces.common.public_url.
# Unset: the web request's host and port, else the territory's first host. ESPACES_BASE_URL is
# its older name, still read when ESPACES_PUBLIC_URL is unset.
ESPACES_PUBLIC_URL = os.environ.get("ESPACES_PUBLIC_URL", "")
ESPACES_BASE_URL = os.environ.get("ESPACES_BASE_URL", "")
SMS_API_TOKEN = os.environ.get("SMS_API_TOKEN", "")
SMS_SENDER = os.environ.get("SMS_SENDER", "")
