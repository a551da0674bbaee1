/* The Which Level replicated counter, Level 3's protocol, as a Promela model for SPIN.
 *
 * OUT OF DATE: this models the semantics before the one-interpreter change (instant writes, a
 * gossip timer always pending, the fix acknowledging at once). The Swift explorer now explores
 * Level3Pure.Cluster (writes in flight answered by .persisted, timers as started), so the state
 * counts no longer match; bringing this model up to date is left to do.
 *
 * The same global state and the same choices as Sources/Level4Exhaustive/Explorer.swift, so
 * SPIN and the Swift explorer search the same graph: replicas with per-replica slots and a
 * known-request mask, clients with (number, attempt, finished, retry pending), a sorted array of
 * packets in flight, and fault and timer budgets. One process loops over atomic (d_step)
 * choices; each checks "no double counting" with an assertion.
 *
 * Bounds come from the command line (spin -a -DR=2 -DC=1 ...); see README.md. Defaults below
 * are the workshop's default level4 bounds.
 */
#ifndef R
#define R 2          /* replicas */
#endif
#ifndef C
#define C 1          /* clients */
#endif
#ifndef I
#define I 2          /* increments per client */
#endif
#ifndef A
#define A 2          /* attempts per increment, first included */
#endif
#ifndef MAXF
#define MAXF 4       /* most messages in flight (at most 8 here) */
#endif
#ifndef DROPS
#define DROPS 1
#endif
#ifndef DUPS
#define DUPS 1
#endif
#ifndef CRASHES
#define CRASHES 1
#endif
#ifndef RETRIES
#define RETRIES 1
#endif
#ifndef GOSSIPS
#define GOSSIPS 2
#endif
#ifndef FIXED
#define FIXED 0      /* 1: value = distinct known requests; 0: sum of slots (the flaw) */
#endif
#ifndef SB
#define SB 2         /* bits per slot: enough for C*I */
#endif

#define KB (C * I)                      /* bits of the known-request mask */
#define REQ 1
#define SYNC 2
#define ACK 3
#define PACK(kind, a, b, payload) (((kind) << 28) | ((a) << 24) | ((b) << 20) | (payload))
#define KIND(p) (((p) >> 28) & 3)
#define PA(p) (((p) >> 24) & 15)
#define PB(p) (((p) >> 20) & 15)
#define PAY(p) ((p) & 1048575)

byte slot[R * R];       /* slot[r * R + s]: replica r's count of increments applied by s */
int known[R];           /* bit c * I + n - 1: request n of client c is known */
byte dslot[R * R];      /* the same, on disk */
int dknown[R];
bit up[R];
byte num[C];            /* the increment in progress */
byte att[C];            /* its attempt, from zero (zero once finished) */
bit fin[C];
bit pend[C];            /* the current attempt's retry timer is pending */
int fl[MAXF];           /* packets in flight, ascending, zeros after them */
byte nf;                /* how many */
byte drops, dups, crashes, retries, gossips;

hidden int p, q, tally, v;
hidden byte j, k, r, c, n, issued;

/* fl gains packet x, kept sorted. */
#define SEND(x) \
  q = (x); j = nf; \
  do :: j > 0 && fl[j - 1] > q -> fl[j] = fl[j - 1]; j-- :: else -> break od; \
  fl[j] = q; nf++

/* fl loses the packet at index i. */
#define REMOVE(i) \
  j = (i); \
  do :: j + 1 < nf -> fl[j] = fl[j + 1]; j++ :: else -> break od; \
  nf--; fl[nf] = 0

/* tally := replica rr's tally, packed as in a sync packet. */
#define PACKTALLY(rr) \
  tally = known[rr]; k = 0; \
  do :: k < R -> tally = tally | (slot[(rr) * R + k] << (KB + k * SB)); k++ :: else -> break od

/* The client cc moves to its next increment, or finishes. */
#define NEXT(cc) \
  if \
  :: num[cc] < I -> num[cc]++; att[cc] = 0; \
     SEND(PACK(REQ, cc, (cc) % R, num[cc])); pend[cc] = 1 \
  :: else -> fin[cc] = 1; att[cc] = 0 \
  fi

/* No double counting: no running replica's value exceeds the increments issued. */
#define CHECK \
  issued = 0; k = 0; \
  do :: k < C -> issued = issued + num[k]; k++ :: else -> break od; \
  r = 0; \
  do \
  :: r < R -> \
     v = 0; \
     if \
     :: FIXED -> k = 0; do :: k < KB -> v = v + ((known[r] >> k) & 1); k++ :: else -> break od \
     :: else -> k = 0; do :: k < R -> v = v + slot[r * R + k]; k++ :: else -> break od \
     fi; \
     assert(!up[r] || v <= issued); r++ \
  :: else -> break \
  od

