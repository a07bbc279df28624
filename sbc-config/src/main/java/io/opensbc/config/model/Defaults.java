package io.opensbc.config.model;

import io.opensbc.config.model.media.MediaSecurity;
import java.net.InetAddress;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Every default value of the configuration, in one place. The YAML loader and the docs use these.
 */
public final class Defaults {
  public static final String FALLBACK_NODE_NAME = "node1";
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /** 0 = one worker per event loop. */
  public static final int WORKERS = 0;

  public static final String ADMIN_HOST = "127.0.0.1";

  /** 0 = ephemeral. */
  public static final int ADMIN_PORT = 8080;

  public static final boolean ADMIN_ENABLED = true;

  /** Environment variable that supplies the admin bearer token when {@code admin.token} is absent. */
  public static final String ADMIN_TOKEN_ENV = "OPENSBC_ADMIN_TOKEN";

  // operations (docs/operations.md)
  public static final long CALL_RECORDS_MAX_FILE_BYTES = 64L * 1024 * 1024;
  public static final int CALL_RECORDS_MAX_FILES = 10;
  public static final int CALL_RECORDS_KEEP = 2000;
  /** Capture costs on every message (floods included): off unless configured. */
  public static final int CAPTURE_CALLS = 0;
  public static final int CAPTURE_MESSAGES_PER_CALL = 200;
  public static final int HEP_PORT = 9060;
  /** STIR/SHAKEN verifiers refuse an {@code iat} 60 s off; a few seconds already breaks digest nonces. */
  public static final java.time.Duration CLOCK_SKEW_WARNING = java.time.Duration.ofSeconds(5);

  public static final String CLUSTER_NAME = "sbc";
  public static final String CLUSTER_HOST = "127.0.0.1";

  /** 0 = auto. */
  public static final int CLUSTER_PORT = 5701;

  public static final int BACKUP_COUNT = 1;
  public static final java.time.Duration CLUSTER_HEARTBEAT = java.time.Duration.ofSeconds(1);
  public static final java.time.Duration CLUSTER_MAX_NO_HEARTBEAT = java.time.Duration.ofSeconds(5);

  public static final int TRUNK_PORT = 5060;
  public static final Transport TRUNK_TRANSPORT = Transport.UDP;

  /** Trunks are outside the RFC 3325 trust domain unless configured otherwise. */
  public static final boolean TRUNK_TRUSTED = false;

  /** {@code normalise-e164}: the national trunk prefix (UK, most of Europe). */
  public static final String NATIONAL_PREFIX = "0";

  /** {@code normalise-e164}: the international call prefix (ITU-T E.164 recommended). */
  public static final String INTERNATIONAL_PREFIX = "00";

  public static final Duration T1 = Duration.ofMillis(500);
  public static final Duration T2 = Duration.ofSeconds(4);
  public static final Duration T4 = Duration.ofSeconds(5);

  public static final int MAX_MESSAGE_BYTES = 65535;
  public static final int MAX_HEADERS = 256;
  public static final int MAX_HEADER_BYTES = 8192;
  public static final int MAX_URI_BYTES = 4096;
  public static final int MAX_VIAS = 70;
  public static final Duration TCP_MESSAGE_TIMEOUT = Duration.ofSeconds(10);
  public static final int MAX_CONNECTIONS = 1024;
  public static final Duration TCP_IDLE_TIMEOUT = Duration.ofSeconds(300);
  public static final int MAX_CALLS = 100_000;
  public static final int RETRY_AFTER_SECONDS = 5;
  public static final Duration MAX_CALL_DURATION = Duration.ofHours(4);

  // Trunk dispatch (docs/routing.md); the lists of status ranges are HealthCheck.DEFAULT_ALIVE and
  // Failover.DEFAULT.

  /** A target's priority (lower first) and weight within a priority, when not given. */
  public static final int TARGET_PRIORITY = 1;

  public static final int TARGET_WEIGHT = 1;
  public static final Duration HEALTH_INTERVAL = Duration.ofSeconds(30);
  public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
  public static final int HEALTH_FAILURES_TO_DOWN = 3;
  public static final int HEALTH_SUCCESSES_TO_UP = 2;

