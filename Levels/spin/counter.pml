/* The Which Level replicated counter, Level 3's cluster, as a Promela model for SPIN.
 *
 * SPIN searches the graph that the Swift explorer (Sources/Level4Exhaustive/Explorer.swift)
 * searches: a state is a Level3Pure.Cluster (compared as in `Cluster.==`, the network as a
 * multiset) plus the budget spent so far (`Explorer.Spent`); a transition is one of
 * `Cluster.enabledChoices()` whose budget allows it, applied as `Cluster.apply(_:)` applies it,
 * and kept only when at most MAXF packets are in flight afterwards. With the same bounds both
 * tools store the same number of states, and pan's "transitions (= stored+matched)" is the
 * explorer's transitions plus one (pan counts the start state as stored, not reached).
 *
 * One process loops over choices; each is a d_step, so only the states between choices are
 * stored. Every guard says when the Swift choice is enabled, within budget, and leaves at most
 * MAXF packets in flight (counted before the choice runs: a d_step cannot be undone). The
 * variables hold exactly what `Cluster.==` compares, so two states are equal here when they are
 * equal there; what the Swift cluster derives from them (the issued set, values) is computed.
 *
 * FIXED=1 models FixedReplica (takes one client request at a time, and acknowledges it once a
 * write holding it is on disk; the requests that come meanwhile wait in flight),
 * FIXED=0 FlawedReplica (a G-Counter that counts a retry again, and acknowledges before its
 * write is done). Assertions check the cluster's safety properties on every state.
 *
 * Bounds come from the command line (spin -a -DR=3 -DC=1 ...); see README.md. The defaults
 * below are `Bounds.course`, what `workshop level4` explores.
 */
#ifndef R
#define R 2          /* replicas (1...4) */
#endif
#ifndef C
#define C 1          /* clients (1...4) */
#endif
#ifndef I
#define I 2          /* increments per client (C * I at most 8) */
#endif
#ifndef A
#define A 2          /* attempts per increment, first included */
#endif
#ifndef MAXF
#define MAXF 4       /* most packets in flight after a choice */
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
#define RETRIES 1    /* client timer firings */
#endif
#ifndef GOSSIPS
#define GOSSIPS 1    /* replica timer firings */
#endif
#ifndef FIXED
#define FIXED 0      /* 1: FixedReplica; 0: FlawedReplica */
#endif
#ifndef SB
#define SB 2         /* bits per slot of a tally: enough for C * I */
#endif

#define NREQ (C * I)           /* requests: c#n (n from 1) is request q = c * I + n - 1 */
#define FLN (MAXF + C)         /* room for the packets in flight (the start has C of them) */

#if R < 1 || R > 4 || C < 1 || C > 4 || I < 1 || NREQ > 8 || MAXF > 8 || NREQ + R * SB > 24
#error "bounds outside the model: 1...4 replicas, 1...4 clients, C * I <= 8, MAXF <= 8"
#endif

/* ---- Tally (Sources/Level3Pure/Tally.swift), packed in one int: bit q says request q is
 * known; above them one SB-bit slot per replica. A FixedReplica's slots stay zero. */
#define KNOWN(t) ((t) & ((1 << NREQ) - 1))
#define SLOT(t, s) (((t) >> (NREQ + (s) * SB)) & ((1 << SB) - 1))
#define ONE(s) (1 << (NREQ + (s) * SB))
#define HAS(mask, q) (((mask) >> (q)) & 1)

/* ---- Packet (Packet.swift), packed in one int: kind, two ends, payload. Never 0, so 0
 * marks a free place.
 *   request(c#n, to: r)      = PACK(REQ, c, (r - c) mod R, n)  (the target as an offset from
 *                                                             the client's home replica)
 *   sync(tally, from: r, to: s) = PACK(SYNC, r, s, tally)
 *   ack(c#n, from: r, to: c) = PACK(ACK, r, c, n) */
