"""Worker processes of `nlp.pipe(n_process=N)` end when the load that started them dies.

spaCy's workers wait on a queue for the next batch; when the main process is killed (SIGKILL, the OOM killer)
nothing ever puts the end-of-work sentinel there, and each worker, holding its own copy of the model (about
500 MB), would wait forever as an orphan. On Linux each worker asks the kernel to kill it when its parent
exits (PR_SET_PDEATHSIG); elsewhere a thread in the worker watches for the parent to go.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
POLL_S = 1.0


def exit_with_parent() -> None:
    """Make every process that multiprocessing starts from now on exit when this process dies."""
    global _parent
    if _parent is None or _parent.pid != os.getpid():
        _parent = _Parent(os.getpid())  # kept here: multiprocessing holds its after-fork hooks weakly
        multiprocessing.util.register_after_fork(_parent, _Parent.watch)


class _Parent:
    """Runs in each new worker (multiprocessing's after-fork hook): ties the worker's life to its parent's."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def watch(self) -> None:
        if not _kernel_kills_orphans():
            threading.Thread(target=self._poll, name="exit-with-parent", daemon=True).start()
        if os.getppid() != self.pid:  # the parent died before the worker asked to follow it
            os._exit(1)

    def _poll(self) -> None:
        while os.getppid() == self.pid:
            time.sleep(POLL_S)
        os._exit(1)


def _kernel_kills_orphans() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


_parent: _Parent | None = None
