"""Print the links that hand the collection to students: the Binder badge and the nbgitpuller link.

    python tools/links.py --repo owner/name [--branch main] [--hub hub.example.org]
    make links REPO=owner/name [BRANCH=main] [HUB=hub.example.org]

The Binder badge (Markdown, for the README and notebook 00) opens JupyterLab on the index on
mybinder.org. The nbgitpuller link, for a JupyterHub with nbgitpuller installed (docs/hub.md),
clones the repository into the student's home folder as ``name/`` (pulling again on later
clicks, keeping the student's changes) and opens ``name/notebooks/00_index.ipynb``.
"""

from __future__ import annotations

import argparse
import re
import sys
from urllib.parse import quote, urlencode

INDEX = "notebooks/00_index.ipynb"
BADGE_IMAGE = "https://mybinder.org/badge_logo.svg"
_REPO = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_BRANCH = re.compile(r"[A-Za-z0-9._/-]{1,200}")
_HUB = re.compile(r"(https?://)?[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?")


def _check(pattern: re.Pattern[str], value: str, what: str, where: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value) or ".." in value:
        raise ValueError(f"{where}: {what}, got {value!r}")
    return value


def _encode(params: dict[str, str]) -> str:
    return urlencode(params, quote_via=quote, safe="")


def binder_url(repo: str, branch: str = "main") -> str:
    """The mybinder.org URL that opens the index of ``owner/name`` at ``branch`` in JupyterLab."""
    _check(_REPO, repo, "repo must be owner/name as on GitHub", "binder_url()")
    _check(_BRANCH, branch, "branch must be a git branch or tag name", "binder_url()")
    return f"https://mybinder.org/v2/gh/{repo}/{branch}?" + _encode(
        {"urlpath": f"lab/tree/{INDEX}"}
    )


def binder_badge(repo: str, branch: str = "main") -> str:
    """The Markdown badge linking to ``binder_url``."""
    return f"[![Launch on Binder]({BADGE_IMAGE})]({binder_url(repo, branch)})"


def nbgitpuller_url(hub: str, repo_url: str, branch: str = "main") -> str:
    """The nbgitpuller link: ``hub`` pulls ``repo_url`` at ``branch``, then opens the index.

    nbgitpuller clones into a folder named after the last part of ``repo_url`` (``.git``
    included, if the URL has it), so the link opens ``that-folder/notebooks/00_index.ipynb``.
    """
    hub = _check(_HUB, hub, "hub must be a host name or an http(s) URL", "nbgitpuller_url()")
    _check(_BRANCH, branch, "branch must be a git branch or tag name", "nbgitpuller_url()")
    folder = repo_url.rstrip("/").rsplit("/", 1)[-1]
    if "://" not in repo_url or not folder:
        raise ValueError(f"nbgitpuller_url(): repo_url must be a git URL, got {repo_url!r}")
    base = hub.rstrip("/") if "://" in hub else "https://" + hub.rstrip("/")
    query = {"repo": repo_url, "branch": branch, "urlpath": f"lab/tree/{folder}/{INDEX}"}
    return f"{base}/hub/user-redirect/git-pull?" + _encode(query)


def github_nbgitpuller_url(hub: str, repo: str, branch: str = "main") -> str:
    """The nbgitpuller link for the GitHub repository ``owner/name``."""
    _check(_REPO, repo, "repo must be owner/name as on GitHub", "github_nbgitpuller_url()")
    return nbgitpuller_url(hub, f"https://github.com/{repo}", branch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", required=True, help="the GitHub repository, owner/name")
    parser.add_argument("--branch", default="main", help="branch or tag to hand out (main)")
    parser.add_argument("--hub", help="your JupyterHub's address, e.g. hub.example.org")
    args = parser.parse_args(argv)
    try:
        badge = binder_badge(args.repo, args.branch)
        puller = github_nbgitpuller_url(args.hub, args.repo, args.branch) if args.hub else None
    except ValueError as error:
        print(f"links: {error}", file=sys.stderr)
        return 2
    print("Binder badge (Markdown, for the README and notebook 00):")
    print(badge)
    print()
    if puller:
        print("nbgitpuller link (students click it on your JupyterHub; see docs/hub.md):")
        print(puller)
    else:
        print("For the nbgitpuller link, give your JupyterHub's address: HUB=hub.example.org")
    return 0


if __name__ == "__main__":
    sys.exit(main())
