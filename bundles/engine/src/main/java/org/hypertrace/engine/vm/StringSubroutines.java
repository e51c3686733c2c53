package org.hypertrace.engine.vm;

import static org.hypertrace.api.dif.DifConstants.*;

import org.hypertrace.api.dtrace.DTraceConstants;

/**
 * The string family of DIF subroutines: port of the {@code DIF_SUBR_STR*}, {@code SUBSTR},
 * {@code INDEX}, {@code LLTOSTR}, {@code BASENAME}, {@code DIRNAME}, {@code CLEANPATH},
 * {@code TOUPPER}, {@code INET_*} and {@code STRTOLL} cases of {@code dtrace_dif_subr}. Results
 * are bounded by strsize and placed in scratch.
 */
final class StringSubroutines {
  private StringSubroutines() {}

  static long call(DifSubroutines s, int subr, long[] t, int nargs) {
    MachineState ms = s.machine();
    switch (subr) {
      case DIF_SUBR_STRJOIN: {
        String a = s.string(t[0]);
        String b = a == null ? null : s.string(t[1]);
        return b == null ? 0 : s.stringResult(a + b);
      }
      case DIF_SUBR_SUBSTR: {
        String a = s.string(t[0]);
        return a == null ? 0 : s.stringResult(substr(a, t[1], nargs > 2, t[2], ms.strsize));
      }
      case DIF_SUBR_INDEX:
      case DIF_SUBR_RINDEX: {
        String a = s.string(t[0]);
        String b = a == null ? null : s.string(t[1]);
        if (b == null) {
          return -1;
        }
        return index(a, b, nargs > 2, t[2], subr == DIF_SUBR_RINDEX);
      }
      case DIF_SUBR_STRCHR:
      case DIF_SUBR_STRRCHR: {
        String a = s.string(t[0]);
        if (a == null) {
          return 0;
        }
        char c = (char) (t[1] & 0xff);
        int i = subr == DIF_SUBR_STRCHR ? a.indexOf(c) : a.lastIndexOf(c);
        return i < 0 ? 0 : t[0] + i;
      }
      case DIF_SUBR_STRSTR: {
        String a = s.string(t[0]);
        String b = a == null ? null : s.string(t[1]);
        if (b == null) {
          return 0;
        }
        int i = a.indexOf(b);
        return i < 0 ? 0 : t[0] + i;
      }
      case DIF_SUBR_LLTOSTR: {
        long v = t[0];
        if (nargs > 1) {
          long base = t[1];
          if (base <= 1 || base > 36) {
            ms.fault(DTraceConstants.DTRACEFLT_ILLOP, 0);
            return 0;
          }
          String r = Long.toUnsignedString(v, (int) base);
          if (base == 16) {
            r = "0x" + r;
          } else if (base == 8 && v != 0) {
            r = "0" + r;
          }
          return s.stringResult(base == 10 && v < 0 ? "-" + Long.toUnsignedString(-v) : r);
        }
        return s.stringResult(Long.toString(v));
      }
      case DIF_SUBR_BASENAME:
      case DIF_SUBR_DIRNAME: {
        String a = s.string(t[0]);
        return a == null ? 0 : s.stringResult(pathPart(a, subr == DIF_SUBR_DIRNAME));
      }
      case DIF_SUBR_CLEANPATH: {
        String a = s.string(t[0]);
        return a == null ? 0 : s.stringResult(cleanpath(a));
      }
      case DIF_SUBR_TOUPPER:
      case DIF_SUBR_TOLOWER: {
        String a = s.string(t[0]);
        if (a == null) {
          return 0;
        }
        StringBuilder b = new StringBuilder(a.length());
        for (int i = 0; i < a.length(); i++) {
          char c = a.charAt(i);
          if (subr == DIF_SUBR_TOUPPER && c >= 'a' && c <= 'z') {
            c -= 32;
          } else if (subr == DIF_SUBR_TOLOWER && c >= 'A' && c <= 'Z') {
            c += 32;
          }
          b.append(c);
        }
        return s.stringResult(b.toString());
      }
      case DIF_SUBR_STRTOLL: {
        if (nargs > 1 && (t[1] <= 1 || t[1] > 36)) {
          ms.fault(DTraceConstants.DTRACEFLT_ILLOP, 0);
          return 0;
        }
        String a = s.string(t[0]);
        return a == null ? 0 : strtoll(a, nargs > 1 ? (int) t[1] : 10);
      }
      case DIF_SUBR_JSON: {
        String a = s.string(t[0]);
        String sel = a == null ? null : s.string(t[1]);
        String v = sel == null ? null : JsonSelector.select(a, sel);
        return v == null ? 0 : s.stringResult(v);
      }
      case DIF_SUBR_INET_NTOA:
      case DIF_SUBR_INET_NTOA6:
      case DIF_SUBR_INET_NTOP: {
        int af = subr == DIF_SUBR_INET_NTOP ? (int) t[0] : subr == DIF_SUBR_INET_NTOA ? 2 : 26;
        long a = subr == DIF_SUBR_INET_NTOP ? t[1] : t[0];
        String r = af == 2 ? inet4(ms, a) : af == 26 || af == 10
            ? inet6(ms, a, subr == DIF_SUBR_INET_NTOA6) : null;
        if (r == null) {
          if (ms.fault == 0) {
            ms.fault(DTraceConstants.DTRACEFLT_ILLOP, 0);
          }
          return 0;
        }
        return s.stringResult(r);
      }
      default:
        ms.fault(DTraceConstants.DTRACEFLT_ILLOP, 0);
        return 0;
    }
  }

