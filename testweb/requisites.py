"""What an article page needs besides its HTML, as the test web serves it: the stylesheet every page links
(``/static/site.css``); the lead image (``/images/N.jpg``, each article's og:image) is served by the server's
image route. Kept apart from the pages so the crawl of requisites (akhbar.crawler.requisites) has something real to
fetch and replay something to show."""

from __future__ import annotations

STYLESHEET_PATH = "/static/site.css"
#: a rule whose effect a browser test can read back (the headline's colour), right to left as the pages are
STYLESHEET = (b"html[dir=rtl] body { direction: rtl; font-family: serif; }\n"
              b"h1 { color: rgb(128, 0, 0); }\n"
              b"figure img, article img { min-width: 120px; }\n")


def asset(path: str) -> tuple[str, bytes] | None:
    """(content type, body) of a requisite the site serves at ``path``, else None."""
    if path == STYLESHEET_PATH:
        return "text/css; charset=utf-8", STYLESHEET
    return None
