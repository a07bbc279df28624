package io.opensbc.cluster.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test audio: a sine tone as a 16-bit mono WAV, reading WAVs back, and measuring them. */
final class Tone {
  static final int RATE = 8000;

  private Tone() {}

  /** Writes {@code seconds} of a {@code hz} sine at {@code amplitude} as 8 kHz 16-bit mono PCM. */
  static void writeWav(Path file, double hz, int amplitude, int seconds) throws IOException {
    int n = RATE * seconds;
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
        .putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(2 * n);
    for (int i = 0; i < n; i++) {
      b.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / RATE)));
    }
    Files.write(file, b.array());
  }

  /** The samples of a 16-bit PCM WAV file (first channel); its sample rate must be 8 kHz. */
  static short[] readWav(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12;
    int channels = 1;
    while (pos + 8 <= b.limit()) {
      String id = new String(b.array(), pos, 4);
      int size = b.getInt(pos + 4);
      if (id.equals("fmt ")) {
        channels = b.getShort(pos + 10);
        int rate = b.getInt(pos + 12);
        int bits = b.getShort(pos + 22);
        if (rate != RATE || bits != 16) {
          throw new IOException(file + ": " + rate + " Hz " + bits + " bit, expected 8000 Hz 16 bit");
        }
      } else if (id.equals("data")) {
        int len = Math.min(size < 0 ? Integer.MAX_VALUE : size, b.limit() - pos - 8);
        short[] out = new short[len / 2 / channels];
        for (int i = 0; i < out.length; i++) {
          out[i] = b.getShort(pos + 8 + i * 2 * channels);
        }
        return out;
      }
      pos += 8 + size + (size & 1);
    }
    throw new IOException(file + ": no data chunk");
  }

  static double rms(short[] s, int from, int len) {
    double sum = 0;
    for (int i = from; i < from + len; i++) {
      sum += (double) s[i] * s[i];
    }
    return Math.sqrt(sum / len);
  }

  /**
   * The share of a frame's energy at {@code hz} (Goertzel), 0..1: near 1 for a pure tone at that
   * frequency, near 0 for other tones or noise.
   */
  static double toneShare(double[] x, double hz) {
    double coeff = 2 * Math.cos(2 * Math.PI * hz / RATE);
    double s1 = 0;
    double s2 = 0;
    double energy = 0;
    for (double v : x) {
      double s0 = v + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
      energy += v * v;
    }
    double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    return energy == 0 ? 0 : 2 * power / (x.length * energy);
  }

  static double[] frame(short[] s, int from, int len) {
    double[] out = new double[len];
    for (int i = 0; i < len; i++) {
      out[i] = s[from + i];
    }
    return out;
  }

  /** G.711 mu-law bytes to linear samples (ITU-T G.711). */
  static double[] pcmu(byte[] payload, int from, int len) {
    double[] out = new double[len];
    for (int i = 0; i < len; i++) {
      int u = ~payload[from + i] & 0xff;
      int t = ((u & 0x0f) << 3) + 0x84;
      t <<= (u & 0x70) >> 4;
      out[i] = (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }
    return out;
  }
}
