"""Where the current request comes from, for the audit log: set by the web middleware (and
the CLI) for the duration of one request, read by the audit services."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    ip: str | None
    via: str


_origin: ContextVar[Origin | None] = ContextVar("bb103_origin", default=None)


def current_origin() -> Origin | None:
    return _origin.get()


@contextmanager
def origin(ip: str | None, via: str) -> Iterator[None]:
    token = _origin.set(Origin(ip, via))
    try:
        yield
    finally:
        _origin.reset(token)
