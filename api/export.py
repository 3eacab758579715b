"""Write the schema's SDL to schema/schema.graphql: `python -m api.export`."""

from __future__ import annotations

from api.schema import SCHEMA_FILE, build_schema

if __name__ == "__main__":
    SCHEMA_FILE.write_text(build_schema().as_str() + "\n")
    print(f"wrote {SCHEMA_FILE}")