#define REQ 1
#define SYNC 2
#define ACK 3
#define PACK(kind, a, b, payload) (((kind) << 28) | ((a) << 26) | ((b) << 24) | (payload))
#define KIND(x) (((x) >> 28) & 3)
#define PA(x) (((x) >> 26) & 3)
#define PB(x) (((x) >> 24) & 3)
#define PAY(x) ((x) & 16777215)
#define REQUEST(cc, to, nn) PACK(REQ, cc, ((to) + R - (cc) % R) % R, nn)
#define REQUEST_TO(x) ((PA(x) + PB(x)) % R)

/* The start (`Cluster.init(scenario:)`): each client's first request is on its way to its home
 * replica (`Scenario.target(of: c, attempt: 0)`): REQUEST(c, c % R, 1) = PACK(REQ, c, 0, 1),
 * in ascending order. An initializer takes only numbers, so here they are, checked: */
#if PACK(REQ, 0, 0, 1) != 268435457 || PACK(REQ, 1, 0, 1) != 335544321 || \
    PACK(REQ, 2, 0, 1) != 402653185 || PACK(REQ, 3, 0, 1) != 469762049
#error "START_NETWORK does not match PACK"
#endif
#if C == 1
#define START_NETWORK 268435457
#elif C == 2
#define START_NETWORK 268435457, 335544321
#elif C == 3
#define START_NETWORK 268435457, 335544321, 402653185
#else
#define START_NETWORK 268435457, 335544321, 402653185, 469762049
#endif

/* ======== The state: what `Cluster.==` and `Explorer.Spent` compare ======== */

/* Cluster.Node, one per replica. A replica that is down keeps only its disk (everything else
 * is zero), as `Node.==` ignores the memory of a replica that is down. */
bit  up[R] = 1;                 /* Node.isUp */
bit  gossipTimer[R] = 1;        /* Node.timers: the gossip timer is pending (started at start) */
int  tally[R];                  /* the replica's tally (memory) */
int  durable[R];                /* FixedReplica.durable: requests known to be on its disk */
byte awaiting[R * NREQ];        /* FixedReplica.awaiting: request q as q + 1, oldest first (its
                                   client is the request's: one number names a PendingAck) */
byte nawaiting[R];
int  disk[R];                   /* Node.disk (0: nothing written; a write always holds a request) */
int  writes[R * NREQ];          /* Node.writes: tallies in flight to the disk, oldest first */
byte nwrites[R];                /* (each write knows more than the last: at most NREQ) */

/* Cluster.ClientNode, one per client. The retry timer, when pending, is always the one of the
 * current attempt (`retry(c#num, attempt: att)`: every start replaces it, and finishing changes
 * neither), so one bit holds it. */
byte num[C] = 1;                /* Client.number (1: the start issued the first request) */
byte att[C] = 1;                /* Client.attempt */
bit  fin[C];                    /* Client.isFinished */
bit  retryTimer[C] = 1;         /* ClientNode.timers: the retry timer is pending */

int  acked;                     /* SpecChecker.acknowledged (issued = c#1...c#num[c]) */

/* Cluster.inFlight as a multiset: sorted, zeros after. (SPIN repeats an initializer's last
 * number to the end of the array: the list ends with the first zero.) */
int  fl[FLN] = { START_NETWORK, 0 };
byte nf = C;

byte drops, dups, crashes, retries, gossips;   /* Explorer.Spent */

/* Scratch, not part of the state: every choice writes them before reading them. */
hidden int pkt, out, tly, held;
hidden byte ix, jx, kx, mx, qx, rx, cx, nx, vx, issued;

/* ======== The network ======== */

/* `Cluster.send`: packet x joins the multiset (kept sorted). */
#define SEND(x) \
  out = (x); jx = nf; \
  do :: jx > 0 && fl[jx - 1] > out -> fl[jx] = fl[jx - 1]; jx-- :: else -> break od; \
  fl[jx] = out; nf++

