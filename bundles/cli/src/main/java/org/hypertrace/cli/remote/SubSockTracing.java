package org.hypertrace.cli.remote;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.dtraced.run.DataChannel;
import org.hypertrace.dtraced.sub.proto.SubClient;
import org.hypertrace.dtraced.sub.proto.SubIdentity;
import org.hypertrace.dtraced.sub.proto.SubProtocol;
import org.hypertrace.dtraced.sub.proto.SubReply;

/**
 * {@code dtrace -E} through the host's dtraced: each program goes into HyperTrace's ELF container
 * with a fresh 128-byte identity and the command line's options, is sent on {@code sub.sock} as a
 * CONSUMER with its SHA-256, and its output comes back as DATA until every program has ended.
 * SIGINT or SIGTERM kill the programs through a second connection, so END still runs in the daemon
 * and its output still arrives, as dtrace does locally.
 *
 * <p>The socket is {@code $DTRACED_BASE/sub.sock}, else {@code /var/ddtrace/sub.sock} for root,
 * else {@code ~/.local/state/ddtrace/sub.sock} (dtraced's defaults).
 */
public final class SubSockTracing implements RemoteTracing {

  @Override
  public int run(List<DProgram> programs, List<String> names, Map<String, String> options,
      List<String> typeFiles, TraceOutput output) throws RemoteException {
    ProgramContainer elf = elfContainer();
    Path sock = socket();
    if (!Files.exists(sock)) {
      throw new RemoteException("cannot reach dtraced: " + sock + " does not exist (start it "
          + "with scripts/dtraced start)");
    }
    List<byte[]> ids = new ArrayList<>();
    try (SubClient c = SubClient.connect(sock, SubProtocol.CONSUMER,
        SubProtocol.SUB_READDATA | SubProtocol.SUB_ELFWRITE | SubProtocol.SUB_KILL,
        SubIdentity.named("dtrace-" + ProcessHandle.current().pid()))) {
      for (int i = 0; i < programs.size(); i++) {
        DProgram p = programs.get(i);
        Map<String, String> merged = new LinkedHashMap<>(p.options());
        merged.putAll(options);
        byte[] id = SubIdentity.random();
        byte[] bytes = elf.write(new DProgram(p.statements(), merged, id));
        SubReply r = c.sendElf(id, bytes, SubProtocol.LOC_BASE, 0);
        if (!r.acked()) {
          throw new RemoteException("dtraced refused " + names.get(i) + ": " + r.reason());
        }
        ids.add(id);
      }
      Interrupt intr = Interrupt.install(sock, ids);
      try {
        return stream(c, ids.size(), output);
      } finally {
        intr.uninstall();
      }
    } catch (IOException e) {
      throw new RemoteException("cannot reach dtraced at " + sock + ": " + e.getMessage());
    }
  }

  /** Copies DATA to the output until every program has sent its exit status. */
  private static int stream(SubClient c, int programs, TraceOutput output) throws IOException {
    int status = 0;
    int ended = 0;
    while (ended < programs) {
      byte[] d = c.readData();
      if (d.length == 0) {
        continue;
      }
      switch (d[0]) {
        case DataChannel.STDOUT:
          output.out(new String(d, 1, d.length - 1, StandardCharsets.UTF_8));
          break;
        case DataChannel.STDERR:
          output.err(new String(d, 1, d.length - 1, StandardCharsets.UTF_8));
          break;
        case DataChannel.EXIT:
          status = Math.max(status, ByteBuffer.wrap(d, 1, 4).getInt());
          ended++;
          break;
        default:
          throw new IOException("unknown DATA channel " + d[0]);
      }
    }
    return status;
  }

  private static ProgramContainer elfContainer() throws RemoteException {
    try {
      for (ProgramContainer c : ServiceLoader.load(ProgramContainer.class)) {
        if (c.format().equals("elf")) {
          return c;
        }
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new RemoteException("-E needs the ELF container of bundle org.hypertrace.compiler: "
          + e.getMessage());
    }
    throw new RemoteException("-E needs the ELF container of bundle org.hypertrace.compiler");
  }

  static Path socket() {
    String base = System.getenv("DTRACED_BASE");
    if (base == null || base.isEmpty()) {
      base = "root".equals(System.getProperty("user.name")) ? "/var/ddtrace"
          : Path.of(System.getProperty("user.home"), ".local", "state", "ddtrace").toString();
    }
    return Path.of(base, "sub.sock");
  }

  /** SIGINT/SIGTERM: kill our programs through a second connection; a second signal exits. */
  private static final class Interrupt {
    private final Path sock;
    private final List<byte[]> ids;
    private Object oldInt;
    private Object oldTerm;
    private int count;

    private Interrupt(Path sock, List<byte[]> ids) {
      this.sock = sock;
      this.ids = ids;
    }

    static Interrupt install(Path sock, List<byte[]> ids) {
      Interrupt i = new Interrupt(sock, ids);
      try {
        i.oldInt = sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> i.fired());
        i.oldTerm = sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> i.fired());
      } catch (IllegalArgumentException | LinkageError e) {
        // no signal API: the daemon removes the programs when this process goes away
        return i;
      }
      return i;
    }

    private synchronized void fired() {
      if (count++ > 0) {
        Runtime.getRuntime().halt(1);
      }
      Thread t = new Thread(this::kill, "dtrace-remote-interrupt");
      t.setDaemon(true);
      t.start();
    }

    private void kill() {
      try (SubClient k = SubClient.connect(sock, SubProtocol.DTRACED, SubProtocol.SUB_KILL,
          SubIdentity.named("dtrace-" + ProcessHandle.current().pid() + "-kill"))) {
        for (byte[] id : ids) {
          k.request(SubProtocol.KILL, id);
        }
      } catch (IOException e) {
        Runtime.getRuntime().halt(1);
      }
    }

    void uninstall() {
      try {
        if (oldInt != null) {
          sun.misc.Signal.handle(new sun.misc.Signal("INT"), (sun.misc.SignalHandler) oldInt);
          sun.misc.Signal.handle(new sun.misc.Signal("TERM"), (sun.misc.SignalHandler) oldTerm);
        }
      } catch (IllegalArgumentException | IllegalStateException | LinkageError e) {
        // shutting down: nothing to restore
        return;
      }
    }
  }
}
