"""One schema, defined once: the docs are generated from it and the writer enforces it."""

from pathlib import Path

import pyarrow as pa
import pytest

from warehouse.schema import TABLES, conform, describe_markdown


def test_docs_are_generated_from_the_schema():
    doc = (Path(__file__).parents[1] / "docs" / "schema.md").read_text(encoding="utf-8")
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
