; The capture program every kernel provider loads (CaptureProgram): reserve an EventRecord in the
; listener's ring buffer (or count a drop on this CPU), fill the built-ins, let the provider kind
; store its arguments, copy the memory the clauses read, submit without waking the consumer.
;
; Registers: r6 the context, r7 the record, r8 a task (helpers path, sched on-cpu), r9 the probe
; id a multiplexing guard found; r1-r5 scratch. Stack: r10-16 scratch for one pointer read,
; r10-40 the firing probe's stack mask in shared programs.
;
; Record offsets (EventRecord): 0 probe, 4 cpu, 8 pid, 12 tid, 16 uid, 20 gid, 24 ppid,
; 28 errno, 32 curthread, 40 time, 48 comm[16], 64 args[10], 144 kernel stack, 148 user stack.
;
; Holes: ring and drops (map fds), record_size (EventRecord.SIZE plus the capture tail).
; Splices: guard (may jump to out to ignore the firing), probe, builtins, kstack, ustack,
; body (the provider kind's argument stores), tail (CaptureTail's memory copies).

.fragment capture
  r6 = r1
.splice guard out
  r1 = map[${ring}] ll
  r2 = ${record_size}
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 != 0 goto reserved
  ; the ring is full: count the loss in place, no update helper
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = map[${drops}] ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock add *(u64 *)(r0 + 0), r1
out:
  r0 = 0
  exit
reserved:
  r7 = r0
.splice probe
  *(u32 *)(r7 + 28) = 0
  *(u64 *)(r7 + 64) = 0
  *(u64 *)(r7 + 72) = 0
  *(u64 *)(r7 + 80) = 0
  *(u64 *)(r7 + 88) = 0
  *(u64 *)(r7 + 96) = 0
  *(u64 *)(r7 + 104) = 0
  *(u64 *)(r7 + 112) = 0
  *(u64 *)(r7 + 120) = 0
  *(u64 *)(r7 + 128) = 0
  *(u64 *)(r7 + 136) = 0
  call bpf_get_smp_processor_id
  *(u32 *)(r7 + 4) = r0
  call bpf_ktime_get_ns
  *(u64 *)(r7 + 40) = r0
.splice builtins
.splice kstack
.splice ustack
.splice body
.splice tail
  r1 = r7
  r2 = 1                                ; BPF_RB_NO_WAKEUP: the consumer drains on a timer
  call bpf_ringbuf_submit
  r0 = 0
  exit

; ---- the probe id

.fragment probe_id
  *(u32 *)(r7 + 0) = ${probe}

; one program for many uprobes: the cookie is the probe id, its high half the stack mask
.fragment probe_from_cookie
  r1 = r6
  call bpf_get_attach_cookie
  *(u32 *)(r7 + 0) = r0
  r0 >>= 32
  *(u64 *)(r10 - 40) = r0

; one program multiplexing many probes: the guard left the probe id in r9
.fragment probe_from_r9
  *(u32 *)(r7 + 0) = r9

; ---- built-ins

; pid, tid, comm, ppid, uid, gid straight from the BTF-typed current task (the verifier turns
; member loads into fault-safe loads, ~20 ns cheaper than the helpers)
.fragment builtins_task
  call bpf_get_current_task_btf
  *(u64 *)(r7 + 32) = r0
  r1 = *(u32 *)(r0 + ${task.tgid})
  *(u32 *)(r7 + 8) = r1
  r1 = *(u32 *)(r0 + ${task.pid})
  *(u32 *)(r7 + 12) = r1
  r1 = *(u64 *)(r0 + ${task.comm})
  *(u64 *)(r7 + 48) = r1
  r1 = *(u64 *)(r0 + ${task.comm + 8})
  *(u64 *)(r7 + 56) = r1
  r1 = *(u64 *)(r0 + ${task.real_parent})
  r1 = *(u32 *)(r1 + ${task.tgid})
  *(u32 *)(r7 + 24) = r1
  r1 = *(u64 *)(r0 + ${task.real_cred})
  r2 = *(u32 *)(r1 + ${cred.uid})
  *(u32 *)(r7 + 16) = r2
  r2 = *(u32 *)(r1 + ${cred.gid})
  *(u32 *)(r7 + 20) = r2

