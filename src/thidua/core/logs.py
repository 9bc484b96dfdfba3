"""A JSON log formatter (``LOG_FORMAT=json``): one object a line, for journald or a log shipper."""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message"}``, plus ``exception`` and the request's
    ``status_code`` and ``path`` when the record carries them (Django's request loggers)."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if status := getattr(record, "status_code", None):
            entry["status_code"] = status
        request = getattr(record, "request", None)
        if path := getattr(request, "path", None):
            entry["path"] = path
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