/* Packet at index ii leaves the network. */
#define REMOVE(ii) \
  jx = (ii); \
  do :: jx + 1 < nf -> fl[jx] = fl[jx + 1]; jx++ :: else -> break od; \
  nf--; fl[nf] = 0

/* The first copy of each distinct packet: `enabledChoices` offers one choice per distinct one. */
#define DISTINCT(ii) ((ii) < nf && ((ii) == 0 || fl[ii] != fl[(ii) - 1]))

/* ======== The clients (Sources/Level3Pure/Client.swift) ======== */

/* `Client.nextIncrement`: issue the next request (to the home replica) with its retry timer, or
 * finish (the timer of the last attempt stays pending). */
#define NEXT_INCREMENT(cc) \
  if \
  :: num[cc] < I -> num[cc]++; att[cc] = 1; SEND(REQUEST(cc, (cc) % R, num[cc])); \
     retryTimer[cc] = 1 \
  :: else -> fin[cc] = 1 \
  fi

/* `Client.step(.replied(.incremented(c#nn)))`: only the current request's ack counts. */
#define REPLIED(cc, nn) \
  if \
  :: !fin[cc] && (nn) == num[cc] -> acked = acked | (1 << ((cc) * I + (nn) - 1)); \
     NEXT_INCREMENT(cc) \
  :: else -> skip \
  fi
/* ... and how many packets it sends. */
#define REPLIED_SENDS(cc, nn) ((!fin[cc] && (nn) == num[cc] && num[cc] < I) -> 1 : 0)

/* How many packets `Client.step(.timerFired(.retry))` sends (FIRE_RETRY below). */
#define RETRY_SENDS(cc) (fin[cc] -> 0 : (att[cc] < A -> 1 : (num[cc] < I -> 1 : 0)))

/* ======== The replicas ======== */

/* `.persist(tally)`: the write joins the replica's writes in flight. */
#define PERSIST(rr) writes[(rr) * NREQ + nwrites[rr]] = tally[rr]; nwrites[rr]++

/* Gossip (`.timerFired(.gossip)`, the same in both replicas): the tally to every peer in
 * ascending order, and the gossip timer started again. */
#define GOSSIP(rr) \
  kx = 0; \
  do \
  :: kx < R -> if :: kx != (rr) -> SEND(PACK(SYNC, rr, kx, tally[rr])) :: else -> skip fi; kx++ \
  :: else -> break \
  od; \
  gossipTimer[rr] = 1

#if FIXED
/* ---- FixedReplica (Sources/Level3Pure/FixedReplica.swift) ---- */

#define VALUE(rr) \
  vx = 0; kx = 0; do :: kx < NREQ -> vx = vx + HAS(tally[rr], kx); kx++ :: else -> break od

/* `.requested(c#nn)`: on disk already, acknowledge; otherwise apply (and write) if new, and
 * wait for the write: `awaiting` gains it unless it is there. */
#define REQUESTED(rr, cc, nn) \
  qx = (cc) * I + (nn) - 1; \
  if \
  :: HAS(durable[rr], qx) -> SEND(PACK(ACK, rr, cc, nn)) \
  :: else -> \
     if \
     :: !HAS(tally[rr], qx) -> tally[rr] = tally[rr] | (1 << qx); PERSIST(rr) \
     :: else -> skip \
     fi; \
     kx = 0; \
     do \
     :: kx < nawaiting[rr] && awaiting[(rr) * NREQ + kx] != qx + 1 -> kx++ \
     :: kx < nawaiting[rr] && awaiting[(rr) * NREQ + kx] == qx + 1 -> break \
     :: else -> awaiting[(rr) * NREQ + kx] = qx + 1; nawaiting[rr]++; break \
     od \
  fi
#define REQUESTED_SENDS(rr, cc, nn) HAS(durable[rr], (cc) * I + (nn) - 1)

