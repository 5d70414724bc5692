#!/usr/bin/env bash
# Installs the pinned Airflow 3.3.2 (with the Spark provider and pyspark 4.2.0, whose spark-submit the
# DAG runs) into a virtual environment, by default ~/.cache/provpulse/airflow-3.3.2. Idempotent: when
# the environment already holds exactly the pinned versions it only says so. Prints the environment's
# folder on the last line of standard output.
# Usage: jobs/airflow/install.sh            (PROVPULSE_AIRFLOW_VENV=DIR to choose another folder)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
requirements="$here/requirements-airflow-3.3.2.txt"
venv="${PROVPULSE_AIRFLOW_VENV:-$HOME/.cache/provpulse/airflow-3.3.2}"
stamp="$venv/.provpulse-requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ -x "$venv/bin/airflow" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
  echo "$venv"
  exit 0
fi

pinned() { grep -v '^#' "$requirements" | tr 'A-Z_' 'a-z-' | sort; }
if [[ -x "$venv/bin/pip" ]] && diff -q <(pinned) <("$venv/bin/pip" freeze --all --exclude pip --exclude setuptools --exclude wheel 2>/dev/null | tr 'A-Z_' 'a-z-' | sort) >/dev/null; then
  echo "$wanted" >"$stamp"
  echo "$venv"
  exit 0
fi

python=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    python="$candidate"
    break
  fi
done
if [[ -z "$python" ]]; then
  echo "Cannot install Airflow 3.3.2: no Python 3.11 on PATH (the pins in $requirements were made with 3.11; install python3.11)" >&2
  exit 1
fi

log="$(mktemp -t provpulse-airflow-install.XXXXXX.log)"
echo "Installing Airflow 3.3.2 into $venv (log: $log)..." >&2
if ! { [[ -x "$venv/bin/pip" ]] || "$python" -m venv "$venv"; } >>"$log" 2>&1 \
  || ! "$venv/bin/pip" install --retries 2 --timeout 30 -r "$requirements" >>"$log" 2>&1; then
  if grep -qiE 'NewConnectionError|ConnectTimeout|Network is unreachable|Temporary failure in name resolution|Max retries exceeded|No matching distribution' "$log"; then
    echo "Cannot install Airflow 3.3.2: PyPI cannot be reached (check the network or pip's index settings; details in $log)" >&2
  else
    echo "Cannot install Airflow 3.3.2 into $venv: pip failed (details in $log)" >&2
  fi
  exit 1
fi
echo "$wanted" >"$stamp"
rm -f "$log"
echo "$venv"
