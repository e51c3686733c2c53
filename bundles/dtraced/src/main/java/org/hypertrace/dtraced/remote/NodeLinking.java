package org.hypertrace.dtraced.remote;

import java.util.List;
import java.util.function.Supplier;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.MemoryCapture;
import org.hypertrace.api.types.LinkException;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.api.types.TypeResolutionException;

/**
 * What a node needs to run a program that reads kernel structures: the linker and this kernel's
 * types (HyperTrace's dt_prog_link on the guest), and the engine's view of which kernel memory
 * each statement reads, which the node's probes capture. Services come and go (live upgrades), so
 * each is looked up when a program starts.
 *
 * @param linker the program linker in force, or null
 * @param types  the type registry in force (this node's kernel BTF), or null
 * @param engine the engine in force (for captures), or null
 */
public record NodeLinking(Supplier<ProgramLinker> linker, Supplier<TypeRegistry> types,
    Supplier<DTraceEngine> engine) {

  /** Linking with no services: programs with relocation sites are refused. */
  public static NodeLinking none() {
    return new NodeLinking(() -> null, () -> null, () -> null);
  }

  /** A program linked here. */
  public record Linked(DProgram program, String digest) {}

  /** @return whether any DIF object of the program has a relocation site */
  public static boolean hasSites(DProgram p) {
    for (Statement s : p.statements()) {
      for (DifObject d : difObjects(s)) {
        if (d.relocations() != null && !d.relocations().isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  static List<DifObject> difObjects(Statement s) {
    java.util.ArrayList<DifObject> l = new java.util.ArrayList<>();
    if (s.predicate() != null) {
      l.add(s.predicate());
    }
    s.actions().forEach(a -> {
      if (a.difo() != null) {
        l.add(a.difo());
      }
    });
    return l;
  }

  /**
   * Links a program against this node's kernel types.
   *
   * @param p the program as the host compiled it
   * @return the relocated program and the digest of the types it was linked against
   * @throws LinkException when a site cannot be resolved here, or linking is unavailable
   */
  public Linked link(DProgram p) throws LinkException {
    ProgramLinker l = linker.get();
    TypeRegistry r = types.get();
    if (l == null || r == null) {
      throw new LinkException("the program reads kernel structures, but this node has no "
          + (l == null ? "program linker" : "type registry") + " active");
    }
    TargetTypes t;
    try {
      t = r.host();
    } catch (TypeResolutionException e) {
      throw new LinkException("this node's kernel types are not readable: " + e.getMessage(), e);
    }
    return new Linked(l.link(p, t), t.digest());
  }

  /**
   * @param s a statement of a linked program
   * @return the kernel memory its clauses read (nothing without an engine)
   */
  public List<MemoryCapture> captures(Statement s) {
    DTraceEngine e = engine.get();
    return e == null ? List.of() : e.captures(s);
  }
}
