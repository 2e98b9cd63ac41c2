"""Airflow DAG: the churnlens quarterly pipeline, one task per stage, each a spark-submit of the thin jar.

Each stage reads what the previous one published under the output root, so a failed task can be retried or
cleared on its own. The snapshot date is the quarter end before the DAG run's logical date ({{ ds }}), so the
run on 2026-10-02 computes as of 2026-09-30. Backfills: `airflow dags backfill` over past quarters, or
`jobs/churnlens backfill --from 2025-Q1 --to 2026-Q3` outside Airflow.

Needs apache-airflow-providers-apache-spark and a `spark_default` connection pointing at the cluster.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

ENTRY_POINT = "io.churnlens.cli.Main"
APPLICATION = "/opt/churnlens/churnlens.jar"
CONFIG = "/etc/churnlens/cluster.conf"
# The quarter end before the logical date, e.g. 2026-10-02 -> 2026-09-30.
AS_OF = (
    "{{ (data_interval_end.replace(day=1, month=((data_interval_end.month - 1) // 3) * 3 + 1)"
    " - macros.timedelta(days=1)).strftime('%Y-%m-%d') }}"
)
STAGES = ["ingest", "features", "segment", "clv", "train", "score", "backtest", "impact", "drift", "report"]
# The report pseudonymises customer ids (pseudonymise.key-source in cluster.conf, default env:CHURNLENS_PSEUDONYM_KEY).
# The key comes from an Airflow Variable whose name contains "secret", so Airflow masks it in logs and rendered
# templates; in YARN cluster mode prefer a key file on the nodes (key-source = "file:/etc/churnlens/pseudonym.key").
REPORT_ENV = {"CHURNLENS_PSEUDONYM_KEY": "{{ var.value.churnlens_pseudonym_secret }}"}

default_args = {
    "owner": "data-engineering",
    "retries": 2,
    "retry_delay": timedelta(minutes=15),
    "retry_exponential_backoff": True,
}

with DAG(
    dag_id="churnlens_quarterly",
    description="Churn analysis for the quarter that just ended",
    schedule="15 2 2 1,4,7,10 *",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,  # churnlens also locks the output root; one run at a time
    default_args=default_args,
    tags=["churnlens"],
) as dag:
    previous = None
    for stage in STAGES:
        task = SparkSubmitOperator(
            task_id=stage,
            conn_id="spark_default",
            application=APPLICATION,
            java_class=ENTRY_POINT,
            application_args=[stage, "--config", CONFIG, "--as-of", AS_OF],
            conf={
                "spark.sql.adaptive.enabled": "true",
                "spark.sql.shuffle.partitions": "400",
            },
            name=f"churnlens-{stage}",
            env_vars=REPORT_ENV if stage == "report" else None,
        )
        if previous is not None:
            previous >> task
        previous = task
