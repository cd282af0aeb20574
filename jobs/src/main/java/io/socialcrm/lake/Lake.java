package io.socialcrm.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The lake root and file access through Hadoop's FileSystem, so the same code runs on local disk, HDFS and
 * object stores.
 */
public final class Lake {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String RUNS_FOLDER = "_runs";

  private final String root;
  private final Configuration hadoop;

  public Lake(SparkSession spark, String root) {
    this.root = qualify(root);
    this.hadoop = spark.sparkContext().hadoopConfiguration();
  }

  public String root() {
    return root;
  }

  public String path(LakeTable table) {
    return table.path(root);
  }

  public String runsDir() {
    return join(root, RUNS_FOLDER);
  }

  /** For commands that read a lake: raises the one-line "unreadable lake" error when its root does not exist. */
  public void requireExisting() {
    if (!exists(root)) {
      throw Errors.unreadableLake(root, new FileNotFoundException("no such directory"));
    }
  }

  /** Checks the root can be created and written; raises the one-line "unreadable lake" error otherwise. */
  public void ensureWritable() {
    try {
      Path p = new Path(root);
      FileSystem fs = p.getFileSystem(hadoop);
      if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
        throw new IOException("it is a file, not a directory");
      }
      fs.mkdirs(new Path(runsDir()));
      Path probe = new Path(runsDir(), ".write-probe");
      try (OutputStream out = fs.create(probe, true)) {
        out.write(1);
      }
      fs.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw Errors.unreadableLake(root, e);
    }
  }

  /** The names of the Delta tables directly inside a layer's folder (sorted); empty when the folder is missing. */
  public List<String> deltaTables(Layer layer) {
    return listDirs(join(root, layer.folder())).stream().filter(this::isDeltaTable)
        .map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
  }

  public boolean isDeltaTable(String path) {
    return exists(join(path, "_delta_log"));
  }

  public boolean exists(String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(hadoop).exists(p);
    } catch (IOException e) {
      throw Errors.io("cannot check " + path, e);
    }
  }

  /** The data files directly inside a folder (sorted by name), skipping hidden and marker files. */
  public List<String> listFiles(String dir) {
    return listFiles(dir, false);
  }

  /** The files directly inside a folder (sorted by name); hidden and marker files too when {@code all}. */
  public List<String> listFiles(String dir, boolean all) {
    return list(dir, st -> st.isFile()
        && (all || !st.getPath().getName().startsWith(".") && !st.getPath().getName().startsWith("_")));
  }

  /** A file's size and modification time (milliseconds since the epoch). */
  public record FileStamp(long size, long modifiedMs) {}

  public FileStamp stamp(String file) {
    try {
      Path p = new Path(file);
      FileStatus st = p.getFileSystem(hadoop).getFileStatus(p);
      return new FileStamp(st.getLen(), st.getModificationTime());
    } catch (IOException e) {
      throw Errors.io("cannot stat " + file, e);
    }
  }

  /** The SHA-256 of a file's bytes, in hex, read as a stream. */
  public String sha256(String file) {
    try {
      Path p = new Path(file);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream in = p.getFileSystem(hadoop).open(p)) {
        byte[] buf = new byte[1 << 16];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          sha.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw Errors.io("cannot read " + file, e);
    }
  }

  /** A small text file's whole content (UTF-8), or null when it does not exist. */
  public String readText(String file) {
    try {
      Path p = new Path(file);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        return null;
      }
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw Errors.io("cannot read " + file, e);
    }
  }

  /**
   * A small JSON state file (the lake's {@code _state} bookkeeping) read as {@code type}; null when it does not exist
   * or cannot be parsed (bookkeeping that cannot be read only costs the work it would have saved).
   */
  public <T> T readJson(String file, Class<T> type) {
    String text = readText(file);
    if (text == null) {
      return null;
    }
    try {
      return JSON.readValue(text, type);
    } catch (IOException e) {
      return null;
    }
  }

  /** Writes {@code value} as a small JSON state file ({@link #writeText}). */
  public void writeJson(String file, Object value) {
    try {
      writeText(file, JSON.writeValueAsString(value));
    } catch (IOException e) {
      throw Errors.io("cannot write " + file, e);
    }
  }

  /** The sub-folders directly inside a folder (sorted by name). */
  public List<String> listDirs(String dir) {
    return list(dir, FileStatus::isDirectory);
  }

  /** The files under a table's folder, at any depth, outside its {@code _delta_log}: data and change-feed files. */
  public long countTableFiles(String tablePath) {
    return tableFiles(tablePath).count();
  }

  /**
   * How many files a table's folder holds outside its {@code _delta_log} (data and change-feed files, at any depth)
   * and when the oldest of them was last modified ({@link Long#MAX_VALUE} when there are none).
   */
  public record TableFiles(long count, long oldestModifiedMs) {}

  /** {@link TableFiles} of the table at {@code tablePath}, from one listing of its folder. */
  public TableFiles tableFiles(String tablePath) {
    try {
      Path p = new Path(tablePath);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        return new TableFiles(0, Long.MAX_VALUE);
      }
      long n = 0;
      long oldest = Long.MAX_VALUE;
      for (var it = fs.listFiles(p, true); it.hasNext(); ) {
        FileStatus st = it.next();
        String file = st.getPath().toString();
        if (!file.contains("/_delta_log/") && !file.endsWith(".crc")) {
          n++;
          oldest = Math.min(oldest, st.getModificationTime());
        }
      }
      return new TableFiles(n, oldest);
    } catch (IOException e) {
      throw Errors.io("cannot list " + tablePath, e);
    }
  }

  private List<String> list(String dir, Predicate<FileStatus> keep) {
    List<String> out = new ArrayList<>();
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        return out;
      }
      for (FileStatus st : fs.listStatus(p)) {
        if (keep.test(st)) {
          out.add(st.getPath().toString());
        }
      }
    } catch (IOException e) {
      throw Errors.io("cannot list " + dir, e);
    }
    out.sort(String::compareTo);
    return out;
  }

  public long size(String file) {
    try {
      Path p = new Path(file);
      return p.getFileSystem(hadoop).getFileStatus(p).getLen();
    } catch (IOException e) {
      throw Errors.io("cannot stat " + file, e);
    }
  }

  /** Reads the first line of a text file (a CSV header), or null for an empty file. */
  public String firstLine(String file) {
    try {
      Path p = new Path(file);
      try (InputStream in = p.getFileSystem(hadoop).open(p);
           BufferedReader r = new BufferedReader(
               new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line = r.readLine();
        return line != null && line.startsWith("\uFEFF") ? line.substring(1) : line;
      }
    } catch (IOException e) {
      throw Errors.io("cannot read " + file, e);
    }
  }

  /** Writes a small text file atomically enough for reports: to a temporary name, then renamed. */
  public void writeText(String file, String text) {
    try {
      Path p = new Path(file);
      FileSystem fs = p.getFileSystem(hadoop);
      fs.mkdirs(p.getParent());
      Path tmp = new Path(p.getParent(), "." + p.getName() + ".tmp");
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      fs.delete(p, false);
      if (!fs.rename(tmp, p)) {
        throw new IOException("rename failed");
      }
    } catch (IOException e) {
      throw Errors.io("cannot write " + file, e);
    }
  }

  /** A path with a URI scheme (s3a://, hdfs://, file:, ...), not a Windows drive letter. */
  private static boolean hasScheme(String path) {
    return path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !path.matches("^[a-zA-Z]:\\\\.*");
  }

  /** The local file-system path of a lake root on local disk (plain or file:), or null for a remote one. */
  public static String localPath(String path) {
    String q = qualify(path);
    return !hasScheme(q) ? q : q.startsWith("file:") ? q.replaceFirst("^file:(//)?", "") : null;
  }

  /** A path without a scheme is a local path: made absolute, so Spark, Delta and reports agree on it. */
  public static String qualify(String path) {
    if (hasScheme(path)) {
      return stripSlash(path);
    }
    return java.nio.file.Path.of(path).toAbsolutePath().normalize().toString();
  }

  public static String join(String base, String... parts) {
    StringBuilder sb = new StringBuilder(stripSlash(base));
    for (String part : parts) {
      sb.append('/').append(part);
    }
    return sb.toString();
  }

  private static String stripSlash(String s) {
    return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
