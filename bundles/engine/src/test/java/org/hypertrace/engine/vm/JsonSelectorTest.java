package org.hypertrace.engine.vm;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class JsonSelectorTest {
  private static final String DOC = "{ \"vm\": { \"name\": \"web1\", \"cpus\": [2, 4, {\"x\": -1.5e3}]"
      + ", \"up\": true }, \"tags\" : [\"a\\\"b\", null] }";

  @Test
  void testSelect_nestedKeysAndIndexesInBothForms() {
    assertEquals("web1", JsonSelector.select(DOC, "vm.name"));
    assertEquals("4", JsonSelector.select(DOC, "vm.cpus[1]"));
    assertEquals("4", JsonSelector.select(DOC, "vm.cpus.1"));
    assertEquals("-1.5e3", JsonSelector.select(DOC, "vm.cpus[2].x"));
    assertEquals("true", JsonSelector.select(DOC, "vm.up"));
    assertEquals("null", JsonSelector.select(DOC, "tags[1]"));
  }

  @Test
  void testSelect_containersAndStringsAsWritten() {
    assertEquals("[2, 4, {\"x\": -1.5e3}]", JsonSelector.select(DOC, "vm.cpus"));
    assertEquals("a\\\"b", JsonSelector.select(DOC, "tags[0]"));
  }

  @Test
  void testSelect_missingOrMistypedSelectsNothing() {
    assertNull(JsonSelector.select(DOC, "vm.nosuch"));
    assertNull(JsonSelector.select(DOC, "vm.cpus[3]"));
    assertNull(JsonSelector.select(DOC, "vm.name.deeper"));
    assertNull(JsonSelector.select(DOC, "vm[0]"));
    assertNull(JsonSelector.select(DOC, "vm."));
    assertNull(JsonSelector.select("[0x10]", "0"));
  }

  @Test
  void testSelect_streamsUntilFoundButErrorsBeforeItSelectNothing() {
    String s = "[\"ok\", \"bad \\u00zz\", 3]";
    assertEquals("ok", JsonSelector.select(s, "0"));
    assertNull(JsonSelector.select(s, "2"));
    // cut short (strsize): a number without its delimiter is incomplete
    assertNull(JsonSelector.select("{\"a\": 10", "a"));
    assertEquals("10", JsonSelector.select("{\"a\": 10}", "a"));
  }
}