/* `isReadyForRequest`: one client request at a time, none while an acknowledgement waits. */
#define READY(rr) (nawaiting[rr] == 0)

/* `.synced(theirs)`: merge (the slots are all zero: a union), and write if it learned. */
#define SYNCED(rr, theirs) \
  if \
  :: (tally[rr] | KNOWN(theirs)) != tally[rr] -> tally[rr] = tally[rr] | KNOWN(theirs); \
     PERSIST(rr) \
  :: else -> skip \
  fi

/* `.persisted(written)`: what it holds is durable; acknowledge, in order, every waiting request
 * that now is, and keep waiting for the others. */
#define PERSISTED(rr, written) \
  durable[rr] = durable[rr] | KNOWN(written); \
  kx = 0; mx = 0; \
  do \
  :: kx < nawaiting[rr] -> \
     qx = awaiting[(rr) * NREQ + kx] - 1; \
     if \
     :: HAS(durable[rr], qx) -> SEND(PACK(ACK, rr, qx / I, qx % I + 1)) \
     :: else -> awaiting[(rr) * NREQ + mx] = qx + 1; mx++ \
     fi; \
     kx++ \
  :: else -> break \
  od; \
  kx = mx; \
  do :: kx < nawaiting[rr] -> awaiting[(rr) * NREQ + kx] = 0; kx++ :: else -> break od; \
  nawaiting[rr] = mx
/* ... and how many acks that sends (the waiting requests the oldest write makes durable). */
#define ACK_ON_WRITE(rr, kk) \
  ((kk) < nawaiting[rr] -> HAS(durable[rr] | KNOWN(writes[(rr) * NREQ]), \
                               awaiting[(rr) * NREQ + (kk)] - 1) : 0)
#define PERSISTED_SENDS(rr) \
  (ACK_ON_WRITE(rr, 0) + ACK_ON_WRITE(rr, 1) + ACK_ON_WRITE(rr, 2) + ACK_ON_WRITE(rr, 3) + \
   ACK_ON_WRITE(rr, 4) + ACK_ON_WRITE(rr, 5) + ACK_ON_WRITE(rr, 6) + ACK_ON_WRITE(rr, 7))

/* `init(restoring: disk)`: the tally from disk, all of it durable, nobody waiting. */
#define RESTORE(rr) tally[rr] = disk[rr]; durable[rr] = KNOWN(disk[rr])

#else
/* ---- FlawedReplica (Sources/Level3Pure/FlawedReplica.swift) ---- */

#define VALUE(rr) \
  vx = 0; kx = 0; do :: kx < R -> vx = vx + SLOT(tally[rr], kx); kx++ :: else -> break od

/* `.requested(c#nn)`: known, acknowledge again; otherwise count it in its own slot, write,
 * and acknowledge at once (before the write is done). */
#define REQUESTED(rr, cc, nn) \
  qx = (cc) * I + (nn) - 1; \
  if \
  :: HAS(tally[rr], qx) -> skip \
  :: else -> tally[rr] = (tally[rr] | (1 << qx)) + ONE(rr); PERSIST(rr) \
  fi; \
  SEND(PACK(ACK, rr, cc, nn))
#define REQUESTED_SENDS(rr, cc, nn) 1

/* `isReadyForRequest`: the protocol's default, every request as it arrives. */
#define READY(rr) 1

/* `.synced(theirs)`: `Tally.merge`, the larger of each slot and the union of the requests. */
#define SYNCED(rr, theirs) \
  tly = tally[rr] | KNOWN(theirs); kx = 0; \
  do \
  :: kx < R -> \
     if \
     :: SLOT(theirs, kx) > SLOT(tly, kx) -> \
        tly = tly + (SLOT(theirs, kx) - SLOT(tly, kx)) * ONE(kx) \
     :: else -> skip \
     fi; \
     kx++ \
  :: else -> break \
  od; \
  tally[rr] = tly

