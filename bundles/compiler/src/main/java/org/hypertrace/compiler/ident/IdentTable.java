package org.hypertrace.compiler.ident;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hypertrace.api.dif.DifConstants;

/**
 * The identifier hashes of one compilation: port of libdtrace's {@code dt_globals},
 * {@code dt_tls}, {@code dt_aggs} and a clause's {@code pcb_locals} ({@code dt_idhash_t}), each
 * with its own id counter as dt_open.c creates them (user variables from DIF_VAR_OTHER_UBASE,
 * aggregations from 1).
 */
public final class IdentTable {
  /** Which hash. */
  public enum Space { GLOBAL, TLS, LOCAL, AGG }

  private final Map<String, Ident> globals = new LinkedHashMap<>();
  private final Map<String, Ident> tls = new LinkedHashMap<>();
  private final Map<String, Ident> aggs = new LinkedHashMap<>();
  private Map<String, Ident> locals = new LinkedHashMap<>();
  private int nextGlobal = DifConstants.DIF_VAR_OTHER_UBASE;
  private int nextTls = DifConstants.DIF_VAR_OTHER_UBASE;
  private int nextLocal = DifConstants.DIF_VAR_OTHER_UBASE;
  private int nextAgg = 1;
  /** identifiers the lexer saw in assignment position (pcb_idents). */
  private final java.util.Set<String> pcbIdents = new java.util.HashSet<>();

  /** Creates the table with the built-ins (generation 0). */
  public IdentTable() {
    for (Builtins.Entry e : Builtins.table().values()) {
      Proto p = e.kind() == IdentKind.FUNC || e.kind() == IdentKind.ACTFUNC
          || e.kind() == IdentKind.AGGFUNC ? Proto.parse(e.type()) : null;
      int flags = e.writable() ? Ident.WRITE : 0;
      Ident id = new Ident(e.name(), e.kind(), flags, e.id(), null, p, 0);
      globals.put(e.name(), id);
    }
  }

  /** @return whether {@code i} is a built-in (libdtrace's di_gen == 0). */
  public static boolean isBuiltin(Ident i) {
    return i.line() == 0 && Builtins.table().get(i.name()) != null
        && Builtins.table().get(i.name()).id() == i.id() && (i.flags() & Ident.DECL) == 0
        && (i.flags() & Ident.INLINE) == 0;
  }

  private Map<String, Ident> map(Space s) {
    switch (s) {
      case GLOBAL:
        return globals;
      case TLS:
        return tls;
      case LOCAL:
        return locals;
      default:
        return aggs;
    }
  }

  /** @return the identifier, or null. */
  public Ident lookup(Space s, String name) {
    return map(s).get(name);
  }

  /**
   * Creates a user identifier with the next id of its hash.
   *
   * @return the new identifier, or null when the id space is exhausted (D_ID_OFLOW)
   */
  public Ident create(Space s, String name, IdentKind kind, int flags, int line) {
    int id;
    switch (s) {
      case GLOBAL:
        id = nextGlobal++;
        break;
      case TLS:
        id = nextTls++;
        flags |= Ident.TLS;
        break;
      case LOCAL:
        id = nextLocal++;
        flags |= Ident.LOCAL;
        break;
      default:
        id = nextAgg++;
        break;
    }
    if (s != Space.AGG && id > DifConstants.DIF_VAR_OTHER_MAX) {
      return null;
    }
    Ident i = new Ident(name, kind, flags, id, null, null, Math.max(line, 1));
    map(s).put(name, i);
    return i;
  }

  /** dt_reduce: built-ins introduced after {@code version} disappear (option version). */
  public void reduce(int version) {
    globals.values().removeIf(i -> isBuiltin(i)
        && Builtins.table().get(i.name()).version() > version);
  }

  /** Inserts a prepared identifier (inlines) into the global hash. */
  public void putGlobal(Ident i) {
    globals.put(i.name(), i);
  }

  /** Starts a new clause: clause-local variables are per clause (pcb_locals). */
  public void newClauseScope() {
    locals = new LinkedHashMap<>();
    nextLocal = DifConstants.DIF_VAR_OTHER_UBASE;
  }

  /** @return every aggregation in id order. */
  public Iterable<Ident> aggregations() {
    return aggs.values();
  }

  /** Records a lexer-created identifier name. */
  public void notePcbIdent(String s) {
    pcbIdents.add(s);
  }

  /** @return whether the lexer saw {@code s} in an assignment position. */
  public boolean isPcbIdent(String s) {
    return pcbIdents.contains(s);
  }
}
