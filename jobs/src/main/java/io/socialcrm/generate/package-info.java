/**
 * Sample data for socialcrm: a synthetic brand ({@link io.socialcrm.generate.Brands}), its customers, their social
 * accounts and activity, written as the landing zone the ingestion reads, plus the ground truth to evaluate it.
 * Entry point: {@link io.socialcrm.generate.SampleDataGenerator#generate(GeneratorOptions)}.
 *
 * <h2>Layout</h2>
 * <pre>
 * OUT/landing/&lt;input&gt;/&lt;yyyy-mm-dd&gt;/part-0000N.jsonl|csv|parquet   N = 0..3 by volume, data files only
 * OUT/late/&lt;input&gt;/&lt;yyyy-mm-dd&gt;/part-0000N.*                         a file that arrives one day late
 * OUT/truth/profile_customer.csv   platform, profile_id, customer_id (every account that belongs to a customer)
 * OUT/truth/order_touches.csv      order_id, customer_id, platform, post_or_event_id, touch_ts, touch_type, campaign_id
 * OUT/truth/late_files.csv         input, date, file
 * OUT/truth/defects.csv            input, date, file, line_or_row, defect
 * </pre>
 * {@code <input>} is the contract name. Each date folder holds the records created or changed that day (the first
 * day of customers, campaigns and matching_consent also holds everything from before the period).
 *
 * <h2>Formats</h2>
 * <ul>
 *   <li>X ({@code x_posts}, {@code x_follows}): JSON lines, UTF-8, one object per line; optional fields are left
 *       out when absent (as the X API does); times like {@code 2024-03-04T10:15:30.000Z} (UTC).</li>
 *   <li>Facebook and LinkedIn: CSV with a header row, UTF-8 without BOM, {@code \n} line ends, RFC 4180 quoting
 *       (only fields with a comma, quote or edge space are quoted; no line breaks inside fields); an empty field
 *       is null; times as in the contracts ({@code dd/MM/yyyy HH:mm}, {@code MM/dd/yyyy HH:mm}), UTC.</li>
 *   <li>CRM: CSV as above with timestamps {@code yyyy-MM-dd HH:mm:ss} (UTC), dates {@code yyyy-MM-dd},
 *       booleans {@code true}/{@code false}, decimals with a dot and two decimals; {@code orders} is Parquet
 *       (snappy) with the contract types: strings, {@code decimal(12,2)} amount, timestamps (TIMESTAMP_MICROS).</li>
 * </ul>
 *
 * <h2>Deliberate defects</h2>
 * Listed in {@code truth/defects.csv} ({@code line_or_row}: 1-based physical line, the CSV header being line 1,
 * or the 1-based Parquet row; empty for whole-file defects): {@code malformed_json} (a truncated line),
 * {@code wrong_type} ({@code "like_count":"many"}, amount {@code 12,5x}, an impossible date, {@code 1.2k}),
 * {@code missing_required} (a JSON field left out, a CSV field empty), {@code duplicate} (the listed line repeats
 * the one before), {@code extra_field} ({@code data.source_app} on every line of a file), {@code extra_column}
 * ({@code export_tag} after the contract's columns, header and rows), {@code late_file} (under {@code late/}, also
 * in {@code late_files.csv}) and {@code empty_file} (a zero-byte JSON lines file or a header-only CSV, next to the
 * day's data). Line defects only hit records of accounts that are not customers (and customers without social
 * accounts), so the ground truth stays observable.
 */
package io.socialcrm.generate;