/* `.persisted`: it acknowledged already. */
#define PERSISTED(rr, written) skip
#define PERSISTED_SENDS(rr) 0

#define RESTORE(rr) tally[rr] = disk[rr]
#endif

/* `Cluster.waits`: a request whose replica is up and not ready stays in flight, not
 * deliverable (it may still be dropped or duplicated). */
#define WAITS(x) (KIND(x) == REQ && up[REQUEST_TO(x)] && !READY(REQUEST_TO(x)))

/* What a delivery sends: `Cluster.deliver` steps the receiver (a replica that is down loses
 * the packet). A sync makes no packet. */
#define DELIVERY_SENDS(x) \
  (KIND(x) == REQ -> \
     (up[REQUEST_TO(x)] -> REQUESTED_SENDS(REQUEST_TO(x), PA(x), PAY(x)) : 0) : \
   (KIND(x) == ACK -> REPLIED_SENDS(PB(x), PAY(x)) : 0))

/* ======== The safety properties, on every state ======== */

/* No double counting (`SpecChecker.record(.valueChanged)`): no running replica's value exceeds
 * the distinct increments issued. No lost acknowledged increment (`Cluster.checkHeld`): every
 * acknowledged request is in a running replica's memory, a crashed replica's disk, or a gossip
 * message in flight. */
#define CHECK \
  issued = 0; kx = 0; \
  do :: kx < C -> issued = issued + num[kx]; kx++ :: else -> break od; \
  held = 0; rx = 0; \
  do \
  :: rx < R && up[rx] -> VALUE(rx); assert(vx <= issued); held = held | KNOWN(tally[rx]); rx++ \
  :: rx < R && !up[rx] -> held = held | KNOWN(disk[rx]); rx++ \
  :: else -> break \
  od; \
  ix = 0; \
  do \
  :: ix < nf && KIND(fl[ix]) == SYNC -> held = held | KNOWN(PAY(fl[ix])); ix++ \
  :: ix < nf && KIND(fl[ix]) != SYNC -> ix++ \
  :: else -> break \
  od; \
  assert((acked & ~held) == 0)

/* ======== The choices (`Cluster.enabledChoices`, `Cluster.apply`) ======== */

/* deliver packet ii (`Choice.deliver`). */
#define DELIVER(ii) \
  :: d_step { DISTINCT(ii) && !WAITS(fl[ii]) && nf - 1 + DELIVERY_SENDS(fl[ii]) <= MAXF -> \
       pkt = fl[ii]; REMOVE(ii); \
       if \
       :: KIND(pkt) == REQ -> rx = REQUEST_TO(pkt); cx = PA(pkt); nx = PAY(pkt); \
          if :: up[rx] -> REQUESTED(rx, cx, nx) :: else -> skip fi \
       :: KIND(pkt) == SYNC -> rx = PB(pkt); \
          if :: up[rx] -> SYNCED(rx, PAY(pkt)) :: else -> skip fi \
       :: KIND(pkt) == ACK -> cx = PB(pkt); nx = PAY(pkt); REPLIED(cx, nx) \
       fi; \
       CHECK }

/* drop packet ii (`Choice.drop`). */
#define DROP(ii) \
  :: d_step { drops < DROPS && DISTINCT(ii) && nf - 1 <= MAXF -> \
       drops++; REMOVE(ii); CHECK }

/* duplicate packet ii (`Choice.duplicate`). */
#define DUPLICATE(ii) \
  :: d_step { dups < DUPS && DISTINCT(ii) && nf + 1 <= MAXF -> \
       dups++; SEND(fl[ii]) }

/* fire replica rr's gossip timer (`Choice.fire(.replica)`). */
#define FIRE_GOSSIP(rr) \
  :: d_step { rr < R && gossipTimer[rr] && gossips < GOSSIPS && nf + R - 1 <= MAXF -> \
       gossips++; GOSSIP(rr); CHECK }

