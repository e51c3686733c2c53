package org.hypertrace.launcher;

import java.nio.file.Path;

/**
 * Command-line options of the launcher: {@code [--feature NAME] [--config DIR] [--home DIR]}.
 *
 * @param feature the feature to boot (overlord, minion, shell)
 * @param config  the folder of .cfg files FileInstall watches
 * @param home    the distribution folder (holds features/, bundles/, config/)
 */
public record LauncherOptions(String feature, Path config, Path home) {

  /**
   * @param args command-line arguments
   * @param home the distribution folder
   * @return the options
   * @throws IllegalArgumentException with a usage line for an unknown or incomplete option
   */
  public static LauncherOptions parse(String[] args, Path home) {
    String feature = "overlord";
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ((a.equals("--feature") || a.equals("--config") || a.equals("--home"))
          && i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      switch (a) {
        case "--feature":
          feature = args[++i];
          break;
        case "--config":
          config = Path.of(args[++i]);
          break;
        case "--home":
          home = Path.of(args[++i]);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + a
              + "; usage: launcher [--feature NAME] [--config DIR] [--home DIR]");
      }
    }
    if (config == null) {
      config = home.resolve("config").resolve(feature.equals("minion") ? "minion" : "overlord");
    }
    return new LauncherOptions(feature, config.toAbsolutePath().normalize(), home);
  }
}
