"""The command-line interface: thin wrappers that parse, call ``linter`` and render."""
