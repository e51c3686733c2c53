package org.hypertrace.api.types;

/**
 * A program that cannot be linked against a target: a relocation site whose type or member the
 * target lacks, or whose instruction is not a well-formed relocation. The message names the
 * statement, the action (or predicate), the DIF offset, the type, the member and the target digest.
 */
public class LinkException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what cannot be linked, and where */
  public LinkException(String message) {
    super(message);
  }

  /**
   * @param message what cannot be linked, and where
   * @param cause   the underlying resolution failure
   */
  public LinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
