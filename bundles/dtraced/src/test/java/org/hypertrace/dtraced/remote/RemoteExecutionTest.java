package org.hypertrace.dtraced.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.dtraced.minion.ProgramRunner;
import org.hypertrace.dtraced.minion.TargetMatcher;
import org.junit.jupiter.api.Test;

/** Minion collector to host provider, without the transport in between. */
class RemoteExecutionTest {
  private static Statement stmt(String target, String prov, String name) {
    return new Statement(new ProbeDescription(target, prov, "", "", name), null, List.of(), 0);
  }

  private static final DProgram PROGRAM = new DProgram(List.of(
      stmt("", "", "BEGIN"), stmt("web*", "", "tick-50ms"), stmt("db*", "", "BEGIN"),
      stmt("", "", "END"), stmt("", "syscall", "entry"), stmt("", "", "tick-10ms")), Map.of(),
      new byte[0]);

  private static ProgramContainer fixed(DProgram p) {
    return new ProgramContainer() {
      @Override
      public String format() {
        return "elf";
      }

      @Override
      public byte[] write(DProgram program) {
        return new byte[0];
      }

      @Override
      public DProgram read(byte[] bytes) {
        return p;
      }
    };
  }

  /** A provider with one syscall probe that fires once when enabled. */
  private static final class FakeSyscalls implements ProbeProvider {
    @Override
    public String name() {
      return "syscall";
    }

    @Override
    public List<ProbeInfo> probes(ProbeDescription d) {
      return d.provider().equals("syscall")
          ? List.of(new ProbeInfo(7, "syscall", "", "read", "entry", List.of())) : List.of();
    }

    @Override
    public Enabling enable(List<ProbeInfo> probes, ProbeListener l) {
      l.fire(7, new ProbeContext() {
        @Override
        public long arg(int i) {
          return i == 0 ? 3 : 0;
        }

        @Override
        public int pid() {
          return 42;
        }

        @Override
        public int tid() {
          return 43;
        }

        @Override
        public int ppid() {
          return 1;
        }

        @Override
        public int uid() {
          return 1000;
        }

        @Override
        public int gid() {
          return 100;
        }

        @Override
        public int cpu() {
          return 0;
        }

        @Override
        public int errno() {
          return 0;
        }

        @Override
        public long curthread() {
          return 0xffff0000L;
        }

        @Override
        public String execname() {
          return "cat";
        }

        @Override
        public String vmname() {
          return null;
        }

        @Override
        public int read(long a, byte[] d, int o, int n) {
          return -1;
        }
      });
      return () -> { };
    }
  }

  @Test
  void testRemote_firingsReachHostWithVmnameAndStatement() throws Exception {
    RemoteProvider host = new RemoteProvider();
    DProgram hostProg = host.register("abc", PROGRAM);
    assertEquals("END", hostProg.statements().get(3).probe().name(), "END stays on the host");
    assertTrue(hostProg.statements().get(0).probe().provider().startsWith(RemoteProvider.PREFIX));
    List<String> fired = new CopyOnWriteArrayList<>();
    // as the engine binds a provider: one enable with every probe, one listener
    List<ProbeInfo> all = new java.util.ArrayList<>();
    Map<Integer, Integer> stmtOf = new java.util.HashMap<>();
    for (int i = 0; i < hostProg.statements().size(); i++) {
      List<ProbeInfo> infos = host.probes(hostProg.statements().get(i).probe());
      if (i == 3 || i == 5) {
        assertTrue(infos.isEmpty(), "END and an untargeted tick stay on the host");
        continue;
      }
      assertEquals(1, infos.size());
      stmtOf.put(infos.get(0).id(), i);
      all.addAll(infos);
    }
    host.enable(all, new ProbeListener() {
      @Override
      public void fire(int probeId, ProbeContext ctx) {
        fired.add(stmtOf.get(probeId) + ":" + ctx.vmname() + ":" + ctx.execname() + ":"
            + ctx.arg(0));
      }

      @Override
      public void dropped(int cpu, long count) {}
    });
    TargetMatcher web = new TargetMatcher("hostname", "web1", "web1", "Linux", "6.1.0");
    FiringCollector minion = new FiringCollector(() -> fixed(PROGRAM),
        () -> List.of(new FakeSyscalls()), web);
    ProgramRunner.DataSink up = (id, bytes) -> {
      host.data("web1", id, 0, bytes);
      return true;
    };
    minion.start(new ProgramRunner.Program("abc", List.of(), new byte[0]), false, up);
    Thread.sleep(180);
    minion.stop("abc");
    minion.close();
    assertTrue(fired.contains("0:web1:dtraced:0"), fired.toString());
    assertTrue(fired.contains("4:web1:cat:3"), fired.toString());
    long ticks = fired.stream().filter(f -> f.startsWith("1:web1")).count();
    assertTrue(ticks >= 2 && ticks <= 4, "tick-50ms fired " + ticks + " times in 180 ms");
    assertTrue(fired.stream().noneMatch(f -> f.startsWith("2:")), "db* does not select web1");
    assertTrue(fired.stream().noneMatch(f -> f.startsWith("5:")),
        "an untargeted tick fires on the host alone, as DTrace's tick fires on one CPU");
    assertTrue(RemoteProvider.hostSide(PROGRAM.statements().get(5).probe()));
  }

  @Test
  void testRemote_malformedDataDiscarded() {
    RemoteProvider host = new RemoteProvider();
    DProgram hostProg = host.register("abc", PROGRAM);
    List<String> fired = new CopyOnWriteArrayList<>();
    host.enable(host.probes(hostProg.statements().get(0).probe()), new ProbeListener() {
      @Override
      public void fire(int probeId, ProbeContext ctx) {
        fired.add("x");
      }

      @Override
      public void dropped(int cpu, long count) {}
    });
    host.data("web1", "abc", 0, new byte[] {1, 0, 0, 1});
    host.data("web1", "abc", 0, new byte[] {9});
    assertTrue(fired.isEmpty());
  }

  @Test
  void testRates_dtraceSuffixes() {
    assertEquals(1_000_000_000L, ProbeRates.intervalNanos("tick-1s"));
    assertEquals(100_000_000L, ProbeRates.intervalNanos("tick-100ms"));
    assertEquals(10_000_000L, ProbeRates.intervalNanos("profile-100hz"));
    assertEquals(1_000_000_000L / 97, ProbeRates.intervalNanos("profile-97"));
    assertEquals(-1, ProbeRates.intervalNanos("BEGIN"));
  }
}
