package io.socialcrm.ingest;

import io.socialcrm.common.Errors;
import io.socialcrm.contracts.Contract;
import io.socialcrm.lake.Lake;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** The landing area: {@code <root>/<input>/<yyyy-mm-dd>/<files>}. */
public final class Landing {
  private final String root;
  private final Lake fs;

  public Landing(String root, Lake fs) {
    this.root = Lake.qualify(root);
    this.fs = fs;
  }

  public String root() {
    return root;
  }

  public String folder(Contract contract, LocalDate date) {
    return Lake.join(root, contract.name(), date.toString());
  }

  public List<String> files(Contract contract, LocalDate date) {
    return fs.listFiles(folder(contract, date));
  }

  /** Every date that has a folder for some input, oldest first. */
  public SortedSet<LocalDate> dates(List<Contract> contracts) {
    SortedSet<LocalDate> out = new TreeSet<>();
    for (Contract c : contracts) {
      for (String d : fs.listDirs(Lake.join(root, c.name()))) {
        try {
          out.add(LocalDate.parse(d.substring(d.lastIndexOf('/') + 1)));
        } catch (DateTimeParseException e) {
          // not a date folder: ignored
        }
      }
    }
    return out;
  }

  /** Fails with one clear line unless the landing area exists and some input has a folder for the date. */
  public void requireData(List<Contract> contracts, LocalDate date) {
    if (!fs.exists(root)) {
      throw Errors.landingNotFound(root);
    }
    for (Contract c : contracts) {
      if (fs.exists(folder(c, date))) {
        return;
      }
    }
    throw Errors.noLandingData(date, root);
  }
}
