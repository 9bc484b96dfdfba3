"""The frame of the state-machine property tests: one savepoint per example, refusals that
change nothing, and invariants checked after every step.

A machine class is built inside a pytest test (the world of units, roles and catalogue comes from
the fixtures, once per test); each Hypothesis example runs inside a savepoint of the test's
transaction and is rolled back in ``teardown``, so examples never see each other's records.
"""

from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, run_state_machine_as_test

from thidua.core.exceptions import DomainError
from thidua.core.models import AuditEntry, Transition

# A few examples of a few steps each keep the whole package under about 90 s on SQLite. The runs
# are derandomised so a failure reproduces; shrinking through the database takes minutes, so a
# failure is reported with its steps as found.
SETTINGS = settings(
    max_examples=10,
    stateful_step_count=30,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


class ServiceMachine(RuleBasedStateMachine):
    """Drives services as users of every role; a refused call must leave the database as it was."""

    def __init__(self):
        super().__init__()
        self._savepoint = transaction.savepoint()

    def teardown(self):
        transaction.savepoint_rollback(self._savepoint)

    def records(self):
        """What a refusal must not change, besides the transition and audit rows (override)."""
        return ()

    def fingerprint(self):
        return (Transition.objects.count(), AuditEntry.objects.count(), tuple(self.records()))

    def attempt(self, call, *args, **kwargs):
        """Run ``call``; on a domain refusal check that nothing changed and return ``None``."""
        before = self.fingerprint()
        try:
            return call(*args, **kwargs)
        except DomainError:
            assert self.fingerprint() == before, f"{call.__name__} was refused but wrote"
            return None


def run(machine_class, **overrides):
    run_state_machine_as_test(machine_class, settings=settings(SETTINGS, **overrides))


def transitions_of(instance):
    from thidua.core.workflow import transitions_of as of

    return list(of(instance).values_list("from_state", "to_state"))


def assert_recorded(instance, table, initial, field="status"):
    """Every status change of ``instance`` is a ``Transition`` row allowed by ``table``, chained
    from ``initial`` to the current status (a first "created" row ``"" → initial`` may open the
    timeline)."""
    state = initial
    chain = transitions_of(instance)
    if chain and chain[0] == ("", initial):
        chain = chain[1:]
    for from_state, to_state in chain:
        assert from_state == state, f"{instance!r}: transition from {from_state}, was {state}"
        assert to_state in table[from_state], f"{instance!r}: {from_state} → {to_state}"
        state = to_state
    assert state == getattr(instance, field), f"{instance!r}: unrecorded change to {state}"
    assert getattr(instance, field) in table


def actors(allowed, everyone):
    """Mostly someone who may act, sometimes anyone (most of whom must be refused)."""
    return st.sampled_from(sorted(allowed) * 3 + sorted(everyone))
