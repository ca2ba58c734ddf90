"""A class of ten on a real JupyterHub: ``make test-hub`` (not part of ``make test``).

The test starts JupyterHub 6 with the npm proxy on 127.0.0.1 (local-process spawner, shared
password), creates ten students through the REST API, starts their ten servers at once, and
has all ten pull the collection at the same moment through nbgitpuller's endpoint, from a bare
repository made from this checkout's HEAD (the helpers package is installed into the hub's
environment from the same repository and branch, as docs/hub.md tells teachers). Then all ten
run notebooks at the same time, each inside their own server (sessions API + kernel
websocket, as JupyterLab does), one notebook after another.

What each student runs, to stay within about four minutes on two cores: the whole collection
costs 70-110 CPU-s of kernel time per student (measured here on two versions of notebooks
00-07) and each server about 7 CPU-s more, so ten students running all of it would need 7-10
minutes on two cores. So the first ``FULL`` (one) student runs every notebook, and the other
nine run the index and one more notebook, taken in turn: every notebook runs in at least
two servers, several of them at the same moment. ``benchmarks/bench_hub.py --students N
--full N`` runs the whole collection for every student.

It asserts that every notebook completes with no error output; that ten simultaneous pulls
each produce a complete, exact copy, and that a later pull by two students at once brings the
teacher's update while keeping a student's own edit; that a student cannot reach another's
server or kernel or hub account with their own token, nor anyone's without a token; that the
classroom link printed by ``make links`` (``tools/links.py``) leads a logged-in student to
nbgitpuller; and that the hub logged no error. The measured memory and CPU end the output
(and go to ``build/hub/test-hub.json``). A watchdog stops the hub after ``DEADLINE_S``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import websocket

from hub import harness, sizing
from tools.links import nbgitpuller_url

STUDENTS = 10
FULL = 1
DEADLINE_S = 900
REPORT = harness.ROOT / "build" / "hub" / "test-hub.json"


class Classroom:
    """The course repository, the hub, the students, and what their run measured."""

    def __init__(self, hub: harness.Hub, bare: Path) -> None:
        self.hub = hub
        self.bare = bare
        self.workdir = hub.run_dir.parent
        self.students: dict[str, harness.Student] = {}
        self.result: harness.ClassRun


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Classroom]:
    reason = harness.missing_install()
    if reason:
        pytest.fail(reason)
    workdir = tmp_path_factory.mktemp("classroom")
    with harness.classroom(workdir, deadline_s=DEADLINE_S) as (hub, bare):
        room = Classroom(hub, bare)
        try:
            room.result, room.students = harness.run_class(hub, bare, STUDENTS, FULL)
            room.result.hub_start_s = hub.start_s
            REPORT.parent.mkdir(parents=True, exist_ok=True)
            REPORT.write_text(json.dumps(room.result.to_json(), indent=1), encoding="utf-8")
            sizing.REPORTS.append(sizing.report_text(room.result.to_json()))
            yield room
        finally:
            for student in room.students.values():
                student.close()


def test_every_notebook_of_every_student_completes_without_error(classroom: Classroom) -> None:
    result = classroom.result
    assert len(result.notebooks) >= 7, result.notebooks
    plan = harness.assignment(result.notebooks, STUDENTS, FULL)
    ran = {(run.student, run.notebook) for run in result.runs}
    expected = {(name, f"{harness.COURSE}/{nb}") for name, nbs in plan.items() for nb in nbs}
    assert ran == expected
    assert {run.notebook for run in result.runs} == {
        f"{harness.COURSE}/{nb}" for nb in result.notebooks
    }
    problems = [
        f"{run.student} {run.notebook}: {error}" for run in result.runs for error in run.errors
    ]
    assert not problems, "\n".join(problems)
    for run in result.runs:
        assert run.code_cells > 0
        assert run.kernel_peak_mib > 20 and run.kernel_cpu_s > 0.1, run


def test_kernels_run_in_the_hub_environment_in_each_students_own_folder(
    classroom: Classroom,
) -> None:
    site = (harness.HUB_VENV / "lib").resolve()
    for run in classroom.result.runs:
        # helpers comes from the package installed in the hub's environment, not this checkout
        assert Path(run.helpers_file).resolve().is_relative_to(site), run.helpers_file
        assert Path(run.python_prefix).resolve() == harness.HUB_VENV.resolve()
        notebook_folder = classroom.hub.homes / run.student / harness.COURSE / "notebooks"
        assert Path(run.cwd).resolve() == notebook_folder.resolve()


def _differences(folder: Path, tree: dict[str, str]) -> list[str]:
    on_disk = {
        path.relative_to(folder).as_posix(): path
        for path in folder.rglob("*")
        # .git is nbgitpuller's clone; .ipynb_checkpoints is where Jupyter keeps a saved copy
        if path.is_file()
        and not {".git", ".ipynb_checkpoints"} & set(path.relative_to(folder).parts)
    }
    problems = [f"missing {name}" for name in sorted(set(tree) - set(on_disk))]
    problems += [f"extra {name}" for name in sorted(set(on_disk) - set(tree))]
    problems += [
        f"changed {name}"
        for name in sorted(set(tree) & set(on_disk))
        if harness.blob_id(on_disk[name]) != tree[name]
    ]
    return problems


def test_simultaneous_pulls_give_every_student_a_complete_copy(classroom: Classroom) -> None:
    tree = harness.course_tree(classroom.bare)
    assert any(name.endswith("00_index.ipynb") for name in tree)
    for name, events in classroom.result.pull_events.items():
        assert events[-1]["phase"] == "finished", (name, events[-3:])
        # running notebooks through the kernels API saves nothing: the copy is still exact
        copy = classroom.hub.homes / name / harness.COURSE
        assert _differences(copy, tree) == [], name


def test_a_later_pull_by_two_students_at_once_brings_the_update_and_keeps_their_work(
    classroom: Classroom,
) -> None:
    first, second = harness.student_names(2)
    index = f"{harness.COURSE}/notebooks/00_index.ipynb"
    student = classroom.students[first]
    model = student.session.get(f"{student.base}/api/contents/{index}", timeout=60).json()
    note = "My own note: the derivative peaks at z = 0."
    model["content"]["cells"].append({"cell_type": "markdown", "metadata": {}, "source": note})
    saved = student.session.put(
        f"{student.base}/api/contents/{index}",
        json={"type": "notebook", "format": "json", "content": model["content"]},
        timeout=60,
    )
    assert saved.status_code == 200, saved.text
    harness.commit_to_course(
        classroom.bare, classroom.workdir, {"notebooks/UPDATE.md": "Errata for today.\n"}, "Errata"
    )
    pulls: dict[str, list[dict]] = {}
    threads = [
        threading.Thread(
            target=lambda n=n: pulls.update(
                {n: classroom.students[n].pull(classroom.bare.as_uri())}
            )
        )
        for n in (first, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert {n: p[-1]["phase"] for n, p in pulls.items()} == {first: "finished", second: "finished"}
    tree = harness.course_tree(classroom.bare)
    assert "notebooks/UPDATE.md" in tree
    assert _differences(classroom.hub.homes / second / harness.COURSE, tree) == []
    mine = classroom.hub.homes / first / harness.COURSE
    assert _differences(mine, tree) == ["changed notebooks/00_index.ipynb"]
    assert note in (mine / "notebooks" / "00_index.ipynb").read_text(encoding="utf-8")


def test_a_student_cannot_reach_another_students_server(classroom: Classroom) -> None:
    alice, bob = (classroom.students[n] for n in harness.student_names(2))
    url = classroom.hub.url
    # the check can fail: with her own token, alice does reach her own server
    assert alice.session.get(f"{alice.base}/api/contents", timeout=30).status_code == 200
    own = alice.session
    for method, path in [
        ("GET", "/api/contents"),
        ("GET", f"/api/contents/{harness.COURSE}/notebooks/00_index.ipynb"),
        ("GET", "/api/kernels"),
        ("POST", "/api/kernels"),
        ("GET", "/api/sessions"),
        ("GET", "/lab"),
        ("GET", f"/git-pull/api?repo={classroom.bare.as_uri()}"),
    ]:
        reply = own.request(method, f"{bob.base}{path}", allow_redirects=False, timeout=30)
        assert reply.status_code == 403, (method, path, reply.status_code)
    for method, path in [
        ("POST", f"/users/{bob.name}/tokens"),
        ("GET", f"/users/{bob.name}"),
        ("DELETE", f"/users/{bob.name}/server"),
    ]:
        reply = own.request(method, f"{url}/hub/api{path}", json={}, timeout=30)
        assert reply.status_code in (403, 404), (method, path, reply.status_code)
    assert classroom.hub.api("GET", f"/users/{bob.name}").json()["servers"][""]["ready"]
    anonymous = requests.get(f"{bob.base}/api/contents", timeout=30)
    assert anonymous.status_code == 403
    page = requests.get(f"{bob.base}/lab", allow_redirects=False, timeout=30)
    assert page.status_code == 302 and "/hub/" in page.headers["Location"]
    # bob's kernel: alice cannot open its websocket
    kernel = bob.session.post(f"{bob.base}/api/kernels", json={"name": "python3"}, timeout=120)
    kernel.raise_for_status()
    channels = f"ws://127.0.0.1:{classroom.hub.port}/user/{bob.name}/api/kernels/{kernel.json()['id']}/channels"
    try:
        with pytest.raises(websocket.WebSocketBadStatusException) as refused:
            websocket.create_connection(
                channels, header=[f"Authorization: token {alice.token}"], timeout=30
            )
        assert refused.value.status_code == 403
        ws = websocket.create_connection(
            channels, header=[f"Authorization: token {bob.token}"], timeout=30
        )
        ws.close()
    finally:
        bob.session.delete(f"{bob.base}/api/kernels/{kernel.json()['id']}", timeout=60)


def test_the_classroom_link_leads_a_logged_in_student_to_nbgitpuller(classroom: Classroom) -> None:
    name = harness.student_names(3)[2]
    link = nbgitpuller_url(classroom.hub.url, classroom.bare.as_uri(), harness.BRANCH)
    with requests.Session() as browser:
        assert browser.get(f"{classroom.hub.url}/hub/login", timeout=30).status_code == 200
        xsrf = browser.cookies.get("_xsrf", path="/hub/")
        login = browser.post(
            f"{classroom.hub.url}/hub/login",
            data={"username": name, "password": harness.PASSWORD, "_xsrf": xsrf},
            timeout=60,
        )
        assert login.status_code == 200, login.status_code
        landed = browser.get(link, timeout=60)
    assert landed.status_code == 200
    where = urlsplit(landed.url)
    assert where.path == f"/user/{name}/git-pull"
    assert parse_qs(where.query) == parse_qs(urlsplit(link).query)
    # the link's urlpath names the folder nbgitpuller creates, with the index in it
    urlpath = parse_qs(urlsplit(link).query)["urlpath"][0]
    assert urlpath == f"lab/tree/{harness.COURSE}/notebooks/00_index.ipynb"
    assert (classroom.hub.homes / name / urlpath.removeprefix("lab/tree/")).is_file()


def test_the_recorded_sizing_still_matches_this_run(classroom: Classroom) -> None:
    """docs/teaching.md's sizing (benchmarks/hub_sizing.json) still holds for these notebooks."""
    recorded = json.loads(sizing.RECORDED.read_text(encoding="utf-8"))
    now = sizing.summarize(classroom.result.to_json())
    hint = "the notebooks changed: run .venv/bin/python -m benchmarks.bench_hub --write-docs"
    assert [nb["notebook"] for nb in now["notebooks"]] == [
        nb["notebook"] for nb in recorded["notebooks"]
    ], hint
    for key in ("student_one_notebook_mib", "student_all_notebooks_mib", "server_mib"):
        assert abs(now[key] / recorded[key] - 1) <= 0.3, (key, now[key], recorded[key], hint)


def test_the_hub_logged_no_error(classroom: Classroom) -> None:
    lines = classroom.hub.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    # each error line, and a traceback with the lines that say where and what it was
    bad = [
        "\n".join(lines[i : i + (30 if "Traceback" in line else 1)])
        for i, line in enumerate(lines)
        if line.startswith(("[E ", "[C ")) or "Traceback" in line
    ]
    assert not bad, "\n".join(bad[:5])
