"""Sympy calls under a CPU-time budget: sympy's limit, integrate and solve can run for minutes.

The bottom of calcviz's layers: every module that calls sympy on user input imports this one.
"""

from __future__ import annotations

import signal
import sys
import threading

MAX_SYMBOLIC_OPS = 40  # sympy's limit, integrate and simplify are quick below this size; bigger input goes numeric
SYMPY_BUDGET = 2.0  # CPU seconds a single sympy limit/integrate may take (the slowest course cases: ~0.7 s)
_SYMPY_FAILURES = (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError, ArithmeticError)


class _OutOfTime(BaseException):
    """Raised by the alarm; a BaseException so sympy's ``except Exception`` cannot swallow it."""


def sympy_within_budget(call, seconds: float = SYMPY_BUDGET):
    """``call()``, or None if it fails or uses more than ``seconds`` of CPU time.

    sympy's limit and integrate can run for minutes on innocent-looking input.
    On the main thread a SIGPROF timer interrupts them (re-armed every 50 ms
    in case sympy catches the first one).  CPU time rather than wall time,
    so that a busy machine does not change the results.  Elsewhere signals
    are unavailable and the call runs unguarded (callers also gate on
    expression size).

    Examples
    --------
    >>> sympy_within_budget(lambda: 1 + 1), sympy_within_budget(lambda: 1 / 0)
    (2, None)
    """
    guarded = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if guarded and signal.getitimer(signal.ITIMER_PROF)[0] > 0:
        guarded = False  # an outer budget is already running
    if not guarded:
        try:
            return call()
        except _SYMPY_FAILURES:
            return None

    own_frame = sys._getframe()

    def run():
        return call()

    def interrupt(signum, frame):
        # Only interrupt while run() is on the stack: an alarm landing while this
        # frame (or a gc callback started from it) arms or disarms the timer
        # must not skip the clean-up.
        while frame is not None and frame.f_back is not own_frame:
            frame = frame.f_back
        if frame is not None and frame.f_code is run.__code__:
            raise _OutOfTime

    previous = signal.signal(signal.SIGPROF, interrupt)
    try:
        signal.setitimer(signal.ITIMER_PROF, seconds, 0.05)
        return run()
    except (_OutOfTime, *_SYMPY_FAILURES):
        return None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
