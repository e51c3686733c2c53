package org.hypertrace.kernel.ebpf;

/**
 * The eBPF instruction set's constants with the uapi linux/bpf_common.h and linux/bpf.h names, the
 * way OW2 ASM's {@code Opcodes} mirrors the JVMS. An instruction is 8 bytes: opcode (class | size
 * or op | mode or source), dst_reg in the low nibble and src_reg in the high nibble of byte 1, a
 * signed 16-bit offset and a signed 32-bit immediate; BPF_LD | BPF_IMM | BPF_DW takes two slots.
 */
public interface Opcodes {
  // instruction classes (low 3 bits)
  int BPF_LD = 0x00;
  int BPF_LDX = 0x01;
  int BPF_ST = 0x02;
  int BPF_STX = 0x03;
  int BPF_ALU = 0x04;
  int BPF_JMP = 0x05;
  int BPF_JMP32 = 0x06;
  int BPF_ALU64 = 0x07;

  // load/store sizes (bits 3-4)
  int BPF_W = 0x00;
  int BPF_H = 0x08;
  int BPF_B = 0x10;
  int BPF_DW = 0x18;

  // load/store modes (bits 5-7)
  int BPF_IMM = 0x00;
  int BPF_ABS = 0x20;
  int BPF_IND = 0x40;
  int BPF_MEM = 0x60;
  int BPF_MEMSX = 0x80;
  int BPF_ATOMIC = 0xc0;

  // ALU operations (bits 4-7)
  int BPF_ADD = 0x00;
  int BPF_SUB = 0x10;
  int BPF_MUL = 0x20;
  int BPF_DIV = 0x30;
  int BPF_OR = 0x40;
  int BPF_AND = 0x50;
  int BPF_LSH = 0x60;
  int BPF_RSH = 0x70;
  int BPF_NEG = 0x80;
  int BPF_MOD = 0x90;
  int BPF_XOR = 0xa0;
  int BPF_MOV = 0xb0;
  int BPF_ARSH = 0xc0;
  int BPF_END = 0xd0;

  // jump operations (bits 4-7)
  int BPF_JA = 0x00;
  int BPF_JEQ = 0x10;
  int BPF_JGT = 0x20;
  int BPF_JGE = 0x30;
  int BPF_JSET = 0x40;
  int BPF_JNE = 0x50;
  int BPF_JSGT = 0x60;
  int BPF_JSGE = 0x70;
  int BPF_CALL = 0x80;
  int BPF_EXIT = 0x90;
  int BPF_JLT = 0xa0;
  int BPF_JLE = 0xb0;
  int BPF_JSLT = 0xc0;
  int BPF_JSLE = 0xd0;

  // operand source (bit 3)
  int BPF_K = 0x00;
  int BPF_X = 0x08;
  /** BPF_END: to little endian (BPF_K) / big endian (BPF_X). */
  int BPF_TO_LE = 0x00;
  int BPF_TO_BE = 0x08;

  /** BPF_ATOMIC imm: fetch flag and the operations beyond BPF_ADD/OR/AND/XOR. */
  int BPF_FETCH = 0x01;
  int BPF_XCHG = 0xe0 | BPF_FETCH;
  int BPF_CMPXCHG = 0xf0 | BPF_FETCH;

  /** src_reg of BPF_LD | BPF_IMM | BPF_DW: imm is a map file descriptor. */
  int BPF_PSEUDO_MAP_FD = 1;
  /** src_reg of BPF_CALL: a BPF-to-BPF call (not produced by this assembler). */
  int BPF_PSEUDO_CALL = 1;

  // registers
  int R0 = 0;
  int R1 = 1;
  int R2 = 2;
  int R3 = 3;
  int R4 = 4;
  int R5 = 5;
  int R6 = 6;
  int R7 = 7;
  int R8 = 8;
  int R9 = 9;
  /** Read-only frame pointer. */
  int R10 = 10;

  // helper ids (enum bpf_func_id) used by this project's programs
  int BPF_FUNC_map_lookup_elem = 1;
  int BPF_FUNC_map_update_elem = 2;
  int BPF_FUNC_probe_read = 4;
  int BPF_FUNC_ktime_get_ns = 5;
  int BPF_FUNC_get_smp_processor_id = 8;
  int BPF_FUNC_get_current_pid_tgid = 14;
  int BPF_FUNC_get_current_uid_gid = 15;
  int BPF_FUNC_get_current_comm = 16;
  int BPF_FUNC_perf_event_output = 25;
  int BPF_FUNC_get_stackid = 27;
  int BPF_FUNC_get_current_task = 35;
  int BPF_FUNC_probe_read_user = 112;
  int BPF_FUNC_probe_read_kernel = 113;
  int BPF_FUNC_probe_read_user_str = 114;
  int BPF_FUNC_probe_read_kernel_str = 115;
  int BPF_FUNC_ringbuf_output = 130;
  int BPF_FUNC_ringbuf_reserve = 131;
  int BPF_FUNC_ringbuf_submit = 132;
  int BPF_FUNC_ringbuf_discard = 133;
  int BPF_FUNC_get_current_task_btf = 158;
  int BPF_FUNC_get_attach_cookie = 174;

  /** bpf_ringbuf_submit/output flags. */
  long BPF_RB_NO_WAKEUP = 1;
  long BPF_RB_FORCE_WAKEUP = 2;
}