/* Gossip of replica rr to every peer, in ascending order (a gossip timer or a restart). */
#define GOSSIP(rr) \
  PACKTALLY(rr); k = 0; \
  do \
  :: k < R -> if :: k != (rr) -> SEND(PACK(SYNC, rr, k, tally)) :: else -> skip fi; k++ \
  :: else -> break \
  od

#define DISTINCT(i) (i < nf && (i == 0 || fl[i] != fl[i - 1]))

#define DELIVER(i) \
  :: d_step { DISTINCT(i) -> \
       p = fl[i]; REMOVE(i); r = PB(p); \
       if \
       :: KIND(p) == REQ && up[r] -> \
          c = PA(p); n = PAY(p); \
          if \
          :: (known[r] >> (c * I + n - 1)) & 1 -> skip \
          :: else -> \
             known[r] = known[r] | (1 << (c * I + n - 1)); slot[r * R + r]++; \
             if \
             :: CRASHES > 0 -> dknown[r] = known[r]; \
                k = 0; do :: k < R -> dslot[r * R + k] = slot[r * R + k]; k++ :: else -> break od \
             :: else -> skip \
             fi \
          fi; \
          SEND(PACK(ACK, r, c, n)) \
       :: KIND(p) == SYNC && up[r] -> \
          known[r] = known[r] | (PAY(p) & ((1 << KB) - 1)); k = 0; \
          do \
          :: k < R -> \
             v = (PAY(p) >> (KB + k * SB)) & ((1 << SB) - 1); \
             if :: v > slot[r * R + k] -> slot[r * R + k] = v :: else -> skip fi; k++ \
          :: else -> break \
          od \
       :: KIND(p) == ACK -> \
          c = PB(p); \
          if \
          :: !fin[c] && PAY(p) == num[c] -> pend[c] = 0; NEXT(c) \
          :: else -> skip \
          fi \
       :: else -> skip /* lost at a replica that is down */ \
       fi; \
       CHECK; p = 0; q = 0; tally = 0; v = 0; j = 0; k = 0; r = 0; c = 0; n = 0; issued = 0 }

#define DROP(i) \
  :: d_step { drops < DROPS && DISTINCT(i) -> REMOVE(i); drops++; j = 0 }

#define DUPLICATE(i) \
  :: d_step { dups < DUPS && nf < MAXF && DISTINCT(i) -> SEND(fl[i]); dups++; q = 0; j = 0 }

#define RETRY(cc) \
  :: d_step { cc < C && pend[cc] && retries < RETRIES && nf < MAXF -> \
       retries++; pend[cc] = 0; att[cc]++; \
       if \
       :: att[cc] < A -> SEND(PACK(REQ, cc, (cc + att[cc]) % R, num[cc])); pend[cc] = 1 \
       :: else -> NEXT(cc) \
       fi; \
       CHECK; q = 0; j = 0; k = 0; r = 0; v = 0; issued = 0 }

#define FIRE_GOSSIP(rr) \
  :: d_step { rr < R && up[rr] && gossips < GOSSIPS && nf + R - 1 <= MAXF -> \
       gossips++; GOSSIP(rr); tally = 0; q = 0; j = 0; k = 0 }

#define CRASH(rr) \
  :: d_step { rr < R && up[rr] && crashes < CRASHES -> \
       crashes++; up[rr] = 0; known[rr] = 0; \
       k = 0; do :: k < R -> slot[rr * R + k] = 0; k++ :: else -> break od; k = 0 }

#define RESTART(rr) \
  :: d_step { rr < R && !up[rr] && nf + R - 1 <= MAXF -> \
       up[rr] = 1; known[rr] = dknown[rr]; \
       k = 0; do :: k < R -> slot[rr * R + k] = dslot[rr * R + k]; k++ :: else -> break od; \
       GOSSIP(rr); CHECK; tally = 0; q = 0; j = 0; k = 0; r = 0; v = 0; issued = 0 }

active proctype world() {
  d_step {
    r = 0; do :: r < R -> up[r] = 1; r++ :: else -> break od;
    c = 0;
    do
    :: c < C -> NEXT(c); c++
    :: else -> break
    od;
    q = 0; j = 0; r = 0; c = 0
  };
  do
  DELIVER(0) DELIVER(1) DELIVER(2) DELIVER(3) DELIVER(4) DELIVER(5) DELIVER(6) DELIVER(7)
  DROP(0) DROP(1) DROP(2) DROP(3) DROP(4) DROP(5) DROP(6) DROP(7)
  DUPLICATE(0) DUPLICATE(1) DUPLICATE(2) DUPLICATE(3)
  DUPLICATE(4) DUPLICATE(5) DUPLICATE(6) DUPLICATE(7)
  RETRY(0) RETRY(1) RETRY(2) RETRY(3)
  FIRE_GOSSIP(0) FIRE_GOSSIP(1) FIRE_GOSSIP(2) FIRE_GOSSIP(3)
  CRASH(0) CRASH(1) CRASH(2) CRASH(3)
  RESTART(0) RESTART(1) RESTART(2) RESTART(3)
  od
}
