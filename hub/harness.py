"""A JupyterHub classroom on 127.0.0.1, started for real, driven through its REST API.

What a teacher does, as a program: JupyterHub (PyPI ``jupyterhub``) behind the npm
``configurable-http-proxy``, a local-process spawner and a shared-password login; students
created through the hub's REST API; the collection handed to each through nbgitpuller from a
git repository; the notebooks run inside each student's own server, through that server's
sessions API and kernel websocket (the path JupyterLab takes), while the kernels and servers
are measured (peak resident memory from ``/proc/PID/status`` VmHWM, CPU seconds from psutil).

Used by ``tests/hub/test_hub.py`` (``make test-hub``), ``benchmarks/bench_hub.py`` and
``make hub``. Everything is bounded in time, listens on 127.0.0.1 only, lives in the temporary
folder it is given, and stops only the processes it started (it records their PIDs).
The hub's environment is ``.venv/hub`` and the proxy is in ``.venv/hub-node`` (``make
hub-env`` installs both: a hub's own packages from requirements-hub.txt, the collection's by
the commands of docs/hub.md, the proxy from hub/package-lock.json). Linux only (VmHWM).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import fnmatch
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psutil
import requests
import websocket

from hub import page
from tools import NOTEBOOK_PATTERN, ROOT
from tools.notebook_hygiene import output_problems

HUB_VENV = ROOT / ".venv" / "hub"
HUB_NODE = ROOT / ".venv" / "hub-node"
PROXY = HUB_NODE / "node_modules" / ".bin" / "configurable-http-proxy"
COURSE = "sigmoid-notebooks"  # the folder students get: the repository's name, as on GitHub
BRANCH = "main"
PASSWORD = "sigmoid-classroom"  # the shared password of `make hub` (at least 8 characters)
# The environment of every student's server: one BLAS thread per kernel, so that thirty
# kernels do not start thirty threads each on a shared machine (the same advice as docs/hub.md).
STUDENT_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
MIB = 1024 * 1024


class HubError(RuntimeError):
    """The hub, a server or a notebook did not do what the classroom needs."""


def missing_install() -> str | None:
    """Why the hub cannot start here (None when the hub environment is installed)."""
    for path in (HUB_VENV / "bin" / "jupyterhub", HUB_VENV / "bin" / "jupyterhub-singleuser"):
        if not path.exists():
            return f"{path.relative_to(ROOT)} is missing: run `make hub-env`"
    if not PROXY.exists():
        return f"{PROXY.relative_to(ROOT)} is missing: run `make hub-env`"
    return None


def free_ports(count: int) -> list[int]:
    """Ports free on 127.0.0.1 now (bound together, so all different)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _git(*args: str, cwd: Path | None = None) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        raise HubError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def make_course_repo(folder: Path, source: Path = ROOT, worktree: bool = False) -> Path:
    """A bare repository in ``folder`` whose branch ``main`` is the commit at HEAD in ``source``.

    The teacher's GitHub repository, on this machine: nbgitpuller clones it by a file:// URL.
    With ``worktree``, ``main`` is instead a snapshot of the files in the working tree (tracked
    and new, not ignored), committed in a scratch repository: ``source`` is left untouched.
    """
    bare = folder / COURSE  # no ".git": nbgitpuller names the student's folder after it
    _git("init", "--quiet", "--bare", f"--initial-branch={BRANCH}", str(bare))
    if worktree:
        snapshot = folder / "worktree-snapshot"
        listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=source)
        for name in filter(None, listed.split("\0")):
            if (source / name).is_file():
                (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source / name, snapshot / name)
        _git("init", "--quiet", f"--initial-branch={BRANCH}", cwd=snapshot)
        _git("add", "--all", cwd=snapshot)
        _git("-c", "user.name=Snapshot", "-c", "user.email=snapshot@example.org",
             "commit", "--quiet", "-m", "Working tree", cwd=snapshot)  # fmt: skip
        source = snapshot
    _git("--git-dir", str(bare), "fetch", "--quiet", "--no-tags", str(source),
         f"HEAD:refs/heads/{BRANCH}")  # fmt: skip
    return bare


