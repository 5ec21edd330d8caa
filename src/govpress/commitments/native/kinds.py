"""The kinds of native data file (``data/KIND.yaml``; responses: ``data/responses/*.yaml``), each with a JSON Schema
(:mod:`govpress.commitments.native.jsonschema`). Kept apart so the command line can offer them without loading the
schemas."""

SCHEMA_KINDS = ("actions", "organisations", "responses", "reports")
