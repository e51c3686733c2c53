package org.hypertrace.dtraced.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.hypertrace.api.daemon.DaemonInfo.Role;

/**
 * Turns Config Admin properties into a {@link DaemonConfig}, refusing bad values with the key and
 * value named. Defaults follow HyperTrace's dtraced: base directory /var/ddtrace for root, a
 * user-writable one otherwise; node name = host name.
 */
public final class DaemonConfigParser {
  /** Configuration PID of the daemon component. */
  public static final String PID = "org.hypertrace.dtraced";

  private final String defaultNodeName;
  private final Path defaultBase;

  /**
   * @param defaultNodeName node name when none is configured (the host name)
   * @param defaultBase     base directory when none is configured
   */
  public DaemonConfigParser(String defaultNodeName, Path defaultBase) {
    this.defaultNodeName = defaultNodeName;
    this.defaultBase = defaultBase;
  }

  /**
   * @param props the configuration properties (keys role, node.name, base.dir, listen, connect,
   *              socket.group)
   * @return the validated configuration
   * @throws InvalidConfigException at the first bad value
   */
  public DaemonConfig parse(Map<String, ?> props) throws InvalidConfigException {
    String roleText = text(props, "role", "overlord");
    Role role;
    switch (roleText.toLowerCase(Locale.ROOT)) {
      case "overlord":
        role = Role.OVERLORD;
        break;
      case "minion":
        role = Role.MINION;
        break;
      default:
        throw new InvalidConfigException("role", roleText, "expected overlord or minion");
    }
    String node = text(props, "node.name", defaultNodeName);
    if (!node.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new InvalidConfigException("node.name", node,
          "expected 1-63 letters, digits, '.', '_' or '-'");
    }
    String baseText = text(props, "base.dir", defaultBase.toString());
    Path base = Path.of(baseText);
    if (!base.isAbsolute()) {
      throw new InvalidConfigException("base.dir", baseText, "must be an absolute path");
    }
    String listen = text(props, "listen", "");
    if (!listen.isEmpty()) {
      Address.parse("listen", listen);
    }
    String connect = text(props, "connect", "");
    if (!connect.isEmpty()) {
      Address.parse("connect", connect);
    }
    if (role == Role.MINION && connect.isEmpty()) {
      throw new InvalidConfigException("connect", "", "a minion needs the overlord's address");
    }
    String group = text(props, "socket.group", "");
    if (!group.isEmpty() && !group.matches("[a-z_][a-z0-9_-]{0,31}")) {
      throw new InvalidConfigException("socket.group", group, "not a group name");
    }
    return new DaemonConfig(role, node, base, listen, connect, group);
  }

  private static String text(Map<String, ?> props, String key, String dflt) {
    Object v = props.get(key);
    if (v == null) {
      return dflt;
    }
    String s = v.toString().trim();
    return s.isEmpty() ? dflt : s;
  }

  /** @return /var/ddtrace for root, else $XDG_STATE_HOME/ddtrace or ~/.local/state/ddtrace */
  public static Path defaultBaseDirectory() {
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/var/ddtrace");
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    Path state = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".local", "state");
    return state.resolve("ddtrace");
  }
}
