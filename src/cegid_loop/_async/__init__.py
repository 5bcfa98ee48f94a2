"""The client's I/O code, written once.

- ``cegid_loop._async`` is written by hand: ``client`` (send, retry, by the deadline), ``resource``
  (what every generated resource method delegates to), ``imports`` (the import workflow) and
  ``upload`` (streaming a file to the deposit URL).
- ``cegid_loop._sync`` is generated from it by ``cegid_loop_tools.unasync`` (the async keywords
  deleted, the async names renamed: see its ``RULES``), checked in, and checked by
  ``python -m cegid_loop_tools.codegen check``. Never edit it by hand: edit ``cegid_loop._async``
  and run ``python -m cegid_loop_tools.codegen generate``.

Written twice on purpose, outside these packages, is only what renaming cannot derive: waiting and
blocking file reads (:mod:`cegid_loop._backends`), how an exchange is bounded by its deadline
(:mod:`cegid_loop._exchange`), pages fetched ahead in threads or in tasks
(:mod:`cegid_loop.pagination`). What needs no I/O is shared, not generated: settings and what an
answer means (:mod:`cegid_loop._base_client`), the rules of each import step
(:mod:`cegid_loop.imports`). Users import the clients from ``cegid_loop``, the import types from
``cegid_loop.imports``.
"""
