"""``python -m testweb serve --port 8765 [--outlets-dir DIR]``: serve until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from akhbar.testweb.server import TestWeb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m testweb", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the test web in the foreground")
    serve.add_argument("--port", type=int, default=8765, help="port shared by all sites (0 = any free)")
    serve.add_argument("--outlets-dir", type=Path, help="write the sites' outlet TOML files here")
    serve.add_argument("--no-faults", action="store_true", help="disable the /__fault/ endpoints")
    args = parser.parse_args(argv)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with TestWeb(args.port, faults=not args.no_faults) as web:
        if args.outlets_dir:
            web.write_outlet_configs(args.outlets_dir)
            print(f"outlet configs: {args.outlets_dir}", flush=True)
        for site in web.sites:
            print(f"{site.slug:10} {site.language}  {web.base_url(site.slug)}  {site.name_native}", flush=True)
        print("ready", flush=True)
        while not stop.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
