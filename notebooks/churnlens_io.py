"""Reads churnlens report tables into pandas DataFrames, the same way on an analyst's laptop and on CI.

    import churnlens_io as cio
    impact = cio.load(OUTPUT_ROOT, "churn_impact", snapshot=SNAPSHOT)

* With pyarrow importable (``pip install pyarrow pandas``) it reads the Parquet files with pyarrow.
* Otherwise it reads them with DuckDB through JDBC: Debian's ``python3-jpype`` starts a JVM with the DuckDB JDBC
  jar, found in ``$CHURNLENS_DUCKDB_JAR`` or under ``target/notebook-lib/`` (``mvn -B dependency:copy`` puts it
  there, see the pom's ``notebook-duckdb-jar`` execution).

Either way the result is the same: partition folders (``as_of=YYYY-MM-DD``, ``ingest_run=...``) become string
columns, dates and timestamps become ``datetime64``, decimals become floats, integers become pandas' nullable
``Int64`` and booleans ``boolean``. Only local paths are read; hidden (``.``) and ``_`` files and folders (a table
being published, ``_SUCCESS``) are skipped, as Spark does.
"""
import glob
import os
import tempfile

import pandas as pd

__all__ = ["load", "snapshots", "latest_snapshot", "backend", "REPORTS"]

REPORTS = "reports"


def _visible(name):
    return not (name.startswith(".") or name.startswith("_"))


def _partitions(table_dir):
    """[(partition values {key: value}, [parquet files])] of one table folder, key=value folders at any depth."""
    out = []
    for here, dirs, files in os.walk(table_dir):
        dirs[:] = sorted(d for d in dirs if _visible(d) and "=" in d)
        parquet = sorted(os.path.join(here, f) for f in files if _visible(f) and f.endswith(".parquet"))
        if parquet:
            rel = os.path.relpath(here, table_dir)
            values = dict(part.split("=", 1) for part in rel.split(os.sep) if "=" in part)
            out.append((values, parquet))
    return out


def snapshots(root, table="churn_impact"):
    """The as_of dates (strings, oldest first) a table has under <root>/reports/."""
    folder = os.path.join(root, REPORTS, table)
    if not os.path.isdir(folder):
        return []
    return sorted(d.split("=", 1)[1] for d in os.listdir(folder) if _visible(d) and d.startswith("as_of="))


def latest_snapshot(root, table="churn_impact"):
    """The newest as_of of a table; a clear error when the output root holds none."""
    found = snapshots(root, table)
    if not found:
        raise FileNotFoundError(f"no snapshot of {table} under {os.path.join(os.path.abspath(root), REPORTS)}: "
                                f"run the pipeline first (jobs/churnlens pipeline --output {root}) or set OUTPUT_ROOT")
    return found[-1]


def load(root, table, snapshot=None, columns=None):
    """The report table <root>/reports/<table> as a DataFrame, partition columns included.

    snapshot: an as_of date ('2026-09-30') to read only that partition; None reads every snapshot.
    columns: the columns the caller needs; a missing one raises KeyError naming the table (so a notebook that
    reads a column the pipeline no longer writes fails loudly).
    """
    folder = os.path.join(root, REPORTS, table)
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"no report table {table!r} under {os.path.join(root, REPORTS)} "
                                f"(run the pipeline first, e.g. jobs/churnlens pipeline --output {root})")
    parts = _partitions(folder)
    if snapshot is not None:
        parts = [(v, f) for v, f in parts if v.get("as_of") == str(snapshot)]
        if not parts:
            raise FileNotFoundError(f"{table} has no snapshot as_of={snapshot} (it has {snapshots(root, table)})")
    frames = [_with_partition(_read_files(files), values) for values, files in parts]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if columns is not None:
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise KeyError(f"{table} has no column(s) {missing}; it has {list(frame.columns)}")
        frame = frame[list(columns)]
    return frame


def _with_partition(frame, values):
    for key, value in values.items():
        frame[key] = pd.Series([value] * len(frame), dtype="object")
    return frame


def backend():
    """'pyarrow' or 'duckdb-jdbc': how tables are read here."""
    try:
        import pyarrow.parquet  # noqa: F401
        return "pyarrow"
    except ImportError:
        return "duckdb-jdbc"


def _read_files(files):
    if backend() == "pyarrow":
        return _read_pyarrow(files)
    return _DuckDbJdbc.instance().read(files)


