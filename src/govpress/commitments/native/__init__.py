"""Native commitments data files: ``data/actions.yaml``, ``data/organisations.yaml``, ``data/responses/*.yaml``."""
