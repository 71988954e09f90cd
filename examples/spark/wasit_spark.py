"""wasit under Apache Spark: extract the documents of a JSON Lines corpus in
parallel partitions with `wasit extract`, then merge the facts with `wasit merge`
into the graph `wasit build` gives on the whole corpus (issue 14).

    python3 examples/spark/wasit_spark.py CORPUS.jsonl OUT \
        [--wasit target/release/wasit] [--partitions 4] [--master local[2]]

Every row of the corpus needs an `id` (and `text`; `date`, `url`, `outlet`,
`title` as for `wasit build`). OUT/facts/ holds the facts (one part-* file per
partition), OUT/graph/ the merged graph (graph.json, graph.dot, facts.jsonl).

On a cluster the same job ships the binary with the task:

    spark-submit --master yarn --files target/release/wasit \
        examples/spark/wasit_spark.py hdfs:///news/corpus.jsonl /data/wasit \
        --wasit ./wasit --partitions 200

(`--files` puts the binary in every executor's working folder; the merge, one
process, runs on the driver and needs OUT on a file system the driver sees.)
"""

import argparse
import os
import subprocess
import sys


def extract_partition(wasit):
    """The function Spark runs on each partition: its rows piped to `wasit extract -`."""

    def run(rows):
        rows = list(rows)
        if not rows:
            return []
        binary = wasit
        if not os.path.exists(binary):
            from pyspark import SparkFiles

            binary = SparkFiles.get(os.path.basename(wasit))
        done = subprocess.run(
            [binary, "extract", "-", "--quiet"],
            input="\n".join(rows) + "\n",
            capture_output=True,
            text=True,
        )
        # A bad row is reported and skipped by wasit (exit 1); anything else fails the task.
        if done.returncode not in (0, 1):
            raise RuntimeError(f"wasit extract failed ({done.returncode}): {done.stderr}")
        sys.stderr.write(done.stderr)
        return done.stdout.splitlines()

    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="JSON Lines corpus (one article a line, with an id)")
    ap.add_argument("out", help="output folder (facts/ and graph/ are written in it)")
    ap.add_argument("--wasit", default="target/release/wasit", help="the wasit binary")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--master", default=os.environ.get("SPARK_MASTER", "local[2]"))
    args = ap.parse_args()

    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(args.master)
        .appName("wasit")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    wasit = os.path.abspath(args.wasit) if os.path.exists(args.wasit) else args.wasit
    facts = os.path.join(args.out, "facts")
    rows = spark.sparkContext.textFile(args.corpus, minPartitions=args.partitions)
    rows.mapPartitions(extract_partition(wasit)).saveAsTextFile(facts)
    spark.stop()

    local = wasit if os.path.exists(wasit) else os.path.abspath(os.path.basename(wasit))
    graph = os.path.join(args.out, "graph")
    subprocess.run(
        [local, "merge", facts, "--out", graph, "--render", "none", "--quiet"], check=True
    )
    print(f"wrote {graph}/graph.json from {facts}")


if __name__ == "__main__":
    main()
