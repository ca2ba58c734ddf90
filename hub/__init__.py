"""The classroom JupyterHub: a real hub on 127.0.0.1 to try (``make hub``) and to measure.

``harness`` starts JupyterHub with the npm proxy (``package.json``, ``package-lock.json``),
creates students through the REST API, hands each the collection with nbgitpuller and runs
the notebooks in their servers; ``serve`` is ``make hub``; ``sizing`` turns a measured run
(``benchmarks/bench_hub.py``) into the sizing table of docs/teaching.md. The test of a whole
class is ``tests/hub/test_hub.py`` (``make test-hub``). See docs/hub.md.
"""