def commit_to_course(bare: Path, folder: Path, files: dict[str, str], message: str) -> str:
    """The teacher pushes an update: ``files`` (path: text) on ``main``; returns its id."""
    work = folder / "teacher-clone"
    if not work.exists():
        _git("clone", "--quiet", "--branch", BRANCH, bare.as_uri(), str(work))
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, encoding="utf-8")
    _git("add", "--", *files, cwd=work)
    _git(
        "-c",
        "user.name=Teacher",
        "-c",
        "user.email=teacher@example.org",
        "commit",
        "--quiet",
        "-m",
        message,
        cwd=work,
    )
    _git("push", "--quiet", "origin", BRANCH, cwd=work)
    return _git("rev-parse", "HEAD", cwd=work).strip()


def course_tree(bare: Path) -> dict[str, str]:
    """Every file of ``main`` in the course repository: path -> git blob id."""
    tree = {}
    for line in _git("--git-dir", str(bare), "ls-tree", "-r", BRANCH).splitlines():
        meta, path = line.split("\t", 1)
        tree[path] = meta.split()[2]
    return tree


def course_notebooks(bare: Path) -> list[str]:
    """The numbered notebooks of the course, in reading order (paths inside the repository)."""
    tree = course_tree(bare)
    return sorted(path for path in tree if fnmatch.fnmatch(path, f"notebooks/{NOTEBOOK_PATTERN}"))


def blob_id(path: Path) -> str:
    """The git blob id of a file on disk (what ``git hash-object`` prints)."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def install_helpers(bare: Path) -> None:
    """Install the ``helpers`` package into the hub's environment from the course repository.

    The teacher's line of docs/hub.md, run as written (``hub.page``), with the same repository
    and branch as the nbgitpuller link; the copy a previous run installed is removed first.
    """
    python = HUB_VENV / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "uninstall", "--quiet", "--yes", "sigmoid-notebooks-helpers"],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    try:
        page.install_helpers(python, bare.as_uri(), BRANCH)
    except RuntimeError as error:
        raise HubError(f"the install of helpers failed: {error}") from error


def peak_rss_mib(process: psutil.Process) -> float:
    """The peak resident memory of a live process so far (Linux VmHWM), in MiB."""
    with open(f"/proc/{process.pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / MIB
    raise HubError(f"no VmHWM for PID {process.pid}")


def cpu_seconds(process: psutil.Process, children: bool = True) -> float:
    """User + system CPU time of a live process (and of its waited-for children), in seconds.

    A server's reaped children are its kernels, measured on their own: ``children=False``.
    """
    times = process.cpu_times()
    own = times.user + times.system
    return own + times.children_user + times.children_system if children else own


def _config(hub: Hub) -> str:
    """The hub's jupyterhub_config.py: plain settings, one a line (docs/hub.md shows them)."""
    settings = [
        ("JupyterHub.ip", "127.0.0.1"),  # the public side (the proxy): loopback only
        ("JupyterHub.port", hub.port),
        ("JupyterHub.hub_ip", "127.0.0.1"),
        ("JupyterHub.hub_port", hub.hub_port),
        ("ConfigurableHTTPProxy.api_url", f"http://127.0.0.1:{hub.proxy_api_port}"),
        ("ConfigurableHTTPProxy.command", [str(PROXY)]),
        ("JupyterHub.db_url", f"sqlite:///{hub.run_dir / 'jupyterhub.sqlite'}"),
        ("JupyterHub.cookie_secret_file", str(hub.run_dir / "cookie_secret")),
        ("JupyterHub.pid_file", str(hub.run_dir / "jupyterhub.pid")),
        # one shared password; a real class uses the institution's login
        ("JupyterHub.authenticator_class", "shared-password"),
        ("SharedPasswordAuthenticator.user_password", PASSWORD),
        ("Authenticator.allow_all", True),
        # every server as this system user, homes under one folder; a real class uses a system
        # account per student (LocalProcessSpawner, SystemdSpawner) or containers
        ("JupyterHub.spawner_class", "simple"),
        ("SimpleLocalProcessSpawner.home_dir_template", str(hub.homes / "{username}")),
        ("Spawner.cmd", [str(HUB_VENV / "bin" / "jupyterhub-singleuser")]),
        ("Spawner.args", ["--allow-root"] if os.geteuid() == 0 else []),
        ("Spawner.ip", "127.0.0.1"),
        ("Spawner.default_url", hub.default_url),
        ("Spawner.environment", STUDENT_ENV),
        ("Spawner.start_timeout", 240),  # generous: ten servers start at once on two cores
        ("Spawner.http_timeout", 180),
        # the teacher's (the harness's) token for the REST API
        ("JupyterHub.services", [{"name": "teacher", "api_token": hub.service_token}]),
        ("JupyterHub.load_roles", [{
            "name": "teacher-admin",
            "services": ["teacher"],
            "scopes": ["admin:users", "admin:servers", "tokens", "access:servers",
                       "list:users", "read:users"],
        }]),
    ]  # fmt: skip
    lines = [f"c.{name} = {value!r}" for name, value in settings]
    return "# A classroom hub on 127.0.0.1, written by hub/harness.py (docs/hub.md).\n" + (
        "\n".join(lines) + "\n"
    )


