"""Growth of work with input size, measured without clocks.

``line_events(fn)`` counts the Python lines executed while ``fn()`` runs (``sys.settrace``): a
deterministic count of operations, the same on a fast and a loaded machine.  ``assert_linear``
runs a workload at 1×, 4× and 16× the input and requires the 16× run to cost at most
``slack`` × 16 times the 1× run: linear code passes with room to spare, quadratic code costs
about 256× and fails.
"""
from __future__ import annotations

import sys
from typing import Callable, Sequence


def line_events(fn: Callable[[], object]) -> int:
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    def global_tracer(frame, event, arg):
        return tracer

    old = sys.gettrace()
    sys.settrace(global_tracer)
    try:
        fn()
    finally:
        sys.settrace(old)
    return count


def assert_linear(run: Callable[[int], object], base: int, slack: float = 2.0,
                  factors: Sequence[int] = (1, 4, 16)) -> list:
    """``run(n)`` does the work for input size ``n``; ``run`` is called once before counting so
    that imports and caches filled on first use are not counted."""
    run(base)
    counts = [line_events(lambda f=f: run(base * f)) for f in factors]
    for f, c in zip(factors[1:], counts[1:]):
        assert c <= slack * f * counts[0], f"{f}x input cost {c / counts[0]:.1f}x the operations: {counts}"
    return counts
