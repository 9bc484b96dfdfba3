"""The whole API under a schema-driven fuzzer: schemathesis generates requests for every operation
of ``/api/v1/openapi.json`` and sends them to the Django application in-process (WSGI), once for
each role and once without a token.

Each operation gets ``FUZZ_EXAMPLES`` hypothesis-generated requests (valid and invalid, with ids
of existing records mixed in) and as many of schemathesis' coverage cases (boundary values, wrong
types, methods the path lacks). Every answer must be documented (status code, media type, body
schema), never a 5xx, invalid input must be refused, and every error must be a problem-details
body in Vietnamese. The default is small so the suite stays fast; the run is deterministic
(derandomized, no example database). Each role runs in its own test transaction, so the fuzzer's
writes never reach another test. Rate-limit counters are cleared before each role; the 429s
of the limited endpoints are documented answers.
"""

import functools
import os
import sys

import hypothesis
import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from tests.api.fuzz_world import ROLE_LOGINS, build_world

pytestmark = pytest.mark.fuzz

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))
ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *(role.value for role in ROLE_LOGINS)]
REVOKE_TOKEN = "DELETE /api/v1/auth/token"
# The quick settings of ``tests/conftest.py``, for the world built before any test starts.
QUIET = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
}
PROBLEM_FIELDS = {"type", "title", "status", "detail"}

CONFIG = {
    "generation": {
        # Unknown query parameters and body fields are ignored (as HTTP APIs do), not errors.
        "allow-extra-parameters": False,
        # Each run sends its own token (or none); the fuzzer does not generate one.
        "with-security-parameters": False,
    },
    "checks": {
        # Well-formed input may still break a rule (404, 409, 422): no 2xx is owed.
        "positive_data_acceptance": {"enabled": False},
        # The anonymous run covers missing tokens; this check would resend every request.
        "ignored_auth": {"enabled": False},
    },
}


def in_vietnamese(text):
    """Vietnamese sentences carry diacritics; an all-ASCII message is an untranslated one."""
    return any(ord(char) > 127 for char in text)


def problem_details(ctx, response, case):
    """Every error answer is an RFC 9457 problem of the response's own status, in Vietnamese."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/problem+json"), content_type
    body = response.json()
    assert set(body) >= PROBLEM_FIELDS, body
    assert body["status"] == response.status_code, body
    assert in_vietnamese(body["title"]) and in_vietnamese(body["detail"]), body
    return None


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler, keeping the test's connection (and transaction) across requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once inside a transaction that is rolled back after the module.

    Each role's test runs in its own nested transaction (pytest-django's ``db``), so what the
    fuzzer writes as one role is undone before the next.
    """
    media_root = tmp_path_factory.mktemp("fuzz-media")
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            with override_settings(MEDIA_ROOT=media_root, **QUIET):
                built = build_world()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    built.media_root = media_root
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def role_world(world, db, settings):
    """The world for one role's run: its files, fresh rate-limit counters, the WSGI host."""
    settings.MEDIA_ROOT = world.media_root
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    cache.clear()
    return world


@pytest.fixture
def api_schema(wsgi_app, role_world):
    return schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", wsgi_app, config=SchemathesisConfig.from_dict(CONFIG)
    )


CHECKS = {"additional_checks": [problem_details]}


def fuzz(operation, world, headers):
    """Send ``FUZZ_EXAMPLES`` generated requests to ``operation`` and validate each answer."""
    strategies = {mode: operation.as_strategy(generation_mode=mode) for mode in GenerationMode}

    @hypothesis.settings(
        max_examples=FUZZ_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(data=st.data())
    def run(data):
        mode = data.draw(st.sampled_from(list(GenerationMode)))
        case = data.draw(strategies[mode])
        if mode is GenerationMode.POSITIVE:
            world.use_known_ids(case, data.draw)
        case.call_and_validate(headers=headers, **CHECKS)

    run()


def coverage_cases(api_schema, operation):
    """``FUZZ_EXAMPLES`` of schemathesis' deterministic coverage cases (boundary values, wrong
    types, missing fields, methods the path lacks), spread over the whole list."""
    cases = list(
        api_schema.iter_coverage_cases(
            operation,
            generation_modes=list(GenerationMode),
            generation_config=api_schema.config.generation,
        )
    )
    step = max(1, len(cases) // FUZZ_EXAMPLES)
    return cases[::step][:FUZZ_EXAMPLES]


def operations_in_order(api_schema):
    """Every operation, revoking the token (``DELETE /auth/token``) last."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    return sorted(operations, key=lambda operation: operation.label == REVOKE_TOKEN)


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_keeps_its_contract(role, role_world, api_schema):
    world = role_world
    token = world.token(role)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    failures = []

    for operation in operations_in_order(api_schema):
        runs = [functools.partial(fuzz, operation, world, headers)]
        for case in coverage_cases(api_schema, operation):
            runs.append(functools.partial(case.call_and_validate, headers=headers, **CHECKS))
        for run in runs:
            try:
                run()
            except (Exception, BaseExceptionGroup) as exc:  # schemathesis raises a FailureGroup
                failures.append(f"{operation.label} as {role}: {exc}")

    assert not failures, "\n\n".join(failures)
