#!/usr/bin/env bash
# Installs ProvPulse's Superset: apache-superset 6.1.0 with the Trino SQLAlchemy dialect, pinned by
# dashboards/requirements-superset.txt, in its own virtual environment (default
# ~/.cache/provpulse/superset-6.1.0; override with PROVPULSE_SUPERSET_HOME).
# Idempotent: when the venv already holds exactly the pinned versions it says so and does nothing.
# Usage: dashboards/install-superset.sh   (needs python3.11 on PATH, or PROVPULSE_PYTHON=/path/to/python3.11)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
requirements="$here/requirements-superset.txt"
venv="${PROVPULSE_SUPERSET_HOME:-$HOME/.cache/provpulse/superset-6.1.0}"
stamp="$venv/.provpulse-requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ -x "$venv/bin/superset" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
  echo "Superset is already installed with the pinned versions: $venv"
  exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
  python="${PROVPULSE_PYTHON:-$(command -v python3.11 || true)}"
  if [[ -z "$python" ]]; then
    echo "Cannot install Superset: python3.11 not found (install it, or set PROVPULSE_PYTHON to a Python 3.11)" >&2
    exit 1
  fi
  "$python" -m venv "$venv"
fi

# A venv made by hand (or an earlier install) may already hold exactly the pinned versions.
if diff -q <(grep -v '^#' "$requirements" | sort -f) <("$venv/bin/pip" freeze --exclude-editable | sort -f) > /dev/null; then
  echo "$wanted" > "$stamp"
  echo "Superset is already installed with the pinned versions: $venv"
  exit 0
fi

index="${PIP_INDEX_URL:-https://pypi.org/simple/}"
if ! curl -fs --max-time 15 -o /dev/null "${index%/}/pip/"; then
  echo "Cannot install Superset: the package index $index cannot be reached (check the network or set PIP_INDEX_URL to a mirror, then run $0 again)" >&2
  exit 1
fi
echo "Installing Superset 6.1.0 into $venv (a few minutes the first time)..."
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
echo "$wanted" > "$stamp"
echo "Superset installed: $venv/bin/superset ($("$venv/bin/pip" show apache-superset | sed -n 's/^Version: //p'))"
