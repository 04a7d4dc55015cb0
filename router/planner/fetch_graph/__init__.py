"""The fetch dependency graph: one group per future Fetch (subgraph, merge path, selection,
representation inputs), with the groups each one waits for."""
