"""`msglint cache info` and `msglint cache clear`.

The corpus cache (see :mod:`linter.analysis.store`) keeps sealed data entries under
``<cache dir>/{analysis,parsed,snapshots,manifests}/xx/<key>.dat``: one analysis per
corpus document, one parse per corpus file, a snapshot per corpus (with its arrays in a
``.bin`` file beside it), and for each snapshot the sizes and times of the files it was
made from.  ``clear`` removes only files msglint writes there (``*.dat`` and ``*.bin``
entries, ``*.pkl`` ones of older versions and ``.tmp-*`` leftovers of interrupted writes) and the then-empty subfolders;
anything else is left alone.

This module must not import spaCy: it only looks at files.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Optional

import click



def _resolve(cache_dir: Optional[Path]) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    # linter.analysis.store does not import spaCy at import time (the pipeline loads it lazily)
    from ..analysis.store import default_cache_dir

    return Path(default_cache_dir())


def _ours(name: str) -> bool:
    return name.endswith((".dat", ".bin", ".pkl")) or name.startswith(".tmp-")  # .pkl: before cache format 7


def _folders(root: Path) -> list[Path]:
    from ..analysis.store import CACHE_FOLDERS

    return [root / name for name in CACHE_FOLDERS]


def _entries(root: Path) -> Iterator[Path]:
    """Files msglint wrote under the cache folders (entries and temporary files)."""
    for base in _folders(root):
        if not base.is_dir() or base.is_symlink():
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            for name in sorted(filenames):
                p = Path(dirpath) / name
                if _ours(name) and not p.is_symlink() and p.is_file():
                    yield p


def _size(n: int) -> str:
    return f"{n} bytes ({n / (1024 * 1024):.2f} MB)"


cache_dir_option = click.option(
    "--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Corpus cache folder (default: $MSGLINT_CACHE_DIR, else the user cache dir).")


@click.group()
def cache():
    """Show or clear the corpus analysis cache.

    msglint caches the spaCy analysis of each corpus document, so a check only
    re-analyses documents that changed.  The cache is safe to delete at any time.

    \b
    Examples:
      msglint cache info
      msglint cache info --cache-dir .msglint-cache
      msglint cache clear
      MSGLINT_CACHE_DIR=/tmp/mc msglint cache clear
    """


@cache.command()
@cache_dir_option
def info(cache_dir):
    """Show the cache folder, its number of entries and their total size.

    \b
    Examples:
      msglint cache info
      msglint cache info --cache-dir /tmp/msglint-cache
    """
    root = _resolve(cache_dir)
    entries = 0
    total = 0
    for p in _entries(root):
        try:
            size = p.stat().st_size
        except OSError:
            continue
        if p.name.endswith((".dat", ".pkl")) and not p.name.startswith(".tmp-"):
            entries += 1
        total += size
    click.echo(f"cache dir: {root}")
    if not any(f.is_dir() for f in _folders(root)):
        click.echo("entries:   0 (no cache yet)")
    else:
        click.echo(f"entries:   {entries}")
    click.echo(f"size:      {_size(total)}")


@cache.command()
@cache_dir_option
def clear(cache_dir):
    """Delete the cached corpus analysis.

    Removes only the files msglint wrote under the cache's analysis/, parsed/,
    snapshots/ and manifests/ folders (*.dat and *.bin entries and .tmp-* leftovers) and the subfolders left
    empty; any other file is kept.  The next check re-analyses the corpus.

    \b
    Examples:
      msglint cache clear
      msglint cache clear --cache-dir /tmp/msglint-cache
    """
    root = _resolve(cache_dir)
    removed = 0
    freed = 0
    failed: list[str] = []
    for p in list(_entries(root)):
        try:
            size = p.stat().st_size
            p.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            failed.append(f"{p} ({exc.strerror or exc})")
            continue
        removed += 1
        freed += size
    for base in _folders(root):
        if not base.is_dir() or base.is_symlink():
            continue
        # remove subfolders left empty, deepest first; keep the folder itself
        for dirpath, dirnames, filenames in os.walk(base, topdown=False, followlinks=False):
            d = Path(dirpath)
            if d == base or d.is_symlink():
                continue
            try:
                d.rmdir()
            except OSError:
                pass  # not empty: holds files msglint did not write
    click.echo(f"cache dir: {root}")
    click.echo(f"removed {removed} file(s), {_size(freed)}")
    for f in failed:
        click.echo(f"msglint: warning: could not remove {f}", err=True)
    if failed:
        raise SystemExit(1)
