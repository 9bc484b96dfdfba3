"""Settings come from the environment; production values pass `check --deploy`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from thidua.core.env import cache_config, email_config

ROOT = Path(__file__).resolve().parents[2]


def manage(tmp_path, *args):
    """Run ``manage.py *args`` in a fresh process with production environment values."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "-production-secret-" + "y" * 30,
        "ALLOWED_HOSTS": "thidua.example.vn",
        "SECURE_SSL_REDIRECT": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "THIDUA_VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path),
    }
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "THIDUA_DEMO"):
        env.pop(name, None)
    env = {k: v for k, v in env.items() if not k.startswith(("SECURE_HSTS", "RATE_LIMIT_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_values(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRINT_SECURITY_HEADERS = """
import json
from django.test import Client
response = Client().get("/accounts/login/", secure=True, HTTP_HOST="thidua.example.vn")
headers = ("Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options")
print(json.dumps({
    "headers": {name: response.headers.get(name) for name in headers},
    "secure_cookies": [bool(cookie["secure"]) for cookie in response.cookies.values()],
}))
"""


def test_production_pages_send_hsts_csp_and_secure_cookies(tmp_path):
    result = manage(tmp_path, "shell", "--no-imports", "-c", PRINT_SECURITY_HEADERS)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    headers = answer["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    directives = dict(
        part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";")
    )
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert answer["secure_cookies"] and all(answer["secure_cookies"])


def test_secret_key_is_generated_once_into_var(tmp_path, monkeypatch):
    from thidua.core.env import secret_key

    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert len(first) > 50
    assert secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("console://", "django.core.mail.backends.console.EmailBackend"),
        (
            "smtp://u:p%40ss@mail.example.vn:587?tls=1",
            "django.core.mail.backends.smtp.EmailBackend",
        ),
    ],
)
def test_email_url_selects_the_backend(url, backend):
    assert email_config(url)["EMAIL_BACKEND"] == backend


def test_smtp_url_carries_credentials_and_tls():
    config = email_config("smtp://u:p%40ss@mail.example.vn:587?tls=1")
    assert config["EMAIL_HOST"] == "mail.example.vn"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert config["EMAIL_USE_TLS"] is True


def test_unknown_email_scheme_is_refused():
    with pytest.raises(ValueError):
        email_config("pigeon://coop")


def test_cache_url_redis_or_local_memory():
    assert "RedisCache" in cache_config("redis://127.0.0.1:6379/1")["default"]["BACKEND"]
    assert "LocMemCache" in cache_config("locmem://")["default"]["BACKEND"]
