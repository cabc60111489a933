"""One settings module, read from the environment.

SAMVERKAN_MODE=production turns on the deployment checks: it refuses DEBUG and the
development secret key, because both leak data when exposed to the internet.
"""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samverkan.env import envbool, envflag, envint, envlist, envstr

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
DATA_DIR = Path(envstr("SAMVERKAN_DATA_DIR", str(BASE_DIR / "var")))

MODE = envstr("SAMVERKAN_MODE", "development")
if MODE not in {"development", "production"}:
    raise ImproperlyConfigured("SAMVERKAN_MODE must be 'development' or 'production'.")
PRODUCTION = MODE == "production"

DEV_SECRET_KEY = "samverkan-development-key-not-for-production"
SECRET_KEY = envstr("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = envbool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("Production mode refuses to start with DEBUG on.")
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Production mode needs its own SECRET_KEY of at least 50 characters."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production mode needs ALLOWED_HOSTS.")

# The "invented people" banner follows the data: `samverkan demo` marks the cooperation, so
# neither DEBUG nor the web server decides it. SAMVERKAN_DEMO=1 or =0 forces the banner on or
# off; =1 also lets the demo (accounts with a known password) load in production mode.
DEMO = envflag("SAMVERKAN_DEMO")

INSTALLED_APPS = [
    "samverkan.core",
    "samverkan.accounts",
    "samverkan.organisation",
    "samverkan.strategy",
    "samverkan.planning",
    "samverkan.followup",
    "samverkan.governance",
    "samverkan.council",
    "samverkan.wordimport",
    "samverkan.setup",
    "samverkan.follow",
    "samverkan.desk",
    "samverkan.transparency",
    "samverkan.backoffice",
    "samverkan.datasets",
    "ninja",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before ConditionalGetMiddleware, so that its 304 answers carry the CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    # JSON for every error under /api/, also those of the middleware below it.
    "samverkan.transparency.middleware.ApiErrorsMiddleware",
    # Answers 304 to a GET whose ETag or Last-Modified the client already has; it comes
    # early so that it sees the headers every later middleware has set.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samverkan.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in: django-otp marks the verified session, ours sends the rest to it.
    "django_otp.middleware.OTPMiddleware",
    "samverkan.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy (django-csp) and Permissions-Policy on every answer.
    "csp.middleware.CSPMiddleware",
    "samverkan.core.middleware.PermissionsPolicyMiddleware",
    "samverkan.transparency.middleware.PublicApiMiddleware",
    # Last: turns a refused sign-in into the lockout page (accounts/locked_out.html).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samverkan.urls"
WSGI_APPLICATION = "samverkan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samverkan.accounts.context_processors.site",
                "samverkan.organisation.context_processors.cooperation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'samverkan.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite needs a folder to put its file in; create it rather than fail on first run.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute-force protection (django-axes, accounts/lockout.py): after LOGIN_FAILURE_LIMIT wrong
# passwords for one user name from one address, that user name is refused from that address;
# after LOGIN_ADDRESS_FAILURE_LIMIT failed sign-ins from one address under any names, the
# address is refused. Each lasts LOGIN_LOCKOUT_MINUTES or until the secretariat unlocks it
# (accounts:lockouts). Axes checks first, then Django's own backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 60))
LOGIN_ADDRESS_FAILURE_LIMIT = envint("LOGIN_ADDRESS_FAILURE_LIMIT", 100)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "samverkan.accounts.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "samverkan.accounts.lockout.locked_out_response"
AXES_VERBOSE = False
# Behind the production proxy the client's address is the one the proxy appended to
# X-Forwarded-For (accounts.lockout.client_ip); what a client writes there is never trusted.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1 if PRODUCTION else 0)
AXES_CLIENT_IP_CALLABLE = "samverkan.accounts.lockout.client_ip"
# Following by e-mail (follow/services.py) is public: within FOLLOW_RATE_WINDOW_SECONDS at
# most FOLLOW_MAILS_PER_ADDRESS confirmation mails go to one address, and one client address
# may ask at most FOLLOW_REQUESTS_PER_CLIENT times (a whole municipality may share one).
# Counted in the cache: per process unless CACHE_BACKEND names a shared one.
FOLLOW_RATE_WINDOW_SECONDS = envint("FOLLOW_RATE_WINDOW_SECONDS", 3600)
FOLLOW_MAILS_PER_ADDRESS = envint("FOLLOW_MAILS_PER_ADDRESS", 3)
FOLLOW_REQUESTS_PER_CLIENT = envint("FOLLOW_REQUESTS_PER_CLIENT", 30)
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", "samverkan")
# Single sign-on with OpenID Connect (accounts/sso.py documents the fields): a JSON list.
SSO_OIDC_PROVIDERS: list[dict[str, Any]] = json.loads(envstr("SSO_OIDC_PROVIDERS", "[]"))
# SAML 2.0 identity providers of municipalities (accounts/saml.py documents the fields).
SSO_SAML_PROVIDERS: list[dict[str, Any]] = json.loads(envstr("SSO_SAML_PROVIDERS", "[]"))
SAML_XMLSEC_BINARY = envstr("SAML_XMLSEC_BINARY", "/usr/bin/xmlsec1")
# Whom a refused or locked-out person should ask (an e-mail address or phone number).
SECRETARIAT_CONTACT = envstr("SECRETARIAT_CONTACT", "")
# Personal data over time (`samverkan personal_data`, daily from cron; docs/roles.md).
PERSONAL_DATA_DEACTIVATE_AFTER_DAYS = envint("PERSONAL_DATA_DEACTIVATE_AFTER_DAYS", 90)
PERSONAL_DATA_ERASE_AFTER_MONTHS = envint("PERSONAL_DATA_ERASE_AFTER_MONTHS", 24)
LOGIN_URL = "accounts:login"
# How long the link in an invitation works (accounts.services.invitation_create).
INVITATION_VALID_DAYS = envint("INVITATION_VALID_DAYS", 14)
LOGIN_REDIRECT_URL = "transparency:home"
LOGOUT_REDIRECT_URL = "transparency:home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Generated documents (compilations, the council's follow-up) are kept in Django's storage:
# a folder under the data directory by default, an S3-compatible bucket with FILE_STORAGE=s3
# (django-storages; AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY from the environment). They are served only through permission checks.
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(DATA_DIR / "media")))
FILE_STORAGE = envstr("FILE_STORAGE", "local")
if FILE_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured(f"FILE_STORAGE={FILE_STORAGE!r}: use local or s3.")
STORAGES: dict[str, dict[str, Any]] = {
    "default": (
        {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        if FILE_STORAGE == "local"
        else {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": envstr("AWS_STORAGE_BUCKET_NAME", "samverkan"),
                "endpoint_url": envstr("AWS_S3_ENDPOINT_URL", "") or None,
                "default_acl": None,
                "querystring_auth": True,
            },
        }
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Serve static files straight from the apps when collectstatic has not been run (make run).
WHITENOISE_USE_FINDERS = True

# Long work (compilations, the council's follow-up) runs as background tasks (django-tasks).
# TASKS_BACKEND=database (the default) keeps the queue in the database and `samverkan worker`
# runs it; TASKS_BACKEND=rq hands it to RQ on Redis (REDIS_URL) for several machines, with
# `samverkan worker` on each; TASKS_BACKEND=immediate runs a task inside the request.
TASKS_BACKEND = envstr("TASKS_BACKEND", "database")
REDIS_URL = envstr("REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKENDS: dict[str, dict[str, Any]] = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND={TASKS_BACKEND!r}: use database, rq or immediate.")
TASKS: dict[str, dict[str, Any]] = {"default": _TASK_BACKENDS[TASKS_BACKEND]}
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 900}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")

# The public cache (core.cache): pages for signed-out visitors and API answers,
# cleared by publishing. The default is per process; CACHE_BACKEND/CACHE_LOCATION can name a
# shared one (Django's RedisCache with the redis package, or a DatabaseCache table).
CACHE_BACKEND = envstr("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache")
CACHES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": CACHE_BACKEND, "LOCATION": envstr("CACHE_LOCATION", "samverkan")}
}
if CACHE_BACKEND.endswith("LocMemCache"):
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 5000)}
PUBLIC_CACHE_ALIAS = "default"
PUBLIC_CACHE_SECONDS = envint("PUBLIC_CACHE_SECONDS", 3600)

# The open data API and its downloads may be read from any web page, but never written.
CORS_URLS_REGEX = r"^/(api|oppna-data)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Content-Disposition")
# A page on another site may ask conditionally (If-None-Match, If-Modified-Since) and get 304.
CORS_ALLOW_HEADERS = (*cors_default_headers, "if-none-match", "if-modified-since")

# Kolada's open API; configurable for a mirror or a recorded copy.
KOLADA_BASE_URL = envstr("KOLADA_BASE_URL", "https://api.kolada.se/v3")

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "samverkan@localhost")
# The site's own address, for links in mail sent outside a request (confirmations,
# notices to followers, unsubscribe links).
SITE_URL = envstr("SITE_URL", "http://localhost:8000")
# For EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend (reminders from cron).
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)

if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
    # Preload asks browsers' vendors to hard-code the host; an operator opts in knowingly.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Scripts only from our own files: no inline script, no eval (HTMX and forms.js are static
# files). Inline styles stay allowed: the SVG charts and Swagger UI draw with them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page here uses.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # pysaml2's schema library announces every schema it loads.
    "loggers": {"xmlschema": {"level": "WARNING"}},
}
