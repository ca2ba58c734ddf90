"""``make hub``: a classroom JupyterHub on 127.0.0.1 to try the collection as a student would.

    .venv/bin/python -m hub.serve [--students 3] [--port 8000]

Makes a course repository from this checkout's HEAD in a temporary folder, installs
``helpers`` from it into the hub's environment (.venv/hub), starts JupyterHub with the
proxy on http://127.0.0.1:PORT, creates the student accounts, and prints the password and
the nbgitpuller link. Open the link, log in as a student: the hub starts that student's
server, nbgitpuller clones the collection into their home and JupyterLab opens the index.
Ctrl+C stops the hub, every server it started, and removes the temporary folder.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from hub import harness
from tools.links import nbgitpuller_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--students", type=harness.student_count, default=3, help="accounts to create (3)"
    )
    parser.add_argument("--port", type=int, default=8000, help="the hub's port on 127.0.0.1")
    args = parser.parse_args(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("installing helpers from the course repository into .venv/hub ...", flush=True)
    try:
        with harness.classroom(port=args.port) as (hub, bare):
            names = harness.student_names(args.students)
            hub.create_users(names)
            print(f"\nJupyterHub is running at {hub.url}/hub/login (127.0.0.1 only).")
            print(f"Students: {', '.join(names)}; password: {harness.PASSWORD}")
            print("The classroom link (nbgitpuller: clones this checkout's HEAD, opens the index):")
            print(nbgitpuller_url(hub.url, bare.as_uri(), harness.BRANCH))
            print(f"\nHub log: {hub.log_path}\nCtrl+C stops the hub and every server.", flush=True)
            while not stop.wait(1):
                if hub.process is not None and hub.process.poll() is not None:
                    print(f"the hub stopped:\n{hub.log_tail()}", file=sys.stderr)
                    return 1
            print("\nstopping ...", flush=True)
    except KeyboardInterrupt:
        print("\nstopped", flush=True)
    except harness.HubError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
