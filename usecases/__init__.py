"""The use cases: what a person can do with CivicAudit, one desk per domain.

This is the one home of the program's acts, above ``model`` (the domain and the
store) and ``reports`` (the PDF and spreadsheet layouts). The GUI (``ui``) and the
command line (``cli``) call the same desk method for the same act; nothing below
imports this package.

- ``services``: :class:`Services`, the session: the open store, the signed-in
  profile, the photo workers, signing in and out, and the desks below.
- ``desk``: the base every desk shares (who may act, the store).
- ``people``, ``checklists``, ``sites``, ``inspections``, ``drafts``, ``photos``,
  ``credentials``, ``notices``, ``sync``, ``planning``, ``office``, ``demo``: one
  desk each, named after the domain package of ``model`` it works through.

A desk checks who may act, lets the domain do its writes in one transaction and
returns what changed, so a screen knows what to refresh.
"""
