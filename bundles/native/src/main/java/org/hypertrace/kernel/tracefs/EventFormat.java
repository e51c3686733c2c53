package org.hypertrace.kernel.tracefs;

import java.util.List;

/**
 * A tracepoint's record layout: {@code events/GROUP/NAME/format}.
 *
 * @param group  event group ("syscalls", "sched")
 * @param name   event name
 * @param id     the event id perf_event_open takes as config
 * @param common the {@code common_*} header fields
 * @param fields the event's own fields, in order
 */
public record EventFormat(String group, String name, int id, List<FormatField> common,
    List<FormatField> fields) {
  /** @return the field of that name, or null */
  public FormatField field(String fieldName) {
    for (FormatField f : fields) {
      if (f.name().equals(fieldName)) {
        return f;
      }
    }
    return null;
  }
}
