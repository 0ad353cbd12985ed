"""A render that dies with the farm worker that started it, and Ctrl-C that is never lost (imports nothing heavy)."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time


def verbose() -> bool:
    """``VERBOSE=1`` (e.g. ``make week3 VERBOSE=1``) shows manim's and Dask's own log lines, and tracebacks."""
    return os.environ.get("VERBOSE", "") not in ("", "0")


def exit_with_parent() -> None:
    """With ``$CALCVIZ_PARENT_PID`` (a farm worker), end this render's process group when that process is gone.

    The farm starts renders in their own process group so a timeout can kill the
    whole of it; this makes a render die with a worker that is killed, too.
    """
    parent = os.environ.get("CALCVIZ_PARENT_PID")
    if not parent:
        return

    def watch() -> None:
        while os.getppid() == int(parent):
            time.sleep(0.5)
        os.killpg(os.getpgrp(), signal.SIGKILL)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


_interrupts: list[int] = []


def note_interrupts(terminate: bool = False) -> None:
    """Ctrl-C raises KeyboardInterrupt as usual, and is also remembered: Python drops an exception raised
    while it runs a finaliser (``Exception ignored in ...``), and an interrupted render must still fail.

    With ``terminate``, SIGTERM does the same: Slurm cancels a job (scancel, its time limit) with SIGTERM,
    and only KillWait seconds later SIGKILL, so a render cleans up as after Ctrl-C (work folder, shared
    memory) and keeps the previous clip.
    """

    owner = os.getpid()

    def on_interrupt(signum, frame):
        if signum == signal.SIGTERM and os.getpid() != owner:  # a forked helper, signalled with its job: it just ends
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
        _interrupts.append(signum)
        raise KeyboardInterrupt

    _interrupts.clear()  # a long-lived process (the farm client) notes them afresh for each run
    if threading.current_thread() is threading.main_thread():  # only the main thread may set a handler
        signal.signal(signal.SIGINT, on_interrupt)
        if terminate:
            signal.signal(signal.SIGTERM, on_interrupt)


def leave_interrupts_to_parent() -> None:
    """In a forked helper (an encoder): Ctrl-C reaches the whole process group, but the parent decides
    what stops, and the helper ends when its pipe closes, without a traceback of its own.  SIGTERM ends it
    at once, as before its parent (a render) took SIGTERM as Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


INTERRUPTED = 130  # the exit status of a command that Ctrl-C stopped, as a shell reports it


def end_as_interrupted() -> None:
    """End this process the way Ctrl-C ends a program, killed by SIGINT, so that make and shells see an
    interrupt (make then stops at once and says so) rather than an error status."""
    sys.stdout.flush()
    sys.stderr.flush()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)


def raise_if_interrupted() -> None:
    """Raise KeyboardInterrupt if Ctrl-C came since :func:`note_interrupts`, even if it was dropped."""
    if _interrupts:
        raise KeyboardInterrupt
