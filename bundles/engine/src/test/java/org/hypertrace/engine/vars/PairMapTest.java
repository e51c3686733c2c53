package org.hypertrace.engine.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairMapTest {
  @Test
  void testPairMap_matchesHashMapThroughGrowthAndRemoval() {
    PairMap m = new PairMap();
    Map<String, Integer> ref = new HashMap<>();
    Random rnd = new Random(4);
    for (int step = 0; step < 200_000; step++) {
      // few distinct first keys and clustered second keys, as (variable id, vm << 32 | tid) are
      long a = 0x500 + rnd.nextInt(4);
      long b = ((long) rnd.nextInt(3) << 32) | rnd.nextInt(300);
      String k = a + "/" + b;
      Integer want = ref.get(k);
      assertEquals(want == null ? -1 : want, m.get(a, b), k);
      if (rnd.nextInt(3) == 0) {
        assertEquals(want == null ? -1 : want, m.remove(a, b), k);
        ref.remove(k);
      } else if (want == null) {
        int v = rnd.nextInt(1 << 20);
        m.put(a, b, v);
        ref.put(k, v);
      }
    }
    for (Map.Entry<String, Integer> e : ref.entrySet()) {
      String[] ab = e.getKey().split("/");
      assertEquals(e.getValue(), m.get(Long.parseLong(ab[0]), Long.parseLong(ab[1])));
    }
  }

  @Test
  void testPairMap_zeroValueAndKeysAreStored() {
    PairMap m = new PairMap();
    m.put(0, 0, 0);
    assertEquals(0, m.get(0, 0));
    assertEquals(-1, m.get(0, 1));
    assertEquals(0, m.remove(0, 0));
    assertEquals(-1, m.get(0, 0));
  }
}
