"""``python -m govpress``: the same as the ``govpress`` command."""

from govpress.cli import main

if __name__ == "__main__":
    main()
