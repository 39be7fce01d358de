"""Django settings. Everything that differs between installs comes from ``marsad.config``."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from marsad import config

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()

SECRET_KEY = config.secret_key()
DEBUG = config.debug()
ALLOWED_HOSTS = config.allowed_hosts()

INSTALLED_APPS = [
    "marsad.web",  # first, so its templates override the admin's
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "marsad.audit",
    "marsad.accounts",
    "marsad.codebook",
    "marsad.places",
    "marsad.records",
    "marsad.analysis",
    "marsad.transfer",
    "marsad.dashboards",
    "marsad.crosscheck",
    "marsad.desk",
    "marsad.entry",
    "marsad.review",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "marsad.web.middleware.RequestMemoMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "marsad.audit.middleware.CurrentUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "marsad.web.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "marsad.urls"
WSGI_APPLICATION = "marsad.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "marsad.web.context.marsad",
            ],
        },
    },
    # The incident page's sections (marsad.web.jinja): templates in each app's jinja2/ folder.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "marsad.web.jinja.environment"},
    },
]

# Django's form widgets rendered by Jinja2, several times faster (marsad.web.form_renderer).
FORM_RENDERER = "marsad.web.form_renderer.FormRenderer"

DATABASES = {"default": dj_database_url.parse(config.database_url(), conn_max_age=60)}

# Costly page parts (list counts and rows, map points, dashboard figures) are cached under the
# data generation (marsad.records.generation, docs/desk.md): in each server process's memory and
# in files its sibling processes share (marsad.web.cache); beyond this many, some are dropped.
CACHES = {
    "default": {
        "BACKEND": "marsad.web.cache.MemoryAndFileCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes; IMMEDIATE avoids lock upgrades
    # failing half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The desk's queries are small; PostgreSQL's JIT compiler, which its cost estimates can
    # switch on even for a join over a few users, added 25 ms to them. Analysis runs in DuckDB.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["marsad.accounts.backends.CachedPermissionsBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Damascus"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# No collect step: WhiteNoise serves the files straight from the installed package.
STATIC_ROOT = None
# Served straight from the package: no collectstatic step and no CDN, so the app works offline.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Anonymous visitors may download the public release (published incidents, coarsened, without
# any sensitive field) only when the centre turns this on.
MARSAD_PUBLIC_DOWNLOADS = config.public_downloads()
MARSAD_MAP_TILES = config.map_tiles()

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and config.https():
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