@dataclass
class NotebookRun:
    """One notebook run from a fresh kernel in one student's server, and what it cost."""

    student: str
    notebook: str
    wall_s: float
    kernel_cpu_s: float
    kernel_peak_mib: float
    code_cells: int
    errors: list[str] = field(default_factory=list)
    helpers_file: str = ""
    python_prefix: str = ""
    cwd: str = ""


class Hub:
    """A JupyterHub on 127.0.0.1 with its proxy; a context manager that stops what it started."""

    def __init__(self, workdir: Path, port: int | None = None, default_url: str = "/lab") -> None:
        self.run_dir = workdir / "hub"
        self.homes = workdir / "homes"
        self.run_dir.mkdir(parents=True)
        self.homes.mkdir()
        ports = free_ports(3)
        self.port = port or ports[0]
        self.hub_port, self.proxy_api_port = ports[1], ports[2]
        self.service_token = secrets.token_hex(32)
        self.default_url = default_url
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.run_dir / "hub.log"
        self.start_s = 0.0  # how long the last start took
        self.process: subprocess.Popen[bytes] | None = None
        self.started: list[psutil.Process] = []  # every process to stop at the end
        self.servers: dict[str, psutil.Process] = {}
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {self.service_token}"

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, timeout: float = 90) -> float:
        """Start the hub and wait for its API; returns the seconds it took."""
        reason = missing_install()
        if reason:
            raise HubError(reason)
        config = self.run_dir / "jupyterhub_config.py"
        config.write_text(_config(self), encoding="utf-8")
        env = {
            "PATH": f"{HUB_VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "HOME": str(self.run_dir),
            "PYTHONUNBUFFERED": "1",
        }
        began = time.monotonic()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [str(HUB_VENV / "bin" / "jupyterhub"), "-f", str(config)],
                cwd=self.run_dir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.started.append(psutil.Process(self.process.pid))
        while time.monotonic() - began < timeout:
            if self.process.poll() is not None:
                raise HubError(f"the hub exited with {self.process.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{self.url}/hub/api/", timeout=5).status_code == 200:
                    self.started += [
                        child
                        for child in self.started[0].children()
                        if "configurable-http-proxy" in " ".join(child.cmdline())
                    ]
                    return time.monotonic() - began
            time.sleep(0.25)
        raise HubError(f"the hub did not answer within {timeout} s:\n{self.log_tail()}")

    def stop(self, timeout: float = 60) -> None:
        """Stop the hub (which stops the servers and the proxy), then anything of ours left."""
        for server in list(self.servers.values()):
            with contextlib.suppress(psutil.Error):
                self.started += server.children(recursive=True)
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        leftover = [process for process in self.started if process.is_running()]
        for process in leftover:  # is_running() also checks the start time: never a reused PID
            with contextlib.suppress(psutil.Error):
                process.terminate()
        _, alive = psutil.wait_procs(leftover, timeout=10)
        for process in alive:
            with contextlib.suppress(psutil.Error):
                process.kill()
        self.session.close()

    def __enter__(self) -> Hub:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    # -- the REST API, as the teacher's service --------------------------------------------
    def api(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 60)
        return self.session.request(method, f"{self.url}/hub/api{path}", **kwargs)

    def create_users(self, names: list[str]) -> None:
        reply = self.api("POST", "/users", json={"usernames": names})
        if reply.status_code != 201:
            raise HubError(f"POST /hub/api/users: {reply.status_code} {reply.text}")

    def user_token(self, name: str) -> str:
        reply = self.api(
            "POST", f"/users/{name}/tokens", json={"note": "classroom test", "expires_in": 3600}
        )
        if reply.status_code != 201:
            raise HubError(f"token for {name}: {reply.status_code} {reply.text}")
        return reply.json()["token"]

    def start_servers(self, names: list[str], timeout: float = 300) -> float:
        """Ask for every server at once, wait until all are ready; returns the seconds taken."""
        began = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(len(names)) as pool:
            replies = list(pool.map(lambda n: self.api("POST", f"/users/{n}/server"), names))
        for name, reply in zip(names, replies, strict=True):
            if reply.status_code not in (201, 202):
                raise HubError(f"start {name}: {reply.status_code} {reply.text}\n{self.log_tail()}")
        waiting = set(names)
        while waiting and time.monotonic() - began < timeout:
            for name in sorted(waiting):
                server = self.api("GET", f"/users/{name}").json()["servers"].get("", {})
                if server.get("ready"):
                    process = psutil.Process(server["state"]["pid"])
                    self.servers[name] = process
                    self.started.append(process)
                    waiting.discard(name)
                elif not server.get("pending"):
                    raise HubError(f"the server of {name} stopped:\n{self.log_tail()}")
            time.sleep(0.5)
        if waiting:
            raise HubError(f"servers not ready after {timeout} s: {sorted(waiting)}")
        return time.monotonic() - began


