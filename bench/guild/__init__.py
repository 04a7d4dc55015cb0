"""The Guild's federation gateway benchmark, reproduced: four subgraphs (accounts, inventory,
products, reviews), one deeply nested query, 50 connections, each gateway pinned on one core.
Run it with `python -m bench.guild` (see bench/guild/run.py)."""
