"""Path search: every way to reach each selection of an operation in the query graph, and the
choice of the cheapest combination."""
