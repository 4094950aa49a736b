"""Fetching from one council site: politely, safely and within bounds.

- Only the configured site: http(s), the same host (and port), never a
  redirect elsewhere. A document URL in a reply is untrusted: a site that
  names an internal host gets a refusal, not a fetch.
- Never a private, loopback or link-local address unless the source was
  explicitly allowed one. The address is checked where the connection is
  made, on the address actually connected to, so a name that resolves to
  an internal address (or changes between look-ups) is refused too.
- Every request has a total deadline (connect, headers and body), not only
  a time-out per read, so a site that drips a byte a second cannot hang a
  sync; and a size cap, checked as the body arrives.
- Polite: a gap between requests, a User-Agent naming the bot, back-off and
  retries on 5xx, 429 (Retry-After) and dropped connections.
- Conditional: the caller passes the validators it stored (ETag,
  Last-Modified) and gets None back for "not modified". Validators are
  returned, never stored here: the caller stores them in the same
  transaction as what they validate, or a crash would turn every later
  fetch into a 304 for a paper that was never saved.

Why httpx: explicit time-outs on every request (requests has none by
default), conditional requests as plain headers, pooling, pure Python; its
transport (httpcore) takes a network backend, which is where the address
check and the deadline live.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore
import httpx

USER_AGENT = "scrutiny-bot/0.1 (overview and scrutiny action tracker; +https://github.com/)"
DEADLINE_SECONDS = 60.0
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_DEFAULT_PORTS = {"http": 80, "https": 443}
# a pasted page address ("…/mgCommitteeDetails.aspx?ID=1") stands for the site it is on
_PAGE_SUFFIXES = (".aspx", ".asmx", ".htm", ".html")


class FetchFailed(Exception):
    """A request that failed (after its retries, where retrying could help); the message says why."""


class Refused(FetchFailed):
    """A URL that will not be fetched: off the site, not http(s), or an address not allowed."""


class NotFound(FetchFailed):
    """HTTP 404 or 410: the site has no such page (a page many sites never publish is not a failure)."""


class _DeadlinePassed(Exception):
    pass


@dataclass(frozen=True)
class Site:
    """A council site: the base every service call and document link is checked against."""
    url: str  # normalised: scheme://host[:port][/path], no trailing slash
    allow_private: bool = False

    @classmethod
    def parse(cls, text: str, allow_private: bool = False) -> Site:
        """The site a person typed, normalised; ValueError with a one-line reason when it is not one."""
        raw = (text or "").strip()
        if not raw:
            raise ValueError("no site address given")
        parts = urlsplit(raw if "://" in raw else f"https://{raw}")
        if parts.scheme.lower() not in _DEFAULT_PORTS:
            raise ValueError(f"{raw!r} is not an http(s) address")
        if parts.username or parts.password:
            raise ValueError(f"{raw!r} carries a user name or password; give the plain site address")
        try:
            host, port = parts.hostname, parts.port
        except ValueError:
            raise ValueError(f"{raw!r} has a port that is not a number") from None
        if not host or not ("." in host or ":" in host or host == "localhost"):
            raise ValueError(f"{raw!r} is not a web address (expected something like https://democracy.example.gov.uk)")
        path = parts.path.rstrip("/")
        segments = path.split("/")
        for index, segment in enumerate(segments):
            if segment.lower().endswith(_PAGE_SUFFIXES):
                path = "/".join(segments[:index])
                break
        netloc = f"[{host}]" if ":" in host else host
        if port is not None:
            netloc += f":{port}"
        return cls(urlunsplit((parts.scheme.lower(), netloc, path, "", "")), allow_private)

    @property
    def _parts(self):
        return urlsplit(self.url)

    @property
    def host(self) -> str:
        return self._parts.hostname or ""

    def _port(self, scheme: str, port: int | None) -> int:
        return port if port is not None else _DEFAULT_PORTS[scheme]

    def resolve(self, link: str, base: str | None = None) -> str:
        """A link from the site (relative or absolute) as a URL on this site; Refused otherwise."""
        absolute = urljoin((base or self.url) + ("" if base else "/"), (link or "").strip())
        parts = urlsplit(absolute)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            raise Refused(f"not an http(s) address: {absolute[:120]}")
        try:
            host, port = (parts.hostname or "").lower(), parts.port
        except ValueError:
            raise Refused(f"a malformed address: {absolute[:120]}") from None
        if parts.username or parts.password:
            raise Refused(f"an address with a user name in it: {absolute[:120]}")
        own = self._parts
        own_scheme = own.scheme
        if host != self.host.lower():
            raise Refused(f"not on the council's site ({self.host}): {absolute[:120]}")
        if self._port(scheme, port) != self._port(own_scheme, own.port):
            both_default = port is None and own.port is None
            if not both_default:
                raise Refused(f"another port than the council's site: {absolute[:120]}")
        if scheme == "http" and own_scheme == "https" and port is None:
            # ModernGov writes its own document links as http:// on https sites
            parts = parts._replace(scheme="https")
        return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def _address_allowed(address: str, allow_private: bool) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return False
    if ip.is_private or ip.is_loopback or ip.is_link_local:
        return allow_private
    return ip.is_global


_deadline = threading.local()


def _bounded(timeout: float | None) -> float:
    at = getattr(_deadline, "at", None)
    if at is None:
        return timeout if timeout is not None else DEADLINE_SECONDS
    left = at - time.monotonic()
    if left <= 0:
        raise _DeadlinePassed()
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """Every read and write waits at most until the request's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses the source may reach, to the very address it checked."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as err:
            raise httpcore.ConnectError(f"cannot resolve {host}: {err}") from None
        addresses = [info[4][0] for info in found]
        refused = [a for a in addresses if not _address_allowed(a, self.allow_private)]
        if refused:
            raise Refused(f"{host} is at a private, loopback or link-local address ({refused[0]}); "
                          "not fetched (a source on an internal network must be allowed explicitly)")
        last: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port, _bounded(timeout), local_address, socket_options)
                return _DeadlineStream(stream)
            except httpcore.ConnectError as err:
                last = err
        raise last or httpcore.ConnectError(f"no address for {host}")


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # httpx takes no network backend of its own; its connection pool (httpcore's public API) does
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                             network_backend=_GuardedBackend(allow_private))


