# The two commands a reader needs: `make lab` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# The project's own kernel spec comes first, so notebooks run in .venv whatever else is installed.
export JUPYTER_PATH := $(CURDIR)/$(VENV)/share/jupyter
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# How the environments get their packages: pip, or with UV=path/to/uv, uv's pip interface
# (the same pinned versions, several times faster; .ci/run uses it). Like pip, it compiles
# the modules to bytecode: without that, ten kernels starting at once on a hub all compile
# numpy and matplotlib first, and start so slowly that they collide on ports. docs/setup.md's
# set-up without make, which make test-setup checks, is pip's.
UV ?=
install = $(if $(UV),$(UV) pip install --quiet --compile-bytecode --python $(1),$(1) -m pip install --quiet)
# helpers.network multiplies small matrices: OpenBLAS threads only add overhead there
# (about 5 times slower on a busy 2-core machine).
export OPENBLAS_NUM_THREADS ?= 1
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
# JupyterLab's settings for every set-up (Binder's start, make lab, the hub, docs/hub.md): no
# prompt about news and updates over the figures, and no call home for them.
LAB_SETTINGS := binder/jupyterlab-overrides.json

.PHONY: help lab test test-browser test-setup test-machines helpers execute html student-release lint bench pins clean

help:
	@echo "make lab      set up .venv if needed, then open JupyterLab on the notebooks (127.0.0.1, with a token)"
	@echo "make test     set up .venv if needed, then run the unit tests and strict nbval over every notebook"
	@echo "make test-browser  every notebook in JupyterLab and Notebook 7 in headless Chromium (needs /usr/bin/chromium)"
	@echo "make test-setup  docs/setup.md's set-up, pip install of the package alone, Binder's, each in a fresh environment"
	@echo "make test-machines  strict nbval again as on two other machines (other numpy SIMD, other BLAS kernels)"
	@echo "make helpers  write the helpers modules saved from the notebooks' #@save cells"
	@echo "make execute  re-run every notebook from a fresh kernel and save its outputs"
	@echo "make html     every notebook with its outputs and the guide as a static site, and the printable summary PDF, in build/html/"
	@echo "make student-release  the notebooks and helpers without worked solutions, in build/student/"
	@echo "make pins     write requirements*.txt from requirements*.in with uv (keeps the pinned versions)"
	@echo "make lint     ruff over helpers/, tests/, tools/, hub/, benchmarks/, docs/, the notebooks and course/"
	@echo "make bench    run the speed benchmarks in benchmarks/"
	@echo "make hub      a classroom JupyterHub on 127.0.0.1 to try (docs/hub.md); STUDENTS=3 by default"
	@echo "make test-hub  10 students on a real JupyterHub: nbgitpuller, every notebook in two servers at once, isolation"
	@echo "make links REPO=owner/name [BRANCH=main] [HUB=hub.example.org]  the Binder badge and the nbgitpuller link"

