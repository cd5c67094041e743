"""What a cache file is: sealed data, never code.

Every file msglint writes to its cache is sealed: a magic tag, the SHA-256 of the body and
the body.  :func:`unseal` verifies the digest before anything is decoded, so a truncated,
zeroed or bit-flipped entry is recognised as such (and rebuilt by the caller), never
decoded into a wrong answer.

The body is a pickle restricted to data: :func:`loads` resolves only the classes listed in
:data:`ALLOWED` (msglint's frozen model records, ``datetime.date``, NumPy's dtype and
``_frombuffer``, which builds an array over a byte buffer and refuses object arrays).
Any other global (``os.system``, ``builtins.eval``, ``subprocess.Popen``, a class's
``__reduce__`` target) is refused before it is looked up, so a crafted entry cannot call
anything: it fails to load, with a :class:`CacheError`, and the caller rebuilds it.
Nothing in the allowed list runs code when it is constructed.
"""
from __future__ import annotations

import hashlib
import io
import pickle

from ..errors import MsglintError

MAGIC = b"MSGLINT-CACHE-1\n"
_DIGEST = 32

# (module, name) pairs a cache entry may name; nothing else is ever imported or called.
ALLOWED = frozenset({
    ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "slice"),
    ("datetime", "date"),
    ("numpy", "dtype"),
    ("numpy._core.numeric", "_frombuffer"), ("numpy.core.numeric", "_frombuffer"),
    ("numpy._core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "_reconstruct"),
    ("numpy", "ndarray"),
    ("linter.model", "SourceLine"), ("linter.model", "QA"), ("linter.model", "ExplicitFigure"),
    ("linter.model", "Document"), ("linter.model", "DocInfo"), ("linter.model", "Corpus"),
    ("linter.analysis.figures", "Figure"),
    ("linter.analysis.claims", "Concept"), ("linter.analysis.claims", "Clause"),
    ("linter.analysis.claims", "Analysed"),
    ("linter.analysis.index", "DocSpec"), ("linter.analysis.index", "Core"),
    ("linter.analysis.store", "Snapshot"),
    ("linter.checks.selfcheck", "Problem"),
})


class CacheError(MsglintError):
    """A cache entry that is unreadable, unverifiable or not msglint's data.  The store
    rebuilds such an entry; should one surface later (a document or figure decoded lazily
    from a snapshot), the CLI reports it as a one-line error."""


class _DataUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in ALLOWED:
            raise CacheError(f"refused to load {module}.{name} from the cache")
        return super().find_class(module, name)

    def persistent_load(self, pid):
        raise CacheError("persistent ids are not cache data")


def dumps(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data, buffers=None):
    """Decode a body written by :func:`dumps` (or by ``pickle.dumps`` with out-of-band
    ``buffers``), resolving only :data:`ALLOWED` classes."""
    try:
        return _DataUnpickler(io.BytesIO(data), buffers=buffers).load()
    except CacheError:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoding failure is an unreadable entry
        raise CacheError(f"undecodable entry ({type(exc).__name__})") from None


def seal(body: bytes) -> bytes:
    return MAGIC + hashlib.sha256(body).digest() + body


def unseal(data) -> memoryview:
    """The body of a sealed file, after checking its digest."""
    view = memoryview(data)
    head = len(MAGIC)
    if len(view) < head + _DIGEST or bytes(view[:head]) != MAGIC:
        raise CacheError("not a msglint cache file")
    body = view[head + _DIGEST:]
    if hashlib.sha256(body).digest() != bytes(view[head:head + _DIGEST]):
        raise CacheError("checksum mismatch")
    return body


def digest(data) -> str:
    return hashlib.sha256(data).hexdigest()
