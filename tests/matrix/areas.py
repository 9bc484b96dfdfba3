"""Every area's matrix lines, gathered for ``tests/test_visibility_matrix.py``."""

from tests.matrix import (
    awards_nominations_council,
    decisions_exemplars_forwarding,
    identity_documents,
    movements_reporting_oversight,
)

AREAS = (
    identity_documents,
    movements_reporting_oversight,
    awards_nominations_council,
    decisions_exemplars_forwarding,
)
PAGES = [check for area in AREAS for check in area.PAGES]
API = [check for area in AREAS for check in area.API]
# Pages and operations no role-dependent line can cover, each with the reason (keys are
# ``namespace:name`` of a page or ``(METHOD, OpenAPI path)`` of an operation).
NOT_IN_MATRIX = {key: reason for area in AREAS for key, reason in area.NOT_IN_MATRIX.items()}
