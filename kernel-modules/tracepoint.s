; tracepoint arguments (TracepointProbe): args[i] = a field of the perf tracepoint record,
; sign-extended when the format declares it signed; __data_loc fields give their u32 word.
; Holes: field (offset in the record), arg (offset of args[i] in the EventRecord).

.fragment tp_u8
  r1 = *(u8 *)(r6 + ${field})
  *(u64 *)(r7 + ${arg}) = r1

.fragment tp_u16
  r1 = *(u16 *)(r6 + ${field})
  *(u64 *)(r7 + ${arg}) = r1

.fragment tp_u32
  r1 = *(u32 *)(r6 + ${field})
  *(u64 *)(r7 + ${arg}) = r1

.fragment tp_u64
  r1 = *(u64 *)(r6 + ${field})
  *(u64 *)(r7 + ${arg}) = r1

.fragment tp_s8
  r1 = *(u8 *)(r6 + ${field})
  r1 <<= 56
  r1 s>>= 56
  *(u64 *)(r7 + ${arg}) = r1

.fragment tp_s16
  r1 = *(u16 *)(r6 + ${field})
  r1 <<= 48
  r1 s>>= 48
  *(u64 *)(r7 + ${arg}) = r1

.fragment tp_s32
  r1 = *(u32 *)(r6 + ${field})
  r1 <<= 32
  r1 s>>= 32
  *(u64 *)(r7 + ${arg}) = r1
