"""Matrix lines of the pages and endpoints of this area (see ``tests/matrix/base.py``)."""

PAGES = []
API = []
# ``namespace:name`` or ``(METHOD, OpenAPI path)`` → why no matrix line covers it.
NOT_IN_MATRIX = {}
