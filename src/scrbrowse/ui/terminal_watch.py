"""Noticing that the app's terminal has gone away.

A terminal can close without a hang-up signal reaching the app: under `make run` (make holds the
signal while it waits), or when an SSH connection drops. Its standard input then stays at end of
file, and Textual's input thread reads nothing in a loop, spinning a core for ever (Textual PR
#6690, still open). The app asks every few seconds whether its input is still a terminal, and
leaves when it is not."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

CHECK_EVERY = 2.0  # seconds; one system call each time


def stdin_fd() -> int | None:
    """The descriptor Textual reads keys from, if there is one."""
    stream = sys.__stdin__
    try:
        return stream.fileno() if stream is not None else None
    except (OSError, ValueError):  # closed, or replaced by an object without a descriptor
        return None


class TerminalWatch:
    """`gone()` turns true once input that was a terminal at the start no longer is one. Input that
    was never a terminal (a test, a pipe) is not watched."""

    def __init__(self, fd: int | None, isatty: Callable[[int], bool] = os.isatty) -> None:
        self._fd = fd
        self._isatty = isatty
        self.watching = fd is not None and isatty(fd)

    def gone(self) -> bool:
        return self.watching and self._fd is not None and not self._isatty(self._fd)
