package org.hypertrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRunnerTest {
  @TempDir
  Path dir;

  @Test
  void testRunOne_outputGoesToTheJobsFiles() throws IOException {
    int status = BatchRunner.runOne(new String[] {dir.toString(), "o", "e", "1000", "-V"});
    assertEquals(0, status);
    assertEquals("dtrace: Sun D 1.14\n", Files.readString(dir.resolve("o")));
    assertEquals("", Files.readString(dir.resolve("e")));
  }

  @Test
  void testRunOne_relativeScriptResolvesAgainstJobDir() throws IOException {
    int status = BatchRunner.runOne(new String[] {dir.toString(), "o", "e", "1000", "-s",
        "missing.d"});
    assertEquals(1, status);
    assertEquals("dtrace: failed to open missing.d: No such file or directory\n",
        Files.readString(dir.resolve("e")));
  }

  @Test
  void testRunOne_malformedJob() {
    assertEquals(-1, BatchRunner.runOne(new String[] {dir.toString(), "o"}));
    assertEquals(-1, BatchRunner.runOne(new String[] {dir.toString(), "o", "e", "soon"}));
  }
}
