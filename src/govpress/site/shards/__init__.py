"""A build split by section across machines: shards (``govpress build --only``) and their merge (``govpress merge``).
See docs/scaling.md."""
