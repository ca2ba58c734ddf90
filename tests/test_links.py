"""``make links``: the Binder badge and the nbgitpuller link are well formed (tools/links.py)."""

from __future__ import annotations

import re
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest

from tools import ROOT
from tools.links import (
    INDEX,
    binder_badge,
    binder_url,
    github_nbgitpuller_url,
    nbgitpuller_url,
)


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, strict_parsing=True)


def test_the_index_the_links_open_exists():
    assert (ROOT / INDEX).is_file()


def test_binder_url_opens_the_index_of_the_branch():
    url = binder_url("alice-lab/sigmoid.notebooks", "v1.0")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "mybinder.org")
    assert parts.path == "/v2/gh/alice-lab/sigmoid.notebooks/v1.0"
    assert _query(url) == {"urlpath": [f"lab/tree/{INDEX}"]}
    assert "/" not in parts.query  # the urlpath is encoded whole, as mybinder.org's form does


def test_binder_badge_is_markdown_image_link():
    badge = binder_badge("alice/course")
    match = re.fullmatch(r"\[!\[Launch on Binder\]\((\S+)\)\]\((\S+)\)", badge)
    assert match, badge
    assert match[1] == "https://mybinder.org/badge_logo.svg"
    assert match[2] == binder_url("alice/course", "main")


def test_nbgitpuller_link_clones_the_repository_and_opens_its_index():
    url = github_nbgitpuller_url("hub.example.org", "alice/sigmoid-notebooks", "spring-2026")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "hub.example.org")
    assert parts.path == "/hub/user-redirect/git-pull"
    assert _query(url) == {
        "repo": ["https://github.com/alice/sigmoid-notebooks"],
        "branch": ["spring-2026"],
        "urlpath": [f"lab/tree/sigmoid-notebooks/{INDEX}"],
    }
    # every reserved character of the values is percent-encoded, as the brief's example shows
    assert "repo=https%3A%2F%2Fgithub.com%2Falice%2Fsigmoid-notebooks&" in url


@pytest.mark.parametrize(
    ("hub", "base"),
    [
        ("hub.example.org", "https://hub.example.org"),
        ("https://hub.example.org/", "https://hub.example.org"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("https://example.org/jupyter", "https://example.org/jupyter"),
    ],
)
def test_nbgitpuller_link_keeps_the_hubs_scheme_port_and_prefix(hub, base):
    url = nbgitpuller_url(hub, "https://github.com/a/b", "main")
    assert url.startswith(base + "/hub/user-redirect/git-pull?")


def test_nbgitpuller_folder_is_named_as_nbgitpuller_names_it():
    # nbgitpuller clones into the last part of the URL, ".git" included
    url = nbgitpuller_url("hub.example.org", "https://example.org/git/course.git", "main")
    assert _query(url)["urlpath"] == [f"lab/tree/course.git/{INDEX}"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: binder_url("alice", "main"), "binder_url(): repo must be owner/name"),
        (lambda: binder_url("alice/x y", "main"), "binder_url(): repo must be owner/name"),
        (lambda: binder_url("alice/x", "a b"), "binder_url(): branch must be"),
        (lambda: binder_url("alice/x", "a..b"), "binder_url(): branch must be"),
        (
            lambda: github_nbgitpuller_url("hub.example.org", "../x"),
            "github_nbgitpuller_url(): repo",
        ),
        (lambda: nbgitpuller_url("hub example", "https://g/a/b", "main"), "nbgitpuller_url(): hub"),
        (lambda: nbgitpuller_url("hub.example.org", "a/b", "main"), "nbgitpuller_url(): repo_url"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def _make_links(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "links", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_make_links_prints_the_badge_and_the_link():
    done = _make_links("REPO=alice/sigmoid-notebooks", "BRANCH=v2", "HUB=hub.example.org")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert binder_badge("alice/sigmoid-notebooks", "v2") in lines
    assert github_nbgitpuller_url("hub.example.org", "alice/sigmoid-notebooks", "v2") in lines


def test_make_links_without_a_hub_asks_for_it_and_a_bad_repo_fails():
    done = _make_links("REPO=alice/course")
    assert done.returncode == 0, done.stderr
    assert "HUB=hub.example.org" in done.stdout
    assert "git-pull" not in done.stdout
    bad = _make_links("REPO=OWNER")
    assert bad.returncode != 0
    assert "links: binder_url(): repo must be owner/name as on GitHub, got 'OWNER'" in bad.stderr
