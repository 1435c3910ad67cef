"""Scrapy project: spiders, WARC archiving middleware, discovery helpers."""