@dataclass
class Fetched:
    url: str
    body: bytes | None  # None: not modified since the validators sent
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """Polite, bounded GETs from one site."""

    def __init__(self, site: Site, min_interval: float = 1.0, retries: int = 3, deadline: float = DEADLINE_SECONDS,
                 max_bytes: int = MAX_BYTES, sleep: Callable[[float], None] = time.sleep) -> None:
        self.site = site
        self.min_interval = min_interval
        self.retries = retries
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.sleep = sleep
        per_step = min(30.0, deadline)
        self.client = httpx.Client(transport=_GuardedTransport(site.allow_private), follow_redirects=False,
                                   timeout=httpx.Timeout(per_step, connect=min(10.0, deadline)),
                                   headers={"User-Agent": USER_AGENT}, trust_env=False)
        self._last = 0.0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _wait_turn(self) -> None:
        gap = self.min_interval - (time.monotonic() - self._last)
        if gap > 0:
            self.sleep(gap)
        self._last = time.monotonic()

    def get(self, link: str, validators: tuple[str | None, str | None] | None = None) -> Fetched:
        """The body of a URL on the site, or body None when the validators still hold.
        Raises Refused (never retried) or FetchFailed (after the retries)."""
        url = self.site.resolve(link)
        headers = {}
        if validators and validators[0]:
            headers["If-None-Match"] = validators[0]
        if validators and validators[1]:
            headers["If-Modified-Since"] = validators[1]
        last_error = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(min(30.0, 0.5 * 2 ** attempt))
            self._wait_turn()
            try:
                status, fetched, retry_after = self._once(url, headers)
            except httpx.HTTPError as err:
                last_error = f"{type(err).__name__}: {err}"[:200]
                continue
            if status in (429,) or status >= 500:
                last_error = f"HTTP {status}"
                if retry_after:
                    self.sleep(min(60.0, retry_after))
                continue
            if fetched is None:
                raise (NotFound if status in (404, 410) else FetchFailed)(f"HTTP {status}")
            return fetched
        raise FetchFailed(f"{last_error} after {self.retries + 1} tries")

    def _once(self, url: str, headers: dict[str, str]) -> tuple[int, Fetched | None, float]:
        """One request, redirects on the site followed, within one deadline."""
        at = _deadline.at = time.monotonic() + self.deadline
        try:
            current = url
            for _hop in range(MAX_REDIRECTS + 1):
                with self.client.stream("GET", current, headers=headers) as response:
                    if response.status_code in _REDIRECTS and response.headers.get("Location"):
                        target = response.headers["Location"]
                        try:
                            current = self.site.resolve(target, base=current)
                        except Refused as err:
                            raise Refused(f"redirected off the site: {err}") from None
                        continue
                    if response.status_code == 304:
                        return 304, Fetched(url, None, response.headers.get("ETag"), response.headers.get("Last-Modified")), 0
                    if response.status_code >= 400:
                        retry_after = response.headers.get("Retry-After", "")
                        return response.status_code, None, float(retry_after) if retry_after.isdigit() else 0
                    body = self._read_capped(response)
                    return 200, Fetched(url, body, response.headers.get("ETag"), response.headers.get("Last-Modified")), 0
            raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")
        except _DeadlinePassed:
            raise FetchFailed(f"no complete answer within {self.deadline:g} s; given up") from None
        except httpx.TimeoutException:
            if time.monotonic() >= at - 0.01:  # the wait was cut short by the deadline, not by a quiet moment
                raise FetchFailed(f"no complete answer within {self.deadline:g} s; given up") from None
            raise
        finally:
            _deadline.at = None

    def _read_capped(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchFailed(f"too large ({int(declared) // (1024 * 1024)} MB; at most {self.max_bytes // (1024 * 1024)} MB is read)")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.max_bytes:
                raise FetchFailed(f"too large (over {self.max_bytes // (1024 * 1024)} MB; not read)")
        return bytes(body)
