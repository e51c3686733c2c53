package org.hypertrace.transport.msg;

/** A reassembled program whose SHA-256 is not the one its chunks announced: the receiver NAKs. */
public class ChecksumException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String identity;

  /** @param identity the program @param detail what did not match */
  public ChecksumException(String identity, String detail) {
    super(identity + ": " + detail);
    this.identity = identity;
  }

  /** @return the program identity */
  public String identity() {
    return identity;
  }
}
