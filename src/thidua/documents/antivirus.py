"""Optional antivirus scan of uploads by a clamd daemon, with its INSTREAM command.

``CLAMD_ADDRESS`` is ``tcp://host:port`` or ``unix:///path/to/clamd.ctl``; unset, nothing is
scanned. An infected file is refused naming the signature. When clamd cannot be reached, times out
(``CLAMD_TIMEOUT`` seconds) or answers with an error (e.g. its stream size limit), the upload is
refused if ``CLAMD_REQUIRED`` is set, and otherwise accepted with a warning in the log.
"""

import logging
import socket
import struct
from urllib.parse import urlparse

from django.conf import settings
from django.utils.translation import gettext as _

from thidua.core.exceptions import InvalidInput

logger = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
FOUND_SUFFIX = " FOUND"


class ScannerUnavailable(Exception):
    """clamd could not be reached or did not give a verdict."""


def _connect(address, timeout):
    parsed = urlparse(address)
    if parsed.scheme == "unix" and parsed.path:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(parsed.path)
        except OSError:
            sock.close()
            raise
        return sock
    if parsed.scheme == "tcp" and parsed.hostname and parsed.port:
        return socket.create_connection((parsed.hostname, parsed.port), timeout=timeout)
    raise ScannerUnavailable(f"unsupported CLAMD_ADDRESS {address!r}")


def instream(data: bytes, address: str, timeout: float) -> str:
    """Send ``data`` to clamd in length-prefixed chunks; its answer, e.g. ``stream: OK``."""
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK_BYTES):
                chunk = data[start : start + CHUNK_BYTES]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                answer += part
    except OSError as exc:
        raise ScannerUnavailable(str(exc) or type(exc).__name__) from exc
    return answer.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan(data: bytes, address: str, timeout: float) -> str | None:
    """The signature clamd found in ``data``, or ``None`` when it is clean."""
    answer = instream(data, address, timeout)
    verdict = answer.split(":", 1)[-1].strip()
    if verdict == "OK":
        return None
    if verdict.endswith(FOUND_SUFFIX):
        return verdict[: -len(FOUND_SUFFIX)].strip()
    raise ScannerUnavailable(answer or "empty answer")


def _refusal(message):
    return InvalidInput(message, errors=[{"field": "file", "message": message}])


def check_for_viruses(data: bytes) -> None:
    """Refuse ``data`` (``InvalidInput``) when clamd is configured and finds a virus in it."""
    address = getattr(settings, "CLAMD_ADDRESS", "")
    if not address:
        return
    try:
        signature = scan(data, address, getattr(settings, "CLAMD_TIMEOUT", 30))
    except ScannerUnavailable as exc:
        if getattr(settings, "CLAMD_REQUIRED", False):
            raise _refusal(
                _(
                    "The antivirus scanner cannot be reached, so the file cannot be accepted "
                    "now. Try again later or tell the administrator."
                )
            ) from exc
        logger.warning("clamd unavailable, upload accepted without a scan: %s", exc)
        return
    if signature:
        raise _refusal(
            _("The file contains a virus (%(signature)s) and was refused.")
            % {"signature": signature}
        )
