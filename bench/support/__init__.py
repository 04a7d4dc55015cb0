"""What the benchmarks share with the tests: the fixture-subgraph kit, the shop fixture (the
benchmarks' workload) and the runner of Apollo's reference tools. The tests import these from
here; bench/ never imports tests/."""
