package org.hypertrace.engine.vm;

import java.io.ByteArrayOutputStream;
import java.util.IdentityHashMap;
import java.util.Map;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifVariable;
import org.hypertrace.engine.prov.SimpleContext;
import org.hypertrace.engine.vars.VariableLayout;
import org.hypertrace.engine.vars.VariableSpace;

/** A machine for unit tests: validates and loads DIF objects the way the session does. */
final class TestVm {
  final MachineState ms;
  final VariableSpace vars;
  final FiringContext fc = new FiringContext();
  final DifInterpreter vm;
  final SimpleContext ctx = new SimpleContext(42, 7, "java");
  private final Map<DifObject, Difo> loaded = new IdentityHashMap<>();

  TestVm(int strsize, long dynvarsize, DifObject... objs) {
    VariableLayout layout = new VariableLayout(strsize);
    ByteArrayOutputStream consts = new ByteArrayOutputStream();
    consts.write(0);
    Map<DifObject, Integer> offs = new IdentityHashMap<>();
    for (DifObject d : objs) {
      DifValidator.validate(d, false);
      offs.put(d, consts.size());
      consts.writeBytes(d.strTab());
      consts.write(0);
      for (DifVariable v : d.varTab()) {
        layout.declare(v);
      }
    }
    layout.finish(DifSubroutines.NSLOTS, dynvarsize);
    ms = new MachineState(consts.toByteArray(), layout.size(), 64 * 1024, strsize);
    vars = new VariableSpace(ms, layout);
    vm = new DifInterpreter(ms, vars, fc);
    offs.forEach((d, o) -> loaded.put(d, new Difo(d, o)));
    fc.reset(ctx, 1);
  }

  TestVm(DifObject... objs) {
    this(256, 1 << 20, objs);
  }

  long run(DifObject d) {
    ms.resetClause();
    ms.clearFault();
    return vm.run(loaded.get(d));
  }
}
