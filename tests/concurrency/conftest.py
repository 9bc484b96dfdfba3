"""Races on PostgreSQL: N threads hit the same record at the same moment through the services.

Each thread has its own database connection (closed when it ends); a barrier releases them
together. SQLite serialises writers, so these tests run on PostgreSQL only.
"""

import threading

import pytest
from django.db import connection, connections

THREADS = 8


@pytest.fixture(autouse=True)
def _postgresql_only(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("races need PostgreSQL row locks (SQLite serialises writers)")


def race(work, count=THREADS):
    """Run ``work(index)`` in ``count`` threads at once; return each outcome: the result, or the
    exception raised."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def run(index):
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as exc:
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def split(outcomes):
    """``(successes, failures)`` of ``race``'s outcomes."""
    failures = [o for o in outcomes if isinstance(o, Exception)]
    return [o for o in outcomes if not isinstance(o, Exception)], failures