class Student:
    """A student's view: their own server, reached through the proxy with their own token."""

    def __init__(self, hub: Hub, name: str, token: str) -> None:
        self.hub = hub
        self.name = name
        self.token = token
        self.base = f"{hub.url}/user/{name}"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {token}"

    def close(self) -> None:
        self.session.close()

    def pull(self, repo_url: str, branch: str = BRANCH, targetpath: str = COURSE) -> list[dict]:
        """nbgitpuller's headless endpoint: the events of one pull (the last says how it ended)."""
        params = {"repo": repo_url, "branch": branch, "targetpath": targetpath}
        events = []
        with self.session.get(
            f"{self.base}/git-pull/api", params=params, stream=True, timeout=(10, 300)
        ) as reply:
            reply.raise_for_status()
            for line in reply.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    events.append(json.loads(line[5:]))
        return events

    def run_notebook(self, path: str, cell_timeout: float = 300) -> NotebookRun:
        """Run every code cell of ``path`` (in the student's home) in a fresh kernel of their own.

        The way JupyterLab runs a notebook: the notebook is read through the contents API, a
        session gives it a kernel started in the notebook's folder, and each cell goes as an
        ``execute_request`` over the kernel's websocket. A cell tagged ``raises-exception`` may
        raise; any other error, or text on stderr, is recorded in ``errors``.
        """
        began = time.monotonic()
        reply = self.session.get(f"{self.base}/api/contents/{quote(path)}", timeout=60)
        reply.raise_for_status()
        cells = [cell for cell in reply.json()["content"]["cells"] if cell["cell_type"] == "code"]
        reply = self.session.post(
            f"{self.base}/api/sessions",
            json={"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}},
            timeout=120,
        )
        reply.raise_for_status()
        session = reply.json()
        kernel_id = session["kernel"]["id"]
        ws_url = f"ws://127.0.0.1:{self.hub.port}/user/{self.name}/api/kernels/{kernel_id}/channels"
        run = NotebookRun(self.name, path, 0.0, 0.0, 0.0, len(cells))
        try:
            ws = websocket.create_connection(
                f"{ws_url}?session_id={uuid.uuid4().hex}",
                header=[f"Authorization: token {self.token}"],
                timeout=cell_timeout,
            )
            try:
                for number, cell in enumerate(cells, 1):
                    tags = cell.get("metadata", {}).get("tags", [])
                    content, outputs = _execute(ws, self.name, cell["source"], cell_timeout)
                    run.errors += [f"cell {number}: {p}" for p in output_problems(outputs, tags)]
                    if content.get("status") != "ok" and "raises-exception" not in tags:
                        run.errors.append(
                            f"cell {number}: execute_reply status {content.get('status')}"
                        )
                probe, _ = _execute(
                    ws,
                    self.name,
                    "",
                    cell_timeout,
                    silent=True,
                    user_expressions={
                        "pid": "__import__('os').getpid()",
                        "helpers": "__import__('helpers').__file__",
                        "prefix": "__import__('sys').prefix",
                        "cwd": "__import__('os').getcwd()",
                    },
                )
            finally:
                ws.close()
            found = {
                key: value["data"]["text/plain"]
                for key, value in probe.get("user_expressions", {}).items()
                if value.get("status") == "ok"
            }
            if "pid" not in found:
                raise HubError(f"{self.name} {path}: the kernel did not answer the probe: {probe}")
            kernel = psutil.Process(int(found["pid"]))
            self.hub.started.append(kernel)
            run.kernel_peak_mib = peak_rss_mib(kernel)
            run.kernel_cpu_s = cpu_seconds(kernel)
            run.helpers_file = found.get("helpers", "").strip("'")
            run.python_prefix = found.get("prefix", "").strip("'")
            run.cwd = found.get("cwd", "").strip("'")
        finally:
            self.session.delete(f"{self.base}/api/sessions/{session['id']}", timeout=60)
        run.wall_s = time.monotonic() - began
        return run


def _execute(
    ws: websocket.WebSocket,
    username: str,
    code: str,
    timeout: float,
    silent: bool = False,
    user_expressions: dict[str, str] | None = None,
) -> tuple[dict, list[dict]]:
    """Send one execute_request; return its execute_reply content and the cell's outputs."""
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": username,
                    "session": msg_id,
                    "msg_type": "execute_request",
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "buffers": [],
                "content": {
                    "code": code,
                    "silent": silent,
                    "store_history": not silent,
                    "user_expressions": user_expressions or {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
            }
        )
    )
    reply, idle, outputs = None, False, []
    deadline = time.monotonic() + timeout
    while reply is None or not idle:
        if time.monotonic() > deadline:
            raise HubError(f"a cell ran longer than {timeout} s:\n{code[:200]}")
        frame = ws.recv()
        if isinstance(frame, bytes):  # a message with binary buffers (an image widget's PNG)
            continue
        message = json.loads(frame)
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = message["msg_type"]
        if kind == "execute_reply":
            reply = message["content"]
        elif kind == "status" and message["content"]["execution_state"] == "idle":
            idle = True
        elif kind in ("stream", "display_data", "execute_result", "error"):
            outputs.append({"output_type": kind, **message["content"]})
    return reply, outputs


