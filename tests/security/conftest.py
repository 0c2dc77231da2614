"""The no-network guard shared by the security tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc,valid-type]
        def __init__(self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None):
            fam = socket.AF_INET if family == -1 else family
            if fileno is None and fam in (socket.AF_INET, socket.AF_INET6):
                attempts.append(f"socket({fam!r})")
                raise NetworkAttempt(f"network socket created: family={fam!r}")
            super().__init__(family, type, proto, fileno)

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def _refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
            attempts.append(f"{name}{args!r}")
            raise NetworkAttempt(f"network call: {name}{args!r}")
        return _refuse

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    yield attempts
    assert attempts == [], f"network attempts: {attempts}"


