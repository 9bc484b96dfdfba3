"""gunicorn settings for thidua, read from the environment: ``gunicorn -c deploy/gunicorn.conf.py``.

``GUNICORN_BIND`` (default ``127.0.0.1:8001``), ``WEB_CONCURRENCY`` (worker processes, default
2 * CPUs + 1), ``GUNICORN_THREADS`` (threads per worker, default 4), ``GUNICORN_TIMEOUT`` (seconds,
default 120). Access and error logs go to standard output/error (journald under systemd).
"""

import multiprocessing
import os

wsgi_app = "thidua.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never grows unbounded.
max_requests = 2000
max_requests_jitter = 200
# The reverse proxy on this machine sets X-Forwarded-Proto (BEHIND_TLS_PROXY=1 trusts it).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
