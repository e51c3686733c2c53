package org.hypertrace.cli;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.Statement;

/**
 * The listing {@code dtrace -S} prints on standard error: {@link DCompiler#disassemble} when the
 * compiler offers it; otherwise, when the compiler bundle carries a per-DIFO disassembler
 * ({@code org.hypertrace.compiler.dis.DifDisassembler.disassemble(DifObject)}), each DIF object
 * in assembly order (per clause: predicate, then actions; a DIFO shared by several statements of
 * a clause once). Null when neither exists.
 */
final class DifListing {
  private static final String PER_DIFO = "org.hypertrace.compiler.dis.DifDisassembler";

  private DifListing() {}

  static String of(DCompiler compiler, DProgram program) {
    String whole = compiler.disassemble(program);
    if (whole != null) {
      return whole;
    }
    Method dis;
    try {
      Class<?> c = Class.forName(PER_DIFO, true, compiler.getClass().getClassLoader());
      dis = c.getMethod("disassemble", DifObject.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    Set<DifObject> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    try {
      for (Statement st : program.statements()) {
        list(dis, st.predicate(), seen, b);
        for (ActionDescription a : st.actions()) {
          list(dis, a.difo(), seen, b);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return b.length() == 0 ? null : b.toString();
    }
    return b.toString();
  }

  private static void list(Method dis, DifObject d, Set<DifObject> seen, StringBuilder b)
      throws ReflectiveOperationException {
    if (d != null && seen.add(d)) {
      b.append((String) dis.invoke(null, d));
    }
  }
}
