"""`python -m cmp …`: the same entry as the `cmp` command."""

from cmp.entry import main

main()
