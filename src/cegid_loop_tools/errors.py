"""Errors of the maintainer tooling: never a ``cegid_loop.errors.LoopError``, so that an application
catching the client's errors does not catch build-time failures too."""

from __future__ import annotations


class ToolError(Exception):
    """A generation, normalization or regeneration step cannot go on; the message says why."""


__all__ = ["ToolError"]
