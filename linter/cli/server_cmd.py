"""`msglint server`."""
from __future__ import annotations

import click


@click.command()
@click.option("--stdio", is_flag=True, help="Talk LSP over standard input and output (the default; "
              "accepted because many editors pass it).")
def server(stdio):
    """Run the language server (LSP over standard input and output).

    Editors start it and show each finding as the writer types: diagnostics on open,
    change and save, the approved wording as a quick fix, the evidence on hover.  The
    corpus and rules come from the nearest .msglint.yaml at or above the workspace folder,
    or from the initialization options "corpus", "rules" and "config".

    \b
    Examples:
      msglint server
      nvim: vim.lsp.start({ name = "msglint", cmd = { "msglint", "server" } })
    """
    import gc
    import sys

    # A long-lived process: collect less often (the pipeline, frozen when it loads, is
    # never garbage), and let the loop thread answer promptly while a lint runs.
    gc.set_threshold(50_000, 50, 100)
    sys.setswitchinterval(0.001)
    from ..server import serve

    serve()
