"""thidua settings: one module, configured from environment variables.

Every variable is documented in docs/deployment.md. The defaults run the embedded setup: SQLite
under ``var/``, the database task backend, local file storage and console email.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from thidua.core.env import (
    cache_config,
    email_config,
    env,
    envbool,
    envint,
    envlist,
    file_storage_config,
    logging_config,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env("THIDUA_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = envbool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
SECRET_KEY_FALLBACKS = envlist("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

# Demo mode shows the demo logins on the login page and relaxes mandatory two-factor.
DEMO_MODE = envbool("THIDUA_DEMO", False)
SITE_NAME = env("SITE_NAME", "thidua")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# thidua's apps come first: their templates and translations take precedence over Django's.
INSTALLED_APPS = [
    "thidua.core",
    "thidua.accounts",
    "thidua.organizations",
    "thidua.documents",
    "thidua.movements",
    "thidua.reporting",
    "thidua.awards",
    "thidua.nominations",
    "thidua.exemplars",
    "thidua.oversight",
    "thidua.council",
    "thidua.decisions",
    "thidua.forwarding",
    "thidua.privacy",
    "thidua.dashboard",
    "thidua.api",
    "thidua.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_bootstrap5",
    "treebeard",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "thidua.accounts.middleware.TwoFactorEnforcementMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "thidua.core.faults.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

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
                "thidua.core.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: compiling a query costs PostgreSQL about half a second, far more than the short
    # queries of a page take to run; it fired on the national dashboards (bench/README.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = cache_config(env("CACHE_URL", "locmem://"))
if envbool("SESSION_IN_CACHE", False):
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions expire after SESSION_COOKIE_AGE (a working day) without activity; each request renews it.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = envbool("AXES_ENABLED", True)
AXES_VERBOSE = False

OTP_TOTP_ISSUER = SITE_NAME
# Roles that must use two-factor authentication outside demo mode.
TWO_FACTOR_REQUIRED_ROLES = envlist("TWO_FACTOR_REQUIRED_ROLES", "sector_admin,sector_officer")

# Rate limits "N/S": at most N requests per S seconds for one client address, account or email
# (thidua.core.ratelimit; counted in the cache, so share it between processes with CACHE_URL).
RATE_LIMIT_LOGIN_PER_ADDRESS = env("RATE_LIMIT_LOGIN_PER_ADDRESS", "30/600")
RATE_LIMIT_LOGIN_PER_ACCOUNT = env("RATE_LIMIT_LOGIN_PER_ACCOUNT", "10/600")
RATE_LIMIT_TOKEN_PER_ADDRESS = env("RATE_LIMIT_TOKEN_PER_ADDRESS", "30/600")
RATE_LIMIT_TOKEN_PER_ACCOUNT = env("RATE_LIMIT_TOKEN_PER_ACCOUNT", "10/600")
RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS = env("RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS", "10/3600")
RATE_LIMIT_PASSWORD_RESET_PER_EMAIL = env("RATE_LIMIT_PASSWORD_RESET_PER_EMAIL", "3/3600")
RATE_LIMIT_VERIFY_PER_ADDRESS = env("RATE_LIMIT_VERIFY_PER_ADDRESS", "60/60")

# API tokens (hashed at rest) live this many days.
API_TOKEN_TTL_DAYS = envint("API_TOKEN_TTL_DAYS", 30)

LANGUAGE_CODE = env("LANGUAGE_CODE", "vi")
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = "thidua.formats"
TIME_ZONE = env("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
# Numbers are grouped where a template asks for it (``intcomma``, ``format_money``): grouping
# every integer would print ids as "1.360" in form values and URLs, and years as "2.026".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
WHITENOISE_USE_FINDERS = DEBUG or envbool("WHITENOISE_USE_FINDERS", True)
STORAGES = {
    "default": file_storage_config(
        env("FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
    ),
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 30 * 1024 * 1024)
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# Optional antivirus scan of uploads by clamd: tcp://host:port or unix:///path (deployment.md).
CLAMD_ADDRESS = env("CLAMD_ADDRESS")
CLAMD_REQUIRED = envbool("CLAMD_REQUIRED")
CLAMD_TIMEOUT = envint("CLAMD_TIMEOUT", 30)
# Views of a member's personal data are audited once per user and member in this many seconds.
PRIVACY_ACCESS_LOG_WINDOW = envint("PRIVACY_ACCESS_LOG_WINDOW", 600)

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# A failing idempotent task (an email) is tried this many times, waiting base * 2^(n-1) seconds.
TASK_MAX_ATTEMPTS = envint("TASK_MAX_ATTEMPTS", 5)
TASK_RETRY_BASE_SECONDS = envint("TASK_RETRY_BASE_SECONDS", 60)
# Imports and exports with more rows than these run as background tasks with a progress page.
IMPORT_BACKGROUND_ROWS = envint("IMPORT_BACKGROUND_ROWS", 2000)
EXPORT_BACKGROUND_ROWS = envint("EXPORT_BACKGROUND_ROWS", 20000)
# HTML list pages count at most this many rows ("more than 10,000"); the API counts exactly.
LIST_COUNT_CAP = envint("LIST_COUNT_CAP", 10000)

# Days before a report's due date when the unit is reminded (then escalated to its chair after).
REPORT_REMINDER_DAYS = tuple(int(d) for d in envlist("REPORT_REMINDER_DAYS", "7,3,1"))
# Fairness analytics: gaps (fractions) and sizes beyond which the dashboard warns.
FAIRNESS_MANAGER_GAP = float(env("FAIRNESS_MANAGER_GAP", "0.2"))
FAIRNESS_DIRECT_WORKER_GAP = float(env("FAIRNESS_DIRECT_WORKER_GAP", "0.2"))
FAIRNESS_GENDER_GAP = float(env("FAIRNESS_GENDER_GAP", "0.2"))
FAIRNESS_MIN_AWARDS = envint("FAIRNESS_MIN_AWARDS", 5)
FAIRNESS_CONCENTRATION_YEARS = envint("FAIRNESS_CONCENTRATION_YEARS", 3)
FAIRNESS_CONCENTRATION_SHARE = float(env("FAIRNESS_CONCENTRATION_SHARE", "0.5"))
FAIRNESS_PROPOSAL_HIGH = float(env("FAIRNESS_PROPOSAL_HIGH", "2.0"))
FAIRNESS_PROPOSAL_LOW = float(env("FAIRNESS_PROPOSAL_LOW", "0.5"))
FAIRNESS_MIN_MEMBERS = envint("FAIRNESS_MIN_MEMBERS", 10)
# Launching a movement asks for confirmation when a unit would run more movements than this.
MOVEMENT_OVERLAP_CONFIRM_THRESHOLD = envint("MOVEMENT_OVERLAP_CONFIRM_THRESHOLD", 2)

locals().update(email_config(env("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "thidua <no-reply@thidua.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: strict by default outside DEBUG; `check --deploy` is clean with production values.
SECURE_COOKIES = envbool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): scripts and styles from this site's files only, so no
# inline <script>, on...= handlers, style="" attributes or <style> blocks in any page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
if envbool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies in front of the site that append the client's address to X-Forwarded-For:
# the rate limits and the login lockout count per that address instead of the proxy's.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

LOGGING = logging_config(env("LOG_FORMAT", "plain"), env("LOG_LEVEL", "INFO"))
