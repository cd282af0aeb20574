package io.socialcrm.common;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;

/** The one place user-facing errors are raised (as Delta Kernel's DeltaErrors): a method per error. */
public final class Errors {
  private Errors() {}

  public static SocialCrmException badArgument(String what, String value, String expected) {
    return new SocialCrmException("bad_argument",
        "invalid " + what + " '" + value + "': expected " + expected, null);
  }

  public static SocialCrmException badDateRange(LocalDate from, LocalDate to) {
    return new SocialCrmException("bad_argument",
        "invalid date range: --from " + from + " is after --to " + to, null);
  }

  public static SocialCrmException unknownStep(String step, Collection<String> known) {
    return new SocialCrmException("unknown_step",
        "unknown step '" + step + "': known steps are " + String.join(", ", known), null);
  }

  public static SocialCrmException noLandingData(LocalDate date, String landing) {
    return new SocialCrmException("no_landing_data",
        "no landing data for " + date + " under " + landing
            + " (expected <landing>/<input>/" + date + "/ folders; generate some with 'socialcrm generate')", null);
  }

  public static SocialCrmException landingNotFound(String landing) {
    return new SocialCrmException("landing_not_found",
        "landing area " + landing + " does not exist or is not a directory", null);
  }

  public static SocialCrmException unreadableLake(String lake, Throwable cause) {
    return new SocialCrmException("unreadable_lake",
        "cannot use the lake at " + lake + ": " + rootMessage(cause), cause);
  }

  public static SocialCrmException unreadableInput(String input, String file, Throwable cause) {
    return new SocialCrmException("unreadable_input",
        "cannot read " + input + " file " + file + ": " + rootMessage(cause), cause);
  }

  public static SocialCrmException invalidContract(String contract, String problem) {
    return new SocialCrmException("invalid_contract",
        "data contract " + contract + " is invalid: " + problem, null);
  }

  public static SocialCrmException reconciliationFailed(String input, long read, long loaded, long quarantined) {
    return new SocialCrmException("reconciliation_failed",
        "counts of " + input + " do not reconcile: read " + read + " but loaded " + loaded
            + " + quarantined " + quarantined, null);
  }

  public static SocialCrmException badSetting(String key, String value, String source, String expected) {
    return new SocialCrmException("bad_setting",
        "setting " + key + "='" + value + "' (from " + source + ") is invalid: expected " + expected, null);
  }

  public static SocialCrmException unreadableConfig(String file, Throwable cause) {
    return new SocialCrmException("unreadable_config",
        "cannot read config file " + file + ": " + rootMessage(cause), cause);
  }

  public static SocialCrmException crmDatabase(String url, Throwable cause) {
    return new SocialCrmException("crm_database",
        "cannot read the CRM database at " + url + ": " + rootMessage(cause), cause);
  }

  public static SocialCrmException queryFailed(String query, Throwable cause) {
    return new SocialCrmException("query_failed", "query failed: " + rootMessage(cause), cause);
  }

  public static SocialCrmException outputExists(String out) {
    return new SocialCrmException("output_exists",
        "output directory " + out + " already holds generated data: choose an empty directory", null);
  }

  public static SocialCrmException io(String what, Throwable cause) {
    return new SocialCrmException("io", what + ": " + rootMessage(cause), cause);
  }

