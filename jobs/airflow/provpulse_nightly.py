"""
ProvPulse nightly pipeline (Airflow 3.3; tested on 3.3.2 with apache-airflow-providers-apache-spark 6.3.4).

Each run processes one data date D, never "today". D is worked out by `data_date` from the run
itself, whatever the timetable:
  - a run with conf {"date": "yyyy-mm-dd"} (provpulse airflow trigger --date D sends it) processes that date;
  - a scheduled, catch-up or backfill run processes the Asia/Ho_Chi_Minh day that ended before the run
    was due (its run_after): the run due at 01:30 on D+1 processes D;
  - a manual run without conf processes the local day that ended before its logical date, or, when it
    has no logical date (allowed on Airflow 3), before the moment it was triggered: yesterday, local.
Stages are tasks: the four sources' ingest tasks start together (each source has its own ledger; the
warehouse lock lets one write at a time, the others wait up to paths.lock_wait_seconds), then refine,
gold, publish to Trino, and the data-quality gate. Catch-up runs the missed nights in order, one at a
time (max_active_runs=1), which is a safe backfill: every stage is idempotent.

Airflow connection: `spark_default` (or the one named by Variable provpulse_spark_conn), type spark,
host = the master (local[2], spark://host:7077, yarn, k8s://...); spark-submit must be on PATH.

Airflow Variables (all optional but provpulse_jar):
  provpulse_jar              path or URL of the ProvPulse jar (target/provpulse-*.jar)
  provpulse_jars             comma-separated dependency jars (target/cluster-jars/*, see jobs/spark); default none
  provpulse_config           configuration file on the Spark driver (default /etc/provpulse/provpulse.yaml)
  provpulse_spark_conn       Airflow connection to the Spark master (default spark_default)
  provpulse_spark_properties spark-submit --properties-file, e.g. jobs/spark/standalone.conf (default none)
  provpulse_driver_memory, provpulse_executor_memory, provpulse_executor_cores (defaults 4g, 4g, 2)
  provpulse_pii_secret       HMAC key for citizen pseudonyms; default empty: the job uses pii.key_file, else
                             the key file it keeps in the warehouse (a "secret" name, so Airflow masks it)
  provpulse_alert_email      where failures are mailed (default: logged only)
"""
from __future__ import annotations

import datetime
import logging
import os
from datetime import timedelta

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG

DAG_ID = "provpulse_nightly"
LOCAL_TZ = pendulum.timezone("Asia/Ho_Chi_Minh")
MAIN_CLASS = "vn.provpulse.cli.ProvPulse"
DATA_DATE = "{{ provpulse_data_date(dag_run) }}"


def data_date(dag_run) -> str:
    """The data date D of a run, yyyy-mm-dd (see the module docstring)."""
    requested = (dag_run.conf or {}).get("date")
    if requested:
        try:
            return datetime.date.fromisoformat(str(requested)).isoformat()
        except ValueError:
            raise ValueError(f"Cannot run {DAG_ID}: conf date must be yyyy-mm-dd (got {requested!r})") from None
    run_type = getattr(dag_run.run_type, "value", dag_run.run_type)
    reference = dag_run.logical_date if run_type == "manual" and dag_run.logical_date else dag_run.run_after
    return (pendulum.instance(reference).in_timezone(LOCAL_TZ).date() - timedelta(days=1)).isoformat()


def notify_failure(context):
    """Alert hook: log the failed task and mail the operators when an address is configured."""
    from airflow.sdk import Variable
    from airflow.utils.email import send_email

    task = context["task_instance"]
    try:
        night = data_date(context["dag_run"])
    except ValueError as problem:
        night = str(problem)
    message = f"ProvPulse {task.dag_id}.{task.task_id} failed for data date {night}: {context.get('exception')}"
    logging.getLogger("airflow.task").error(message)
    address = Variable.get("provpulse_alert_email", default=None)
    if address:
        send_email(to=address, subject=f"[ProvPulse] {task.task_id} failed", html_content=message)


class ProvPulseSparkSubmit(SparkSubmitOperator):
    """spark-submit whose connection id is a template too (SparkSubmitOperator does not render conn_id)."""

    template_fields = (*SparkSubmitOperator.template_fields, "_conn_id")


def spark_job(task_id: str, *arguments: str) -> SparkSubmitOperator:
    """One ProvPulse command run by spark-submit; the jar, memory and connection come from Variables."""
    return ProvPulseSparkSubmit(
        task_id=task_id,
        conn_id="{{ var.value.get('provpulse_spark_conn', 'spark_default') }}",
        properties_file="{{ var.value.get('provpulse_spark_properties', '') }}",
        application="{{ var.value.provpulse_jar }}",
        java_class=MAIN_CLASS,
        jars="{{ var.value.get('provpulse_jars', '') }}",
        name=f"provpulse-{task_id}-{DATA_DATE}",
        application_args=[*arguments, "--config", "{{ var.value.get('provpulse_config', '/etc/provpulse/provpulse.yaml') }}"],
        conf={
            "spark.driver.memory": "{{ var.value.get('provpulse_driver_memory', '4g') }}",
            "spark.executor.memory": "{{ var.value.get('provpulse_executor_memory', '4g') }}",
            "spark.executor.cores": "{{ var.value.get('provpulse_executor_cores', '2') }}",
            "spark.sql.session.timeZone": "Asia/Ho_Chi_Minh",
        },
        env_vars={"PROVPULSE_PII_KEY": "{{ var.value.get('provpulse_pii_secret', '') }}"},
    )


default_args = {
    "owner": "provpulse",
    # PROVPULSE_TASK_RETRIES (read when the file is parsed) lowers it where failing fast is wanted (run-local.sh).
    "retries": int(os.environ.get("PROVPULSE_TASK_RETRIES", "2")),
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=3),
    "on_failure_callback": notify_failure,
}

with DAG(
    dag_id=DAG_ID,
    description="ProvPulse: ingest, refine, gold, publish and check one data date",
    schedule="30 1 * * *",
    start_date=pendulum.datetime(2026, 1, 1, 1, 30, tz=LOCAL_TZ),
    catchup=True,
    max_active_runs=1,
    default_args=default_args,
    user_defined_macros={"provpulse_data_date": data_date},
    tags=["provpulse"],
    doc_md=__doc__,
) as dag:
    ingest_units = spark_job("ingest_units", "ingest", "--date", DATA_DATE, "--source", "units")
    ingest_tasks = spark_job("ingest_tasks", "ingest", "--date", DATA_DATE, "--source", "tasks")
    ingest_feedback = spark_job("ingest_feedback", "ingest", "--date", DATA_DATE, "--source", "feedback")
    ingest_ratings = spark_job("ingest_ratings", "ingest", "--date", DATA_DATE, "--source", "ratings")
    refine = spark_job("refine", "refine", "--date", DATA_DATE)
    gold = spark_job("gold", "metrics", "--date", DATA_DATE)
    publish = spark_job("publish", "publish")
    quality_gate = spark_job("data_quality_gate", "quality-gate", "--date", DATA_DATE)

    [ingest_units, ingest_tasks, ingest_feedback, ingest_ratings] >> refine >> gold >> publish >> quality_gate
