"""Maintainer tooling of cegid-loop: normalization by the API map, quirk overlay, code generation
(the client by openapi-python-client, the typed facade by our templates), regeneration from a new
upstream definition, and the demo. Not part of the runtime package users pin (``cegid_loop``):
nothing under ``cegid_loop`` imports it, and the wheel does not ship it.
"""