  /** The innermost message, on one line: what a user needs, without a stack trace. */
  public static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int nl = msg.indexOf('\n');
    return nl >= 0 ? msg.substring(0, nl) : msg;
  }

  // ---- identity resolution

  public static SocialCrmException identityNotRun(String lake) {
    return new SocialCrmException("identity_not_run",
        "no identity model in lake " + lake + ": run the conform and identity steps first"
            + " (socialcrm run --date D --steps conform,identity)", null);
  }

  public static SocialCrmException unknownProfile(String profile) {
    return new SocialCrmException("bad_argument", "no social profile '" + profile
        + "' in silver.social_profiles: give platform:id, e.g. x:1234567 or linkedin:urn:li:person:AB12", null);
  }

  public static SocialCrmException ambiguousProfile(String profile) {
    return new SocialCrmException("bad_argument", "profile id '" + profile
        + "' exists on more than one platform: give platform:id, e.g. x:" + profile, null);
  }

  public static SocialCrmException truthNotFound(String file) {
    return new SocialCrmException("bad_argument", "no ground truth at " + file
        + ": --truth takes the generator's truth folder (with profile_customer.csv)", null);
  }

  // ---- silver facts (conform) ----

  public static SocialCrmException invalidReferenceData(String resource, String problem) {
    return new SocialCrmException("invalid_reference_data",
        "reference data " + resource + " is invalid: " + problem, null);
  }

  public static SocialCrmException badReportingCurrency(String currency, Collection<String> known) {
    return new SocialCrmException("bad_argument",
        "invalid reporting currency '" + currency + "': expected one of " + String.join(", ", known)
            + " (the currencies of schemas/reference/fx_rates.csv)", null);
  }

  // ---- erasure (io.socialcrm.privacy) ----

  public static SocialCrmException reconciliationFailed(String input, long read, long loaded, long quarantined,
                                                        long erased) {
    return new SocialCrmException("reconciliation_failed",
        "counts of " + input + " do not reconcile: read " + read + " but loaded " + loaded
            + " + quarantined " + quarantined + " + erased " + erased, null);
  }

  public static SocialCrmException erasureFailed(String table, Throwable cause) {
    return new SocialCrmException("erasure_failed",
        "erasure failed on " + table + ": " + rootMessage(cause)
            + " (tables already cleaned stay cleaned; run the same erase again to finish)", cause);
  }

  // --- identity: record-linkage configuration ---

  public static SocialCrmException invalidMatchConfig(String config, String problem) {
    return new SocialCrmException("invalid_match_config",
        "match config " + config + " is invalid: " + problem, null);
  }

  // --- identity: linking any two tables (socialcrm link) ---

  /** {@code what}: the option naming the file, e.g. {@code --left}. */
  public static SocialCrmException linkInputNotFound(String what, String path) {
    return new SocialCrmException("bad_argument", "no file or folder at " + path + " (" + what + ")", null);
  }

  public static SocialCrmException unknownTableFormat(String what, String path) {
    return new SocialCrmException("bad_argument", "cannot tell the format of " + path + " (" + what
        + "): expected a Delta table (a folder with _delta_log), a .csv or .parquet file, or a folder of them;"
        + " give " + what + "-format csv|parquet|delta", null);
  }

  public static SocialCrmException missingColumns(String what, String path, Collection<String> missing,
                                                  Collection<String> have) {
    return new SocialCrmException("missing_columns", "the " + what + " table " + path + " has no column "
        + String.join(", ", missing) + " that the match config reads (it has " + String.join(", ", have) + ")", null);
  }

  /** {@code expected}: the id columns it may name, e.g. "l_rec_id and r_rec_id". */
  public static SocialCrmException truthColumnsMissing(String path, String expected, Collection<String> have) {
    return new SocialCrmException("missing_columns", "the truth file " + path + " needs the pair columns " + expected
        + " (it has " + String.join(", ", have) + ")", null);
  }

  // --- marts: sentiment and intent lexicons ---

  public static SocialCrmException invalidLexicon(String resource, String problem) {
    return new SocialCrmException("invalid_lexicon",
        "lexicon " + resource + " is invalid: " + problem, null);
  }

  // ---- Airflow (io.socialcrm.orchestration.airflow): each message is one line; Airflow's detail is passed in
  // already cut to one line and with the password masked.

  public static SocialCrmException airflowBadCredentials(String url, String user, String detail) {
    return new SocialCrmException("airflow_unauthorized",
        "Airflow at " + url + " rejected the credentials of user '" + user + "' (401" + suffix(detail)
            + "): check airflow.user and airflow.password (SOCIALCRM_AIRFLOW_USER, SOCIALCRM_AIRFLOW_PASSWORD)", null);
  }

  public static SocialCrmException airflowLoginRefused(String url, String user, int status, String detail) {
    return new SocialCrmException("airflow_unauthorized",
        "Airflow at " + url + " refused a token for user '" + user + "' (" + status + suffix(detail)
            + "): check airflow.user and airflow.password (SOCIALCRM_AIRFLOW_USER, SOCIALCRM_AIRFLOW_PASSWORD)", null);
  }

  public static SocialCrmException airflowTokenRejected(String call, String user, String detail) {
    return new SocialCrmException("airflow_unauthorized",
        "Airflow rejected a fresh token of user '" + user + "' to " + call + " (401" + suffix(detail) + ")", null);
  }

  public static SocialCrmException airflowForbidden(String call, String user, String detail) {
    return new SocialCrmException("airflow_forbidden",
        "Airflow does not allow user '" + user + "' to " + call + " (403" + suffix(detail)
            + "): give the user a role that may", null);
  }

  public static SocialCrmException airflowNotFound(String what, String detail) {
    return new SocialCrmException("airflow_not_found", "Airflow has no " + what + " (404" + suffix(detail) + ")", null);
  }

  public static SocialCrmException airflowConflict(String call, String detail, boolean retried) {
    return new SocialCrmException("airflow_conflict",
        "cannot " + call + ": it already exists in Airflow (409" + suffix(detail) + ")"
            + (retried ? "; an earlier attempt that timed out may have created it: see 'socialcrm airflow status'" : ""),
        null);
  }

  public static SocialCrmException airflowRequestFailed(String call, int status, String detail, int attempts) {
    return new SocialCrmException("airflow_request_failed",
        "Airflow failed to " + call + ": HTTP " + status + suffix(detail)
            + (attempts > 1 ? " (after " + attempts + " attempts)" : ""), null);
  }

  public static SocialCrmException airflowBadResponse(String call, String problem) {
    return new SocialCrmException("airflow_bad_response",
        "Airflow's answer to " + call + " is not the expected JSON: " + problem, null);
  }

  public static SocialCrmException airflowUnreachable(String url, String reason, int attempts, Throwable cause) {
    return new SocialCrmException("airflow_unreachable",
        "cannot reach Airflow at " + url + ": " + reason + (attempts > 1 ? " after " + attempts + " attempts" : "")
            + "; is the API server running and airflow.url (SOCIALCRM_AIRFLOW_URL) right?", cause);
  }

  /** {@code what}: e.g. "run 'r' of DAG 'd'". */
  public static SocialCrmException airflowWaitTimedOut(String what, Duration timeout, String state) {
    return new SocialCrmException("airflow_wait_timeout",
        what + " is still " + state + " after waiting "
            + (timeout.toSeconds() >= 60 && timeout.toSeconds() % 60 == 0 ? timeout.toMinutes() + " min"
                : timeout.toMillis() / 1000.0 + " s"), null);
  }

  public static SocialCrmException airflowBeforeStartDate(LocalDate day, String dag,
                                                          LocalDate startDate) {
    return new SocialCrmException("airflow_before_start_date",
        "cannot trigger DAG '" + dag + "' for " + day + ": it is before the DAG's start date " + startDate
            + " (Airflow would make a run without tasks); use 'socialcrm airflow backfill --from " + day + " --to "
            + day + "'", null);
  }

  public static SocialCrmException airflowNoRuns(String dag) {
    return new SocialCrmException("airflow_not_found",
        "DAG '" + dag + "' has no runs in Airflow yet: start one with 'socialcrm airflow trigger --date D'", null);
  }

  public static SocialCrmException airflowNoTask(String task, String run, String dag, Collection<String> tasks) {
    return new SocialCrmException("airflow_not_found", "run '" + run + "' of DAG '" + dag + "' has no task '" + task
        + "'" + (tasks.isEmpty() ? " (it has no task instances yet)" : ": its tasks are " + String.join(", ", tasks)),
        null);
  }

  public static SocialCrmException airflowInterrupted(String call, Throwable cause) {
    return new SocialCrmException("airflow_interrupted", "interrupted while waiting to " + call, cause);
  }

  private static String suffix(String detail) {
    return detail == null || detail.isBlank() ? "" : ": " + detail;
  }

  // --- maintenance ---

  public static SocialCrmException unsafeRetention(long hours, long minimum) {
    return new SocialCrmException("bad_argument",
        "VACUUM retention of " + hours + " hours is below the safe minimum of " + minimum + " hours: older table "
            + "versions could still be read (time travel, a running job, a change feed not yet consumed); to erase "
            + "old versions on purpose, set -Dspark.databricks.delta.retentionDurationCheck.enabled=false", null);
  }

  public static SocialCrmException maintenanceFailed(String table, Throwable cause) {
    return new SocialCrmException("maintenance_failed",
        "maintenance failed on " + table + ": " + rootMessage(cause)
            + " (tables done before it stay done; run maintain again)", cause);
  }

  // --- serving ---

  public static SocialCrmException readOnlyEndpoint(String statement) {
    return new SocialCrmException("read_only",
        "the SQL endpoint is read-only: " + statement + " is refused (queries, SHOW, DESCRIBE, EXPLAIN and USE are "
            + "allowed; the lake is written by the nightly job only)", null);
  }

  public static SocialCrmException endpointNeedsPassword(String host) {
    return new SocialCrmException("bad_setting",
        "serve-sql bound to " + host + " needs a user and a password: set serve.sql.user and serve.sql.password "
            + "(SOCIALCRM_SQL_USER, SOCIALCRM_SQL_PASSWORD); only a loopback address may go without", null);
  }

  public static SocialCrmException metastoreNeeded(String lake) {
    return new SocialCrmException("bad_setting",
        "the embedded metastore lives on local disk, but the lake is " + lake + ": set serve.metastore.jdbc.url "
            + "(an external Hive metastore database, e.g. jdbc:postgresql://host:5432/metastore)", null);
  }

  public static SocialCrmException endpointFailed(String host, long port, Throwable cause) {
    return new SocialCrmException("serve_failed",
        "cannot start the SQL endpoint on " + host + ":" + port + ": " + rootMessage(cause), cause);
  }

  public static SocialCrmException metastoreUnreachable(String url, Throwable cause) {
    return new SocialCrmException("serve_failed",
        "cannot open or prepare the Hive metastore database " + url + " (serve.metastore.jdbc.url, .user, "
            + ".password): " + rootMessage(cause), cause);
  }
}