# --- pyarrow ---------------------------------------------------------------------------------------------------

def _read_pyarrow(files):
    import pyarrow as pa
    import pyarrow.parquet as pq
    table = pa.concat_tables([pq.read_table(f) for f in files])
    frame = table.to_pandas(date_as_object=False)
    for field in table.schema:
        name = field.name
        if pa.types.is_decimal(field.type):
            frame[name] = frame[name].astype("float64")
        elif pa.types.is_integer(field.type):
            frame[name] = frame[name].astype("Int64")
        elif pa.types.is_boolean(field.type):
            frame[name] = frame[name].astype("boolean")
        elif pa.types.is_timestamp(field.type) and field.type.tz is not None:
            frame[name] = frame[name].dt.tz_convert("UTC").dt.tz_localize(None)
    return frame


# --- DuckDB through JDBC ---------------------------------------------------------------------------------------

def _duckdb_jar():
    jar = os.environ.get("CHURNLENS_DUCKDB_JAR")
    if jar:
        if not os.path.isfile(jar):
            raise FileNotFoundError(f"CHURNLENS_DUCKDB_JAR={jar} is not a file")
        return jar
    here = os.path.dirname(os.path.abspath(__file__))
    found = sorted(glob.glob(os.path.join(here, "..", "target", "notebook-lib", "duckdb_jdbc*.jar")))
    found += sorted(glob.glob(os.path.expanduser("~/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar")))
    if not found:
        raise FileNotFoundError("neither pyarrow nor the DuckDB JDBC jar: pip install pyarrow, or run "
                                "`mvn -B dependency:copy@notebook-duckdb-jar` (or set CHURNLENS_DUCKDB_JAR)")
    return found[-1]


class _DuckDbJdbc:
    """One in-memory DuckDB connection in a JVM started by JPype; each read is COPY'd to CSV and typed back."""
    _instance = None

    @classmethod
    def instance(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def __init__(self):
        import jpype
        if not jpype.isJVMStarted():
            # Debian's JPype 1.4 finds its own support jar only when it is on the class path
            support = [j for j in ("/usr/share/java/org.jpype.jar",) if os.path.isfile(j)]
            jpype.startJVM(classpath=support + [_duckdb_jar()], convertStrings=True)
        self._connection = jpype.JClass("java.sql.DriverManager").getConnection("jdbc:duckdb:")
        self._connection.createStatement().execute("SET TimeZone = 'UTC'")

    def _query(self, sql):
        result = self._connection.createStatement().executeQuery(sql)
        rows = []
        while result.next():
            rows.append([result.getString(i + 1) for i in range(result.getMetaData().getColumnCount())])
        return rows

    def read(self, files):
        # partition values come from the folder names (as strings), as on the pyarrow path
        source = "read_parquet([%s], hive_partitioning = false)" % ", ".join(_quote(f) for f in files)
        schema = self._query(f"DESCRIBE SELECT * FROM {source}")
        with tempfile.TemporaryDirectory() as tmp:
            csv = os.path.join(tmp, "table.csv")
            self._connection.createStatement().execute(
                f"COPY (SELECT * FROM {source}) TO {_quote(csv)} (FORMAT csv, HEADER true, NULLSTR '\\N')")
            text_columns = {name: "object" for name, kind, *_ in schema if kind == "VARCHAR"}
            frame = pd.read_csv(csv, na_values=["\\N"], keep_default_na=False, dtype=text_columns)
        for name, kind, *_ in schema:
            frame[name] = _typed(frame[name], kind)
        return frame


def _typed(series, duckdb_type):
    kind = duckdb_type.upper()
    if kind.endswith("WITH TIME ZONE"):
        return pd.to_datetime(series, utc=True).dt.tz_localize(None)   # the instant, in UTC, as pyarrow gives it
    if kind == "DATE" or kind.startswith("TIMESTAMP"):
        return pd.to_datetime(series)
    if kind in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"):
        return series.astype("Int64")
    if kind.startswith("DECIMAL") or kind in ("DOUBLE", "FLOAT", "REAL"):
        return series.astype("float64")
    if kind == "BOOLEAN":
        return series.map({"true": True, "false": False, True: True, False: False}).astype("boolean")
    return series


def _quote(path):
    return "'" + str(path).replace("'", "''") + "'"