@dataclass
class ClassRun:
    """What one classroom run measured (see ``run_class``)."""

    students: int
    full_collection: int
    notebooks: list[str]
    hub_start_s: float
    spawn_all_s: float
    pull_all_s: float
    run_all_s: float
    hub_peak_mib: float
    proxy_peak_mib: float
    server_peak_mib: dict[str, float]
    server_cpu_s: dict[str, float]
    student_wall_s: dict[str, float]
    runs: list[NotebookRun]
    pull_events: dict[str, list[dict]]
    cpu_count: int = field(default_factory=lambda: os.cpu_count() or 1)

    def to_json(self) -> dict:
        return asdict(self)


def student_count(text: str) -> int:
    """The type of a ``--students`` option: a class of 1 to 200."""
    count = int(text)
    if not 1 <= count <= 200:
        raise argparse.ArgumentTypeError(f"must be between 1 and 200, got {count}")
    return count


def student_names(count: int) -> list[str]:
    return [f"student{k:02d}" for k in range(1, count + 1)]


def assignment(notebooks: list[str], count: int, full: int) -> dict[str, list[str]]:
    """Which notebooks each student runs: the first ``full`` students all of them, in order; the
    others the index and one more, taken in turn, so that every notebook is run concurrently."""
    plan = {}
    rest = notebooks[1:] or notebooks
    for k, name in enumerate(student_names(count)):
        plan[name] = list(notebooks) if k < full else [notebooks[0], rest[(k - full) % len(rest)]]
    return plan


