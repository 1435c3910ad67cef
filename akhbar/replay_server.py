"""pywb's replay behind two guards; run by pywb's own Python (akhbar.replay starts it), so it imports nothing of akhbar.

``python -I replay_server.py --fd N --config PATH --name HOST …`` serves pywb's FrontEndApp on the listening socket
``N`` that `akhbar replay` bound (so a bad address or a busy port is the command's one error line, and ``--port 0``
is a real free port it can print), with:

* **archived headers neutralised.** pywb serves most headers of an archived response as they are: ``Refresh`` and
  ``Link: rel=preload`` made the viewer's browser go to or fetch a live or internal address, ``Set-Cookie`` set
  cookies on the replay origin, ``WWW-Authenticate`` opened a login prompt, ``Access-Control-Allow-*`` (in ``id_``
  mode) let any web site read the archive. Here only the headers replay needs pass (:data:`PASSED`, under pywb's
  own rules); every other one is renamed ``X-Archive-Orig-<name>``, pywb's prefix for archived headers, so it is
  still visible and acts on nothing. ``Location``, ``Content-Location`` and ``Content-Base`` are rewritten to replay
  addresses in every mode (pywb left them raw in ``id_`` mode: a redirect record sent the browser live).
  The WARC records are not touched: the archive keeps the headers as they were.
* **its own host names only.** A request whose ``Host`` is not an IP address, ``localhost``, or one of the
  ``--name`` values (the replay URL's host, a bind name) gets 403: a DNS-rebinding page (a name of the attacker's
  that later resolves to 127.0.0.1) cannot read the local archive.
"""

from __future__ import annotations

import argparse
import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any

#: archived response headers served under pywb's own rule; any other is prefixed (pywb's header_rules hold the rules)
PASSED = frozenset({"content-type", "content-length", "content-encoding", "transfer-encoding", "content-range",
                    "accept-ranges", "content-language", "content-disposition", "location", "content-location",
                    "content-base"})
#: pywb's rule for a header that is rewritten to a replay address
URL_REWRITE = "url-rewrite"
#: pywb's rule that renames a header X-Archive-Orig-<name>
PREFIX = "prefix"
#: Host names served besides IP addresses and the --name values
LOCAL_NAMES = frozenset({"localhost"})


def archived_header_rule(name: str, pywb_rule: str | None) -> str:
    """The rule an archived response header is served by: pywb's for :data:`PASSED`, else renamed."""
    return (pywb_rule or "keep") if name.lower() in PASSED else PREFIX


def host_name(host_header: str) -> str:
    """The host of a ``Host`` header without its port, lower case, without a trailing dot (``[::1]`` -> ``::1``)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        host = host[1:].partition("]")[0]
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    return host.rstrip(".")


def host_allowed(host_header: str | None, names: Iterable[str]) -> bool:
    """A request for this server: its Host is an IP address, localhost or one of ``names``. An IP address cannot
    be a rebinding attack's (the browser's origin is then that address itself); a missing Host is refused."""
    if not host_header:
        return False
    host = host_name(host_header)
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return host in LOCAL_NAMES or host in {host_name(n) for n in names}


def guarded(app: Callable, names: Iterable[str]) -> Callable:
    """``app`` answering only requests for its own host names (403 otherwise)."""
    names = frozenset(names)

    def wsgi(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if host_allowed(environ.get("HTTP_HOST"), names):
            return app(environ, start_response)
        body = b"akhbar replay answers only its own host names (see AKHBAR_REPLAY_URL)\n"
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"),
                                         ("Content-Length", str(len(body)))])
        return [body]

    return wsgi


def _install_header_rules() -> None:
    """pywb's rewriter serves archived headers through :func:`archived_header_rule`."""
    from pywb.rewrite.default_rewriter import DefaultRewriter
    from pywb.rewrite.header_rewriter import DefaultHeaderRewriter

    class ArchivedHeaders(DefaultHeaderRewriter):
        def rewrite_header(self, name: str, value: str, rule: str | None):
            rule = archived_header_rule(name, rule)
            if rule == URL_REWRITE:  # in every mode: pywb keeps id_'s Location raw, a way out to the live web
                return name, self.rwinfo.url_rewriter.rewrite(value)
            return super().rewrite_header(name, value, rule)

    DefaultRewriter.DEFAULT_REWRITERS = {**DefaultRewriter.DEFAULT_REWRITERS, "header": ArchivedHeaders}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--fd", type=int, required=True, help="the listening socket, inherited")
    parser.add_argument("--config", required=True, help="pywb's config.yaml")
    parser.add_argument("--name", action="append", default=[], help="a host name served (repeatable)")
    args = parser.parse_args(argv)
    from gevent.monkey import patch_all

    patch_all()  # as pywb's own `wayback` does, before pywb is imported
    import logging

    from gevent.pywsgi import WSGIServer
    from pywb.apps.frontendapp import FrontEndApp
    from pywb.utils.geventserver import RequestURIWSGIHandler

    logging.basicConfig(format="%(asctime)s: [%(levelname)s]: %(message)s", level=logging.INFO)
    _install_header_rules()
    listener = socket.socket(fileno=args.fd)
    app = guarded(FrontEndApp(config_file=args.config), args.name)
    WSGIServer(listener, app, handler_class=RequestURIWSGIHandler).serve_forever()


if __name__ == "__main__":
    main()
