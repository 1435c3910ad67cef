"""Outlet declarations: the bottom layer of akhbar.

One outlet = one small TOML file in this folder (the shipped, real outlets) or in any folder named by
``--outlets-dir`` / ``AKHBAR_OUTLETS_DIR``; :mod:`outlets.registry` validates them. Like fundus's
``publishers/``, a publisher is data: everything above (transforms, warehouse, crawler, the application)
reads these declarations, and nothing here imports any of them.
"""
