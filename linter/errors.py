"""Errors msglint reports to the user as one line, never as a traceback."""
from __future__ import annotations

from typing import Optional


class MsglintError(Exception):
    """A problem with the user's input, configuration or environment.

    Rendered as ``path:line: message`` (or ``path: message`` when the line is unknown).
    The CLI prints it on one line and exits 2.
    """

    exit_code = 2

    def __init__(self, message: str, path: Optional[str] = None, line: Optional[int] = None):
        super().__init__(message)
        self.message = " ".join(str(message).split())  # always one line
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}: {self.message}"
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message


class InputError(MsglintError):
    """A draft or corpus file that cannot be read or understood."""


class ConfigError(MsglintError):
    """A configuration file or rule pack that is invalid."""
