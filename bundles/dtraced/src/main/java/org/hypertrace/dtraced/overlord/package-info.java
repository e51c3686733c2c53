/**
 * The overlord side of dtraced (private): HyperTrace's program distribution made transactional.
 * Map of the pieces: {@code OverlordCore} (registry, active programs in {@code outbound/*.prog},
 * re-send on HELLO, KILL for what ended while a minion was away), {@code MinionSession} (one
 * connection: ACK/NAK, DATA), {@code BaseWatcher} ({@code base/} hand-over from dtrace -E),
 * {@code GuestDialer} (a guest's QEMU virtio-serial socket), {@code Keepalive}, and the DS
 * components {@code OverlordComponent} and {@code MinionsCommand} ({@code dtraced:minions}).
 */
package org.hypertrace.dtraced.overlord;
