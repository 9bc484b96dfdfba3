"""A fake clamd for the antivirus tests: a real socket in a thread that speaks INSTREAM.

It answers ``stream: Eicar-Test-Signature FOUND`` when the streamed bytes contain the EICAR test
string and ``stream: OK`` otherwise; ``answer`` forces a reply, ``silent`` never replies (to test
the timeout). ``received`` keeps the bytes of the last stream.
"""

import socket
import socketserver
import struct
import threading

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _read_exactly(stream, size):
    data = b""
    while len(data) < size:
        part = stream.recv(size - len(data))
        if not part:
            raise ConnectionError("client closed the stream")
        data += part
    return data


class _Handler(socketserver.BaseRequestHandler):
    def handle(self):
        fake = self.server.fake
        command = b""
        while not command.endswith(b"\0"):
            command += _read_exactly(self.request, 1)
        assert command == b"zINSTREAM\0", command
        received = b""
        while True:
            (size,) = struct.unpack("!L", _read_exactly(self.request, 4))
            if size == 0:
                break
            received += _read_exactly(self.request, size)
        fake.received = received
        if fake.silent:
            fake.release.wait(5)
            return
        answer = fake.answer or (
            "stream: Eicar-Test-Signature FOUND" if EICAR in received else "stream: OK"
        )
        self.request.sendall(answer.encode() + b"\0")


class _TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


class _UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


class FakeClamd:
    def __init__(self, *, unix_path=None, answer=None, silent=False):
        self.answer = answer
        self.silent = silent
        self.received = None
        self.release = threading.Event()
        if unix_path:
            self.server = _UnixServer(str(unix_path), _Handler)
            self.address = f"unix://{unix_path}"
        else:
            self.server = _TCPServer(("127.0.0.1", 0), _Handler)
            host, port = self.server.server_address
            self.address = f"tcp://{host}:{port}"
        self.server.fake = self
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def free_tcp_address():
    """A TCP address where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()
    return f"tcp://{host}:{port}"
