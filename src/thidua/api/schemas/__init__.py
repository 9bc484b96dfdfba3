"""Request and response schemas of the API, one module per domain; shared types in ``common``."""
