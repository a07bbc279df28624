package io.opensbc.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sdp and ice packages import the JDK only, dtls the JDK, Bouncy Castle, srtp and the control
 * port; nothing in sbc-media imports signalling.
 */
class SdpArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/io/opensbc/media");
  private static final Pattern IMPORT =
      Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

  @Test
  void sdpImportsOnlyTheJdk() throws IOException {
    assertEquals(List.of(), imports(MAIN.resolve("sdp"), i -> !i.startsWith("java.")));
  }

  @Test
  void dtlsImportsTheJdkBouncyCastleSrtpAndTheControlPortOnly() throws IOException {
    assertEquals(List.of(), imports(MAIN.resolve("dtls"), i -> !i.startsWith("java.")
        && !i.startsWith("org.bouncycastle.") && !i.startsWith("io.opensbc.media.srtp.")
        && !i.startsWith("io.opensbc.media.control.")));
  }

  @Test
  void iceImportsOnlyTheJdk() throws IOException {
    assertEquals(List.of(), imports(MAIN.resolve("ice"), i -> !i.startsWith("java.")
        && !i.startsWith("javax.") && !i.startsWith("io.opensbc.media.ice.")));
  }

  @Test
  void mediaNeverImportsSignalling() throws IOException {
    assertEquals(List.of(), imports(MAIN, i -> i.startsWith("io.opensbc.sip.")));
  }

  private static List<String> imports(Path dir, java.util.function.Predicate<String> bad)
      throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          if (bad.test(m.group(2))) {
            found.add(f.getFileName() + ": " + m.group(2));
          }
        }
      }
    }
    return found;
  }
}
