"""Settings for newsroom, read from the environment (see .env.example).

One file for every environment: production safety is a variable, not a second module.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.logging import configuration as logging_configuration

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

# A development key is only acceptable while DEBUG is on; in production the server must not
# start with a guessable key.
_DEV_SECRET_KEY = "django-insecure-development-only-key-not-for-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set DJANGO_SECRET_KEY to a long random value "
            "(or DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too short or is the development key. Set DJANGO_SECRET_KEY "
        "to a random value of at least 50 characters."
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if DEBUG else ""
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Form widgets' templates: Django's own, found with the project's (FORM_RENDERER below).
    "django.forms",
    # Full-text search, the unaccent extension and GIN indexes on PostgreSQL; inert on SQLite.
    "django.contrib.postgres",
    "taggit",
    "reversion",
    # The content API's routes and its documentation page's own static files (no CDN).
    "ninja",
    # Background tasks (webhook deliveries); the queue is a table, run by `manage.py db_worker`.
    "django_tasks",
    "django_tasks_db",
    "newsroom",
    # Domain apps, lowest layer first; common/ holds their shared helpers (not an app).
    "editing",
    "pictures",
    "actors",
    "contributors",
    "articles",
    # Built on articles and actors; desk comes last: it completes the story and actor admins.
    "search",
    "exports",
    "webhooks",
    "demo",
    "api",
    "desk",
    # The synthetic corpus behind `make bench` (generate_corpus); not part of the product.
    "bench",
]
# The desk's widgets render templates from templates/ like every page does.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    # Outermost: everything logged while a request is handled carries its id.
    "newsroom.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The API's per-caller HTTP (CORS, 304, JSON errors, NUL refusals too): see api/http.py.
    "api.http.ApiEdgeMiddleware",
    "newsroom.middleware.RefuseNulMiddleware",
    "newsroom.security.ContentSecurityPolicyMiddleware",
    # First, so that it sees every response last (cookies included): see its docstring.
    "newsroom.middleware.ReaderCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise, before sessions: a cached page costs no database query.
    "newsroom.pagecache.PageCacheMiddleware",
    # Inside the page cache, so that a stored API answer keeps its ETag and the rows it shows.
    "api.http.ApiHttpMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.DatabaseBusyMiddleware",
    "newsroom.middleware.OutOfRangeFilterMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction takes SQLite's write lock when it begins, so two saves at once queue
    # (up to the timeout) instead of one failing with "database is locked" when its read
    # turns into a write; the second then meets the first's version and gets the conflict
    # message. WAL lets readers go on while a story is being saved.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


def _without_jit(database: dict) -> None:
    # PostgreSQL's JIT compiles any query whose cost estimate is high, and the EXISTS tests
    # of "public" estimate high: the actors index took 196-1,176 ms with it, 60-168 ms
    # without, at 100,000 actors. A newsroom's queries are short; none gains from JIT.
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()


_without_jit(DATABASES["default"])

if os.environ.get("DATABASE_REPLICA_URL"):
    # Reads go to the replica, writes and transactions to the primary: newsroom/routers.py.
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    _without_jit(DATABASES["replica"])
    # Tests run against one database; the replica alias reads the same one.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]

# With REDIS_URL, every cache below is newsroom.cache.ResilientRedisCache: while Redis is
# unreachable it answers as no cache at all (pages rendered afresh, logins not throttled) and
# comes back by itself; /readyz says so.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks (django-tasks, Django 6's framework backported): queued as rows of the
# database in the transaction of the change that asks for them, run by `manage.py db_worker`
# beside gunicorn (`make serve` says how). Webhook deliveries use the "webhooks" queue.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "webhooks"],
    }
}

# The reader page cache (newsroom/pagecache.py): on by default in production. Its pages and
# content generation must be shared by every server process: Redis when REDIS_URL is set,
# otherwise files under NEWSROOM_PAGE_CACHE_DIR (the processes of one machine), or process
# memory for the single-process development server.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", default=not DEBUG)
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "600"))
# Each server process also keeps its hottest pages in memory (newsroom/localpages.py), served
# with no round trip and checked again after every change; 0 switches that tier off (as in
# development, where the single process's memory is already the page cache).
NEWSROOM_PAGE_CACHE_LOCAL_ENTRIES = int(
    os.environ.get("NEWSROOM_PAGE_CACHE_LOCAL_ENTRIES", "0" if DEBUG else "1000")
)
NEWSROOM_PAGE_CACHE_LOCAL_BYTES = int(
    os.environ.get("NEWSROOM_PAGE_CACHE_LOCAL_BYTES", str(64 * 1024 * 1024))
)
# The file holding the change sequence the machine's processes share (default: in the
# system's temporary directory, named after this site's page cache).
NEWSROOM_PAGE_CACHE_SEQUENCE = os.environ.get("NEWSROOM_PAGE_CACHE_SEQUENCE", "")
# A story page's related stories take at most this long to show a story newly sharing its
# actors or topics (its copy lives no longer); everything else on it changes at once.
NEWSROOM_RELATED_STORIES_LAG_SECONDS = int(
    os.environ.get("NEWSROOM_RELATED_STORIES_LAG_SECONDS", "120")
)
# Reader lists count their stories once per content change (articles/pagination.py).
NEWSROOM_LIST_COUNT_CACHE = env_bool("NEWSROOM_LIST_COUNT_CACHE", default=not DEBUG)
# A CDN in front: retired cache tags are POSTed there after each change commits (common/cdn.py).
NEWSROOM_CDN_PURGE_URL = os.environ.get("NEWSROOM_CDN_PURGE_URL", "")
NEWSROOM_CDN_PURGE_TOKEN = os.environ.get("NEWSROOM_CDN_PURGE_TOKEN", "")
if os.environ.get("REDIS_URL"):
    CACHES["pages"] = {
        "BACKEND": "newsroom.cache.ResilientRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "newsroom-pages",
    }
elif DEBUG:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
else:
    CACHES["pages"] = {
        "BACKEND": "newsroom.filecache.PageFileCache",
        "LOCATION": os.environ.get("NEWSROOM_PAGE_CACHE_DIR", str(BASE_DIR / ".cache" / "pages")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Tests and DEBUG runs do not need collectstatic; production gets hashed, compressed files.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
# Uploaded pictures and their renditions (the pictures app), through STORAGES["default"]:
# this directory by default (served by `runserver` in DEBUG, by the proxy in production), or
# an S3-compatible bucket shared by every app server when AWS_STORAGE_BUCKET_NAME is set
# (install the extra: pip install -e '.[s3]'; credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, read by boto3 itself).
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Public, unsigned URLs: pages, feeds and caches keep them; names never change.
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
NEWSROOM_PICTURE_MAX_BYTES = int(os.environ.get("NEWSROOM_PICTURE_MAX_MB", "20")) * 1024 * 1024
NEWSROOM_PICTURE_MAX_PIXELS = 60_000_000

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TAGGIT_CASE_INSENSITIVE = True

NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
# Absolute links in exports, feeds and structured data, where no request tells the host.
NEWSROOM_BASE_URL = os.environ.get("NEWSROOM_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# The content API (/api/v1/). Origins whose web pages may read it (GET only), comma-separated,
# or "*" for any; empty: none. Anonymous callers are limited per address ("120/min"), each key
# on its own.
NEWSROOM_API_CORS_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("NEWSROOM_API_CORS_ORIGINS", "").split(",")
    if origin.strip()
]
NEWSROOM_API_ANON_RATE = os.environ.get("NEWSROOM_API_ANON_RATE", "120/min")
NEWSROOM_API_KEY_RATE = os.environ.get("NEWSROOM_API_KEY_RATE", "1200/min")

# Webhooks: a delivery that fails is tried again after RETRY_SECONDS, then 4 times longer
# each time, MAX_ATTEMPTS times in all; each try waits TIMEOUT_SECONDS at most. Endpoints on
# private or loopback addresses are refused unless allowed (a receiver on this machine in
# development): an editor must not be able to make the server call its own network.
NEWSROOM_WEBHOOK_RETRY_SECONDS = int(os.environ.get("NEWSROOM_WEBHOOK_RETRY_SECONDS", "30"))
NEWSROOM_WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("NEWSROOM_WEBHOOK_MAX_ATTEMPTS", "8"))
NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = int(os.environ.get("NEWSROOM_WEBHOOK_TIMEOUT_SECONDS", "10"))
NEWSROOM_WEBHOOK_ALLOW_PRIVATE = env_bool("NEWSROOM_WEBHOOK_ALLOW_PRIVATE", default=DEBUG)
# The official standards files (ninjs, sitemap XSDs, schema.org) tests validate output against;
# they live beside the repository, not in it (see tests/standards.py).
NEWSROOM_STANDARDS_DIR = Path(
    os.environ.get("NEWSROOM_STANDARDS_DIR") or BASE_DIR.parent / "shared" / "standards"
)

# Production hardening: on whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
# Load balancers and monitors probe /healthz and /readyz over plain HTTP; a redirect would read
# as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Admin login throttling (newsroom/throttle.py): failures per (username, client address) and
# per address within the window, counted in CACHES["throttle"] below.
NEWSROOM_LOGIN_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
NEWSROOM_LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_IP_FAILURE_LIMIT", "20"))
NEWSROOM_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("DJANGO_LOGIN_LOCKOUT_SECONDS", "900"))
# Behind a proxy, the header holding the client address it saw, e.g. HTTP_X_FORWARDED_FOR.
NEWSROOM_LOGIN_IP_HEADER = os.environ.get("DJANGO_LOGIN_IP_HEADER", "")
# The counts must be shared by every server process, or each gunicorn worker lets its own five
# guesses through: Redis when REDIS_URL is set (a dead Redis does not hang the login, which
# then counts nothing: newsroom/cache.py), otherwise files under NEWSROOM_THROTTLE_CACHE_DIR
# (the processes of one machine); process memory only for the single-process development server.
if os.environ.get("REDIS_URL"):
    CACHES["throttle"] = {
        "BACKEND": "newsroom.cache.ResilientRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "newsroom-throttle",
    }
elif DEBUG:
    CACHES["throttle"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "throttle",
    }
else:
    CACHES["throttle"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get(
            "NEWSROOM_THROTTLE_CACHE_DIR", str(BASE_DIR / ".cache" / "throttle")
        ),
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }

# Logs go to stdout, one record per line (DJANGO_LOG_FORMAT=json: one JSON object per line),
# each with the request id of newsroom/logging.py. Django's own loggers are routed here too,
# instead of its stderr console; its mail to ADMINS on a 500 is kept (and the 500 page counts
# on it: newsroom/errors.py).
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "WARNING").upper()
LOG_FORMAT = "json" if os.environ.get("DJANGO_LOG_FORMAT", "").lower() == "json" else "plain"
LOGGING = logging_configuration(LOG_LEVEL, LOG_FORMAT)

# Error reporting to Sentry, only when SENTRY_DSN is set (sentry-sdk is not imported
# otherwise); SENTRY_ENVIRONMENT, SENTRY_RELEASE, SENTRY_TRACES_SAMPLE_RATE (default 0).
if os.environ.get("SENTRY_DSN"):
    from newsroom.sentry import sentry_init

    sentry_init(os.environ)