/* fire client cc's retry timer (`Choice.fire(.client)`): retry on the next replica, or give up
 * on this request and go on. A timer left pending after the client finished is stale: firing
 * it only removes it. */
#define FIRE_RETRY(cc) \
  :: d_step { cc < C && retryTimer[cc] && retries < RETRIES && nf + RETRY_SENDS(cc) <= MAXF -> \
       retries++; retryTimer[cc] = 0; \
       if \
       :: fin[cc] -> skip \
       :: !fin[cc] && att[cc] < A -> \
          att[cc]++; SEND(REQUEST(cc, (cc + att[cc] - 1) % R, num[cc])); retryTimer[cc] = 1 \
       :: !fin[cc] && att[cc] >= A -> NEXT_INCREMENT(cc) \
       fi }

/* complete replica rr's oldest write (`Choice.completeWrite`): it is on disk, and the replica
 * gets `.persisted`. */
#define COMPLETE_WRITE(rr) \
  :: d_step { rr < R && nwrites[rr] > 0 && nf + PERSISTED_SENDS(rr) <= MAXF -> \
       tly = writes[(rr) * NREQ]; disk[rr] = tly; \
       kx = 1; \
       do \
       :: kx < nwrites[rr] -> writes[(rr) * NREQ + kx - 1] = writes[(rr) * NREQ + kx]; kx++ \
       :: else -> break \
       od; \
       nwrites[rr]--; writes[(rr) * NREQ + nwrites[rr]] = 0; \
       PERSISTED(rr, tly); CHECK }

/* crash replica rr (`Choice.crash`): its memory, its writes in flight and its timers are lost. */
#define CRASH(rr) \
  :: d_step { rr < R && up[rr] && crashes < CRASHES && nf <= MAXF -> \
       crashes++; up[rr] = 0; gossipTimer[rr] = 0; tally[rr] = 0; durable[rr] = 0; \
       kx = 0; \
       do \
       :: kx < NREQ -> awaiting[(rr) * NREQ + kx] = 0; writes[(rr) * NREQ + kx] = 0; kx++ \
       :: else -> break \
       od; \
       nawaiting[rr] = 0; nwrites[rr] = 0; CHECK }

/* restart replica rr from its disk (`Choice.restart`); `.started` starts its gossip timer. */
#define RESTART(rr) \
  :: d_step { rr < R && !up[rr] && nf <= MAXF -> \
       up[rr] = 1; RESTORE(rr); gossipTimer[rr] = 1; CHECK }

active proctype cluster() {
  do
  DELIVER(0) DELIVER(1) DELIVER(2) DELIVER(3) DELIVER(4) DELIVER(5)
  DELIVER(6) DELIVER(7) DELIVER(8) DELIVER(9) DELIVER(10) DELIVER(11)
  DROP(0) DROP(1) DROP(2) DROP(3) DROP(4) DROP(5)
  DROP(6) DROP(7) DROP(8) DROP(9) DROP(10) DROP(11)
  DUPLICATE(0) DUPLICATE(1) DUPLICATE(2) DUPLICATE(3) DUPLICATE(4) DUPLICATE(5)
  DUPLICATE(6) DUPLICATE(7) DUPLICATE(8) DUPLICATE(9) DUPLICATE(10) DUPLICATE(11)
  FIRE_GOSSIP(0) FIRE_GOSSIP(1) FIRE_GOSSIP(2) FIRE_GOSSIP(3)
  FIRE_RETRY(0) FIRE_RETRY(1) FIRE_RETRY(2) FIRE_RETRY(3)
  COMPLETE_WRITE(0) COMPLETE_WRITE(1) COMPLETE_WRITE(2) COMPLETE_WRITE(3)
  CRASH(0) CRASH(1) CRASH(2) CRASH(3)
  RESTART(0) RESTART(1) RESTART(2) RESTART(3)
  od
}
