package org.hypertrace.dtraced.config;

/** A configuration value that cannot be used; the message names the key and the value. */
public final class InvalidConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final String value;

  /**
   * @param key    the configuration key at fault
   * @param value  its value
   * @param reason why it is refused
   */
  public InvalidConfigException(String key, String value, String reason) {
    super("invalid configuration: " + key + "=" + value + " (" + reason + ")");
    this.key = key;
    this.value = value;
  }

  /** @return the key at fault */
  public String key() {
    return key;
  }

  /** @return the refused value */
  public String value() {
    return value;
  }
}
