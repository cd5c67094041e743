"""Process-wide tuning for one ``msglint`` command: the only place msglint touches it.

A command runs once and exits, so it can afford settings a library must never impose on
the program that imports it.  :func:`tune` is called once, by the entry point
(:func:`linter.cli.main.run`); :func:`exit_now` ends the process after the command.
"""
from __future__ import annotations

import gc
import os
import sys

from ..analysis.pipeline import on_model_load

# While a draft is parsed in a background thread, the parse is the longer task: with this
# switch interval it gets the GIL back soon after asking for it (the default, 5 ms, would
# keep it waiting on the thread that opens the corpus and judges sentences).
SWITCH_INTERVAL = 0.0005  # seconds


def _freeze() -> None:
    # The pipeline lives as long as the process: moving it, and everything imported so
    # far, out of the collector's reach spares every later full collection a walk over
    # hundreds of thousands of objects.
    gc.freeze()


def tune() -> None:
    """Set what a one-shot command wants: a short GIL switch interval, and the collector
    frozen over the spaCy pipeline once it is loaded."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    on_model_load(_freeze)


def exit_now(code: int) -> None:
    """End the process with ``code``.  When spaCy was loaded, without tearing the
    interpreter down (output flushed first): freeing the pipeline's objects one by one
    took about 40 ms of every check, and nothing needs it, since every file msglint writes
    is complete and closed by then."""
    if "spacy" in sys.modules:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe: nothing more to say
                pass
        os._exit(code)
    sys.exit(code)
