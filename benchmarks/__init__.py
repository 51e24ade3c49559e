"""Benchmark suite: every figure is a ratio against a baseline program measured in the same run.

Run ``python -m benchmarks`` (see ``benchmarks/README.md``). One module per benchmark; the programs
started as child processes (the app harness, the bare baselines and the load generator) live in
``benchmarks/programs``.
"""
