"""
ProvPulse nightly pipeline.

Runs the pipeline for the data date of each data interval (never "today"): the run that starts
after midnight in Asia/Ho_Chi_Minh processes the day that just ended. Stages are tasks: the four
sources are ingested in parallel (each has its own ledger), then refine, gold, publish to Trino,
and the data-quality gate. Catch-up runs the missed nights in order, one at a time
(max_active_runs=1), which is a safe backfill: every stage is idempotent.

Airflow Variables (all optional but provpulse_jar):
  provpulse_jar            path or URL of the ProvPulse jar (target/provpulse-*.jar)
  provpulse_jars           comma-separated dependency jars (target/cluster-jars/*, see jobs/spark)
  provpulse_config         configuration file on the Spark driver (default /etc/provpulse/provpulse.yaml)
  provpulse_spark_conn     Airflow connection to the Spark master (default spark_default)
  provpulse_driver_memory, provpulse_executor_memory, provpulse_executor_cores
  provpulse_pii_secret     the HMAC key for citizen pseudonyms (a "secret" name, so Airflow masks it)
  provpulse_alert_email    where failures and missed SLAs are reported
"""
from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow import DAG
from airflow import __version__ as AIRFLOW_VERSION
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

LOCAL_TZ = pendulum.timezone("Asia/Ho_Chi_Minh")
# The data date D: the local date of the interval's start (a daily interval starting 01:30 on D).
DATA_DATE = "{{ data_interval_start.in_timezone('Asia/Ho_Chi_Minh').strftime('%Y-%m-%d') }}"
MAIN_CLASS = "vn.provpulse.cli.ProvPulse"


def notify_failure(context):
    """Alert hook: log the failed task and mail the operators when an address is configured."""
    from airflow.models import Variable
    from airflow.utils.email import send_email

    task = context["task_instance"]
    message = f"ProvPulse {task.dag_id}.{task.task_id} failed for {context['data_interval_start']}: {context.get('exception')}"
    task.log.error(message)
    address = Variable.get("provpulse_alert_email", default_var=None)
    if address:
        send_email(to=address, subject=f"[ProvPulse] {task.task_id} failed", html_content=message)


def report_missed_sla(dag, task_list, blocking_task_list, slas, blocking_tis):
    """Airflow 2 SLA hook: the night's figures were not ready when leadership expects them."""
    from airflow.models import Variable
    from airflow.utils.email import send_email

    message = f"ProvPulse {dag.dag_id} missed its SLA: {task_list}"
    address = Variable.get("provpulse_alert_email", default_var=None)
    if address:
        send_email(to=address, subject="[ProvPulse] nightly run late", html_content=message)


def spark_job(task_id: str, *arguments: str) -> SparkSubmitOperator:
    """One ProvPulse command run by spark-submit; the jar, memory and connection come from Variables."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id="{{ var.value.get('provpulse_spark_conn', 'spark_default') }}",
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
        env_vars={"PROVPULSE_PII_KEY": "{{ var.value.provpulse_pii_secret }}"},
    )


default_args = {
    "owner": "provpulse",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=3),
    "on_failure_callback": notify_failure,
}
extra_dag_args = {}
if int(AIRFLOW_VERSION.split(".")[0]) < 3:
    # Airflow 2 only: figures must be published by 07:00 local, before leadership opens the dashboards.
    default_args["sla"] = timedelta(hours=5, minutes=30)
    extra_dag_args["sla_miss_callback"] = report_missed_sla

with DAG(
    dag_id="provpulse_nightly",
    description="ProvPulse: ingest, refine, gold, publish and check one data date",
    schedule="30 1 * * *",
    start_date=pendulum.datetime(2026, 1, 1, 1, 30, tz=LOCAL_TZ),
    catchup=True,
    max_active_runs=1,
    default_args=default_args,
    tags=["provpulse"],
    doc_md=__doc__,
    **extra_dag_args,
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
