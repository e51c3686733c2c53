package org.hypertrace.linker.link;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.types.LinkException;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.ProgramRejectedException;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeResolutionException;
import org.hypertrace.linker.dif.DifFormatException;
import org.hypertrace.linker.dif.DifReader;
import org.hypertrace.linker.dif.DifWriter;

/**
 * HyperTrace's program linker: port of {@code dt_prog_link}. Every DIF object of the program (each
 * predicate and action) goes reader → {@link RelocatingVisitor} → writer; statements, actions and
 * options are kept as they are, and a DIF object shared by several statements stays shared.
 * Verification is {@link Verifier}'s. Plain Java with a public no-arg constructor, listed for
 * {@link java.util.ServiceLoader}; the DS component only wraps it.
 */
public final class Linker implements ProgramLinker {
  private final Verifier verifier;

  /** A linker whose verifier logs rejections through {@link System.Logger}. */
  public Linker() {
    this(new Verifier());
  }

  /** @param verifier the verifier to use for {@link #verify} */
  public Linker(Verifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public DProgram link(DProgram base, TargetTypes target) throws LinkException {
    Map<DifObject, DifObject> done = new IdentityHashMap<>();
    List<Statement> out = new ArrayList<>(base.statements().size());
    for (int s = 0; s < base.statements().size(); s++) {
      Statement st = base.statements().get(s);
      DifObject pred = link(st.predicate(), target, Where.of(s, st, -1), done);
      List<ActionDescription> acts = new ArrayList<>(st.actions().size());
      for (int a = 0; a < st.actions().size(); a++) {
        ActionDescription ad = st.actions().get(a);
        DifObject d = link(ad.difo(), target, Where.of(s, st, a), done);
        acts.add(d == ad.difo() ? ad : new ActionDescription(ad.kind(), d, ad.ntuple(), ad.arg(),
            ad.uarg(), ad.format(), ad.aggregation()));
      }
      out.add(new Statement(st.probe(), pred, List.copyOf(acts), st.clause()));
    }
    return new DProgram(List.copyOf(out), base.options(), base.identity());
  }

  /**
   * Links one DIF object.
   *
   * @return the relocated object ({@code difo} itself when it has no relocation sites)
   */
  DifObject link(DifObject difo, TargetTypes target, Where where, Map<DifObject, DifObject> done)
      throws LinkException {
    if (difo == null) {
      return null;
    }
    DifObject prior = done.get(difo);
    if (prior != null) {
      return prior;
    }
    DifObject result;
    if (difo.relocations() == null || difo.relocations().isEmpty()) {
      result = difo;
    } else {
      DifWriter w = new DifWriter(difo);
      RelocatingVisitor v = new RelocatingVisitor(w, target);
      try {
        DifReader.accept(difo, v);
        v.visitEnd();
      } catch (DifFormatException e) {
        throw new LinkException(where + ", " + e.getMessage() + " (target " + target.digest()
            + ")", e);
      } catch (TypeResolutionException e) {
        throw new LinkException(where.at(w.length()) + ": cannot relocate: " + e.getMessage(), e);
      }
      result = w.toDifObject();
    }
    done.put(difo, result);
    return result;
  }

  /** Links a single DIF object (tests, tools); the location reads "statement 0 (-)". */
  public DifObject link(DifObject difo, TargetTypes target) throws LinkException {
    return link(difo, target, new Where(0, "-", 0), new IdentityHashMap<>());
  }

  @Override
  public void verify(DProgram base, DProgram relocated) throws ProgramRejectedException {
    verifier.verify(base, relocated);
  }

  @Override
  public void verify(DProgram base, DProgram relocated, TargetTypes target)
      throws ProgramRejectedException {
    verifier.verify(base, relocated);
    DProgram expected;
    try {
      expected = link(base, target);
    } catch (LinkException e) {
      throw verifier.reject("base program does not link against target " + target.digest()
          + ": " + e.getMessage());
    }
    verifier.compareExactly(expected, relocated, target.digest());
  }
}
