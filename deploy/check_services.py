"""Check the services of ``make serve-prod``: PostgreSQL (required) and Redis (optional).

Reads ``DATABASE_URL`` and ``REDIS_URL``. Creates the database when the server answers but the
database does not exist yet. Exit status: 0 both reachable, 3 PostgreSQL only (run without Redis),
1 PostgreSQL unreachable; the reason is printed in each case.
"""

import os
import socket
import sys
from urllib.parse import urlparse

import psycopg

TIMEOUT = 3


def postgres(url):
    try:
        psycopg.connect(url, connect_timeout=TIMEOUT).close()
        return f"PostgreSQL: {safe(url)} is reachable."
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise SystemExit(
                f"PostgreSQL is not reachable at {safe(url)}:\n  {str(exc).strip()}\n"
                "Start PostgreSQL (e.g. `systemctl start postgresql`) or set DATABASE_URL; "
                "`make run` serves the embedded setup (SQLite) without it."
            ) from exc
    name = urlparse(url).path.lstrip("/")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"PostgreSQL: created the database {name!r} at {safe(url)}."


def redis_answers(url):
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or 6379), TIMEOUT
        ) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith((b"+PONG", b"-NOAUTH"))
    except OSError:
        return False


def safe(url):
    """The URL without its password, for messages."""
    parsed = urlparse(url)
    if parsed.password:
        return url.replace(f":{parsed.password}@", ":***@")
    return url


def main():
    print(postgres(os.environ["DATABASE_URL"]))
    redis_url = os.environ.get("REDIS_URL", "")
    if redis_url and redis_answers(redis_url):
        print(f"Redis: {safe(redis_url)} answers; cache and sessions go there.")
        return 0
    print(
        f"Redis does not answer at {safe(redis_url) or '(REDIS_URL unset)'}: serving with the "
        "local memory cache and database sessions. Start Redis for the full production stack."
    )
    return 3


if __name__ == "__main__":
    sys.exit(main())
