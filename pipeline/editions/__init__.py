"""Editions: the published pages and the review sheet, built from the catalogs."""