; the same from helper calls, for kernels without BTF-typed task access; leaves the task in r8
.fragment builtins_helpers
  call bpf_get_current_pid_tgid
  *(u32 *)(r7 + 12) = r0
  r0 >>= 32
  *(u32 *)(r7 + 8) = r0
  call bpf_get_current_uid_gid
  *(u32 *)(r7 + 16) = r0
  r0 >>= 32
  *(u32 *)(r7 + 20) = r0
  r1 = r7
  r1 += 48
  r2 = 16
  call bpf_get_current_comm
  call bpf_get_current_task
  *(u64 *)(r7 + 32) = r0
  r8 = r0

; record.ppid = r8->real_parent->tgid
.fragment ppid_from_r8
  r3 = r8
  r3 += ${task.real_parent}
  r1 = r10
  r1 += -16
  r2 = 8
  call bpf_probe_read_kernel
  r3 = *(u64 *)(r10 - 16)
  r4 = r3
  r3 = r4
  r3 += ${task.tgid}
  r1 = r7
  r1 += 24
  r2 = 4
  call bpf_probe_read_kernel

; no task layout: ppid unknown
.fragment ppid_zero
  *(u32 *)(r7 + 24) = 0

; the built-ins of another task, whose pointer is in r8 (sched:::on-cpu's incoming thread)
.fragment builtins_of_r8
  *(u64 *)(r7 + 32) = r8
  r3 = r8
  r3 += ${task.pid}
  r1 = r7
  r1 += 12
  r2 = 4
  call bpf_probe_read_kernel
  r3 = r8
  r3 += ${task.tgid}
  r1 = r7
  r1 += 8
  r2 = 4
  call bpf_probe_read_kernel
  r3 = r8
  r3 += ${task.comm}
  r1 = r7
  r1 += 48
  r2 = 16
  call bpf_probe_read_kernel
.splice ppid
  r3 = r8
  r3 += ${task.real_cred}
  r1 = r10
  r1 += -16
  r2 = 8
  call bpf_probe_read_kernel
  r3 = *(u64 *)(r10 - 16)
  r9 = r3
  r3 = r9
  r3 += ${cred.uid}
  r1 = r7
  r1 += 16
  r2 = 4
  call bpf_probe_read_kernel
  r3 = r9
  r3 += ${cred.gid}
  r1 = r7
  r1 += 20
  r2 = 4
  call bpf_probe_read_kernel

; ---- stacks: record[field] = bpf_get_stackid(ctx, stacks, flags), or -1

.fragment stack_none
  *(u32 *)(r7 + ${field}) = -1

.fragment stack
  *(u32 *)(r7 + ${field}) = -1
  r1 = r6
  r2 = map[${stacks}] ll
  r3 = ${flags}
  call bpf_get_stackid
  *(u32 *)(r7 + ${field}) = r0

; shared programs: only for the probes whose mask (stack slot -40) has the bit
.fragment stack_masked
  *(u32 *)(r7 + ${field}) = -1
  r1 = *(u64 *)(r10 - 40)
  r1 &= ${mask}
  if r1 == 0 goto skip
  r1 = r6
  r2 = map[${stacks}] ll
  r3 = ${flags}
  call bpf_get_stackid
  *(u32 *)(r7 + ${field}) = r0
skip:

; ---- feature probe

; loads once, at first use, to learn whether this kernel lets a tracing program read the
; BTF-typed current task directly (bpf_get_current_task_btf, 5.11+): every load builtins_task does
.fragment btf_task_loads
  call bpf_get_current_task_btf
  r6 = r0
  r1 = *(u32 *)(r6 + ${task.pid})
  r1 = *(u64 *)(r6 + ${task.comm + 8})
  r1 = *(u64 *)(r6 + ${task.real_parent})
  r1 = *(u32 *)(r1 + ${task.tgid})
  r1 = *(u64 *)(r6 + ${task.real_cred})
  r1 = *(u32 *)(r1 + ${cred.gid})
  r0 = 0
  exit
