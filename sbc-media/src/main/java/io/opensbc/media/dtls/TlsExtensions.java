package io.opensbc.media.dtls;

import java.util.Hashtable;

/** Bouncy Castle hands extensions around as a raw, possibly null {@code Hashtable}. */
final class TlsExtensions {
  private TlsExtensions() {}

  @SuppressWarnings({"rawtypes", "unchecked"})
  static Hashtable ensure(Hashtable extensions) {
    return extensions == null ? new Hashtable() : extensions;
  }
}
