#!/usr/bin/env python3
"""Splink on DuckDB with the model of schemas/matching/febrl4.json, on two CSV tables; prints one JSON line.

The same fields, comparison levels and blocking as febrl4.json (both mirror the detailed model of Splink's febrl4
example): the seven prediction blocking rules; given_name and surname NameComparison with term frequencies;
DateOfBirthComparison; soc_sec_id and postcode DamerauLevenshteinAtThresholds [1, 2] (postcode with term
frequencies); street_number ExactMatch with term frequencies.  Training as in the example: the probability that two
random records match from the deterministic rules soc_sec_id and given_name+surname+date_of_birth at recall 0.8, u by
random sampling of u_random_pairs pairs (the config's; seed the config's), m by EM on the date_of_birth and postcode
blocks without term frequencies.  Then predict (every candidate pair scored, as the engine does) and one-to-one
(cluster_using_single_best_links, ties to the lowest id) at the config's auto_link_probability.

Timed phases: load (CSV into DuckDB), train, predict, one_to_one; then, untimed, precision, recall and F1 against
the truth (l_rec_id, r_rec_id).  Peak RSS of the process (DuckDB runs inside it) from getrusage.

Usage: splink_febrl4.py --left a.csv --right b.csv --truth truth.csv --config febrl4.json [--threads N]
"""
import argparse
import json
import logging
import resource
import time

import duckdb
import splink
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on


def settings(threshold_free=True):
    blocking_rules = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    return SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d",
                                     invalid_dates_as_null=True),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--left", required=True)
    ap.add_argument("--right", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: DuckDB's, all cores)")
    args = ap.parse_args()
    logging.getLogger("splink").setLevel(logging.ERROR)
    config = json.load(open(args.config))
    threshold = config.get("auto_link_probability", 0.95)
    u_pairs = config.get("u_random_pairs", 100000)
    seed = config.get("seed", 42)
    phases = {}

    t = time.perf_counter()
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    con.execute("CREATE TABLE a AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [args.left])
    con.execute("CREATE TABLE b AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [args.right])
    db_api = DuckDBAPI(connection=con)
    linker = Linker([db_api.register("a", dataset_display_name="a"), db_api.register("b", dataset_display_name="b")],
                    settings())
    phases["load"] = time.perf_counter() - t

    t = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("date_of_birth"), estimate_without_term_frequencies=True)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("postcode"), estimate_without_term_frequencies=True)
    phases["train"] = time.perf_counter() - t

    t = time.perf_counter()
    predictions = linker.inference.predict()
    pairs = con.execute(f"SELECT count(*) FROM {predictions.physical_name}").fetchall()[0][0]
    phases["predict"] = time.perf_counter() - t

    t = time.perf_counter()
    clusters = linker.clustering.cluster_using_single_best_links(
        predictions, duplicate_free_datasets=["a", "b"], threshold_match_probability=threshold)
    con.execute(f"""CREATE TABLE links AS
        SELECT l.rec_id AS l_rec_id, r.rec_id AS r_rec_id
        FROM {clusters.physical_name} l JOIN {clusters.physical_name} r
          ON l.cluster_id = r.cluster_id AND l.source_dataset = 'a' AND r.source_dataset = 'b'""")
    phases["one_to_one"] = time.perf_counter() - t

    con.execute("CREATE TABLE truth AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [args.truth])
    n_links, correct = con.execute("""SELECT count(*), count(t.l_rec_id) FROM links
        LEFT JOIN truth t USING (l_rec_id, r_rec_id)""").fetchall()[0]
    n_truth = con.execute("SELECT count(*) FROM truth").fetchall()[0][0]
    precision = correct / n_links if n_links else 0.0
    recall = correct / n_truth if n_truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    lam = linker._settings_obj._probability_two_random_records_match
    print(json.dumps({
        "tool": f"splink {splink.__version__} duckdb {duckdb.__version__}",
        "candidate_pairs": pairs, "links": n_links, "correct": correct, "truth": n_truth,
        "precision": precision, "recall": recall, "f1": f1, "lambda": lam,
        "phases": {k: round(v, 3) for k, v in phases.items()},
        "seconds": round(sum(phases.values()), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
