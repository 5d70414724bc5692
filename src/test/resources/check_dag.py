"""Loads the ProvPulse DAG folder with Airflow itself and prints, as JSON, what AirflowDagIT checks:
import errors, tasks and their upstreams, the DAG's settings, and the data date Airflow renders for
runs that Airflow's own timetable schedules from a given day, plus two manual runs.
Usage: python check_dag.py DAG_FOLDER FIRST_RUN_DAY (yyyy-mm-dd) RUNS"""
import json
import sys

import pendulum
from airflow.dag_processing.dagbag import DagBag
from airflow.models.dagrun import DagRun
from airflow.serialization.encoders import coerce_to_core_timetable
from airflow.timetables.base import TimeRestriction
from airflow.utils.types import DagRunType

folder, first_day, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
bag = DagBag(dag_folder=folder)
dag = bag.dags["provpulse_nightly"]
task = dag.get_task("ingest_units")


def rendered_date(run):
    """The data date in the rendered spark-submit name of ingest_units, as Airflow's Jinja renders it."""
    name = task.render_template(task.name, {"dag_run": run}, dag.get_template_env())
    return name.removeprefix("provpulse-ingest_units-")


scheduled = []
timetable = coerce_to_core_timetable(dag.timetable)
earliest = pendulum.parse(first_day, tz="Asia/Ho_Chi_Minh")
last = None
for _ in range(count):
    info = timetable.next_dagrun_info(last_automated_data_interval=last,
                                      restriction=TimeRestriction(earliest=earliest, latest=None, catchup=True))
    run = DagRun(dag_id=dag.dag_id, run_id="scheduled", run_type=DagRunType.SCHEDULED, logical_date=info.logical_date,
                 run_after=info.run_after, data_interval=info.data_interval, conf={})
    scheduled.append({"run_after": info.run_after.in_timezone("Asia/Ho_Chi_Minh").isoformat(), "data_date": rendered_date(run)})
    last = info.data_interval

now = pendulum.now("Asia/Ho_Chi_Minh")
manual_with_conf = DagRun(dag_id=dag.dag_id, run_id="manual", run_type=DagRunType.MANUAL, logical_date=None,
                          run_after=now, conf={"date": "2026-03-31"})
manual_without_date = DagRun(dag_id=dag.dag_id, run_id="manual", run_type=DagRunType.MANUAL, logical_date=None, run_after=now, conf={})

print(json.dumps({
    "import_errors": {str(path): str(error) for path, error in bag.import_errors.items()},
    "dag": {"schedule": str(dag.schedule), "timetable": type(timetable).__name__, "catchup": dag.catchup,
            "max_active_runs": dag.max_active_runs, "timezone": str(dag.timezone)},
    "tasks": {t.task_id: {"upstream": sorted(t.upstream_task_ids), "retries": t.retries, "operator": type(t).__name__,
                          "properties_file": t.properties_file, "conn_id": t._conn_id} for t in dag.tasks},
    "scheduled": scheduled,
    "manual_with_conf": rendered_date(manual_with_conf),
    "manual_without_date": {"today": now.date().isoformat(), "data_date": rendered_date(manual_without_date)},
}))