  private static String inet4(MachineState ms, long a) {
    int o = ms.check(a, 4);
    if (o < 0) {
      return null;
    }
    byte[] h = ms.heap;
    return (h[o] & 0xff) + "." + (h[o + 1] & 0xff) + "." + (h[o + 2] & 0xff) + "."
        + (h[o + 3] & 0xff);
  }

  /** The kernel's inet_ntop(AF_INET6): longest zero run as "::", IPv4-mapped/compatible tail. */
  private static String inet6(MachineState ms, long a, boolean ntoa6) {
    int o = ms.check(a, 16);
    if (o < 0) {
      return null;
    }
    int[] b = new int[16];
    for (int i = 0; i < 16; i++) {
      b[i] = ms.heap[o + i] & 0xff;
    }
    int firstzero = -1;
    int tryzero = -1;
    int numzero = 1;
    for (int i = 0; i < 16; i++) {
      if (b[i] == 0 && tryzero == -1 && i % 2 == 0) {
        tryzero = i;
        continue;
      }
      if (tryzero != -1 && (b[i] != 0 || i == 15)) {
        if (i - tryzero <= numzero) {
          tryzero = -1;
          continue;
        }
        firstzero = tryzero;
        numzero = i - i % 2 - tryzero;
        tryzero = -1;
        if (b[i] == 0 && i == 15) {
          numzero += 2;
        }
      }
    }
    StringBuilder r = new StringBuilder();
    int v6end = 14;
    boolean zero12 = true;
    for (int i = 0; i < 12; i++) {
      zero12 &= i < 10 ? b[i] == 0 : true;
    }
    boolean mapped = zero12 && b[10] == 0xff && b[11] == 0xff;
    boolean compat = zero12 && b[10] == 0 && b[11] == 0
        && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
    if (mapped || compat) {
      for (int i = 15; i >= 12; i--) {
        r.insert(0, b[i]);
        if (i > 12) {
          r.insert(0, '.');
        }
      }
      if (ntoa6) {
        return r.toString();
      }
      v6end = 10;
    }
    for (int i = v6end; i >= 0; i -= 2) {
      if (i == firstzero + numzero - 2) {
        r.insert(0, "::");
        i -= numzero - 2;
        continue;
      }
      if (i < 14 && i != firstzero - 2) {
        r.insert(0, ':');
      }
      r.insert(0, Integer.toHexString((b[i] << 8) + b[i + 1]));
    }
    return r.toString();
  }

  static String substr(String a, long index, boolean hasLen, long length, int size) {
    long len = a.length();
    long remaining = hasLen ? length : size;
    if (index < 0) {
      index += len;
      if (index < 0 && index + remaining > 0) {
        remaining += index;
        index = 0;
      }
    }
    if (index >= len || index < 0) {
      remaining = 0;
    } else if (remaining < 0) {
      remaining += len - index;
    } else if (index + remaining > size) {
      remaining = size - index;
    }
    if (remaining <= 0) {
      return "";
    }
    long end = Math.min(len, index + remaining);
    return a.substring((int) index, (int) end);
  }

