"""A real HTTP server on 127.0.0.1 that serves an Argos package index and packages, and misbehaves
on request as real mirrors do: closing mid-file, stalling after its headers, answering 500, ignoring
``Range`` or acting as a forward proxy. It runs in a thread of the test process; every wait it makes
is bounded, so a test never hangs on it."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

STALL_LIMIT_S = 20.0
"""The longest a stalled response waits (for the test to end) before closing."""


@dataclass
class Behaviour:
    """How one path is served."""

    body: bytes
    cut_after: int | None = None
    """Close the connection after this many bytes of the body (Content-Length still announces all)."""
    stall: bool = False
    """Send the headers, then nothing until the server stops."""
    status: int = 200
    ranges: bool = True
    """Honour ``Range: bytes=N-`` with a 206."""


@dataclass
class PackageServer:
    """The paths served and what each request asked for (path, Range header or None)."""

    paths: dict[str, Behaviour] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    stopped: threading.Event = field(default_factory=threading.Event)
    address: str = ""

    def serve(self, path: str, body: bytes, **behaviour) -> str:
        self.paths[path] = Behaviour(body, **behaviour)
        return self.address + path

    def requested(self, path: str) -> list[str | None]:
        return [range_header for requested, range_header in self.requests if requested == path]


def handler_for(server: PackageServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep the test output clean
            pass

        def do_GET(self) -> None:
            path = urlsplit(self.path).path  # a forward proxy receives absolute URLs
            server.requests.append((path, self.headers.get("Range")))
            behaviour = server.paths.get(path)
            if behaviour is None or behaviour.status != 200:
                self.send_error(behaviour.status if behaviour else 404)
                return
            body, start = behaviour.body, _range_start(self.headers.get("Range"), behaviour)
            self.send_response(206 if start else 200)
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            self.send_header("Content-Length", str(len(body) - start))
            self.end_headers()
            if behaviour.stall:
                server.stopped.wait(STALL_LIMIT_S)
                return
            end = len(body) if behaviour.cut_after is None else behaviour.cut_after
            self.wfile.write(body[start:end])
            self.close_connection = True

    return Handler


def _range_start(header: str | None, behaviour: Behaviour) -> int:
    match = re.fullmatch(r"bytes=(\d+)-", header or "")
    return int(match[1]) if match and behaviour.ranges and int(match[1]) < len(behaviour.body) else 0


def start(server: PackageServer) -> ThreadingHTTPServer:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(server))
    httpd.daemon_threads = True
    server.address = f"http://127.0.0.1:{httpd.server_port}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd
