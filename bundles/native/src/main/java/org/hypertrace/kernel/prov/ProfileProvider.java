package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * DTrace's {@code profile} provider on perf cpu-clock events: {@code profile-N} fires on every CPU,
 * {@code tick-N} on one, N being a rate in Hz or a period with a unit suffix (ns, nsec, us, usec,
 * ms, msec, s, sec, m, min, h, hour, d, day, hz), as profile.c {@code profile_provide} parses it;
 * the listed probes are profile.c's default rates, others are created when named. Periods under
 * 200 us (5000 Hz) are refused, as profile.c's {@code profile_interval_min} does.
 */
public class ProfileProvider extends KernelProvider {
  private static final long NANOSEC = 1_000_000_000L;
  private static final long MIN_INTERVAL = NANOSEC / 5000;
  private static final int[] RATES = {97, 199, 499, 997, 1999, 4001, 4999};
  private static final int[] TICKS = {1, 10, 100, 500, 1000, 5000};
  private static final String[][] SUFFIXES = {{"ns", "1"}, {"nsec", "1"}, {"us", "1000"},
      {"usec", "1000"}, {"ms", "1000000"}, {"msec", "1000000"}, {"s", "1000000000"},
      {"sec", "1000000000"}, {"m", "60000000000"}, {"min", "60000000000"},
      {"h", "3600000000000"}, {"hour", "3600000000000"}, {"d", "86400000000000"},
      {"day", "86400000000000"}, {"hz", "0"}};

  /** Public no-arg constructor for ServiceLoader. */
  public ProfileProvider() {}

  @Override
  public String name() {
    return "profile";
  }

  @Override
  protected List<KernelProbe> describe(Tracefs t) {
    List<KernelProbe> out = new ArrayList<>();
    for (int r : RATES) {
      out.add(create("profile-" + r));
    }
    for (int r : TICKS) {
      out.add(create("tick-" + r));
    }
    return out;
  }

  /**
   * @param name profile-N[suffix] or tick-N[suffix]
   * @return the period in ns, or -1 when the name is not a valid rate
   */
  public static long period(String name) {
    String rest;
    if (name.startsWith("profile-")) {
      rest = name.substring(8);
    } else if (name.startsWith("tick-")) {
      rest = name.substring(5);
    } else {
      return -1;
    }
    int digits = 0;
    while (digits < rest.length() && Character.isDigit(rest.charAt(digits))) {
      digits++;
    }
    if (digits == 0 || digits > 18) {
      return -1;
    }
    long val = Long.parseLong(rest.substring(0, digits));
    String suffix = rest.substring(digits);
    long mult = 0;
    if (!suffix.isEmpty()) {
      mult = -1;
      for (String[] s : SUFFIXES) {
        if (s[0].equalsIgnoreCase(suffix)) {
          mult = Long.parseLong(s[1]);
        }
      }
      if (mult < 0) {
        return -1;
      }
    }
    if (val == 0) {
      return -1;
    }
    return mult == 0 ? NANOSEC / val : val * mult;
  }

  private static KernelProbe create(String name) {
    ProbeInfo info = new ProbeInfo(ProbeIds.of("profile", "", "", name), "profile", "", "", name,
        List.of("uintptr_t", "uintptr_t"));
    return new PerfClockProbe(info, period(name), name.startsWith("profile-"));
  }

  @Override
  public List<ProbeInfo> probes(ProbeDescription d) {
    if (Glob.matches(d.provider(), name()) && !Glob.isGlob(d.name()) && period(d.name()) > 0
        && d.module().isEmpty() && d.function().isEmpty()) {
      if (period(d.name()) < MIN_INTERVAL) {
        return List.of();
      }
      return List.of(register(create(d.name())).info());
    }
    return super.probes(d);
  }
}