# Runtime environment: rebuilt when requirements.txt or pyproject.toml change.
$(VENV)/.runtime-installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; v > (3, 13) and print("warning: Python", sys.version.split()[0], "is newer than the versions tested (3.11 to 3.13)"); sys.exit(0 if v >= (3, 11) else "Python 3.11, 3.12 or 3.13 is needed, found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(call install,$(PY)) --requirement requirements.txt
	$(call install,$(PY)) --no-deps --editable .
	touch $@

# Test tools on top of the runtime environment.
$(VENV)/.test-installed: $(VENV)/.runtime-installed $(VENV)/.node-installed $(LAB_OVERRIDES) requirements-test.txt
	$(call install,$(PY)) --requirement requirements-test.txt
	touch $@

# JavaScript for the static handouts (MathJax, bundled so that they work offline) and for
# the accessibility checks (axe-core), from npm, pinned.
NPM_PACKAGES := mathjax@3.2.2 axe-core@4.14.1
$(VENV)/.node-installed: Makefile
	mkdir -p $(VENV)/node
	npm install --prefix $(VENV)/node --no-audit --no-fund --no-save --silent $(NPM_PACKAGES)
	touch $@

# Jupyter refuses to start as root without --allow-root (containers, CI machines).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

# JupyterLab settings of the environment (not of the user's home): no prompt about news and
# updates over the figures, and no call home for them.
$(LAB_OVERRIDES): $(VENV)/.runtime-installed $(LAB_SETTINGS)
	mkdir -p $(dir $@)
	cp $(LAB_SETTINGS) $@

lab: $(VENV)/.runtime-installed $(LAB_OVERRIDES)
	$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=. $(ALLOW_ROOT) \
		notebooks/00_index.ipynb

# The fast suite, what a bare `pytest` runs (testpaths in pyproject.toml): the unit tests and
# strict nbval over every notebook, side by side (two cores: half the wait). The slow suites
# are the folders tests/browser, tests/fresh and tests/hub, which a bare `pytest` does not
# enter: make test-browser, test-setup and test-hub name them; .ci/run runs them all.
test: $(VENV)/.test-installed
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-units test-notebooks

.PHONY: test-units test-notebooks
test-units: $(VENV)/.test-installed
	$(PY) -m pytest helpers tests

test-notebooks: $(VENV)/.test-installed
	$(PY) -m pytest notebooks

# Every notebook in a real JupyterLab and in Notebook 7, in headless Chromium (Debian's
# chromium package), and the static handouts offline; a missing browser is a failure here.
test-browser: $(VENV)/.test-installed
	SIGMOID_REQUIRE_BROWSER=1 $(PY) -m pytest tests/browser

# The set-ups a reader runs (docs/setup.md's without make, pip install of the package alone,
# Binder's), each in a fresh environment.
# Skipping the bytecode compilation of every installed package saves minutes, changes nothing.
test-setup: $(VENV)/.test-installed
	PIP_NO_COMPILE=1 $(PY) -m pytest tests/fresh

# Two other machines, simulated: numpy without its AVX2/FMA kernels (an older laptop), and
# OpenBLAS's Sandybridge kernels with two threads; the machine's own run is the third (AVX2
# with Haswell kernels on an AMD CPU, or AVX-512 on an Intel Xeon: both have been used here).
MACHINE_A := NPY_ENABLE_CPU_FEATURES=X86_V2
MACHINE_B := OPENBLAS_CORETYPE=Sandybridge OPENBLAS_NUM_THREADS=2

.PHONY: machine-a machine-b
test-machines: $(VENV)/.test-installed
	@$(MAKE) --no-print-directory -j2 --output-sync=target machine-a machine-b

machine-a machine-b: $(VENV)/.test-installed
	env $(if $(filter machine-a,$@),$(MACHINE_A),$(MACHINE_B)) $(PY) -m pytest notebooks

helpers: $(VENV)/.test-installed
	$(PY) tools/save_helpers.py

execute: $(VENV)/.runtime-installed
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=300 \
		--ExecutePreprocessor.store_widget_state=False --ExecutePreprocessor.record_timing=False $(NOTEBOOKS)
	$(PY) tools/notebook_hygiene.py $(NOTEBOOKS)

html: $(VENV)/.runtime-installed $(VENV)/.node-installed
	$(PY) -m tools.build_html build/html
	$(PY) tools/summary_pdf.py build/html/summary.pdf
	@echo "open build/html/index.html; the printable summary is build/html/summary.pdf"

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check helpers tests tools hub benchmarks docs notebooks course
	$(VENV)/bin/ruff format --check helpers tests tools hub benchmarks docs

bench: $(VENV)/.test-installed
	$(PY) benchmarks/bench_activations.py
	$(PY) benchmarks/bench_memory.py

# A classroom JupyterHub (docs/hub.md): its own environment, .venv/hub, with what a hub already
# has (requirements-hub.txt: JupyterHub, JupyterLab, the kernel), then the collection's packages
# by the commands of docs/hub.md, run as written (hub/page.py; the harness installs helpers by
# the page's line too); and the proxy from npm, pinned, in .venv/hub-node.
HUB_VENV := $(VENV)/hub
HUB_NODE := $(VENV)/hub-node
.PHONY: hub-env hub test-hub links

$(HUB_VENV)/.installed: requirements-hub.txt requirements.txt docs/hub.md hub/page.py
	rm -rf $(HUB_VENV)
	$(PYTHON) -m venv $(HUB_VENV)
	$(call install,$(HUB_VENV)/bin/python) --requirement requirements-hub.txt
	$(PYTHON) -m hub.page $(HUB_VENV)/bin/python
	touch $@

# Students' JupyterLab without the news and update prompts, set in the environment (docs/hub.md).
HUB_LAB_OVERRIDES := $(HUB_VENV)/share/jupyter/lab/settings/overrides.json
$(HUB_LAB_OVERRIDES): $(HUB_VENV)/.installed $(LAB_SETTINGS)
	mkdir -p $(dir $@)
	cp $(LAB_SETTINGS) $@

$(HUB_NODE)/.installed: hub/package.json hub/package-lock.json
	mkdir -p $(HUB_NODE)
	cp hub/package.json hub/package-lock.json $(HUB_NODE)/
	npm ci --prefix $(HUB_NODE) --no-audit --no-fund --loglevel=error
	touch $@

hub-env: $(HUB_VENV)/.installed $(HUB_LAB_OVERRIDES) $(HUB_NODE)/.installed

# Try it: a hub on http://127.0.0.1:8000 with STUDENTS accounts, the collection pulled into each
# from this checkout's HEAD; log in as student01 with the password printed. Ctrl+C stops it all.
hub: $(VENV)/.runtime-installed hub-env
	$(PY) -m hub.serve --students $(or $(STUDENTS),3) --port $(or $(HUB_PORT),8000)

# 10 students at once on a real hub (three to four minutes on 2 cores); the report ends the output.
test-hub: $(VENV)/.test-installed hub-env
	$(PY) -m pytest tests/hub

# The links to hand out: make links REPO=owner/name [BRANCH=main] [HUB=hub.example.org]
links:
	@$(PYTHON) tools/links.py --repo "$(REPO)" --branch "$(or $(BRANCH),main)" $(if $(HUB),--hub "$(HUB)")

# For teachers: a copy of the notebooks and helpers without worked solutions, in build/student/.
student-release: $(VENV)/.runtime-installed
	$(PY) tools/student_release.py build/student

# uv, pinned, in build/uv: .ci/run builds the environments with it, make pins compiles with it.
UV_VERSION := 0.13.9
UV_BIN := build/uv/bin/uv
$(UV_BIN):
	$(PYTHON) -m venv build/uv
	build/uv/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

# The pinned files, from their sources (requirements*.in). uv prefers the versions already in
# each output file, so only what an .in file changed moves; `make pins UPGRADE=1` moves them all.
# The test and hub environments take the notebooks' versions (-c requirements.txt).
# tests/test_pins.py checks, offline, that the pinned files are what this writes.
PINS_PYTHON := 3.11.7
PIN = $(UV_BIN) pip compile --quiet --python-version $(PINS_PYTHON) \
	--custom-compile-command "make pins" $(if $(UPGRADE),--upgrade)
pins: $(UV_BIN)
	$(PIN) requirements.in -o requirements.txt
	$(PIN) requirements-test.in -c requirements.txt -o requirements-test.txt
	$(PIN) requirements-hub.in -c requirements.txt -o requirements-hub.txt

# Graded use with nbgrader (docs/grading.md). The student versions of the assignments in
# course/source/, without solutions or hidden tests, into course/release/ (not committed).
.PHONY: assignments test-grading
assignments: $(VENV)/.test-installed
	cd course && export PATH="$(CURDIR)/$(VENV)/bin:$$PATH" && for a in source/*/; do \
		nbgrader generate_assignment "$$(basename $$a)" --force || exit 1; done

# Releases them in a temporary copy and autogrades the simulated submissions in tests/grading/.
test-grading: $(VENV)/.test-installed
	$(PY) -m pytest tests/grading

clean:
	rm -rf $(VENV) build
