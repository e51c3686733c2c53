; profile provider (PerfClockProbe): a perf cpu-clock sample's pt_regs (x86_64: ip 128, cs 136).
; arg0 = the interrupted kernel pc (0 in user mode), arg1 = the user pc (0 in kernel mode).

.fragment perf_clock
  r1 = *(u64 *)(r6 + 128)
  r2 = *(u64 *)(r6 + 136)
  r2 &= 3
  if r2 != 0 goto user
  *(u64 *)(r7 + 64) = r1
  goto done
user:
  *(u64 *)(r7 + 72) = r1
done:
