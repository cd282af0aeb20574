package io.socialcrm.generate;

/** File formats of the landing zone. */
enum Format {
  JSONL("jsonl"),
  CSV("csv"),
  PARQUET("parquet");

  final String extension;

  Format(String extension) {
    this.extension = extension;
  }
}
