"""Scrapy settings for the akhbar crawler: polite by default, every exchange archived."""

BOT_NAME = "akhbar"
SPIDER_MODULES = ["akhbar.crawler.spiders"]
NEWSPIDER_MODULE = "akhbar.crawler.spiders"

#: names the software only: a contact must be the operator's own, given in AKHBAR_USER_AGENT (akhbar.settings),
#: and a run without it warns once. No invented contact here: site owners would write to someone who never reads it.
USER_AGENT = "akhbar/0.1 (news archive crawler)"
ROBOTSTXT_OBEY = True
#: robots.txt groups for the generic tokens we also are (Scrapy) apply to us besides ours and `*`
ROBOTSTXT_PARSER = "akhbar.crawler.middlewares.GenericTokenRobotParser"

# Politeness: a few requests per host at a time, a delay between them, AutoThrottle adapting to latency.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Bounded work per request: timeouts, size caps (also against compression bombs), redirects.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
# An article page's lead image and stylesheets (crawler.requisites), so replay shows the page as it looked: at most
# this many a page and a crawl, each at most this many bytes (0 a page: none fetched). akhbar.settings sets them.
AKHBAR_REQUISITES_PER_PAGE = 3
AKHBAR_REQUISITES_PER_NIGHT = 2000
AKHBAR_REQUISITE_MAX_BYTES = 2 * 1024 * 1024
METAREFRESH_ENABLED = False

# Retries: Scrapy's policy plus exponential backoff and Retry-After (crawler.middlewares).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 30.0
RETRY_AFTER_MAX = 120.0

# Only the web: Scrapy's file/s3/ftp/data handlers would read local files (a robots.txt `Sitemap: file:///etc/passwd`)
# or other stores into the WARC. With no handler, such a URL fails with NotSupported; the spider and
# AllowedDomainsGuardMiddleware refuse it with a logged reason before that.
DOWNLOAD_HANDLERS = {"file": None, "s3": None, "ftp": None, "data": None}
# Checks the address actually connected to (DNS rebinding), for outlets with allow_private_hosts = false.
TWISTED_DNS_RESOLVER = "akhbar.crawler.middlewares.CheckedAddressResolver"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    # RFC 9309: an unreachable robots.txt (5xx, network error) disallows everything
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "akhbar.crawler.middlewares.RfcRobotsTxtMiddleware": 100,
    # replaced by AllowedDomainsGuardMiddleware: the stock one drops offsite redirects without a trace
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "akhbar.crawler.middlewares.AllowedDomainsGuardMiddleware": 45,
    "akhbar.crawler.middlewares.PrivateHostGuardMiddleware": 50,
    "akhbar.crawler.middlewares.BackoffRetryMiddleware": 550,
    "akhbar.crawler.middlewares.WarcArchiveMiddleware": 950,
}

# The per-URL crawl log (crawler.crawllog): a line per `crawl_outcome` signal of the spider and the WARC middleware.
EXTENSIONS = {"akhbar.crawler.crawllog.CrawlLogExtension": 0}

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
#: the app overrides it from AKHBAR_SCRAPY_LOG_LEVEL (akhbar.settings)
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
