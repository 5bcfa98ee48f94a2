"""Why a drift command could not run. These are tooling errors (an unreadable file, a target that
cannot be reached, a body that is not evidence), not answers of the Loop API, so they are not
:class:`cegid_loop.errors.LoopError`: the CLI prints each as one line and exits 2."""

from __future__ import annotations

from cegid_loop.definition import errors as definition_errors


class DriftError(Exception):
    """A drift check could not run; the message is one line and names what is wrong."""


class LiveCheckError(DriftError):
    """``drift live`` could not run (credentials refused, target unreachable, nothing answered)."""


class EvidenceError(DriftError):
    """A saved or hand-captured body that cannot be checked: the message names the file."""


class DriftDefinitionError(DriftError, definition_errors.DefinitionError):
    """A definition file that cannot be read or is not an OpenAPI document, or an overlay that
    does not apply to it: a :class:`cegid_loop.definition.DefinitionError` met by a drift command."""


__all__ = ["DriftDefinitionError", "DriftError", "EvidenceError", "LiveCheckError"]
