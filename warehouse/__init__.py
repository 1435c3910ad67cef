"""Stage 3: the Parquet lake (one schema, atomic partitions) and the DuckDB query layer."""
