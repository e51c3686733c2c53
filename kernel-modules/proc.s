; proc provider (ProcProvider): guards keeping one probe's firings of a shared tracepoint, and
; the argument stores no format field gives.

; exec-failure: sys_exit_execve returning an error; arg0 = errno
.fragment exec_failure_guard skip
  r1 = *(u64 *)(r6 + ${ret})
  if r1 s>= 0 goto skip

.fragment exec_failure
  r1 = *(u64 *)(r6 + ${ret})
  r1 = -r1
  *(u64 *)(r7 + 64) = r1
  *(u32 *)(r7 + 28) = r1

; create: task_newtask without CLONE_THREAD; lwp-create: with it
.fragment create_guard skip
  r1 = *(u64 *)(r6 + ${clone_flags})
  r2 = 0x10000 ll
  r1 &= r2
  if r1 != 0 goto skip

.fragment lwp_create_guard skip
  r1 = *(u64 *)(r6 + ${clone_flags})
  r2 = 0x10000 ll
  r1 &= r2
  if r1 == 0 goto skip

; exit: sched_process_exit of the last thread only
.fragment exit_guard skip
  r1 = *(u8 *)(r6 + ${group_dead})
  if r1 == 0 goto skip

; args[i] = DTrace's exit reason of current from task_struct.exit_code: CLD_EXITED 1,
; CLD_KILLED 2, CLD_DUMPED 3
.fragment exit_reason
  call bpf_get_current_task
  r3 = r0
  r3 += ${task.exit_code}
  r1 = r10
  r1 += -16
  r2 = 8
  call bpf_probe_read_kernel
  r3 = *(u64 *)(r10 - 16)
  r2 = r3
  r2 &= 0x7f
  if r2 == 0 goto exited
  r2 = r3
  r2 &= 0x80
  if r2 != 0 goto dumped
  r4 = 2
  goto store
exited:
  r4 = 1
  goto store
dumped:
  r4 = 3
store:
  *(u64 *)(r7 + ${arg}) = r4
