"""Settings of the fuzz tests: inputs per target (``FUZZ_EXAMPLES``), a time limit per input."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings

from .harness import Hang, KnownIssue, guard_network, time_limit

#: Generated inputs per target; ``FUZZ_EXAMPLES=10000`` for a long run (see benchmarks/fuzz.py).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
#: The same inputs on every run (a gate must not turn red by chance); ``FUZZ_RANDOM=1`` explores.
DERANDOMIZE = os.environ.get("FUZZ_RANDOM", "") in ("", "0")
#: Longest one input may take, in seconds, before it counts as a hang.
SECONDS_PER_INPUT = 10.0

Test = TypeVar("Test", bound=Callable[..., Any])


def fuzz_settings(examples: int = EXAMPLES) -> Callable[[Test], Test]:
    """Hypothesis settings for one fuzz test: no deadline (the time limit stops hangs), no
    example database, the same inputs every run unless asked, and the health checks that
    reject big inputs off."""
    return settings(
        max_examples=examples,
        derandomize=DERANDOMIZE,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


def bounded(run: Callable[[Any], object], case: Any) -> None:
    """Run one input within the time limit and without network; a known issue passes."""
    try:
        with guard_network(), time_limit(SECONDS_PER_INPUT), contextlib.suppress(KnownIssue):
            run(case)
    except Hang as hang:
        # A BaseException would stop Hypothesis without the failing input: fail as a test does.
        raise AssertionError(f"hang: {hang}") from None
