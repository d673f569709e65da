"""The offline loop: ingest → ETL → feature store → training → evaluation → registry."""
