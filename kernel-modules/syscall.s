; syscall provider: argument stores and the multiplexer's guard (SyscallProvider, SyscallMux).
; x86_64: the raw sys_enter/sys_exit context is (struct pt_regs *regs, long id or ret); pt_regs
; offsets r9 64, r8 72, r10 56, dx 96, si 104, di 112, orig_ax 120, cs 136.

; sys_exit_NAME or sys_exit: args[0] = args[1] = ret, or -1 with errno for -4095..-1
.fragment syscall_return
  r1 = *(u64 *)(r6 + ${ret})
  *(u64 *)(r7 + 64) = r1
  *(u64 *)(r7 + 72) = r1
  if r1 s>= 0 goto done
  if r1 s< -4095 goto done
  r2 = r1
  r2 = -r2
  *(u32 *)(r7 + 28) = r2
  r1 = -1
  *(u64 *)(r7 + 64) = r1
  *(u64 *)(r7 + 72) = r1
done:

; raw sys_enter: r9 = the probe of this call (64-bit calls only, number in range, armed in the
; ${calls} array, whose value is probe id | stack mask << 24), or skip
.fragment mux_guard_entry skip
  r1 = *(u64 *)(r6 + 0)
  r3 = r1
  r3 += 136
  r1 = r10
  r1 += -8
  r2 = 8
  call bpf_probe_read_kernel
  r1 = *(u64 *)(r10 - 8)
  if r1 != 51 goto skip                ; __USER_CS: not a compat call
  r1 = *(u64 *)(r6 + 8)
.splice lookup skip

; raw sys_exit: the number from orig_ax
.fragment mux_guard_exit skip
  r1 = *(u64 *)(r6 + 0)
  r3 = r1
  r3 += 120
  r1 = r10
  r1 += -24
  r2 = 24
  call bpf_probe_read_kernel
  r1 = *(u64 *)(r10 - 8)
  if r1 != 51 goto skip
  r1 = *(u64 *)(r10 - 24)
.splice lookup skip

; the call number in r1 to its probe in r9 and the stack mask at r10-40
.fragment mux_lookup skip
  if r1 >= 512 goto skip
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = map[${calls}] ll
  call bpf_map_lookup_elem
  if r0 == 0 goto skip
  r1 = *(u32 *)(r0 + 0)
  r9 = r1
  r9 &= 0xffffff
  if r9 == 0 goto skip
  r1 >>= 24
  *(u64 *)(r10 - 40) = r1

; raw sys_enter: args[0..5] from the saved user registers di, si, dx, r10, r8, r9
.fragment mux_entry_args
  r1 = *(u64 *)(r6 + 0)
  r3 = r1
  r3 += 56
  r1 = r10
  r1 += -96
  r2 = 88
  call bpf_probe_read_kernel
  r1 = *(u64 *)(r10 - 40)
  *(u64 *)(r7 + 64) = r1
  r1 = *(u64 *)(r10 - 48)
  *(u64 *)(r7 + 72) = r1
  r1 = *(u64 *)(r10 - 56)
  *(u64 *)(r7 + 80) = r1
  r1 = *(u64 *)(r10 - 96)
  *(u64 *)(r7 + 88) = r1
  r1 = *(u64 *)(r10 - 80)
  *(u64 *)(r7 + 96) = r1
  r1 = *(u64 *)(r10 - 88)
  *(u64 *)(r7 + 104) = r1
