; pid provider (UprobeProbe): a BPF_PROG_TYPE_KPROBE program over the user registers, x86_64
; pt_regs: r9 64, r8 72, ax 80, cx 88, dx 96, si 104, di 112, ip 128.

; entry: args[0..5] = di, si, dx, cx, r8, r9 (System V)
.fragment uprobe_entry
  r1 = *(u64 *)(r6 + 112)
  *(u64 *)(r7 + 64) = r1
  r1 = *(u64 *)(r6 + 104)
  *(u64 *)(r7 + 72) = r1
  r1 = *(u64 *)(r6 + 96)
  *(u64 *)(r7 + 80) = r1
  r1 = *(u64 *)(r6 + 88)
  *(u64 *)(r7 + 88) = r1
  r1 = *(u64 *)(r6 + 72)
  *(u64 *)(r7 + 96) = r1
  r1 = *(u64 *)(r6 + 64)
  *(u64 *)(r7 + 104) = r1

; return: arg0 = the address returned to, arg1 = rax
.fragment uprobe_return
  r1 = *(u64 *)(r6 + 128)
  *(u64 *)(r7 + 64) = r1
  r1 = *(u64 *)(r6 + 80)
  *(u64 *)(r7 + 72) = r1
