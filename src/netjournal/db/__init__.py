"""Layer 1: the journal file.

Opening, creating, locking, backing up and checking the SQLite file; the
schema, its numbered migrations and the enums stored in it. Imports only
layer 0 (errors, i18n, paths, config, dates, text) and the standard library.
"""
