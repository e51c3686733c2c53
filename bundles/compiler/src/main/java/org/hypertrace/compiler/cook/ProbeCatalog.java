package org.hypertrace.compiler.cook;

import java.util.Locale;
import java.util.regex.Pattern;
import org.hypertrace.api.program.ProbeDescription;

/**
 * What the compiler knows about probes without asking a provider: the dtrace provider's
 * BEGIN/END/ERROR and the profile provider's {@code profile-N[unit]} and {@code tick-N[unit]}
 * (port of the naming rules of uts/common/dtrace/profile.c {@code profile_provide}, with its
 * 200 microsecond minimum interval). Used by dt_setcontext's "does not match any probes" check
 * (D_PDESC_ZERO) and by {@code args[]} typing. Descriptions naming other providers are assumed
 * to match: their probes are only known to the engine.
 */
public final class ProbeCatalog {
  private static final long MIN_INTERVAL_NS = 1_000_000_000L / 5000;
  private static final java.util.Set<String> OTHER_PROVIDERS = java.util.Set.of("syscall",
      "fbt", "sdt", "proc", "sched", "io", "lockstat", "vminfo", "sysinfo", "mib", "ip", "tcp",
      "udp", "fasttrap", "plockstat", "nfsv3", "nfsv4", "fsinfo", "xpv", "cpc", "dcpc",
      "kinst", "tracepoint", "kprobe", "uprobe", "usdt", "hypertrace", "lx-syscall", "iscsi",
      "srp", "fc", "smb", "sysevent", "mib2", "javascript", "vmm");
  private static final java.util.Set<String> GENERIC_NAMES = java.util.Set.of("entry",
      "return", "start", "done", "exec-success", "exit", "create", "wait-start", "on-cpu",
      "off-cpu");

  private ProbeCatalog() {}

  /** @return whether a provider of this name is known to exist. */
  public static boolean isKnownProvider(String p) {
    return p.equals("dtrace") || p.equals("profile") || OTHER_PROVIDERS.contains(p);
  }

  /** @return provider:module:function:name as dtrace_desc2str prints it. */
  public static String str(ProbeDescription d) {
    return d.provider() + ":" + d.module() + ":" + d.function() + ":" + d.name();
  }

  /** @return true when the description can match no probe at all. */
  public static boolean matchesNothing(ProbeDescription d) {
    String prov = d.provider();
    if (Glob.isLiteral(prov) && !prov.isEmpty()) {
      if (prov.equals("dtrace")) {
        return !(d.module().isEmpty() || Glob.matches(d.module(), ""))
            || !(Glob.matches(d.function(), "")) || !matchesDtraceName(d.name());
      }
      if (prov.equals("profile")) {
        return !Glob.matches(d.module(), "") || !Glob.matches(d.function(), "")
            || !matchesProfileName(d.name());
      }
      if (OTHER_PROVIDERS.contains(prov) || prov.matches(".*[0-9]+$")
          || prov.startsWith("pid") || prov.startsWith("hotspot")) {
        return false;
      }
      return true;
    }
    boolean namesOurs = matchesDtraceName(d.name()) || matchesProfileName(d.name());
    boolean dtraceOrProfile = (Glob.matches(prov, "dtrace") || Glob.matches(prov, "profile"))
        && Glob.matches(d.module(), "") && Glob.matches(d.function(), "") && namesOurs;
    if (dtraceOrProfile) {
      return false;
    }
    if (namesOurs && Glob.isLiteral(d.name()) && !d.name().isEmpty()
        && (Glob.isLiteral(d.module()) && !d.module().isEmpty()
        || Glob.isLiteral(d.function()) && !d.function().isEmpty())) {
      return true;
    }
    if (!d.module().isEmpty() || !d.function().isEmpty()) {
      return false;
    }
    for (String g : GENERIC_NAMES) {
      if (Glob.matches(d.name(), g)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesDtraceName(String n) {
    return Glob.matches(n, "BEGIN") || Glob.matches(n, "END") || Glob.matches(n, "ERROR");
  }

  private static boolean matchesProfileName(String n) {
    if (!Glob.isLiteral(n)) {
      return Glob.matches(n, "profile-97") || Glob.matches(n, "tick-1");
    }
    return profileInterval(n) >= MIN_INTERVAL_NS;
  }

  /** @return the interval in ns of a profile/tick probe name, or -1 when it is not one. */
  public static long profileInterval(String name) {
    String rest;
    if (name.startsWith("profile-")) {
      rest = name.substring(8);
    } else if (name.startsWith("tick-")) {
      rest = name.substring(5);
    } else {
      return -1;
    }
    int j = 0;
    while (j < rest.length() && Character.isDigit(rest.charAt(j))) {
      j++;
    }
    if (j == 0) {
      return -1;
    }
    String suffix = rest.substring(j).toLowerCase(Locale.ROOT);
    long val;
    try {
      val = Long.parseLong(rest.substring(0, j));
    } catch (NumberFormatException e) {
      return -1;
    }
    if (val == 0) {
      return -1;
    }
    long mult;
    switch (suffix) {
      case "ns": case "nsec": mult = 1; break;
      case "us": case "usec": mult = 1000; break;
      case "ms": case "msec": mult = 1_000_000; break;
      case "s": case "sec": mult = 1_000_000_000L; break;
      case "m": case "min": mult = 60_000_000_000L; break;
      case "h": case "hour": mult = 3_600_000_000_000L; break;
      case "d": case "day": mult = 86_400_000_000_000L; break;
      case "hz": case "": mult = 0; break;
      default: return -1;
    }
    return mult == 0 ? 1_000_000_000L / val : val * mult;
  }

  /** @return whether probes matching {@code d} have no arguments (dtrace, profile). */
  public static boolean isArgless(ProbeDescription d) {
    return d.provider().equals("dtrace") || d.provider().isEmpty() && d.module().isEmpty()
        && d.function().isEmpty() && (matchesDtraceName(d.name()) || profileInterval(d.name()) > 0);
  }

  /** Shell-style globbing of probe description fields (dt_gmatch). */
  static final class Glob {
    private Glob() {}

    static boolean isLiteral(String s) {
      return s.indexOf('*') < 0 && s.indexOf('?') < 0 && s.indexOf('[') < 0;
    }

    static boolean matches(String pattern, String s) {
      if (pattern.isEmpty()) {
        return true;
      }
      StringBuilder re = new StringBuilder();
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        switch (c) {
          case '*': re.append(".*"); break;
          case '?': re.append('.'); break;
          case '[': {
            int e = pattern.indexOf(']', i + 1);
            if (e < 0) {
              re.append("\\[");
            } else {
              String cls = pattern.substring(i + 1, e).replace("\\", "\\\\");
              if (cls.startsWith("!")) {
                cls = "^" + cls.substring(1);
              }
              re.append('[').append(cls).append(']');
              i = e;
            }
            break;
          }
          case '\\':
            if (i + 1 < pattern.length()) {
              re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            }
            break;
          default:
            re.append(Pattern.quote(String.valueOf(c)));
        }
      }
      try {
        return s.matches(re.toString());
      } catch (java.util.regex.PatternSyntaxException e) {
        return false;
      }
    }
  }
}
