"""A real JupyterHub classroom on 127.0.0.1: the harness, its test, and the sizing table.

``harness`` starts JupyterHub with the npm proxy, creates students through the REST API,
hands each the collection with nbgitpuller and runs the notebooks in their servers.
``check_hub.py`` is the test (``make test-hub``; not collected by ``make test``, which only
runs the fast ``test_*.py`` files here). ``sizing`` turns a measured run into the table of
docs/teaching.md. See docs/hub.md.
"""
