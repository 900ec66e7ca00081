"""A test hook for the kill-and-rerun tests: ``BB103_FAULT_AFTER=N`` makes the process kill
itself with SIGKILL at the N-th fault point it passes, as a crash or an operator's ``kill
-9`` would, with no cleanup and no rollback handler running. ``BB103_FAULT_AT`` (optional)
names the points that count (``sweep``, ``settle``); others are ignored.

Unset (always, outside those tests) it costs one dictionary lookup per point. Points sit
inside the commands' transactions, so a kill there leaves a transaction half done, which is
what the tests must show is harmless."""

import os
import signal

_passed = 0


def fault_point(name: str) -> None:
    """Count one unit of work; die here if the test asked for it."""
    after = os.environ.get("BB103_FAULT_AFTER")
    if not after:
        return
    only = os.environ.get("BB103_FAULT_AT")
    if only and name != only:
        return
    global _passed
    _passed += 1
    if _passed >= int(after):
        os.kill(os.getpid(), signal.SIGKILL)
