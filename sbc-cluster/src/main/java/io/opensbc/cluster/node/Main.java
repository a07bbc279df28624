package io.opensbc.cluster.node;

import io.opensbc.config.loader.ConfigError;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.config.loader.ConfigSummary;
import io.opensbc.config.model.SbcConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The command line: {@code run [--config FILE] [--standalone]}, {@code check-config FILE},
 * {@code rules test ...} (a dry run of the rules on a captured message).
 * With no arguments it runs the embedded default (deploy/examples/quickstart.yaml).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    commonPoolParallelism();
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Hazelcast completes its futures on the JDK common pool; on a machine with two cores that pool
   * has parallelism 1, and the JDK then starts a new thread for every task (one per call-log
   * write). Must run before anything touches ForkJoinPool.
   */
  static void commonPoolParallelism() {
    String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(key) == null) {
      System.setProperty(key, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    String cmd = args.length == 0 ? "run" : args[0];
    switch (cmd) {
      case "check-config":
        if (args.length == 3 && args[1].equals("--expanded")) {
          return checkConfig(Path.of(args[2]), true, out, err);
        }
        if (args.length != 2) {
          err.println("usage: sbc.jar check-config [--expanded] FILE");
          return 2;
        }
        return checkConfig(Path.of(args[1]), false, out, err);
      case "cert":
        return cert(args, out, err);
      case "run":
        return runNode(args, out, err);
      case "rules":
        return rules(args, out, err);
      case "-h", "--help", "help":
        usage(out);
        return 0;
      default:
        err.println("unknown command '" + cmd + "'");
        usage(err);
        return 2;
    }
  }

  private static void usage(PrintStream p) {
    p.println("usage: java -jar sbc.jar [run [--config FILE] [--standalone]] | check-config [--expanded] FILE");
    p.println("  run            start a node (default: the embedded quickstart configuration)");
    p.println("  --config FILE  YAML configuration (see docs/configuration.md)");
    p.println("  --standalone   no Hazelcast: call logs kept in memory (tools, benchmarks)");
    p.println("  check-config   validate a configuration (and its certificates); exit 1 and list every error");
    p.println("                 --expanded: also print every trunk with its template's values filled in");
    p.println("  cert --fqdn NAME --out DIR [--days N]");
    p.println("                 write a self-signed lab certificate (cert.pem, key.pem) for NAME into DIR");
    p.println("  rules test --config FILE --trunk NAME --direction inbound|outbound --message FILE.sip");
    p.println("                 [--source-trunk NAME] [--listener NAME]");
    p.println("                 print what the trunk's rules do to a captured message (nothing is started)");
  }

  private static int checkConfig(Path file, boolean expanded, PrintStream out, PrintStream err) {
    ConfigResult r = ConfigLoader.load(file);
    if (r instanceof ConfigResult.Invalid bad) {
      printErrors(bad.errors(), err);
      return 1;
    }
    var config = ((ConfigResult.Valid) r).config();
    // certificates: readable, key matching, in date, each TLS trunk's FQDN in its listener's SAN
    List<String> tls = io.opensbc.sip.transport.tls.IdentityCheck.problems(config, new java.util.Date());
    if (!tls.isEmpty()) {
      tls.forEach(p -> err.println(file + ": " + p));
      err.println(tls.size() + " TLS problem(s); configuration refused");
      return 1;
    }
    out.println(file + ": OK");
    out.println(ConfigSummary.describe(config));
    if (expanded) {
      out.print(io.opensbc.config.loader.ExpandedTrunks.yaml(config));
    }
    return 0;
  }

  /** {@code cert --fqdn NAME --out DIR [--days N]}: a self-signed lab certificate and key (PEM). */
  private static int cert(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        err.println("'" + args[i] + "': expected --option VALUE");
        err.println("usage: sbc.jar cert --fqdn NAME --out DIR [--days N]");
        return 2;
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    String fqdn = opts.remove("fqdn");
    String dir = opts.remove("out");
    String days = opts.remove("days");
    if (fqdn == null || dir == null || !opts.isEmpty()) {
      err.println("usage: sbc.jar cert --fqdn NAME --out DIR [--days N]"
          + (opts.isEmpty() ? "" : " (unknown: --" + String.join(", --", opts.keySet()) + ")"));
      return 2;
    }
    String problem = io.opensbc.config.validation.HostRule.check(fqdn);
    if (problem != null || !fqdn.contains(".")) {
      err.println("--fqdn " + fqdn + ": " + (problem != null ? problem : "expected a DNS name such as sbc.example.com"));
      return 2;
    }
    int validDays;
    try {
      validDays = days == null ? 825 : Integer.parseInt(days);
    } catch (NumberFormatException e) {
      validDays = -1;
    }
    if (validDays < 1 || validDays > 3650) {
      err.println("--days " + days + ": expected 1-3650");
      return 2;
    }
    var c = io.opensbc.sip.transport.tls.LabCertificate.create(fqdn, java.time.Duration.ofDays(validDays));
    List<Path> written = c.write(Path.of(dir));
    out.println("wrote " + written.get(0) + " and " + written.get(1) + " (self-signed, SAN " + fqdn + ", valid until "
        + c.certificate().getNotAfter().toInstant() + "; for labs only: Microsoft Teams needs a public CA)");
    return 0;
  }

  private static void printErrors(List<ConfigError> errors, PrintStream err) {
    for (ConfigError e : errors) {
      err.println(e);
    }
    err.println(errors.size() + " error(s); configuration refused");
  }

  private static int rules(String[] args, PrintStream out, PrintStream err) throws Exception {
    String usage = "usage: sbc.jar rules test --config FILE --trunk NAME --direction inbound|outbound "
        + "--message FILE.sip [--source-trunk NAME] [--listener NAME]";
    if (args.length < 2 || !args[1].equals("test")) {
      err.println(usage);
      return 2;
    }
    java.util.Map<String, String> opts = new java.util.HashMap<>();
    for (int i = 2; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        err.println("'" + args[i] + "': expected --option VALUE");
        err.println(usage);
        return 2;
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    for (String k : opts.keySet()) {
      if (!List.of("config", "trunk", "direction", "message", "source-trunk", "listener").contains(k)) {
        err.println("unknown option '--" + k + "'");
        err.println(usage);
        return 2;
      }
    }
    for (String k : List.of("config", "trunk", "direction", "message")) {
      if (!opts.containsKey(k)) {
        err.println("missing --" + k);
        err.println(usage);
        return 2;
      }
    }
    io.opensbc.config.model.rules.Direction direction;
    switch (opts.get("direction")) {
      case "inbound" -> direction = io.opensbc.config.model.rules.Direction.INBOUND;
      case "outbound" -> direction = io.opensbc.config.model.rules.Direction.OUTBOUND;
      default -> {
        err.println("--direction must be inbound or outbound, not '" + opts.get("direction") + "'");
        return 2;
      }
    }
    ConfigResult r = ConfigLoader.load(Path.of(opts.get("config")));
    if (r instanceof ConfigResult.Invalid bad) {
      printErrors(bad.errors(), err);
      return 1;
    }
    String message;
    try {
      message = java.nio.file.Files.readString(Path.of(opts.get("message")), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      err.println("cannot read " + opts.get("message") + ": " + e.getMessage());
      return 1;
    }
    var report = io.opensbc.sip.rules.RuleDryRun.run(((ConfigResult.Valid) r).config(), opts.get("trunk"), direction,
        message, opts.get("source-trunk"), opts.get("listener"));
    (report.ok() ? out : err).print(report.text());
    return report.ok() ? 0 : 1;
  }

  private static int runNode(String[] args, PrintStream out, PrintStream err) throws Exception {
    Path file = null;
    boolean standalone = false;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            err.println("--config needs a file");
            return 2;
          }
          file = Path.of(args[++i]);
        }
        case "--standalone" -> standalone = true;
        default -> {
          err.println("unknown option '" + args[i] + "'");
          usage(err);
          return 2;
        }
      }
    }
    ConfigResult r = file == null ? ConfigLoader.quickstart() : ConfigLoader.load(file);
    if (r instanceof ConfigResult.Invalid bad) {
      printErrors(bad.errors(), err);
      return 1;
    }
    SbcConfig config = ((ConfigResult.Valid) r).config();
    Logging.configure();
    out.println("OpenSBC starting " + (file == null ? "with the embedded quickstart configuration" : "with " + file));
    out.println(ConfigSummary.describe(config));
    SbcNode node;
    try {
      node = SbcNode.start(config, standalone ? SbcNode.Options.STANDALONE : SbcNode.Options.EMBEDDED)
          .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("OpenSBC failed to start: " + rootMessage(e));
      return 3;
    }
    StringBuilder ready = new StringBuilder("OpenSBC ready:");
    for (var l : config.listeners()) {
      ready.append(' ').append(l.transport().name().toLowerCase()).append(':').append(l.host()).append(':')
          .append(node.sipPort(l.name()));
    }
    if (node.adminPort() > 0) {
      ready.append(" admin:http://").append(config.admin().host()).append(':').append(node.adminPort());
    }
    out.println(ready);
    node.configFile(file);
    hangUpReloads(node, out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drainAndStop(node, out, stopped), "sbc-shutdown"));
    stopped.await();
    return 0;
  }

  /** SIGHUP reloads the rules from the configuration file (as {@code POST /admin/reload} does). */
  private static void hangUpReloads(SbcNode node, PrintStream out) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> node.reload().onComplete(ar -> {
        if (ar.failed()) {
          out.println("OpenSBC reload: " + ar.cause().getMessage());
        } else if (ar.result().getBoolean("applied", false)) {
          out.println("OpenSBC reload: rules version " + ar.result().getLong("version") + " in force"
              + (ar.result().getJsonArray("restartNeeded").isEmpty() ? ""
                  : "; needs a restart to apply: " + ar.result().getJsonArray("restartNeeded").encode()));
        } else {
          out.println("OpenSBC reload refused; the running rules stay:");
          ar.result().getJsonArray("errors").forEach(e -> out.println("  " + e));
        }
      }));
    } catch (IllegalArgumentException e) {
      out.println("OpenSBC: SIGHUP is not available here (" + e.getMessage() + "); use POST /admin/reload");
    }
  }

  /** SIGTERM: new INVITEs get 503 + Retry-After; calls in progress finish up to the drain timeout. */
  private static void drainAndStop(SbcNode node, PrintStream out, CountDownLatch stopped) {
    node.drain();
    long deadline = System.nanoTime() + node.config().node().drainTimeout().toNanos();
    out.println("OpenSBC draining: " + node.activeCalls() + " call(s) in progress");
    try {
      while (node.activeCalls() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      out.println("OpenSBC stopping with " + node.activeCalls() + " call(s) left");
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      out.println("OpenSBC stop: " + rootMessage(e));
    } finally {
      stopped.countDown();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
