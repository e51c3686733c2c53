package org.hypertrace.api.types;

/**
 * A type or member path that a target cannot resolve. The message names the type, the member and
 * the target's digest.
 */
public class TypeResolutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** type name asked for. */
  private final String typeName;
  /** member path asked for ("" for a type alone). */
  private final String memberPath;
  /** digest of the target asked. */
  private final String digest;

  /**
   * @param typeName   the type asked for
   * @param memberPath the member path asked for, "" for a type alone
   * @param digest     the target's digest
   * @param reason     what is wrong ("no member uid2 in struct cred")
   */
  public TypeResolutionException(String typeName, String memberPath, String digest,
      String reason) {
    super(reason + " (type " + typeName + (memberPath.isEmpty() ? "" : ", member " + memberPath)
        + ", target " + digest + ")");
    this.typeName = typeName;
    this.memberPath = memberPath;
    this.digest = digest;
  }

  /** @return the type asked for */
  public String typeName() {
    return typeName;
  }

  /** @return the member path asked for, "" for a type alone */
  public String memberPath() {
    return memberPath;
  }

  /** @return the digest of the target asked */
  public String digest() {
    return digest;
  }
}
