# The two commands a reader needs: `make lab` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# The project's own kernel spec comes first, so notebooks run in .venv whatever else is installed.
export JUPYTER_PATH := $(CURDIR)/$(VENV)/share/jupyter
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# helpers.network multiplies small matrices: OpenBLAS threads only add overhead there
# (about 5 times slower on a busy 2-core machine).
export OPENBLAS_NUM_THREADS ?= 1
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

.PHONY: help lab test test-browser test-machines helpers execute html lint bench clean

help:
	@echo "make lab      set up .venv if needed, then open JupyterLab on the notebooks (127.0.0.1, with a token)"
	@echo "make test     set up .venv if needed, then run the unit tests and strict nbval over every notebook"
	@echo "make test-browser  every notebook in a real JupyterLab in headless Chromium (needs /usr/bin/chromium)"
	@echo "make test-machines  strict nbval again as on two other machines (other numpy SIMD, other BLAS kernels)"
	@echo "make helpers  write the helpers modules saved from the notebooks' #@save cells"
	@echo "make execute  re-run every notebook from a fresh kernel and save its outputs"
	@echo "make html     every notebook with its outputs, and the teacher's guide, as a static site in build/html/"
	@echo "make lint     ruff over helpers/, tests/, benchmarks/, docs/ and the notebooks"
	@echo "make bench    run the speed benchmarks in benchmarks/"

# Runtime environment: rebuilt when requirements.txt or pyproject.toml change.
$(VENV)/.runtime-installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --requirement requirements.txt
	$(PY) -m pip install --quiet --no-deps --editable .
	touch $@

# Test tools on top of the runtime environment.
$(VENV)/.test-installed: $(VENV)/.runtime-installed requirements-test.txt
	$(PY) -m pip install --quiet --requirement requirements-test.txt
	touch $@

# Jupyter refuses to start as root without --allow-root (containers, CI machines).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(VENV)/.runtime-installed
	$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=. $(ALLOW_ROOT) \
		notebooks/00_index.ipynb

test: $(VENV)/.test-installed
	$(PY) -m pytest

# The browser tests alone. 'make test' runs them too when Chromium is installed and skips
# them, saying so, when it is not; here (and in .ci/run) a missing browser is a failure.
test-browser: $(VENV)/.test-installed
	SIGMOID_REQUIRE_BROWSER=1 $(PY) -m pytest tests/browser

# Two other machines, simulated: numpy without its AVX2/FMA kernels (an older laptop), and
# OpenBLAS's Sandybridge kernels with two threads. (OpenBLAS already picks its Haswell
# kernels on this machine's AMD CPU, and SkylakeX's need AVX-512, which it lacks.)
MACHINE_A := NPY_ENABLE_CPU_FEATURES=X86_V2
MACHINE_B := OPENBLAS_CORETYPE=Sandybridge OPENBLAS_NUM_THREADS=2

test-machines: $(VENV)/.test-installed
	env $(MACHINE_A) $(PY) -m pytest notebooks
	env $(MACHINE_B) $(PY) -m pytest notebooks

helpers: $(VENV)/.test-installed
	$(PY) tests/save_helpers.py

execute: $(VENV)/.runtime-installed
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=300 \
		--ExecutePreprocessor.store_widget_state=True --ExecutePreprocessor.record_timing=False $(NOTEBOOKS)
	$(PY) tests/notebook_hygiene.py $(NOTEBOOKS)

html: $(VENV)/.runtime-installed
	$(PY) docs/build_html.py build/html
	@echo "open build/html/index.html"

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check helpers tests benchmarks docs notebooks
	$(VENV)/bin/ruff format --check helpers tests benchmarks docs

bench: $(VENV)/.test-installed
	$(PY) benchmarks/bench_activations.py

clean:
	rm -rf $(VENV) build
