"""One schema, defined once: the docs are generated from it and the writer enforces it."""

import pyarrow as pa
import pytest
from repo import ROOT

from akhbar.warehouse.schema import TABLES, conform, describe_markdown


def test_docs_are_generated_from_the_schema():
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert doc.strip() == describe_markdown().strip(), "regenerate with: akhbar schema > docs/schema.md"


def test_every_column_is_documented_and_partition_columns_stay_in_the_path():
    for name, schema in TABLES.items():
        assert "day" not in schema.names and "outlet" not in schema.names, name
        for field in schema:
            assert field.metadata and field.metadata.get(b"doc"), f"{name}.{field.name} has no doc"


def test_conform_types_rows_and_rejects_unknown_columns():
    table = conform("crawl_log", [{"url": "https://www.youm7.com/", "status": 503, "outcome": "http_error"}])
    assert table.schema.field("status").type == pa.int16()
    with pytest.raises(ValueError, match="unknown column"):
        conform("crawl_log", [{"url": "x", "colour": "blue"}])


def test_each_table_has_one_record_type_whose_fields_are_its_columns_in_order():
    from dataclasses import fields

    from akhbar.warehouse.schema import RECORDS

    assert set(RECORDS) == set(TABLES)
    for name, record in RECORDS.items():
        assert [f.name for f in fields(record)] == TABLES[name].names, name


def test_records_round_trip_through_the_writer_and_back():
    from datetime import UTC, date, datetime

    from akhbar.warehouse.schema import ArticleRecord, CrawlLogRecord, CrawlOutcome

    article = ArticleRecord(article_id="a1", url="https://www.farsnews.ir/news/1", title="خبر فوری از تهران",
                            text="متن خبر", authors=["خبرنگار"], text_chars=7, decode_repairs=2,
                            fetched_at=datetime(2025, 1, 6, 8, tzinfo=UTC))
    row = conform("articles", [article]).to_pylist()[0]
    assert ArticleRecord.from_row({**row, "day": date(2025, 1, 6), "outlet": "fa-fars"}) == article
    line = CrawlLogRecord.from_row({"url": "https://www.youm7.com/1", "outcome": "other_day",
                                    "home_day": date(2025, 1, 7)})
    assert line.outcome is CrawlOutcome.OTHER_DAY
    assert conform("crawl_log", [line]).column("outcome").to_pylist() == ["other_day"]


def test_records_reject_unknown_columns_outcomes_and_tables():
    from akhbar.warehouse.schema import ArticleRecord, CrawlLogRecord, DuplicateRecord

    with pytest.raises(ValueError, match="unknown column"):
        ArticleRecord.from_row({"article_id": "a", "url": "u", "colour": "blue"})
    with pytest.raises(ValueError, match="lost_page"):
        CrawlLogRecord(url="u", outcome="lost_page")
    with pytest.raises(ValueError, match="row of duplicates"):
        conform("articles", [DuplicateRecord("a", "c", "a", "self", 1.0)])


def test_failed_outcomes_are_plain_strings_derived_from_the_enum():
    from akhbar.warehouse.schema import FAILED_OUTCOMES, CrawlOutcome

    assert {type(o) for o in FAILED_OUTCOMES} == {str}  # formatted into SQL by warehouse.duck
    assert set(FAILED_OUTCOMES) == {o.value for o in CrawlOutcome if o.failed}
    assert "extract_timeout" in FAILED_OUTCOMES and "other_day" not in FAILED_OUTCOMES
