"""Gettext catalogs: frozen views, reading and writing PO files as GNU gettext does, merging, matching a catalog to its template."""
