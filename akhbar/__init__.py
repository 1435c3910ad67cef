"""akhbar: crawl-and-archive pipeline for Persian- and Arabic-language news."""
