"""``msglint server``: a language server, so editors show findings as the writer types.

:mod:`.protocol` speaks LSP (pygls); :mod:`.session` is its one door into the checking
engine (corpus snapshot, rule pack, engine); :mod:`.analyses` keeps sentence analyses
between lints; :mod:`.positions` converts msglint's positions to the client's.
"""
from __future__ import annotations


def serve(stdin=None, stdout=None, after_open=None) -> None:
    """Run the language server over standard input and output.  ``after_open`` is called
    (with no argument) each time the corpus has been opened: the CLI uses it for
    process-wide settings, which are not the library's to make."""
    from .protocol import serve as _serve

    _serve(stdin, stdout, after_open)


__all__ = ["serve"]
