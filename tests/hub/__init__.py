"""The classroom JupyterHub test (make test-hub); the hub itself is in hub/."""
