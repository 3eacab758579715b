"""Write the schema's SDL to schema/schema.graphql and the input bounds beside it:
`python -m api.export`."""

from __future__ import annotations

import json

from api.input_bounds import INPUT_BOUNDS_FILE, input_bounds
from api.schema import SCHEMA_FILE, build_schema


def input_bounds_text() -> str:
    return json.dumps(input_bounds(), indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(build_schema().as_str() + "\n")
    INPUT_BOUNDS_FILE.write_text(input_bounds_text())
    print(f"wrote {SCHEMA_FILE} and {INPUT_BOUNDS_FILE}")
