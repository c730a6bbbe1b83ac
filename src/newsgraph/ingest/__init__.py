"""Readers for txt, html (trafilatura), jsonl(.gz), folders and stdin."""
from newsgraph.ingest.readers import read_file, read_inputs, read_jsonl

__all__ = ["read_file", "read_inputs", "read_jsonl"]
