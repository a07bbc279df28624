package io.opensbc.config.loader;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.validation.ConfigValidator;
import io.opensbc.config.validation.Violation;
import io.opensbc.config.validation.Violations;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Loads and validates a configuration file. Never throws for a bad file: mistakes are values. */
public final class ConfigLoader {
  /**
   * Classpath location of the embedded quickstart, identical to deploy/examples/quickstart.yaml.
   */
  public static final String QUICKSTART_RESOURCE = "io/opensbc/config/quickstart.yaml";

  private ConfigLoader() {}

  /**
   * Reads {@code file} (UTF-8) and parses it; an unreadable file is an error naming the file.
   * Relative certificate, key and CA paths are taken relative to the file's directory.
   */
  public static ConfigResult load(Path file) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return unreadable(name, "no such file");
    } catch (AccessDeniedException e) {
      return unreadable(name, "permission denied");
    } catch (CharacterCodingException e) {
      return unreadable(name, "not UTF-8 text");
    } catch (IOException e) {
      return unreadable(
          name,
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    ConfigResult r = parse(text, name);
    Path base = file.toAbsolutePath().getParent();
    return r instanceof ConfigResult.Valid v && base != null
        ? new ConfigResult.Valid(CertificatePaths.resolve(v.config(), base)) : r;
  }

  /** Parses {@code yaml}; {@code sourceName} is the file name used in errors. */
  public static ConfigResult parse(String yaml, String sourceName) {
    Violations violations = new Violations();
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String context = e.getContext() == null ? "" : " (" + e.getContext().trim() + ")";
      String message = "YAML syntax error: " + e.getProblem() + context;
      if (mark == null) {
        violations.add("", message);
      } else {
        violations.addAt(mark.getLine() + 1, mark.getColumn() + 1, "", message);
      }
      return invalid(sourceName, violations);
    } catch (YAMLException e) {
      violations.add("", "YAML error: " + e.getMessage());
      return invalid(sourceName, violations);
    }
    if (root == null) {
      violations.add("", "the file is empty (allowed: a mapping with at least 'listeners')");
      return invalid(sourceName, violations);
    }
    SbcConfig config = ConfigBinder.bind(root, violations);
    ConfigValidator.validate(config, violations);
    if (!violations.isEmpty()) {
      return invalid(sourceName, violations);
    }
    return new ConfigResult.Valid(withTrunkListeners(config));
  }

  /**
   * The embedded quickstart configuration; always {@link ConfigResult.Valid} (a test holds this).
   */
  public static ConfigResult quickstart() {
    return parse(quickstartYaml(), "classpath:" + QUICKSTART_RESOURCE);
  }

  /** The text of the embedded quickstart, e.g. for a launcher to write out as a starting point. */
  public static String quickstartYaml() {
    try (InputStream in =
        ConfigLoader.class.getClassLoader().getResourceAsStream(QUICKSTART_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + QUICKSTART_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ConfigResult invalid(String file, Violations violations) {
    List<ConfigError> errors = new ArrayList<>();
    for (Violation v : violations.list()) {
      errors.add(new ConfigError(file, v.line(), v.column(), v.path(), v.message()));
    }
    return new ConfigResult.Invalid(errors);
  }

  private static ConfigResult unreadable(String file, String why) {
    return new ConfigResult.Invalid(
        List.of(new ConfigError(file, 0, 0, "", "cannot read the file: " + why)));
  }

  /** Fills each trunk's listener default: the first listener with the trunk's transport. */
  private static SbcConfig withTrunkListeners(SbcConfig c) {
    List<TrunkConfig> trunks =
        c.trunks().stream()
            .map(
                t ->
                    t.listener() != null
                        ? t
                        : t.withListener(c.listenerFor(t).map(l -> l.name()).orElse(null)))
            .toList();
    return new SbcConfig(
        c.node(), c.admin(), c.cluster(), c.listeners(), trunks, c.routes(), c.sip(), c.ruleSets(),
        c.admission(), c.media(), c.operations(), c.security());
  }
}
