; sched provider (SchedProvider): on-cpu on the raw sched_switch(preempt, prev, next, state)
; tracepoint fires in the outgoing thread; DTrace fires it in the incoming one, so the built-ins
; are those of next (the third u64 argument); arg0 = its tid.

.fragment on_cpu
  r8 = *(u64 *)(r6 + 16)
.splice builtins
  r1 = *(u32 *)(r7 + 12)
  *(u64 *)(r7 + 64) = r1
