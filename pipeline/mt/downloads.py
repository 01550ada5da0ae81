"""Resumable HTTP downloads into a cache: what ``pipeline models install --from-index`` fetches.

Argos's own ``AvailablePackage.download()`` reads a whole package into memory with no timeout, no
progress and no resume, and reports any failure as ``Download failed``. This module owns the
transfer instead (Argos's index format and installation stay as they are):

Timeouts
    A connect timeout and a read timeout (the longest wait for the next bytes), so a server that
    sends its headers and then nothing is given up on rather than waited for.
Proxies
    ``requests`` honours the standard ``http_proxy``/``https_proxy``/``no_proxy`` variables.
Interruptions
    Bytes arrive in ``<name>.part`` next to the final file in the cache. Whatever interrupts a transfer
    (a closed connection, a short body, a stalled server, a server error), the ``.part`` file is kept
    and the next run asks for the rest with a ``Range`` request; a server that ignores it sends the
    whole file again, which replaces the partial one. Only a complete file (its size the announced
    size, its SHA-256 the expected one where known) is renamed to its final name.

Every failure is a :class:`DownloadError` whose message says what happened in the user's terms
(``connection closed after 31.2 of 97.0 MB``); the caller names the package and the address.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CHUNK_BYTES = 1 << 16
PART_SUFFIX = ".part"
USER_AGENT = "article-localisation-pipeline"

Progress = Callable[[int, "int | None"], None]
"""Called with (bytes on disk, total bytes or None when the server does not say) as bytes arrive."""


def no_progress(done: int, total: int | None) -> None:
    """The default :data:`Progress`: report nothing."""


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds to wait for a connection, and for the next bytes once connected."""

    connect: float = 15.0
    read: float = 30.0


class DownloadError(Exception):
    """A transfer that did not complete; the message says why, in a few words."""


def get_bytes(url: str, timeouts: Timeouts, *, limit: int) -> bytes:
    """The body of ``url`` (a small file: an index), refused past ``limit`` bytes."""
    import requests

    try:
        with _session().get(url, stream=True, timeout=(timeouts.connect, timeouts.read)) as response:
            _raise_for_status(response)
            body = bytearray()
            for chunk in response.iter_content(CHUNK_BYTES):
                body += chunk
                if len(body) > limit:
                    raise DownloadError(f"larger than {format_size(limit)}")
            return bytes(body)
    except requests.RequestException as error:
        raise DownloadError(_reason(error)) from None


def download(
    url: str, destination: Path, timeouts: Timeouts, *, sha256: str | None = None, progress: Progress = no_progress
) -> Path:
    """Fetch ``url`` into ``destination``, resuming ``destination.part`` where an earlier run stopped.

    Returns ``destination`` once it is complete and verified; on any failure the partial file is
    kept for the next run (unless it can never complete: a checksum mismatch deletes it).
    """
    import requests

    part = destination.with_name(destination.name + PART_SUFFIX)
    done = part.stat().st_size if part.exists() else 0
    total = None
    try:
        with _session().get(
            url,
            stream=True,
            timeout=(timeouts.connect, timeouts.read),
            headers={"Range": f"bytes={done}-"} if done else {},
        ) as response:
            if response.status_code == 416:  # the range starts at or past the end: start over
                part.unlink()
                return download(url, destination, timeouts, sha256=sha256, progress=progress)
            _raise_for_status(response)
            done, total = _resume_point(response, done)
            done = _receive(response, part, done, total, progress)
    except requests.RequestException as error:
        raise DownloadError(_interrupted(error, part, total)) from None
    if total is not None and done != total:
        raise DownloadError(f"connection closed after {format_progress(done, total)}")
    _verify(part, sha256)
    os.replace(part, destination)
    return destination


def _session():
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def _raise_for_status(response) -> None:
    if response.status_code >= 400:
        raise DownloadError(f"the server answered {response.status_code} {response.reason}".rstrip())


_CONTENT_RANGE = re.compile(r"bytes (\d+)-\d+/(\d+|\*)")


def _resume_point(response, done: int) -> tuple[int, int | None]:
    """Where the body starts in the file, and the file's size: a 206 continues the partial file, any
    other success starts it over."""
    length = response.headers.get("Content-Length")
    if response.status_code == 206:
        match = _CONTENT_RANGE.fullmatch(response.headers.get("Content-Range", "").strip())
        if match and int(match[1]) == done:
            return done, None if match[2] == "*" else int(match[2])
        raise DownloadError(
            f"the server resumed at another offset than asked (Content-Range {response.headers.get('Content-Range')!r})"
        )
    return 0, int(length) if length and length.isdigit() else None


def _receive(response, part: Path, done: int, total: int | None, progress: Progress) -> int:
    """Append the body to ``part`` (or write it anew from offset 0); returns the bytes on disk.

    urllib3's own length check would drop the bytes it buffered before the connection closed; the
    caller compares the size with the announced one instead, so every byte received is kept.
    """
    response.raw.enforce_content_length = False
    with open(part, "ab" if done else "wb") as file:
        progress(done, total)
        for chunk in response.iter_content(CHUNK_BYTES):
            file.write(chunk)
            done += len(chunk)
            if total is not None and done > total:
                file.truncate(0)
                raise DownloadError(f"the server sent more than the {format_size(total)} it announced")
            progress(done, total)
    return done


def _interrupted(error: Exception, part: Path, total: int | None) -> str:
    done = part.stat().st_size if part.exists() else 0
    if done and total:
        return f"{_reason(error)} after {format_progress(done, total)}"
    return _reason(error)


def _reason(error: Exception) -> str:
    """A few words for a ``requests`` error (its own text nests urllib3's several levels deep)."""
    import requests

    if isinstance(error, requests.ConnectTimeout):
        return "no connection within the connect timeout"
    if (
        isinstance(error, (requests.ReadTimeout, requests.exceptions.ConnectionError))
        and "timed out" in str(error).lower()
    ):
        return "no data within the read timeout"
    if isinstance(error, requests.exceptions.ChunkedEncodingError):
        return "connection closed"
    if isinstance(error, requests.exceptions.ProxyError):
        return "the proxy refused the connection"
    if isinstance(error, requests.ConnectionError):
        return "cannot connect"
    if isinstance(
        error, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema | requests.exceptions.InvalidSchema
    ):
        return "not an http(s) address"
    return type(error).__name__


def _verify(part: Path, sha256: str | None) -> None:
    if sha256 is None:
        return
    digest = hashlib.sha256()
    with open(part, "rb") as file:
        for block in iter(lambda: file.read(CHUNK_BYTES), b""):
            digest.update(block)
    if digest.hexdigest() != sha256.lower():
        part.unlink()
        raise DownloadError(
            f"the file's SHA-256 is not the index's ({digest.hexdigest()[:12]}… instead of "
            f"{sha256.lower()[:12]}…); the download is discarded"
        )


_UNITS = (("MB", 1_000_000), ("kB", 1_000))


def _unit(size: int) -> tuple[str, int]:
    return next(((unit, scale) for unit, scale in _UNITS if size >= scale), ("bytes", 1))


def format_size(size: int) -> str:
    """Bytes in the unit a person reads.

    >>> format_size(97_000_000), format_size(310_500), format_size(999)
    ('97.0 MB', '310.5 kB', '999 bytes')
    """
    unit, scale = _unit(size)
    return f"{size} {unit}" if scale == 1 else f"{size / scale:.1f} {unit}"


def format_progress(done: int, total: int) -> str:
    """``31.2 of 97.0 MB``: both figures in the total's unit.

    >>> format_progress(31_200_000, 97_000_000), format_progress(500, 2_000), format_progress(5, 9)
    ('31.2 of 97.0 MB', '0.5 of 2.0 kB', '5 of 9 bytes')
    """
    unit, scale = _unit(total)
    if scale == 1:
        return f"{done} of {total} {unit}"
    return f"{done / scale:.1f} of {total / scale:.1f} {unit}"