def run_class(hub: Hub, bare: Path, count: int, full: int) -> tuple[ClassRun, dict[str, Student]]:
    """Create ``count`` students, start their servers, pull the course into each at once, then run
    the notebooks of ``assignment`` in all servers at once (each student's one after another).

    The hub must be started; it is left running (with the students' servers) for more checks.
    """
    names = student_names(count)
    hub.create_users(names)
    spawn_s = hub.start_servers(names)
    students = {name: Student(hub, name, hub.user_token(name)) for name in names}
    repo_url = bare.as_uri()
    began = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        events = dict(
            zip(names, pool.map(lambda s: s.pull(repo_url), students.values()), strict=True)
        )
    pull_s = time.monotonic() - began
    for name, stream in events.items():
        if not stream or stream[-1].get("phase") != "finished":
            raise HubError(f"the pull of {name} did not finish: {stream[-3:]}")
    notebooks = course_notebooks(bare)
    plan = assignment(notebooks, count, full)

    def one_student(name: str) -> tuple[float, list[NotebookRun]]:
        started = time.monotonic()
        try:
            runs = [students[name].run_notebook(f"{COURSE}/{path}") for path in plan[name]]
        except Exception as error:  # with what the hub and the servers logged meanwhile
            raise HubError(f"{name}: {error!r}; the hub's log ends:\n{hub.log_tail(60)}") from error
        return time.monotonic() - started, runs

    began = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        results = dict(zip(names, pool.map(one_student, names), strict=True))
    run_s = time.monotonic() - began
    hub_process, proxy = hub.started[0], hub.started[1]
    result = ClassRun(
        students=count,
        full_collection=min(full, count),
        notebooks=notebooks,
        hub_start_s=0.0,
        spawn_all_s=spawn_s,
        pull_all_s=pull_s,
        run_all_s=run_s,
        hub_peak_mib=peak_rss_mib(hub_process),
        proxy_peak_mib=peak_rss_mib(proxy),
        server_peak_mib={name: peak_rss_mib(hub.servers[name]) for name in names},
        server_cpu_s={name: cpu_seconds(hub.servers[name], children=False) for name in names},
        student_wall_s={name: results[name][0] for name in names},
        runs=[run for name in names for run in results[name][1]],
        pull_events=events,
    )
    return result, students


@contextlib.contextmanager
def classroom(
    workdir: Path | None = None,
    port: int | None = None,
    worktree: bool = False,
    deadline_s: float | None = None,
) -> Iterator[tuple[Hub, Path]]:
    """A running hub and its course repository: what ``make hub``, ``make test-hub`` and
    ``benchmarks/bench_hub.py`` set up, the same way.

    Makes the course repository from this checkout (``make_course_repo``), installs helpers
    from it into the hub's environment as docs/hub.md says, starts the hub, and yields
    ``(hub, bare repository)``. On the way out it stops the hub and every process it started,
    and removes ``workdir`` (a new temporary folder when None). With ``deadline_s``, a
    watchdog stops the hub if the block runs longer.
    """
    reason = missing_install()
    if reason:
        raise HubError(reason)
    workdir = workdir or Path(tempfile.mkdtemp(prefix="sigmoid-hub-"))
    hub = Hub(workdir, port=port)
    watchdog = threading.Timer(deadline_s, hub.stop) if deadline_s else None
    if watchdog:
        watchdog.daemon = True
        watchdog.start()
    try:
        bare = make_course_repo(workdir, worktree=worktree)
        install_helpers(bare)
        hub.start_s = hub.start()
        yield hub, bare
    finally:
        if watchdog:
            watchdog.cancel()
        hub.stop()
        shutil.rmtree(workdir, ignore_errors=True)