  /** 0 = every target of the trunk. */
  public static final int FAILOVER_MAX_TARGETS = 0;

  /** 0 = no limit. */
  public static final int TRUNK_MAX_CPS = 0;

  public static final int TRUNK_MAX_CALLS = 0;

  /** The zone of a route's {@code time} window when it names none. */
  public static final ZoneId ROUTE_TIME_ZONE = ZoneId.of("UTC");

  // Admission control (docs/flood-control.md); the scanner list is AdmissionConfig.DEFAULT_SCANNERS.

  /** One DNS try's wait, and the rounds over the server list (sip.dns). */
  public static final java.time.Duration DNS_TIMEOUT = java.time.Duration.ofSeconds(2);

  public static final int DNS_ATTEMPTS = 2;

  public static final double UNKNOWN_SOURCE_RATE = 20;
  public static final int UNKNOWN_SOURCE_BURST = 40;

  /** Requests from unknown sources over their rate are dropped (true) rather than answered 503. */
  public static final boolean UNKNOWN_SOURCE_DROP = true;

  /**
   * How long an unknown source that sent more than its burst over its rate within a second is
   * blocked at the listener, before its datagrams are parsed (docs/flood-control.md).
   */
  public static final java.time.Duration UNKNOWN_SOURCE_BLOCK = java.time.Duration.ofSeconds(10);

  public static final boolean RETRY_DAMPING_ENABLED = true;
  public static final int RETRY_DAMPING_MAX_ATTEMPTS = 5;
  public static final Duration RETRY_DAMPING_WINDOW = Duration.ofSeconds(30);
  public static final int RETRY_DAMPING_STATUS = 486;
  public static final Duration MAX_EVENT_LOOP_LAG = Duration.ofMillis(100);

  /** 64*T1: how long a final response to an INVITE is kept for a re-sent INVITE. */
  public static final Duration FINAL_RESPONSE_CACHE = Duration.ofSeconds(32);

  // Media anchoring (docs/media.md); the SRTP profile list is TrunkMedia.DEFAULT_SRTP_PROFILES.

  /** The UDP ports RTP and RTCP are relayed on: RTP on the even ones, RTCP on the next odd one. */
  public static final int MEDIA_PORT_MIN = 20000;

  public static final int MEDIA_PORT_MAX = 39999;

  /** 0 = one media worker per event loop. */
  public static final int MEDIA_WORKERS = 0;

  /** A relayed stream without a packet for this long ends its call (while not on hold). */
  public static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(60);

  /** The media timeout while a call is on hold (sendonly/inactive). */
  public static final Duration MEDIA_HOLD_TIMEOUT = Duration.ofHours(2);

  public static final int MEDIA_MAX_SESSIONS = 10_000;

  /** A stream latches to a new source address once the old one was silent this long... */
  public static final Duration RELATCH_SILENCE = Duration.ofSeconds(2);

  /** ...and the new one sent this many packets in a row. */
  public static final int RELATCH_PACKETS = 5;

  /** The address published in SDP: null = the host of the listener the leg uses. */
  public static final String MEDIA_ADDRESS = null;

  /** Larger datagrams are dropped. */
  public static final int MAX_PACKET_BYTES = 1500;

  public static final MediaSecurity MEDIA_SECURITY = MediaSecurity.AS_OFFERED;
  public static final boolean ICE_LITE = false;
  public static final boolean DTLS = false;

  private Defaults() {}

  /** The default node name: this host's name, else {@value #FALLBACK_NODE_NAME}. Computed once. */
  public static String nodeName() {
    return NodeNameHolder.NAME;
  }

  private static final class NodeNameHolder {
    static final String NAME = computeNodeName();

    private static String computeNodeName() {
      String env = System.getenv("HOSTNAME");
      if (env != null && !env.isBlank()) {
        return env.trim();
      }
      try {
        String host = InetAddress.getLocalHost().getHostName();
        if (host != null && !host.isBlank()) {
          return host;
        }
      } catch (Exception e) {
        // No resolvable host name: fall through to the documented fallback.
      }
      return FALLBACK_NODE_NAME;
    }
  }
}
