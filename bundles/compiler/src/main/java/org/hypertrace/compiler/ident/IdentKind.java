package org.hypertrace.compiler.ident;

/** The kinds of identifiers ({@code DT_IDENT_*} in dt_ident.h), with their message names. */
public enum IdentKind {
  ARRAY("associative array"),
  SCALAR("scalar"),
  PTR("pointer"),
  FUNC("function"),
  AGG("aggregation"),
  AGGFUNC("aggregating function"),
  ACTFUNC("tracing function"),
  XLSOU("translated data"),
  XLPTR("pointer to translated data"),
  SYMBOL("external symbol"),
  ENUM("enumerator"),
  PRAGAT("#pragma attributes"),
  PRAGBN("#pragma binding"),
  PROBE("probe");

  private final String label;

  IdentKind(String label) {
    this.label = label;
  }

  /** @return the name dt_idkind_name gives. */
  public String label() {
    return label;
  }
}
