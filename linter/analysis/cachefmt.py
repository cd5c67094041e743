"""What a cache file is: sealed data, never code.

Every file msglint writes to its cache is sealed: a magic tag (which names the format
version), the SHA-256 of the body and the body.  :func:`unseal` verifies the digest before
anything is decoded, so a truncated, zeroed or bit-flipped entry is recognised as such (and
rebuilt by the caller), never decoded into a wrong answer.

The body is MessagePack holding plain values only: ``None``, booleans, integers, floats,
strings, byte strings and arrays (decoded as tuples).  :func:`unpack` turns it into those
Python values and nothing else: it names no class, imports nothing and calls nothing, and
an extension type is refused.  What the values mean is read by the record decoders of
:mod:`.codec`, which check every type, length and index before building anything.  An
entry that is not what they expect raises :class:`CacheError`, and the caller rebuilds it.
"""
from __future__ import annotations

import hashlib

import msgpack

from ..errors import MsglintError

# The second format: the first (MSGLINT-CACHE-1) held restricted pickles, and is refused.
MAGIC = b"MSGLINT-CACHE-2\n"
_DIGEST = 32


class CacheError(MsglintError):
    """A cache entry that is unreadable, unverifiable or not msglint's data.  The store
    rebuilds such an entry; should one surface later (a document decoded lazily from a
    snapshot), the CLI reports it as a one-line error."""


def _no_extension(code: int, data: bytes):
    raise CacheError(f"MessagePack extension type {code} is not cache data")


def pack(value) -> bytes:
    """``value`` (plain values only: see the module docstring) as MessagePack.  Lone
    surrogates, which file names read from the system may hold, are kept as they are."""
    return msgpack.packb(value, use_bin_type=True, unicode_errors="surrogatepass")


def unpack(data):
    """Plain values from :func:`pack`'s bytes; anything else is a :class:`CacheError`."""
    try:
        return msgpack.unpackb(data, use_list=False, raw=False, strict_map_key=True, timestamp=0,
                               ext_hook=_no_extension, unicode_errors="surrogatepass")
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
        raise CacheError("not a msglint cache file of this format")
    body = view[head + _DIGEST:]
    if hashlib.sha256(body).digest() != bytes(view[head:head + _DIGEST]):
        raise CacheError("checksum mismatch")
    return body


def digest(data) -> str:
    return hashlib.sha256(data).hexdigest()
