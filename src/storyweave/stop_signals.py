"""SIGTERM and SIGINT as requests to stop, for long-running commands (watch, worker)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def on_stop_signals(stop: Callable[[int], None]) -> Iterator[None]:
    """Within the block, SIGTERM or SIGINT calls ``stop(signum)`` in this process (it may
    raise to abandon what is in progress). A forked analysis process that inherited the
    handler ends on SIGTERM as it would have, and leaves SIGINT to its parent. The previous
    handlers come back after."""
    owner = os.getpid()

    def handle(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:
            if signum == signal.SIGTERM:
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
            return
        stop(signum)

    previous = {number: signal.signal(number, handle) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
