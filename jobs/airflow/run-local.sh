#!/usr/bin/env bash
# Runs the provpulse_nightly DAG for one data date on a local Airflow 3.3.2 (SQLite, tasks one after
# another in this process, no server): every task through the real spark-submit of the pinned pyspark, in local mode, with this
# checkout's jar. Installs Airflow first (jobs/airflow/install.sh) and builds the jar when missing.
#
# Usage: jobs/airflow/run-local.sh --date D [--config FILE] [--home DIR]
#   --config  ProvPulse configuration the tasks use (default config/provpulse.yaml; relative paths in it
#             are read from this checkout's folder). For the publish task, Trino must be up on its port.
#   --home    AIRFLOW_HOME (default ~/.cache/provpulse/airflow-home); its SQLite database is created once.
# The PII key comes from PROVPULSE_PII_KEY when set (passed as Variable provpulse_pii_secret).
# Exit code 0 when every task succeeded; the failing task's log is printed otherwise.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
date="" config="$here/config/provpulse.yaml" home="$HOME/.cache/provpulse/airflow-home"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --date) date="$2"; shift 2 ;;
    --config) config="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --home) mkdir -p "$2"; home="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "Cannot run the DAG locally: unknown option $1 (usage: $0 --date D [--config FILE] [--home DIR])" >&2; exit 2 ;;
  esac
done
if [[ ! "$date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  echo "Cannot run the DAG locally: --date must be yyyy-mm-dd (got \"$date\")" >&2
  exit 2
fi

venv="$("$here/jobs/airflow/install.sh" | tail -n 1)"
jar="$here/target/provpulse-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" || ! -d "$here/target/cluster-jars" ]]; then
  echo "Building the jar (mvn -q -DskipTests package)..." >&2
  (cd "$here" && mvn -B -q -DskipTests package) >&2
fi

export AIRFLOW_HOME="$home"
export AIRFLOW__CORE__DAGS_FOLDER="$here/jobs/airflow"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__API__HOST=127.0.0.1
export AIRFLOW_CONN_SPARK_DEFAULT='{"conn_type": "spark", "host": "local[2]"}'
export AIRFLOW_VAR_PROVPULSE_JAR="$jar"
AIRFLOW_VAR_PROVPULSE_JARS="$(find "$here/target/cluster-jars" -name '*.jar' | sort | paste -sd,)"
export AIRFLOW_VAR_PROVPULSE_JARS
export AIRFLOW_VAR_PROVPULSE_CONFIG="$config"
export AIRFLOW_VAR_PROVPULSE_SPARK_PROPERTIES="$here/jobs/spark/airflow-local.conf"
export AIRFLOW_VAR_PROVPULSE_DRIVER_MEMORY="${PROVPULSE_DRIVER_MEMORY:-2g}"
export AIRFLOW_VAR_PROVPULSE_PII_SECRET="${PROVPULSE_PII_KEY:-}"
export PROVPULSE_TASK_RETRIES="${PROVPULSE_TASK_RETRIES:-0}"
export SPARK_LOCAL_IP=127.0.0.1
export PATH="$venv/bin:$PATH"
unset SPARK_HOME

cd "$here"
if [[ ! -f "$home/airflow.db" ]]; then
  airflow db migrate >"$home/db-migrate.log" 2>&1 || { echo "Cannot create Airflow's database in $home (see $home/db-migrate.log)" >&2; exit 1; }
fi
# The run due at 01:30 local on D+1 processes D (see the DAG's docstring).
fires="$(date -d "$date + 1 day" +%Y-%m-%d)T01:30:00+07:00"
exec airflow dags test provpulse_nightly "$fires"
