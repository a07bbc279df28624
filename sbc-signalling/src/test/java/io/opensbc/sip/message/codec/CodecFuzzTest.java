package io.opensbc.sip.message.codec;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the torture messages (bit flips, truncation, inserted CR/LF/NUL, duplicated
 * slices) through both framers: every input must give a value, never an exception.
 */
class CodecFuzzTest {
  private static final int ROUNDS = 20_000;

  private static List<byte[]> corpus() throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (InputStream in = CodecFuzzTest.class.getResourceAsStream("/sip-torture/expected.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String file = line.split("\t")[0];
        String dir = file.startsWith("ipv") || file.startsWith("port-") || file.startsWith("via-")
            || file.startsWith("mult-") ? "rfc5118/" : "";
        try (InputStream f = CodecFuzzTest.class.getResourceAsStream("/sip-torture/" + dir + file)) {
          out.add(f.readAllBytes());
        }
      }
    }
    return out;
  }

  private static byte[] mutate(byte[] in, Random r) {
    byte[] b = in.clone();
    switch (r.nextInt(5)) {
      case 0 -> {
        for (int i = 0; i < 1 + r.nextInt(8); i++) {
          int p = r.nextInt(b.length);
          b[p] = (byte) (b[p] ^ (1 << r.nextInt(8)));
        }
      }
      case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
      case 2 -> {
        int p = r.nextInt(b.length);
        byte[] ins = {'\r', '\n', 0, ' ', ':', ';', '<', '"'};
        byte[] n = new byte[b.length + 1];
        System.arraycopy(b, 0, n, 0, p);
        n[p] = ins[r.nextInt(ins.length)];
        System.arraycopy(b, p, n, p + 1, b.length - p);
        b = n;
      }
      case 3 -> {
        int from = r.nextInt(b.length);
        int len = Math.min(b.length - from, r.nextInt(64));
        byte[] n = new byte[b.length + len];
        System.arraycopy(b, 0, n, 0, from + len);
        System.arraycopy(b, from, n, from + len, b.length - from);
        b = n;
      }
      default -> {
        for (int i = 0; i < b.length; i++) {
          if (r.nextInt(50) == 0) {
            b[i] = (byte) r.nextInt(256);
          }
        }
      }
    }
    return b;
  }

  @Test
  void noInputThrows() throws IOException {
    List<byte[]> corpus = corpus();
    Random r = new Random(4475);
    long deadline = System.nanoTime() + 60_000_000_000L;
    int done = 0;
    for (; done < ROUNDS && System.nanoTime() < deadline; done++) {
      byte[] b = mutate(corpus.get(r.nextInt(corpus.size())), r);
      assertNotNull(DatagramFramer.decode(Buffer.buffer(b), SizeLimits.DEFAULTS));
      StreamFramer f = new StreamFramer(SizeLimits.DEFAULTS);
      int step = 1 + r.nextInt(200);
      for (int i = 0; i < b.length; i += step) {
        f.feed(Buffer.buffer().appendBytes(b, i, Math.min(step, b.length - i)), d -> assertNotNull(d));
      }
    }
    assertTrue(done > 1000, "fuzzed only " + done + " inputs");
  }
}
