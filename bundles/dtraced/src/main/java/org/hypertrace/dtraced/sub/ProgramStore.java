package org.hypertrace.dtraced.sub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hypertrace.dtraced.sub.proto.SubIdentity;

/**
 * Active programs and their spool files: a program is published atomically (written under a
 * dot-name, forced to disk, renamed) before it is acknowledged, started after the acknowledgement,
 * and its file goes when the program ends. Listeners (the engine runner, the overlord) hear of
 * programs started and removed.
 */
public final class ProgramStore {
  /** An active program. */
  public record Program(String id, byte[] identity, int owner, Path file, int size, int vmid) {}

  /** Hears of program changes. */
  public interface Listener {
    /** @param p a program now published */
    void added(Program p);

    /** @param p a program removed (killed, cleaned up, or its consumer went away) */
    void removed(Program p);
  }

  private final Map<String, Program> programs = new LinkedHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /** @param l a listener to add */
  public void addListener(Listener l) {
    listeners.add(l);
  }

  /** @param l a listener to remove */
  public void removeListener(Listener l) {
    listeners.remove(l);
  }

  /**
   * Publishes a program into a spool folder.
   *
   * @param spool    the folder (base/, outbound/ or inbound/)
   * @param identity the program identity
   * @param owner    the session that sent it
   * @param elf      the program bytes
   * @param vmid     VM filter
   * @return the program
   * @throws IOException when the spool cannot be written
   * @throws IllegalStateException when the identity is already active (identities are single-use)
   */
  public Program publish(Path spool, byte[] identity, int owner, byte[] elf, int vmid)
      throws IOException {
    String id = SubIdentity.hex(identity);
    synchronized (this) {
      if (programs.containsKey(id)) {
        throw new IllegalStateException("program " + id + " is already active");
      }
    }
    Path tmp = spool.resolve("." + id + ".elf");
    Path dst = spool.resolve(id + ".elf");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(elf));
      ch.force(true);
    }
    Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
    Program p = new Program(id, identity.clone(), owner, dst, elf.length, vmid);
    synchronized (this) {
      programs.put(id, p);
    }
    return p;
  }

  /**
   * Tells the listeners a published program may start. Separate from {@link #publish} so that the
   * publisher can acknowledge first: the consumer must see the ACK before any of its output.
   *
   * @param p a program returned by {@link #publish}
   */
  public void start(Program p) {
    synchronized (this) {
      if (!programs.containsKey(p.id())) {
        return;
      }
    }
    for (Listener l : listeners) {
      l.added(p);
    }
  }

  /**
   * @param idOrPrefix an identity in hex, or a unique prefix
   * @return the program removed, or null if none (or the prefix is ambiguous)
   */
  public Program kill(String idOrPrefix) {
    Program p;
    synchronized (this) {
      List<String> hits = new ArrayList<>();
      for (String k : programs.keySet()) {
        if (k.startsWith(idOrPrefix)) {
          hits.add(k);
        }
      }
      if (hits.size() != 1) {
        return null;
      }
      p = programs.remove(hits.get(0));
    }
    retire(p);
    return p;
  }

  /** @param owner a session id @return the programs of that session, removed */
  public List<Program> killOwnedBy(int owner) {
    List<Program> gone = new ArrayList<>();
    synchronized (this) {
      programs.values().removeIf(p -> p.owner() == owner && gone.add(p));
    }
    gone.forEach(this::retire);
    return gone;
  }

  /** @return every program, removed */
  public List<Program> cleanup() {
    List<Program> gone;
    synchronized (this) {
      gone = new ArrayList<>(programs.values());
      programs.clear();
    }
    gone.forEach(this::retire);
    return gone;
  }

  /** @return the active programs */
  public synchronized List<Program> active() {
    return new ArrayList<>(programs.values());
  }

  private void retire(Program p) {
    try {
      Files.deleteIfExists(p.file());
    } catch (IOException e) {
      System.err.println("dtraced: cannot remove spool file " + p.file() + ": " + e.getMessage());
    }
    for (Listener l : listeners) {
      l.removed(p);
    }
  }
}