  /** index()/rindex(): the kernel's scan, including its empty-string and position rules. */
  static long index(String a, String b, boolean hasStart, long start, boolean reverse) {
    int len = a.length();
    int sub = b.length();
    if (sub == 0 && len == 0) {
      return 0;
    }
    int addr = reverse ? len : 0;
    int limit = reverse ? -1 : len;
    int inc = reverse ? -1 : 1;
    if (hasStart) {
      long pos = start;
      if (reverse) {
        if (pos < 0) {
          return sub == 0 ? 0 : -1;
        }
        pos = Math.min(pos, len);
      } else {
        pos = Math.max(pos, 0);
        if (pos >= len) {
          return sub == 0 ? len : -1;
        }
      }
      addr = (int) pos;
    }
    for (; addr != limit; addr += inc) {
      if (a.startsWith(b, addr)) {
        return addr;
      }
    }
    return -1;
  }

  static String pathPart(String a, boolean dir) {
    int end = a.length();
    while (end > 1 && a.charAt(end - 1) == '/') {
      end--;
    }
    if (end == 0) {
      return ".";
    }
    String p = a.substring(0, end);
    if (p.equals("/")) {
      return "/";
    }
    int slash = p.lastIndexOf('/');
    if (!dir) {
      return p.substring(slash + 1);
    }
    if (slash < 0) {
      return ".";
    }
    int d = slash;
    while (d > 0 && p.charAt(d - 1) == '/') {
      d--;
    }
    return d == 0 ? "/" : p.substring(0, d);
  }

  /** cleanpath(): the kernel's single pass over "//", "/./" and "/../" components. */
  static String cleanpath(String src) {
    int lim = src.length();
    char[] dest = new char[lim + 2];
    int i = 0;
    int j = 0;
    char c;
    do {
      c = i >= lim ? 0 : src.charAt(i++);
      boolean again;
      do {
        again = false;
        if (c == 0) {
          break;
        }
        if (c != '/') {
          dest[j++] = c;
          break;
        }
        c = i >= lim ? 0 : src.charAt(i++);
        if (c == '/') {
          again = true;
          continue;
        }
        if (c != '.') {
          dest[j++] = '/';
          dest[j++] = c;
          break;
        }
        c = i >= lim ? 0 : src.charAt(i++);
        if (c == '/') {
          again = true;
          continue;
        }
        if (c != '.') {
          dest[j++] = '/';
          dest[j++] = '.';
          dest[j++] = c;
          break;
        }
        c = i >= lim ? 0 : src.charAt(i++);
        if (c != '/' && c != 0) {
          dest[j++] = '/';
          dest[j++] = '.';
          dest[j++] = '.';
          dest[j++] = c;
          break;
        }
        i--;
        while (j != 0 && dest[--j] != '/') {
          // back up over the last component
        }
        if (c == 0) {
          dest[++j] = '/';
        }
      } while (again);
    } while (c != 0);
    int end = j;
    for (int k = 0; k < end; k++) {
      if (dest[k] == 0) {
        end = k;
        break;
      }
    }
    return new String(dest, 0, end);
  }

  static long strtoll(String a, int base) {
    int i = 0;
    int n = a.length();
    while (i < n && Character.isWhitespace(a.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < n && (a.charAt(i) == '-' || a.charAt(i) == '+')) {
      neg = a.charAt(i) == '-';
      i++;
    }
    if ((base == 0 || base == 16) && i + 1 < n && a.charAt(i) == '0'
        && (a.charAt(i + 1) == 'x' || a.charAt(i + 1) == 'X')) {
      base = 16;
      i += 2;
    } else if (base == 0) {
      base = i < n && a.charAt(i) == '0' ? 8 : 10;
    }
    long v = 0;
    for (; i < n; i++) {
      int d = Character.digit(a.charAt(i), base);
      if (d < 0) {
        break;
      }
      v = v * base + d;
    }
    return neg ? -v : v;
  }
}
