#!/usr/bin/env bash
# `make serve-prod`: the production stack on this machine — PostgreSQL, Redis (when it answers),
# gunicorn (deploy/gunicorn.conf.py) and the task worker. Plain HTTP on HOST:PORT, so cookies are
# not marked Secure; a real installation puts nginx with TLS in front (docs/deployment.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/thidua}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}

status=0
$PY deploy/check_services.py || status=$?
case $status in
  0) export CACHE_URL=$REDIS_URL SESSION_IN_CACHE=1 ;;
  3) export CACHE_URL=locmem:// SESSION_IN_CACHE=0 ;;
  *) exit 1 ;;
esac
if [ "$CACHE_URL" != locmem:// ] && ! $PY -c 'import redis' 2>/dev/null; then
  $PY -m pip install --quiet -e '.[redis]'
fi

export DEBUG=0 SECURE_COOKIES=0 DATABASE_CONN_MAX_AGE=${DATABASE_CONN_MAX_AGE:-60}
export SITE_URL=${SITE_URL:-http://$HOST:$PORT}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-$HOST,localhost}
export STATICFILES_BACKEND=${STATICFILES_BACKEND:-whitenoise.storage.CompressedManifestStaticFilesStorage}
export GUNICORN_BIND=$HOST:$PORT

$PY manage.py migrate --noinput
$PY manage.py compilemessages_py
$PY manage.py collectstatic --noinput --verbosity 0
# The demo goes into an empty database only; a database with other data is left as it is.
if $PY manage.py shell -c 'from thidua.accounts.models import User; raise SystemExit(User.objects.exists())'; then
  $PY manage.py seed_demo
fi

mkdir -p var
echo "thidua (production stack): http://$HOST:$PORT/  — worker log: var/worker-prod.log"
trap 'kill 0' INT TERM EXIT
$PY manage.py db_worker --interval 1 >var/worker-prod.log 2>&1 &
.venv/bin/gunicorn -c deploy/gunicorn.conf.py
