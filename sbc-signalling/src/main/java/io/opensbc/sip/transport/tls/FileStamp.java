package io.opensbc.sip.transport.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Modification time and size of a set of files: what the certificate watcher compares. */
public record FileStamp(List<String> entries) {
  public FileStamp {
    entries = List.copyOf(entries);
  }

  /** The stamp of the files now (null names are skipped; a missing file reads as "missing"). */
  public static FileStamp of(String... files) {
    List<String> out = new ArrayList<>();
    for (String f : files) {
      if (f == null) {
        continue;
      }
      Path p = Path.of(f);
      try {
        out.add(f + "@" + Files.getLastModifiedTime(p).toMillis() + "/" + Files.size(p));
      } catch (IOException e) {
        out.add(f + "@missing");
      }
    }
    return new FileStamp(out);
  }
}
