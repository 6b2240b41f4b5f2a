"""Consultation evidence pipeline: ingest, anonymise, theme, map and report, offline."""
__version__ = "0.1.0"
