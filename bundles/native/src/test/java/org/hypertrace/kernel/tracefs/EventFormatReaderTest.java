package org.hypertrace.kernel.tracefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hypertrace.kernel.prov.TestSupport;
import org.junit.jupiter.api.Test;

/** Parsing tracefs format files: a fixed text and the running kernel's. */
class EventFormatReaderTest {
  static final String SWITCH = "name: sched_switch\nID: 316\nformat:\n"
      + "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
      + "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
      + "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
      + "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"
      + "\tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:0;\n"
      + "\tfield:pid_t prev_pid;\toffset:24;\tsize:4;\tsigned:1;\n"
      + "\tfield:long prev_state;\toffset:32;\tsize:8;\tsigned:1;\n"
      + "\tfield:__data_loc char[] name;\toffset:40;\tsize:4;\tsigned:0;\n"
      + "\tfield:const char * filename;\toffset:48;\tsize:8;\tsigned:0;\n\n"
      + "print fmt: \"prev_comm=%s\", REC->prev_comm\n";

  @Test
  void testRead_typesOffsetsArraysAndDataLoc() {
    EventFormat f = EventFormatReader.read("sched", SWITCH);
    assertEquals("sched_switch", f.name());
    assertEquals(316, f.id());
    assertEquals(4, f.common().size());
    assertEquals(5, f.fields().size());
    FormatField comm = f.field("prev_comm");
    assertEquals(new FormatField("char", "prev_comm", 8, 16, false, 16, false), comm);
    assertFalse(comm.isScalar());
    assertEquals("char[16]", comm.argType());
    assertEquals(new FormatField("pid_t", "prev_pid", 24, 4, true, -1, false),
        f.field("prev_pid"));
    assertTrue(f.field("prev_state").isScalar());
    FormatField name = f.field("name");
    assertTrue(name.dataLoc());
    assertEquals("char[]", name.type());
    assertEquals("const char *", f.field("filename").type());
  }

  @Test
  void testRead_malformedFieldIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EventFormatReader.read("g", "name: x\nID: 1\n\tfield:int a;\toffset:zz;\n"));
    assertTrue(e.getMessage().contains("field:int a"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EventFormatReader.read("g", "format:\n"));
  }

  @Test
  void testHost_syscallFormatsOfRunningKernel() {
    TestSupport.assumeRoot();
    Tracefs t = Tracefs.host();
    assertTrue(t.groups().contains("syscalls"));
    assertTrue(t.events("syscalls").size() > 500);
    EventFormat f = t.format("syscalls", "sys_enter_openat");
    assertEquals(16 + 8, f.field("filename").offset());
    assertEquals("const char *", f.field("filename").type());
    assertEquals(16, t.format("syscalls", "sys_exit_openat").field("ret").offset());
  }
}
