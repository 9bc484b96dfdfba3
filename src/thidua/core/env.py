"""Small typed readers of environment variables, for settings.py (12-factor)."""

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, or one generated once into ``var/secret_key``."""
    if value := os.environ.get("SECRET_KEY"):
        return value
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


def email_config(url: str) -> dict:
    """Django email settings from ``EMAIL_URL``.

    ``console://``, ``file:///path``, ``memory://``, ``smtp://user:pass@host:587?tls=1`` or
    ``smtps://user:pass@host:465``.
    """
    parsed = urlparse(url or "console://")
    scheme = parsed.scheme
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "memory": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if scheme not in backends:
        raise ValueError(f"Unsupported EMAIL_URL scheme: {scheme!r}")
    config = {"EMAIL_BACKEND": backends[scheme]}
    if scheme == "file":
        config["EMAIL_FILE_PATH"] = parsed.path
    if scheme in {"smtp", "smtps"}:
        query = parse_qs(parsed.query)
        config.update(
            EMAIL_HOST=parsed.hostname or "localhost",
            EMAIL_PORT=parsed.port or (465 if scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parsed.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
            EMAIL_USE_SSL=scheme == "smtps",
            EMAIL_USE_TLS=query.get("tls", ["0"])[0] in {"1", "true"},
        )
    return config


def cache_config(url: str) -> dict:
    """Django CACHES from ``CACHE_URL``: ``locmem://`` (default) or ``redis://host:6379/1``."""
    if url.startswith(("redis://", "rediss://")):
        return {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


S3_BACKEND = "storages.backends.s3.S3Storage"


def file_storage_config(backend: str) -> dict:
    """``STORAGES["default"]`` for ``FILE_STORAGE_BACKEND``.

    For the S3 backend of django-storages (``pip install 'thidua[s3]'``) the options come from
    ``S3_BUCKET`` (required), ``S3_ENDPOINT_URL`` (an S3-compatible service), ``S3_REGION``,
    ``S3_PREFIX`` and ``S3_ADDRESSING_STYLE`` (``path`` for MinIO and most local services); the
    credentials from the usual ``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY``.
    """
    config = {"BACKEND": backend}
    if backend == S3_BACKEND:
        if not env("S3_BUCKET"):
            raise ValueError("FILE_STORAGE_BACKEND is S3: set S3_BUCKET")
        options = {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL"),
            "region_name": env("S3_REGION"),
            "location": env("S3_PREFIX"),
            "addressing_style": env("S3_ADDRESSING_STYLE"),
            # Files are private: every download goes through thidua's permission check.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        }
        config["OPTIONS"] = {key: value for key, value in options.items() if value != ""}
    return config


def logging_config(log_format: str, level: str) -> dict:
    """``LOGGING``: records to standard output, as ``plain`` text or one ``json`` object a line."""
    if log_format not in {"plain", "json"}:
        raise ValueError(f"Unsupported LOG_FORMAT: {log_format!r} (plain or json)")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            "json": {"()": "thidua.core.logs.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "axes": {"level": "WARNING"},
        },
    }
