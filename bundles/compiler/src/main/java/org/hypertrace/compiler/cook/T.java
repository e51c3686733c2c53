package org.hypertrace.compiler.cook;

import java.util.List;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.parse.Node.Op;

/**
 * The cooked tree: every expression with its D type and node flags, identifiers resolved.
 * libdtrace cooks {@code dt_node_t}s in place ({@code dt_node_cook} sets dn_ctfp/dn_type,
 * dn_flags and dn_ident); we build these immutable nodes instead, and the code generator reads
 * only them.
 */
public sealed interface T {
  /** DT_NF_LVALUE. */
  int LVALUE = 0x1;
  /** DT_NF_WRITABLE. */
  int WRITABLE = 0x2;
  /** DT_NF_BITFIELD. */
  int BITFIELD = 0x4;
  /** DT_NF_USERLAND. */
  int USERLAND = 0x8;

  int line();

  DType type();

  int flags();

  /** Integer constant. */
  record Int(int line, long value, DType type) implements T {
    public int flags() {
      return 0;
    }
  }

  /**
   * HyperTrace: an integer only the target knows ({@code sizeof}, {@code offsetof} of a kernel
   * type under {@code -E}): one usetx site.
   */
  record RelocConst(int line, String typeName, String memberPath, DType type) implements T {
    public int flags() {
      return 0;
    }
  }

  /** String constant. */
  record Str(int line, String value, DType type) implements T {
    public int flags() {
      return 0;
    }
  }

  /** A variable: built-in, global, thread-local or clause-local; arrays carry their keys. */
  record Var(int line, Ident ident, List<T> keys, DType type, int flags) implements T {}

  /** An aggregation with its key tuple and aggregating function call (null when bare). */
  record Agg(int line, Ident ident, List<T> keys, Call fun, DType type) implements T {
    public int flags() {
      return 0;
    }
  }

  /** A subroutine, action or aggregating function call. */
  record Call(int line, Ident fn, List<T> args, DType type) implements T {
    public int flags() {
      return 0;
    }
  }

  /** Unary operator (DEREF, ADDROF, INEG, ..., SIZEOF of an expression, STRINGOF). */
  record Op1(int line, Op op, T child, DType type, int flags) implements T {}

  /** Binary operator or assignment; for LPAR the left side is a {@link Type} (a cast). */
  record Op2(int line, Op op, T left, T right, DType type, int flags) implements T {}

  /** {@code ?:}. */
  record Op3(int line, T cond, T left, T right, DType type) implements T {
    public int flags() {
      return 0;
    }
  }

  /** Member access with the member's bit offset and width. */
  record Member(int line, boolean arrow, T base, String name, long bitOffset, int bitWidth,
      DType type, int flags) implements T {}

  /** {@code xlate<T>(arg)}: a translated struct ({@code ptr} false) or pointer to one. */
  record Xlate(int line, org.hypertrace.compiler.xlate.Translator xlator, T arg, boolean ptr,
      DType type) implements T {
    public int flags() {
      return 0;
    }
  }

  /** A member of a translated struct: the translator's member expression applied to arg. */
  record XlMember(int line, Xlate base, String name, T expr, DType type) implements T {
    public int flags() {
      return 0;
    }
  }

  /**
   * HyperTrace: a member of a kernel struct whose layout only the target knows; code
   * generation leaves usetx/uload relocations for the linker, named by the chain's root type
   * and the D path written so far (the contract of {@code DIF_OP_USETX}).
   *
   * @param typeName the root type of the member chain ("struct task_struct")
   * @param path     the D path from the root to this member ("real_cred->uid.val")
   * @param name     the member's own name ("val")
   */
  record RelocMember(int line, boolean arrow, T base, String typeName, String path, String name,
      DType type, int flags) implements T {}

  /** A use of an inline array: its body evaluated with the parameters bound to the keys. */
  record InlineCall(int line, Ident inline, List<T> args, List<Ident> params, T body,
      DType type) implements T {
    public int flags() {
      return 0;
    }
  }

  /** A type operand (cast target). */
  record Type(int line, DType type) implements T {
    public int flags() {
      return 0;
    }
  }
}
